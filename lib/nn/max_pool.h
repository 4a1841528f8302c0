// MaxPool: non-overlapping max-pooling over size x size windows (stride = size) of channels-last
// input; a trailing row/column that does not fill a window is dropped. Parameter-free.
#ifndef NNCOMPRESS_LIB_NN_MAX_POOL_H_
#define NNCOMPRESS_LIB_NN_MAX_POOL_H_

#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

class MaxPool : public Layer {
 public:
  // Throws std::runtime_error if the window is 0 or larger than the input.
  MaxPool(const Shape& in, size_t size);
  std::string kind() const override { return "max_pool"; }
  Shape in_shape() const override { return in_; }
  Shape out_shape() const override { return out_; }
  Attributes attributes() const override { return {{"size", std::to_string(size_)}}; }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<MaxPool>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  // dL/dx goes to the arg-max of each window (the first in row-major window order on ties).
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

  // forward / backward of samples [first, first + n) of a batch of `batch` on raw buffers (x, y,
  // dy and dx point at sample `first`), for a layer that fuses chunks of samples with this pool
  // (Conv2d::forward_through). backward_samples needs the forward of the same samples before it.
  void forward_samples(const float* x, float* y, size_t batch, size_t first, size_t n);
  void backward_samples(const float* dy, float* dx, size_t first, size_t n) const;

 private:
  Shape in_, out_;
  size_t size_;
  // Per output value of the last forward batch: the arg-max's position in its window, kept as a
  // float so the compare-and-select loops over channels vectorise (one lane type throughout).
  std::vector<float> which_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_MAX_POOL_H_
