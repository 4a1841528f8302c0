// Dropout (Srivastava et al. 2014), "inverted": in training each feature is kept with probability
// 1 - rate and scaled by 1/(1 - rate), so inference is the identity. The HashedNets protocol uses
// rate 0.25 on the input and on hidden layers.
#ifndef NNCOMPRESS_LIB_NN_DROPOUT_H_
#define NNCOMPRESS_LIB_NN_DROPOUT_H_

#include "lib/nn/layer.h"
#include "lib/util/format_double.h"

namespace nnc {

class Dropout : public Layer {
 public:
  // Throws std::runtime_error unless 0 <= rate < 1.
  Dropout(const Shape& shape, double rate);
  std::string kind() const override { return "dropout"; }
  Shape in_shape() const override { return shape_; }
  Shape out_shape() const override { return shape_; }
  Attributes attributes() const override { return {{"rate", format_double(rate_)}}; }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Dropout>(*this); }
  // kTrain requires rng != nullptr.
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;
  double rate() const { return rate_; }

 private:
  Shape shape_;
  double rate_;
  bool last_train_ = false;
  Matrix keep_;  // 0 or 1/(1-rate) per feature of the last training batch
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_DROPOUT_H_
