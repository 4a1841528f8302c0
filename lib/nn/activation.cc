#include "lib/nn/activation.h"

#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

namespace nnc {

void Relu::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, shape_);
  ensure_shape(y, x.shape(0), x.shape(1));
  const float* in = x.data();
  float* out = y.data();
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

void Relu::backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  ensure_shape(*dx, x.shape(0), x.shape(1));
  const float* out = y.data();
  const float* g = dy.data();
  float* d = dx->data();
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) d[i] = out[i] > 0.0f ? g[i] : 0.0f;
}

void Relu::backward_second_order(const Matrix& x, const Matrix& y, const Matrix&, const Matrix& d2y,
                                 Matrix* d2x, SecondOrderForm) {
  backward(x, y, d2y, d2x);  // f'(x)² = f'(x) ∈ {0, 1}
}

void Sigmoid::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, shape_);
  ensure_shape(y, x.shape(0), x.shape(1));
  xt::noalias(y) = 1.0f / (1.0f + xt::exp(-x));
}

void Sigmoid::backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  ensure_shape(*dx, x.shape(0), x.shape(1));
  const float* out = y.data();
  const float* g = dy.data();
  float* d = dx->data();
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) d[i] = g[i] * out[i] * (1.0f - out[i]);
}

void Sigmoid::backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy,
                                    const Matrix& d2y, Matrix* d2x, SecondOrderForm form) {
  if (!d2x) return;
  ensure_shape(*d2x, x.shape(0), x.shape(1));
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    const float s = y.data()[i], f1 = s * (1.0f - s);
    float h = f1 * f1 * d2y.data()[i];
    if (form == SecondOrderForm::kExact) h += f1 * (1.0f - 2.0f * s) * dy.data()[i];
    d2x->data()[i] = h;
  }
}

}  // namespace nnc
