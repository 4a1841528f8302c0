#include "lib/nn/activation.h"

#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>

namespace nnc {

// A function policy of Activation<F>:
//  - forward(x, y): y = f(x) element-wise (y already has x's shape);
//  - derivative(y, dy): dL/dx = f'(x)·dy, written in terms of y = f(x);
//  - second_order(y, dy, d2y, form): d²L/dx² = f'²·d2y, plus f''·dy in the exact form.
struct ReluFunction {
  static constexpr const char* kKind = "relu";
  static void forward(const Matrix& x, Matrix& y) {
    const float* in = x.data();
    float* out = y.data();
    const size_t n = x.size();
    for (size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : 0.0f;
  }
  static float derivative(float y, float dy) { return y > 0.0f ? dy : 0.0f; }
  // f'' = 0 almost everywhere and f'(x)² = f'(x) ∈ {0, 1}, so both forms give f'(x)·d2y.
  static float second_order(float y, float, float d2y, SecondOrderForm) {
    return derivative(y, d2y);
  }
};

struct SigmoidFunction {
  static constexpr const char* kKind = "sigmoid";
  static void forward(const Matrix& x, Matrix& y) { xt::noalias(y) = 1.0f / (1.0f + xt::exp(-x)); }
  static float derivative(float y, float dy) { return dy * y * (1.0f - y); }
  // f' = y(1-y), f'' = f'(1-2y).
  static float second_order(float y, float dy, float d2y, SecondOrderForm form) {
    const float f1 = y * (1.0f - y);
    float h = f1 * f1 * d2y;
    if (form == SecondOrderForm::kExact) h += f1 * (1.0f - 2.0f * y) * dy;
    return h;
  }
};

template <typename F>
std::string Activation<F>::kind() const {
  return F::kKind;
}

template <typename F>
void Activation<F>::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, shape_);
  ensure_shape(y, x.shape(0), x.shape(1));
  F::forward(x, y);
}

template <typename F>
void Activation<F>::backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  ensure_shape(*dx, x.shape(0), x.shape(1));
  const float* out = y.data();
  const float* g = dy.data();
  float* d = dx->data();
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) d[i] = F::derivative(out[i], g[i]);
}

template <typename F>
void Activation<F>::backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy,
                                          const Matrix& d2y, Matrix* d2x, SecondOrderForm form) {
  if (!d2x) return;
  ensure_shape(*d2x, x.shape(0), x.shape(1));
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i)
    d2x->data()[i] = F::second_order(y.data()[i], dy.data()[i], d2y.data()[i], form);
}

template class Activation<ReluFunction>;
template class Activation<SigmoidFunction>;

}  // namespace nnc
