#include "lib/nn/max_pool.h"

#include <algorithm>
#include <stdexcept>

namespace nnc {

MaxPool::MaxPool(const Shape& in, size_t size) : in_(in), size_(size) {
  if (size == 0 || size > in.height || size > in.width)
    throw std::runtime_error("max_pool: window " + std::to_string(size) + " does not fit input " +
                             in.str());
  out_ = Shape{in.height / size, in.width / size, in.channels};
}

void MaxPool::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), c = in_.channels, s = size_;
  const size_t in_size = in_.size(), out_size = out_.size(), row = in_.width * c;
  ensure_shape(y, batch, out_size);
  for (size_t b = 0; b < batch; ++b) {
    const float* img = x.data() + b * in_size;
    float* out = y.data() + b * out_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox) {
        float* o = out + (oy * out_.width + ox) * c;
        const float* first = img + oy * s * row + ox * s * c;
        for (size_t ch = 0; ch < c; ++ch) o[ch] = first[ch];
        for (size_t dy = 0; dy < s; ++dy)
          for (size_t dx = 0; dx < s; ++dx) {
            const float* w = first + dy * row + dx * c;
            for (size_t ch = 0; ch < c; ++ch) o[ch] = w[ch] > o[ch] ? w[ch] : o[ch];
          }
      }
  }
}

void MaxPool::backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  const size_t batch = x.shape(0), c = in_.channels, s = size_;
  const size_t in_size = in_.size(), out_size = out_.size(), row = in_.width * c;
  ensure_shape(*dx, batch, in_size);
  std::fill(dx->data(), dx->data() + dx->size(), 0.0f);
  for (size_t b = 0; b < batch; ++b) {
    const float* img = x.data() + b * in_size;
    float* d = dx->data() + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox) {
        const size_t o = b * out_size + (oy * out_.width + ox) * c;
        const size_t first = oy * s * row + ox * s * c;
        for (size_t ch = 0; ch < c; ++ch) {
          const float m = y.data()[o + ch];
          size_t at = first + ch;
          bool found = false;
          for (size_t wy = 0; wy < s && !found; ++wy)
            for (size_t wx = 0; wx < s && !found; ++wx) {
              const size_t i = first + wy * row + wx * c + ch;
              if (img[i] == m) {
                at = i;
                found = true;
              }
            }
          d[at] += dy.data()[o + ch];
        }
      }
  }
}

void MaxPool::backward_second_order(const Matrix& x, const Matrix& y, const Matrix&,
                                    const Matrix& d2y, Matrix* d2x, SecondOrderForm) {
  backward(x, y, d2y, d2x);  // a selection: d²L/dx² of the selected input is d²L/dy²
}

}  // namespace nnc
