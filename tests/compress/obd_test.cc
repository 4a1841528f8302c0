// OBD's diagonal Hessian against brute-force finite differences, for every parameter of tiny
// networks with one hidden layer (where OBD's diagonal recursion is exact, see obd.h).
//
// The finite difference is the central difference of the loss's gradient, (g_k(θ+εe_k) −
// g_k(θ−εe_k)) / 2ε, a second derivative of the loss along θ_k; differencing the gradient rather
// than the loss value three times keeps float round-off far below the tolerance.
//  - exact form: against the second derivative of the loss itself, Σ_b L_b;
//  - Gauss-Newton form: against the second derivative of the Gauss-Newton objective
//    q(θ) = Σ_b ½ Σ_o H_bo·(out_bo(θ) − out_bo(θ₀))², H = the loss's d²L/dout² at θ₀, whose Hessian
//    at θ₀ is exactly JᵀHJ.
#include "lib/compress/obd.h"

#include <catch2/catch.hpp>

#include "lib/compress/pruning_method.h"
#include "lib/compress/saliency.h"
#include "lib/nn/activation.h"
#include "lib/nn/dense.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

const std::vector<int> kLabels = {0, 1, 2, 1, 0, 2};

Network one_hidden_layer(bool sigmoid) {
  Network net(flat(4));
  net.add(std::make_unique<Dense>(flat(4), 5));
  if (sigmoid) {
    net.add(std::make_unique<Sigmoid>(flat(5)));
  } else {
    net.add(std::make_unique<Relu>(flat(5)));
  }
  net.add(std::make_unique<Dense>(flat(5), 3));
  if (sigmoid) net.add(std::make_unique<Sigmoid>(flat(3)));
  return net;
}

// Writes the gradient of the objective (the summed loss, or q) for every param into `grads`.
void objective_gradient(Network& net, const Loss& loss, const Matrix& x, bool gauss_newton,
                        const Matrix& out0, const Matrix& h0,
                        std::vector<xt::xarray<float>>& grads) {
  const Matrix& out = net.forward(x, Mode::kInfer, nullptr);
  Matrix dout;
  if (gauss_newton) {
    dout = h0 * (out - out0);
  } else {
    loss.evaluate(out, kLabels, &dout);
    dout *= static_cast<float>(x.shape(0));  // Σ_b L_b, not the mean
  }
  net.backward(dout);
  grads.clear();
  for (const Param* p : net.params()) grads.push_back(p->grad);
}

// Returns: per param, the finite-difference second derivative of the objective along each entry.
std::vector<xt::xarray<float>> numeric_curvature(Network& net, const Loss& loss, const Matrix& x,
                                                 SecondOrderForm form) {
  const bool gn = form == SecondOrderForm::kGaussNewton;
  const Matrix out0 = net.forward(x, Mode::kInfer, nullptr);
  Matrix h0;
  loss.second_derivative(out0, kLabels, &h0);
  const float eps = 2e-3f;
  std::vector<xt::xarray<float>> numeric, plus, minus;
  for (Param* p : net.params()) {
    numeric.push_back(xt::zeros<float>(p->value.shape()));
    const size_t t = numeric.size() - 1;
    for (size_t k = 0; k < p->value.size(); ++k) {
      float& v = p->value.data()[k];
      const float saved = v;
      v = saved + eps;
      objective_gradient(net, loss, x, gn, out0, h0, plus);
      v = saved - eps;
      objective_gradient(net, loss, x, gn, out0, h0, minus);
      v = saved;
      numeric[t].data()[k] = static_cast<float>(
          (static_cast<double>(plus[t].data()[k]) - minus[t].data()[k]) / (2.0 * eps));
    }
  }
  return numeric;
}

// Returns: |a − numeric| / max(1e-3, |numeric|).
double relative_error(double a, double numeric) {
  return std::abs(a - numeric) / std::max(1e-3, std::abs(numeric));
}

// Returns: the largest relative error of obd_curvature against numeric_curvature over every entry.
double worst_relative_error(Network& net, const Loss& loss, const Matrix& x, SecondOrderForm form) {
  const std::vector<xt::xarray<float>> numeric = numeric_curvature(net, loss, x, form);
  obd_curvature(net, loss, x, kLabels, form, 4);  // batch 4 < 6 rows: exercises the chunking
  double worst = 0.0;
  const std::vector<Param*> params = net.params();
  for (size_t t = 0; t < params.size(); ++t)
    for (size_t k = 0; k < params[t]->value.size(); ++k) {
      const double a = params[t]->curvature.data()[k], n = numeric[t].data()[k];
      INFO("param " << t << "[" << k << "]: analytic " << a << " numeric " << n);
      CHECK(relative_error(a, n) < 2e-2);
      worst = std::max(worst, relative_error(a, n));
    }
  return worst;
}

TEST_CASE("OBD exact form equals the finite-difference second derivative of the loss") {
  Network net = one_hidden_layer(true);
  randomize_params(net, 21);
  const Matrix x = random_matrix(6, 4, 22, 2.0);
  CHECK(worst_relative_error(net, *make_loss("quadratic"), x, SecondOrderForm::kExact) < 2e-2);
}

TEST_CASE("OBD Gauss-Newton form equals the finite-difference second derivative of JᵀHJ") {
  SECTION("sigmoid units, quadratic cost") {
    Network net = one_hidden_layer(true);
    randomize_params(net, 23);
    CHECK(worst_relative_error(net, *make_loss("quadratic"), random_matrix(6, 4, 24, 2.0),
                               SecondOrderForm::kGaussNewton) < 2e-2);
  }
  SECTION("ReLU units, softmax cross-entropy") {
    Network net = one_hidden_layer(false);
    randomize_params(net, 25);
    CHECK(worst_relative_error(net, *make_loss("softmax_cross_entropy"),
                               random_matrix(6, 4, 26, 2.0), SecondOrderForm::kGaussNewton) < 2e-2);
  }
}

TEST_CASE("the two forms differ where f'' matters, and Gauss-Newton is never negative") {
  Network net = one_hidden_layer(true);
  randomize_params(net, 27);
  const Matrix x = random_matrix(6, 4, 28, 2.0);
  const auto loss = make_loss("quadratic");
  obd_curvature(net, *loss, x, kLabels, SecondOrderForm::kGaussNewton);
  const xt::xarray<float> gn = net.layer(0).param("weight").curvature;
  obd_curvature(net, *loss, x, kLabels, SecondOrderForm::kExact);
  const xt::xarray<float> exact = net.layer(0).param("weight").curvature;
  double largest_gap = 0.0;
  for (size_t k = 0; k < gn.size(); ++k) {
    CHECK(gn.data()[k] >= 0.0f);
    largest_gap =
        std::max(largest_gap, std::abs(static_cast<double>(gn.data()[k]) - exact.data()[k]) /
                                  std::max(1e-3, std::abs(static_cast<double>(gn.data()[k]))));
  }
  CHECK(largest_gap > 0.1);
}

TEST_CASE("OBD saliency is half the curvature times the squared weight") {
  Network net = one_hidden_layer(false);
  randomize_params(net, 29);
  obd_curvature(net, *make_loss("softmax_cross_entropy"), random_matrix(6, 4, 30), kLabels,
                SecondOrderForm::kGaussNewton);
  const Saliencies s = obd_saliency(net);
  REQUIRE(s.size() == 2);
  const Param& w = net.layer(2).param("weight");
  for (size_t k = 0; k < w.value.size(); ++k)
    CHECK(s[1].data()[k] ==
          Approx(0.5 * w.curvature.data()[k] * w.value.data()[k] * w.value.data()[k]));
}

// A sigmoid net with one hidden layer and the seed paper's cost, whose exact diagonal has negative
// entries (checked below), and the request the pruning methods read.
struct SigmoidProblem {
  Network net = one_hidden_layer(true);
  Matrix x = random_matrix(6, 4, 32, 2.0);
  std::unique_ptr<Loss> loss = make_loss("quadratic");
  PruneRequest request;
  SigmoidProblem() {
    randomize_params(net, 31);
    request.train_images = x;
    request.train_labels = &kLabels;
    request.loss = loss.get();
  }
};

// Checks: the saliency of every weight equals ½·h·w² (½·|h|·w² when abs) with h the numeric
// curvature of `form`.
void check_saliency_against_numeric(const std::string& method, SecondOrderForm form, bool abs) {
  SigmoidProblem p;
  const std::vector<xt::xarray<float>> numeric = numeric_curvature(p.net, *p.loss, p.x, form);
  Rng rng(1);
  const Saliencies s = pruning_method(method).saliency(p.net, p.request, rng);
  const std::vector<Param*> params = p.net.params();
  size_t w = 0, checked = 0;
  for (size_t t = 0; t < params.size(); ++t) {
    if (!params[t]->is_weight) continue;
    REQUIRE(w < s.size());
    for (size_t k = 0; k < params[t]->value.size(); ++k) {
      const double h = numeric[t].data()[k], v = params[t]->value.data()[k];
      // Compared as curvatures (saliency / ½w²), so the tolerance does not scale with w².
      INFO(method << " weight " << w << "[" << k << "]: saliency " << s[w].data()[k] << " h " << h);
      CHECK(relative_error(s[w].data()[k] / (0.5 * v * v), abs ? std::abs(h) : h) < 2e-2);
      ++checked;
    }
    ++w;
  }
  CHECK(w == s.size());
  CHECK(checked == 4 * 5 + 5 * 3);
}

TEST_CASE("obd's saliency is half |the exact second derivative| times w squared") {
  check_saliency_against_numeric("obd", SecondOrderForm::kExact, true);
  CHECK(pruning_method("obd").metadata ==
        std::map<std::string, std::string>{{"obd_form", "exact"}, {"obd_sign", "abs"}});
}

TEST_CASE("obd_gn's saliency is half the Gauss-Newton second derivative times w squared") {
  check_saliency_against_numeric("obd_gn", SecondOrderForm::kGaussNewton, false);
  CHECK(pruning_method("obd_gn").metadata ==
        std::map<std::string, std::string>{{"obd_form", "gauss_newton"}, {"obd_sign", "signed"}});
}

TEST_CASE("on a sigmoid net some exact diagonal entries are negative, so obd's |h| matters") {
  SigmoidProblem p;
  obd_curvature(p.net, *p.loss, p.x, kLabels, SecondOrderForm::kExact);
  const Saliencies signed_saliency = obd_saliency(p.net, CurvatureSign::kSigned);
  const Saliencies abs_saliency = obd_saliency(p.net, CurvatureSign::kAbs);
  size_t negative = 0;
  for (size_t t = 0; t < signed_saliency.size(); ++t)
    for (size_t k = 0; k < signed_saliency[t].size(); ++k) {
      const float a = signed_saliency[t].data()[k], b = abs_saliency[t].data()[k];
      negative += a < 0.0f;
      CHECK(b == std::abs(a));
    }
  CHECK(negative > 0);
  Rng rng(1);
  CHECK_THROWS_WITH(pruning_method("obd_gn").saliency(p.net, PruneRequest{}, rng),
                    "prune_network: obd_gn needs the training set and the loss");
}

}  // namespace
}  // namespace nnc
