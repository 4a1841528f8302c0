// Dense: the fully connected layer y = x·Wᵀ + b, W of shape out x in (row i = unit i's fan-in).
#ifndef NNCOMPRESS_LIB_NN_DENSE_H_
#define NNCOMPRESS_LIB_NN_DENSE_H_

#include "lib/nn/layer.h"

namespace nnc {

class Dense : public Layer {
 public:
  // Params: "weight" (out x in, zeros) and "bias" (out, zeros; not a weight).
  Dense(const Shape& in, size_t out);

  std::string kind() const override { return "dense"; }
  Shape in_shape() const override { return in_; }
  Shape out_shape() const override { return flat(out_); }
  Attributes attributes() const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Dense>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // Linear, so both forms agree: h_W[i,j] += Σ_b d2y[b,i]·x[b,j]², d2x = d2y·(W∘W)
  // (LeCun et al. 1990, eq. 8-9).
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

 private:
  Shape in_;
  size_t out_;
  std::vector<float> scratch_;  // x∘x or W∘W for the second-order pass
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_DENSE_H_
