#include "tests/nn/gradient_check.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <functional>

namespace nnc {
namespace {

// Chooses up to `max` coordinates of a tensor of n values, deterministically.
std::vector<size_t> sample_indices(size_t n, size_t max, Rng& rng) {
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = i;
  if (n <= max) return idx;
  for (size_t i = 0; i < max; ++i) std::swap(idx[i], idx[i + rng.below(n - i)]);
  idx.resize(max);
  std::sort(idx.begin(), idx.end());
  return idx;
}

// Compares analytic derivatives of f with respect to values[idx] with central differences.
void compare(const std::string& tensor, float* values, const float* analytic,
             const std::vector<size_t>& idx, const std::function<double()>& f,
             const CheckOptions& o, CheckReport& report) {
  auto central = [&](size_t i, double eps) {
    const float saved = values[i];
    values[i] = static_cast<float>(saved + eps);
    const double up = f();
    values[i] = static_cast<float>(saved - eps);
    const double down = f();
    values[i] = saved;
    // The step actually taken in float, not eps, is the denominator.
    const double step = static_cast<double>(static_cast<float>(saved + eps)) -
                        static_cast<double>(static_cast<float>(saved - eps));
    return (up - down) / step;
  };
  for (const size_t i : idx) {
    const double a = analytic[i];
    const double n1 = central(i, o.eps), n2 = central(i, o.eps / 2);
    const double scale = std::max({1.0, std::abs(a), std::abs(n1)});
    if (std::abs(n1 - n2) > o.tol * scale) {
      ++report.kinks;
      continue;
    }
    ++report.checked;
    const double err = std::abs(a - n1) / scale;
    if (err > o.tol) ++report.failures;
    if (err >= report.max_error) {
      report.max_error = err;
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s[%zu]: analytic %.6g numeric %.6g", tensor.c_str(), i, a,
                    n1);
      report.worst = buf;
    }
  }
}

}  // namespace

Matrix random_matrix(size_t batch, size_t n, uint64_t seed, double scale) {
  Rng rng(seed);
  Matrix m({batch, n});
  for (float& v : m) {
    double s = rng.normal();
    if (std::abs(s) < 0.05) s = s < 0 ? -0.05 - std::abs(s) : 0.05 + s;
    v = static_cast<float>(s * scale);
  }
  return m;
}

void randomize_params(Network& net, uint64_t seed) {
  Rng rng(seed);
  for (size_t l = 0; l < net.size(); ++l)
    for (Param& p : net.layer(l).params()) {
      const double fan_in = p.value.dimension() == 2 ? static_cast<double>(p.value.shape(1)) : 1;
      const double sd = p.is_weight ? 1.0 / std::sqrt(fan_in) : 0.1;
      for (float& v : p.value) v = static_cast<float>(sd * rng.normal());
      p.apply_mask();
    }
}

CheckReport check_layer(Layer& layer, const Matrix& x_in, const CheckOptions& o) {
  Matrix x = x_in, y, dx;
  const Rng stream(o.seed + 100);
  Rng r0 = stream;
  layer.forward(x, y, o.mode, &r0);
  const Matrix r = random_matrix(y.shape(0), y.shape(1), o.seed + 200);
  auto objective = [&]() {
    Matrix out;
    Rng rr = stream;
    layer.forward(x, out, o.mode, &rr);
    double s = 0.0;
    for (size_t i = 0; i < out.size(); ++i) s += static_cast<double>(out.data()[i]) * r.data()[i];
    return s;
  };
  // Analytic pass on the unperturbed point (forward again so the layer's scratch matches).
  Rng r1 = stream;
  layer.forward(x, y, o.mode, &r1);
  layer.backward(x, y, r, &dx);
  std::vector<xt::xarray<float>> grads;
  for (const Param& p : layer.params()) grads.push_back(p.grad);

  CheckReport report;
  Rng pick(o.seed + 300);
  compare(layer.kind() + ".input", x.data(), dx.data(),
          sample_indices(x.size(), o.max_per_tensor, pick), objective, o, report);
  for (size_t k = 0; k < layer.params().size(); ++k) {
    Param& p = layer.params()[k];
    compare(layer.kind() + "." + p.name, p.value.data(), grads[k].data(),
            sample_indices(p.value.size(), o.max_per_tensor, pick), objective, o, report);
  }
  return report;
}

CheckReport check_loss(const Loss& loss, const Matrix& out_in, const std::vector<int>& labels,
                       const CheckOptions& o) {
  Matrix out = out_in, dout;
  loss.evaluate(out, labels, &dout);
  CheckReport report;
  Rng pick(o.seed + 300);
  compare(
      loss.name() + ".output", out.data(), dout.data(),
      sample_indices(out.size(), o.max_per_tensor, pick),
      [&]() { return loss.evaluate(out, labels, nullptr); }, o, report);
  return report;
}

CheckReport check_network(Network& net, const Loss& loss, const Matrix& x,
                          const std::vector<int>& labels, const CheckOptions& o) {
  const Rng stream(o.seed + 100);
  Matrix dout;
  Rng r0 = stream;
  loss.evaluate(net.forward(x, o.mode, &r0), labels, &dout);
  net.backward(dout);
  std::vector<Param*> params = net.params();
  std::vector<xt::xarray<float>> grads;
  for (const Param* p : params) grads.push_back(p->grad);
  auto objective = [&]() {
    Rng rr = stream;
    return loss.evaluate(net.forward(x, o.mode, &rr), labels, nullptr);
  };
  CheckReport report;
  Rng pick(o.seed + 300);
  for (size_t k = 0; k < params.size(); ++k) {
    Param& p = *params[k];
    std::vector<size_t> idx = sample_indices(p.value.size(), o.max_per_tensor, pick);
    if (p.masked()) {
      std::vector<size_t> kept;
      for (const size_t i : idx) {
        if (p.mask.data()[i] != 0.0f) {
          kept.push_back(i);
        } else if (grads[k].data()[i] != 0.0f || p.value.data()[i] != 0.0f) {
          ++report.failures;
          report.worst =
              "masked " + p.name + "[" + std::to_string(i) + "] has a nonzero value or grad";
        }
      }
      idx = kept;
    }
    compare("param" + std::to_string(k) + "." + p.name, p.value.data(), grads[k].data(), idx,
            objective, o, report);
  }
  return report;
}

void randomize_layer(Layer& layer, uint64_t seed) {
  Rng rng(seed);
  for (Param& p : layer.params())
    for (float& v : p.value) v = static_cast<float>(0.5 * rng.normal());
}

void fill_normal(Network& net, uint64_t seed, double sd) {
  Rng rng(seed);
  for (Param* p : net.params())
    for (float& v : p->value) v = static_cast<float>(sd * rng.normal());
}

void require_passes(const CheckReport& r, size_t min_checked) {
  INFO("checked " << r.checked << " kinks " << r.kinks << " worst " << r.worst);
  CHECK(r.failures == 0);
  CHECK(r.checked >= min_checked);
  CHECK(r.kinks * 20 <= r.checked);
}

}  // namespace nnc
