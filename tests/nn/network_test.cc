// Whole small networks through the finite-difference checker (with and without masks), the
// network's value semantics, prediction from batches filled on demand, and the second-order pass on
// a case where it is exact.
#include "lib/nn/network.h"

#include <catch2/catch.hpp>

#include "lib/io/pixels.h"
#include "lib/nn/activation.h"
#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/dropout.h"
#include "lib/nn/max_pool.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

Network mlp(bool sigmoid, double dropout) {
  Network net(flat(8));
  if (dropout > 0) net.add(std::make_unique<Dropout>(flat(8), dropout));
  net.add(std::make_unique<Dense>(flat(8), 6));
  if (sigmoid) {
    net.add(std::make_unique<Sigmoid>(flat(6)));
  } else {
    net.add(std::make_unique<Relu>(flat(6)));
  }
  net.add(std::make_unique<Dense>(flat(6), 3));
  if (sigmoid) net.add(std::make_unique<Sigmoid>(flat(3)));
  return net;
}

const std::vector<int> kLabels = {0, 2, 1, 2, 0};

TEST_CASE("a ReLU MLP with softmax cross-entropy passes the gradient check") {
  Network net = mlp(false, 0.0);
  randomize_params(net, 1);
  require_passes(
      check_network(net, *make_loss("softmax_cross_entropy"), random_matrix(5, 8, 2), kLabels), 60);
}

TEST_CASE("a sigmoid MLP with the quadratic cost passes the gradient check") {
  Network net = mlp(true, 0.0);
  randomize_params(net, 3);
  require_passes(check_network(net, *make_loss("quadratic"), random_matrix(5, 8, 4), kLabels), 60);
}

TEST_CASE("an MLP with dropout passes the gradient check in training mode") {
  Network net = mlp(false, 0.25);
  randomize_params(net, 5);
  CheckOptions o;
  o.mode = Mode::kTrain;
  require_passes(
      check_network(net, *make_loss("softmax_cross_entropy"), random_matrix(5, 8, 6), kLabels, o),
      60);
}

TEST_CASE("a small LeNet-like conv net passes the gradient check") {
  Network net(Shape{8, 8, 1});
  net.add(std::make_unique<Conv2d>(Shape{8, 8, 1}, 3, 3));  // 6x6x3
  net.add(std::make_unique<MaxPool>(Shape{6, 6, 3}, 2));    // 3x3x3
  net.add(std::make_unique<Relu>(Shape{3, 3, 3}));
  net.add(std::make_unique<Conv2d>(Shape{3, 3, 3}, 4, 2));  // 2x2x4
  net.add(std::make_unique<Dense>(Shape{2, 2, 4}, 3));
  randomize_params(net, 7);
  require_passes(
      check_network(net, *make_loss("softmax_cross_entropy"), random_matrix(5, 64, 8), kLabels),
      80);
}

TEST_CASE("a conv fused with its max-pool gives the two layers' results bit for bit") {
  // 12x12x4 conv output: 10 KiB of cols per sample, so a batch of 60 runs in chunks (25, 25, 10);
  // a 5x5 pool leaves ragged edges. Network fuses conv + pool; the reference runs them apart.
  Network net(Shape{14, 14, 2});
  net.add(std::make_unique<Conv2d>(Shape{14, 14, 2}, 4, 3));
  net.add(std::make_unique<MaxPool>(Shape{12, 12, 4}, 5));
  net.add(std::make_unique<Relu>(Shape{2, 2, 4}));
  net.add(std::make_unique<Conv2d>(Shape{2, 2, 4}, 3, 2));
  net.add(std::make_unique<MaxPool>(Shape{1, 1, 3}, 1));
  randomize_params(net, 14);
  Network apart = net;
  const Matrix x = random_matrix(60, 14 * 14 * 2, 15);
  const Matrix dout = random_matrix(60, 3, 16);
  const Matrix y = net.forward(x, Mode::kTrain, nullptr);
  net.backward(dout);
  std::vector<Matrix> acts(apart.size()), grads(apart.size());
  for (size_t i = 0; i < apart.size(); ++i)
    apart.layer(i).forward(i == 0 ? x : acts[i - 1], acts[i], Mode::kTrain, nullptr);
  for (size_t i = apart.size(); i-- > 0;)
    apart.layer(i).backward(i == 0 ? x : acts[i - 1], acts[i],
                            i + 1 == apart.size() ? dout : grads[i],
                            i == 0 ? nullptr : &grads[i - 1]);
  const bool same_output = y == acts.back();
  CHECK(same_output);
  const std::vector<Param*> fused = net.params(), reference = apart.params();
  REQUIRE(fused.size() == reference.size());
  for (size_t i = 0; i < fused.size(); ++i) {
    INFO("param " << i);
    const bool same_grad = fused[i]->grad == reference[i]->grad;
    CHECK(same_grad);
  }
}

TEST_CASE("masked weights have zero gradient and the rest still pass the check") {
  Network net = mlp(false, 0.0);
  randomize_params(net, 9);
  Rng rng(10);
  for (Param* p : net.params())
    if (p->is_weight) {
      xt::xarray<float> mask = xt::ones<float>(p->value.shape());
      for (float& m : mask) m = rng.uniform() < 0.5f ? 0.0f : 1.0f;
      p->set_mask(mask);
    }
  const CheckReport r =
      check_network(net, *make_loss("softmax_cross_entropy"), random_matrix(5, 8, 11), kLabels);
  INFO(r.worst);
  CHECK(r.failures == 0);
  CHECK(r.checked >= 20);
  for (const Param* p : net.params())
    for (size_t i = 0; i < p->value.size(); ++i)
      if (p->masked() && p->mask.data()[i] == 0.0f) {
        REQUIRE(p->value.data()[i] == 0.0f);
        REQUIRE(p->grad.data()[i] == 0.0f);
      }
}

TEST_CASE("a network is a value: copies are deep") {
  Network a = mlp(false, 0.0);
  randomize_params(a, 12);
  Network b = a;
  b.params()[0]->value.data()[0] += 1.0f;
  CHECK(a.params()[0]->value.data()[0] != b.params()[0]->value.data()[0]);
  const Matrix x = random_matrix(2, 8, 13);
  Network c = a;
  const bool same_output =
      a.forward(x, Mode::kInfer, nullptr) == c.forward(x, Mode::kInfer, nullptr);
  CHECK(same_output);
  CHECK(a.weight_count() == 8 * 6 + 6 * 3);
  Network bad(flat(4));
  CHECK_THROWS_WITH(bad.add(std::make_unique<Dense>(flat(5), 2)),
                    Catch::Contains("1x1x5") && Catch::Contains("1x1x4"));
}

TEST_CASE("the second-order pass equals the exact diagonal where it is exact") {
  // One dense layer under sigmoid + quadratic cost: each weight reaches the loss through one unit,
  // so the exact form gives d²L/dw² exactly (LeCun et al. 1990, eq. 7-9, no off-diagonal terms).
  Network net(flat(5));
  net.add(std::make_unique<Dense>(flat(5), 3));
  net.add(std::make_unique<Sigmoid>(flat(3)));
  randomize_params(net, 14);
  const Matrix x = random_matrix(4, 5, 15);
  const std::vector<int> labels = {0, 1, 2, 1};
  auto loss = make_loss("quadratic");
  Matrix dout, d2out;
  const Matrix& out = net.forward(x, Mode::kInfer, nullptr);
  loss->evaluate(out, labels, &dout);
  loss->second_derivative(out, labels, &d2out);
  // The pass works on the summed loss: dout of the mean loss times the batch.
  dout *= 4.0f;
  net.backward_second_order(dout, d2out, SecondOrderForm::kExact);
  Param& w = *net.params()[0];
  for (size_t i = 0; i < w.value.size(); ++i) {
    const float saved = w.value.data()[i];
    const double h = 0.05;  // float loss: a smaller step drowns in rounding
    auto L = [&](double v) {
      w.value.data()[i] = static_cast<float>(v);
      return loss->evaluate(net.forward(x, Mode::kInfer, nullptr), labels, nullptr);
    };
    const double fd = (L(saved + h) - 2 * L(saved) + L(saved - h)) / (h * h) * 4;  // x batch
    w.value.data()[i] = saved;
    CHECK(w.curvature.data()[i] == Approx(fd).epsilon(2e-2).margin(5e-4));
  }
}

TEST_CASE("predictions from stored bytes read in place equal those from their pixel values") {
  Network net = mlp(false, 0.0);
  randomize_params(net, 14);
  IdxImages images{7, 2, 4, std::vector<uint8_t>(7 * 8)};
  for (size_t i = 0; i < images.pixels.size(); ++i)
    images.pixels[i] = static_cast<uint8_t>(i * 53 % 256);
  Matrix x({7, 8});
  pixel_values(images.pixels.data(), images.pixels.size(), x.data());
  const std::vector<int> from_bytes = predict(net, InputRows(images), 3);
  CHECK(from_bytes == predict(net, x, 3));
  const std::vector<int> labels(from_bytes.begin(), from_bytes.end());
  CHECK(error_rate(from_bytes, labels) == 0.0);
  CHECK(classification_error(net, x, std::vector<int>(7, -1)) == 1.0);
  CHECK_THROWS_WITH(error_rate(from_bytes, {0}), "error_rate: 7 predictions but 1 labels");
}

TEST_CASE("requesting rows ahead is a hint: rows read, and the rows, stay as they were") {
  IdxImages images{7, 2, 4, std::vector<uint8_t>(7 * 8)};
  for (size_t i = 0; i < images.pixels.size(); ++i)
    images.pixels[i] = static_cast<uint8_t>(i * 29 % 256);
  const std::vector<uint8_t> stored = images.pixels;
  Matrix floats({7, 8});
  pixel_values(images.pixels.data(), images.pixels.size(), floats.data());
  const Matrix stored_floats = floats;
  const std::vector<size_t> rows = {6, 0, 3, 6};  // the last row, and one twice
  for (const InputRows& src : {InputRows(images), InputRows(floats)}) {
    Matrix before, after;
    src.gather(rows.data(), rows.size(), before);
    src.prefetch(rows.data(), rows.size());
    src.prefetch(rows.data(), 0);
    src.gather(rows.data(), rows.size(), after);
    CHECK(bool(after == before));
  }
  CHECK(images.pixels == stored);
  CHECK(bool(floats == stored_floats));
}

}  // namespace
}  // namespace nnc
