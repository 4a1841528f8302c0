#include "lib/nn/dropout.h"

#include <stdexcept>

namespace nnc {

Dropout::Dropout(const Shape& shape, double rate) : shape_(shape), rate_(rate) {
  if (!(rate >= 0.0 && rate < 1.0))
    throw std::runtime_error("dropout: rate " + format_double(rate) + " outside [0, 1)");
}

void Dropout::forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) {
  check_input(kind(), x, shape_);
  ensure_shape(y, x.shape(0), x.shape(1));
  last_train_ = mode == Mode::kTrain && rate_ > 0.0;
  const size_t n = x.size();
  if (!last_train_) {
    std::copy(x.data(), x.data() + n, y.data());
    return;
  }
  if (!rng) throw std::runtime_error("dropout: training forward pass needs a random generator");
  ensure_shape(keep_, x.shape(0), x.shape(1));
  const float scale = static_cast<float>(1.0 / (1.0 - rate_));
  const float rate = static_cast<float>(rate_);
  float* k = keep_.data();
  for (size_t i = 0; i < n; ++i) k[i] = rng->uniform() >= rate ? scale : 0.0f;
  for (size_t i = 0; i < n; ++i) y.data()[i] = x.data()[i] * k[i];
}

void Dropout::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  ensure_shape(*dx, x.shape(0), x.shape(1));
  const size_t n = x.size();
  if (!last_train_) {
    std::copy(dy.data(), dy.data() + n, dx->data());
    return;
  }
  for (size_t i = 0; i < n; ++i) dx->data()[i] = dy.data()[i] * keep_.data()[i];
}

void Dropout::backward_second_order(const Matrix& x, const Matrix&, const Matrix&,
                                    const Matrix& d2y, Matrix* d2x, SecondOrderForm) {
  if (!d2x) return;
  ensure_shape(*d2x, x.shape(0), x.shape(1));
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    const float k = last_train_ ? keep_.data()[i] : 1.0f;
    d2x->data()[i] = d2y.data()[i] * k * k;
  }
}

}  // namespace nnc
