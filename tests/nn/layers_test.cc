// Every layer kind and loss through the generic finite-difference checker, plus the layer
// contract's error cases and the registry.
#include <catch2/catch.hpp>
#include <cmath>

#include "lib/nn/activation.h"
#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/dropout.h"
#include "lib/nn/max_pool.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

TEST_CASE("dense passes the gradient check") {
  Dense layer(flat(7), 5);
  randomize_layer(layer, 1);
  require_passes(check_layer(layer, random_matrix(4, 7, 2)), 4 * 7 + 35 + 5);
}

TEST_CASE("conv2d passes the gradient check") {
  Conv2d layer(Shape{6, 5, 2}, 3, 3);
  CHECK(layer.out_shape() == Shape{4, 3, 3});
  randomize_layer(layer, 3);
  require_passes(check_layer(layer, random_matrix(2, 60, 4)), 100);
}

TEST_CASE("conv2d passes the gradient check across its cache-sized batch chunks") {
  // 16x16 outputs x 5·5·8 inputs = 200 KiB of cols per sample: every sample is its own chunk.
  Conv2d layer(Shape{20, 20, 8}, 2, 5);
  randomize_layer(layer, 14);
  CheckOptions o;
  o.max_per_tensor = 150;
  o.eps = 0.05;  // the layer is linear (no truncation error); a wide step beats float rounding
                 // of an objective summed over 1536 outputs
  require_passes(check_layer(layer, random_matrix(3, 3200, 15), o), 300);
}

TEST_CASE("max_pool passes the gradient check and drops a ragged edge") {
  MaxPool layer(Shape{5, 4, 3}, 2);
  CHECK(layer.out_shape() == Shape{2, 2, 3});
  require_passes(check_layer(layer, random_matrix(2, 60, 5)), 100);
}

TEST_CASE(
    "the 2x2 max-pool equals a plain window loop bit for bit, ties and ragged edges included") {
  // Pixel values from {0, 1, 2}: most windows hold ties, where the first maximum (row-major in
  // the window) must win, in the forward and in where the backward sends the gradient.
  const Shape in{7, 9, 3};  // odd sides: the last row and column belong to no window
  MaxPool pool(in, 2);
  Matrix x = random_matrix(4, in.size(), 31);
  for (float& v : x) v = static_cast<float>(static_cast<int>(std::abs(v) * 3.0f) % 3);
  const Matrix dy = random_matrix(4, pool.out_shape().size(), 32);
  Matrix y, dx;
  pool.forward(x, y, Mode::kTrain, nullptr);
  pool.backward(x, y, dy, &dx);
  const Shape out = pool.out_shape();
  for (size_t b = 0; b < 4; ++b)
    for (size_t oy = 0; oy < out.height; ++oy)
      for (size_t ox = 0; ox < out.width; ++ox)
        for (size_t ch = 0; ch < in.channels; ++ch) {
          size_t best = 0;  // window position 0..3 of the first maximum
          auto at = [&](size_t k) {
            return ((2 * oy + k / 2) * in.width + 2 * ox + k % 2) * in.channels + ch;
          };
          for (size_t k = 1; k < 4; ++k)
            if (x(b, at(k)) > x(b, at(best))) best = k;
          const size_t o = (oy * out.width + ox) * in.channels + ch;
          CHECK(y(b, o) == x(b, at(best)));
          for (size_t k = 0; k < 4; ++k) CHECK(dx(b, at(k)) == (k == best ? dy(b, o) : 0.0f));
        }
  for (size_t b = 0; b < 4; ++b)  // the ragged last row and column get no gradient
    for (size_t i = 0; i < in.size(); ++i) {
      const size_t row = i / (in.width * in.channels), col = i / in.channels % in.width;
      if (row == in.height - 1 || col == in.width - 1) CHECK(dx(b, i) == 0.0f);
    }
}

TEST_CASE("relu and sigmoid pass the gradient check") {
  Relu relu(flat(10));
  require_passes(check_layer(relu, random_matrix(3, 10, 6)), 30);
  Sigmoid sigmoid(flat(10));
  require_passes(check_layer(sigmoid, random_matrix(3, 10, 7)), 30);
}

TEST_CASE("dropout passes the gradient check in training and is the identity in inference") {
  Dropout layer(flat(50), 0.25);
  CheckOptions train;
  train.mode = Mode::kTrain;
  require_passes(check_layer(layer, random_matrix(4, 50, 8), train), 200);
  const Matrix x = random_matrix(4, 50, 9);
  Matrix y;
  layer.forward(x, y, Mode::kInfer, nullptr);
  const bool identity = y == x;
  CHECK(identity);
  Rng rng(1);
  layer.forward(x, y, Mode::kTrain, &rng);
  size_t dropped = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    if (y.data()[i] == 0.0f) {
      ++dropped;
    } else {
      CHECK(y.data()[i] == Approx(x.data()[i] / 0.75f));
    }
  }
  CHECK(dropped > 20);  // expect 50 of 200
  CHECK(dropped < 90);
}

TEST_CASE("losses pass the gradient check") {
  const std::vector<int> labels = {0, 3, 2, 3};
  const Matrix logits = random_matrix(4, 4, 10, 2.0);
  require_passes(check_loss(*make_loss("softmax_cross_entropy"), logits, labels), 16);
  Matrix probs = random_matrix(4, 4, 11, 0.3) + 0.5f;
  require_passes(check_loss(*make_loss("quadratic"), probs, labels), 16);
}

TEST_CASE("the checker catches a wrong gradient") {
  // A dense layer whose weight gradient is 2% too large must fail the check.
  class WrongDense : public Dense {
   public:
    using Dense::Dense;
    void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override {
      Dense::backward(x, y, dy, dx);
      params()[0].grad *= 1.02f;
    }
  };
  WrongDense layer(flat(6), 4);
  randomize_layer(layer, 12);
  CHECK(check_layer(layer, random_matrix(3, 6, 13)).failures > 0);
}

TEST_CASE("layers name the shapes when the input does not fit") {
  Dense dense(flat(7), 5);
  Matrix y;
  CHECK_THROWS_WITH(dense.forward(random_matrix(2, 6, 1), y, Mode::kInfer, nullptr),
                    Catch::Contains("2x6") && Catch::Contains("1x1x7"));
  CHECK_THROWS_WITH(Conv2d(Shape{3, 3, 1}, 2, 5), Catch::Contains("3x3x1"));
  CHECK_THROWS_WITH(Dropout(flat(3), 1.0), Catch::Contains("rate"));
}

TEST_CASE("the registry rebuilds every built-in kind from its attributes") {
  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<Dense>(flat(12), 4));
  layers.push_back(std::make_unique<Conv2d>(Shape{5, 5, 2}, 3, 2));
  layers.push_back(std::make_unique<MaxPool>(Shape{4, 4, 3}, 2));
  layers.push_back(std::make_unique<Relu>(flat(9)));
  layers.push_back(std::make_unique<Sigmoid>(flat(9)));
  layers.push_back(std::make_unique<Dropout>(flat(9), 0.1));
  for (const auto& l : layers) {
    const auto copy = make_layer(l->kind(), l->in_shape(), l->attributes());
    CHECK(copy->kind() == l->kind());
    CHECK(copy->out_shape() == l->out_shape());
    CHECK(copy->attributes() == l->attributes());
  }
  CHECK_THROWS_WITH(make_layer("nope", flat(3), {}),
                    "unknown layer kind 'nope' (expected conv2d, dense, dropout, max_pool, relu or "
                    "sigmoid)");
  CHECK_THROWS_WITH(make_layer("dense", flat(3), {{"in", "3"}}), Catch::Contains("'out'"));
  CHECK_THROWS_WITH(make_layer("dense", flat(3), {{"in", "3"}, {"out", "x"}}),
                    Catch::Contains("not an integer"));
}

}  // namespace
}  // namespace nnc
