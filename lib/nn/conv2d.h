// Conv2d: 2-D convolution (cross-correlation, stride 1, no padding) on channels-last input,
// computed as im2col + one GEMM per batch: each output pixel's k x k x C receptive field is a row
// of `cols` (batch·OH·OW x k·k·C), and y = cols·Wᵀ + b is then already channels-last.
// Weight: filters x (k·k·C), inner order (ky, kx, c).
#ifndef NNCOMPRESS_LIB_NN_CONV2D_H_
#define NNCOMPRESS_LIB_NN_CONV2D_H_

#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

class Conv2d : public Layer {
 public:
  // Throws std::runtime_error if the kernel does not fit in the input.
  Conv2d(const Shape& in, size_t filters, size_t kernel);

  std::string kind() const override { return "conv2d"; }
  Shape in_shape() const override { return in_; }
  Shape out_shape() const override { return out_; }
  Attributes attributes() const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Conv2d>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // Linear in W, as Dense: h_W += d2yᵀ·(cols∘cols), d2x = col2im(d2y·(W∘W)).
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy,
                             const Matrix& d2y, Matrix* d2x, SecondOrderForm form) override;
  size_t kernel() const { return kernel_; }

 private:
  void im2col(const Matrix& x);
  void col2im(const float* dcols, Matrix& dx) const;

  Shape in_, out_;
  size_t kernel_;
  std::vector<float> cols_, dcols_;  // scratch kept across batches (no per-batch allocation)
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_CONV2D_H_
