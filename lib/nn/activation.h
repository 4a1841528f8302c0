// Element-wise activation layers: ReLU (max(x, 0)) and the logistic sigmoid 1/(1+e^-x)
// (the seed paper's code uses sigmoid everywhere). Shape-preserving, parameter-free.
#ifndef NNCOMPRESS_LIB_NN_ACTIVATION_H_
#define NNCOMPRESS_LIB_NN_ACTIVATION_H_

#include "lib/nn/layer.h"

namespace nnc {

class Relu : public Layer {
 public:
  explicit Relu(const Shape& shape) : shape_(shape) {}
  std::string kind() const override { return "relu"; }
  Shape in_shape() const override { return shape_; }
  Shape out_shape() const override { return shape_; }
  Attributes attributes() const override { return {}; }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Relu>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // f'' = 0 almost everywhere, so both forms give d2x = f'(x)²·d2y.
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

 private:
  Shape shape_;
};

class Sigmoid : public Layer {
 public:
  explicit Sigmoid(const Shape& shape) : shape_(shape) {}
  std::string kind() const override { return "sigmoid"; }
  Shape in_shape() const override { return shape_; }
  Shape out_shape() const override { return shape_; }
  Attributes attributes() const override { return {}; }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Sigmoid>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // d2x = f'²·d2y (Gauss-Newton), plus f''·dy in the exact form; f' = y(1-y), f'' = f'(1-2y).
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

 private:
  Shape shape_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_ACTIVATION_H_
