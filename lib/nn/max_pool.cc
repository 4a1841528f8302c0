#include "lib/nn/max_pool.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace nnc {

MaxPool::MaxPool(const Shape& in, size_t size) : in_(in), size_(size) {
  if (size == 0 || size > in.height || size > in.width)
    throw std::runtime_error("max_pool: window " + std::to_string(size) + " does not fit input " +
                             in.str());
  out_ = Shape{in.height / size, in.width / size, in.channels};
}

void MaxPool::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0);
  ensure_shape(y, batch, out_.size());
  forward_samples(x.data(), y.data(), batch, 0, batch);
}

void MaxPool::forward_samples(const float* x, float* y, size_t batch, size_t first, size_t n) {
  const size_t c = in_.channels, s = size_;
  const size_t in_size = in_.size(), out_size = out_.size(), row = in_.width * c;
  which_.resize(batch * out_size);
  for (size_t b = 0; b < n; ++b) {
    const float* img = x + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox) {
        const size_t at = b * out_size + (oy * out_.width + ox) * c;
        float* o = y + at;
        float* wh = which_.data() + first * out_size + at;
        const float* first_in = img + oy * s * row + ox * s * c;
        for (size_t ch = 0; ch < c; ++ch) {
          o[ch] = first_in[ch];
          wh[ch] = 0.0f;
        }
        for (size_t wy = 0; wy < s; ++wy)
          for (size_t wx = 0; wx < s; ++wx) {
            const float* w = first_in + wy * row + wx * c;
            const float k = static_cast<float>(wy * s + wx);
            for (size_t ch = 0; ch < c; ++ch) {
              const bool more = w[ch] > o[ch];  // strict: the first maximum wins ties
              o[ch] = more ? w[ch] : o[ch];
              wh[ch] = more ? k : wh[ch];
            }
          }
      }
  }
}

void MaxPool::backward(const Matrix&, const Matrix&, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  const size_t batch = dy.shape(0);  // not x's: a fused forward (Conv2d) leaves x unset
  ensure_shape(*dx, batch, in_.size());
  backward_samples(dy.data(), dx->data(), 0, batch);
}

void MaxPool::backward_samples(const float* dy, float* dx, size_t first, size_t n) const {
  const size_t c = in_.channels, s = size_;
  const size_t in_size = in_.size(), out_size = out_.size(), row = in_.width * c;
  if (out_.height * s != in_.height || out_.width * s != in_.width)
    std::fill(dx, dx + n * in_size, 0.0f);  // ragged edges get no gradient
  for (size_t b = 0; b < n; ++b) {
    float* d = dx + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox) {
        const size_t at = b * out_size + (oy * out_.width + ox) * c;
        const float* g = dy + at;
        const float* wh = which_.data() + first * out_size + at;
        float* first_in = d + oy * s * row + ox * s * c;
        // Windows do not overlap: every input of a window is assigned exactly once.
        for (size_t wy = 0; wy < s; ++wy)
          for (size_t wx = 0; wx < s; ++wx) {
            float* dd = first_in + wy * row + wx * c;
            const float k = static_cast<float>(wy * s + wx);
            for (size_t ch = 0; ch < c; ++ch) dd[ch] = wh[ch] == k ? g[ch] : 0.0f;
          }
      }
  }
}

void MaxPool::backward_second_order(const Matrix& x, const Matrix& y, const Matrix&,
                                    const Matrix& d2y, Matrix* d2x, SecondOrderForm) {
  backward(x, y, d2y, d2x);  // a selection: d²L/dx² of the selected input is d²L/dy²
}

}  // namespace nnc
