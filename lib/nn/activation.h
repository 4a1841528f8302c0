// Element-wise activation layers: ReLU (max(x, 0)) and the logistic sigmoid 1/(1+e^-x)
// (the seed paper's code uses sigmoid everywhere). Shape-preserving, parameter-free.
//
// One layer template, Activation<F>, does the bookkeeping (shapes, the batch loops of the backward
// passes); a function policy F (activation.cc) holds only the arithmetic, so an activation is its
// kind name and three formulas: f, f' and the second-order term.
#ifndef NNCOMPRESS_LIB_NN_ACTIVATION_H_
#define NNCOMPRESS_LIB_NN_ACTIVATION_H_

#include "lib/nn/layer.h"

namespace nnc {

template <typename F>
class Activation : public Layer {
 public:
  explicit Activation(const Shape& shape) : shape_(shape) {}
  std::string kind() const override;
  Shape in_shape() const override { return shape_; }
  Shape out_shape() const override { return shape_; }
  Attributes attributes() const override { return {}; }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Activation>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // Writes d2x = f'²·d2y, plus f''·dy in the exact form.
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

 private:
  Shape shape_;
};

struct ReluFunction;
struct SigmoidFunction;
extern template class Activation<ReluFunction>;
extern template class Activation<SigmoidFunction>;
using Relu = Activation<ReluFunction>;
using Sigmoid = Activation<SigmoidFunction>;

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_ACTIVATION_H_
