// Conv2d: 2-D convolution (cross-correlation, stride 1, no padding) on channels-last input,
// computed as im2col + GEMM: each output pixel's k x k x C receptive field is a row of `cols`
// (samples·OH·OW x k·k·C), and y = cols·Wᵀ + b is then already channels-last. The batch is
// processed in chunks whose `cols` stay in cache (~256 KiB); backward rebuilds each chunk's
// cols rather than keeping the whole batch's (measured faster than streaming it from memory).
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
  // Fuses with a following MaxPool: per chunk of samples, the convolution's output goes straight
  // into the pool (forward), and the pool's dL/dx straight into this layer's backward, so neither
  // leaves cache (conv1 of LeNet-5 outputs 2.9 MB per batch of 64). Same sums in the same order as
  // the two layers one after the other. Returns false for any other next layer.
  bool forward_through(const Matrix& x, Layer& next, Matrix& y_next, Mode mode, Rng* rng) override;
  bool backward_through(const Matrix& x, Layer& next, const Matrix& dy_next, Matrix* dx) override;
  // Linear in W, as Dense: h_W += d2yᵀ·(cols∘cols), d2x = col2im(d2y·(W∘W)).
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;
  size_t kernel() const { return kernel_; }

 private:
  // Returns: samples per chunk for a batch of `batch`.
  size_t chunk(size_t batch) const;
  // Fills cols_ with the receptive fields of samples [start, start + n) of x.
  void im2col(const Matrix& x, size_t start, size_t n);
  // Adds dcols (n samples' rows) into samples [start, start + n) of dx.
  void col2im(const float* dcols, Matrix& dx, size_t start, size_t n) const;
  // y rows of samples [start, start + n) (n·OH·OW x filters, at y) = bias + im2col·Wᵀ.
  void forward_chunk(const Matrix& x, size_t start, size_t n, float* y);
  // The backward of samples [start, start + n) given their dy (at dy): adds their share into the
  // weight grad (overwrites it when start == 0) and into *dx (zeroed by the caller) if not null.
  void backward_chunk(const Matrix& x, size_t start, size_t n, const float* dy, Matrix* dx);

  Shape in_, out_;
  size_t kernel_;
  // Scratch kept across batches (no per-batch allocation); ychunk_ holds one chunk's output (or
  // its dL/dy) when fused with a max-pool.
  std::vector<float> cols_, dcols_, ychunk_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_CONV2D_H_
