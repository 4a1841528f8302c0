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
  const size_t in_size = in_.size(), out_size = out_.size();
  ensure_shape(y, batch, out_size);
  argmax_.resize(batch * out_size);
  for (size_t b = 0; b < batch; ++b) {
    const float* img = x.data() + b * in_size;
    float* out = y.data() + b * out_size;
    uint32_t* arg = argmax_.data() + b * out_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox) {
        const size_t o = (oy * out_.width + ox) * c;
        const size_t first = (oy * s * in_.width + ox * s) * c;
        for (size_t ch = 0; ch < c; ++ch) {
          out[o + ch] = img[first + ch];
          arg[o + ch] = static_cast<uint32_t>(first + ch);
        }
        for (size_t dy = 0; dy < s; ++dy)
          for (size_t dx = 0; dx < s; ++dx) {
            if (dy == 0 && dx == 0) continue;
            const size_t base = ((oy * s + dy) * in_.width + ox * s + dx) * c;
            for (size_t ch = 0; ch < c; ++ch) {
              const float v = img[base + ch];
              const bool more = v > out[o + ch];
              out[o + ch] = more ? v : out[o + ch];
              arg[o + ch] = more ? static_cast<uint32_t>(base + ch) : arg[o + ch];
            }
          }
      }
  }
}

void MaxPool::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  if (!dx) return;
  const size_t batch = x.shape(0), in_size = in_.size(), out_size = out_.size();
  ensure_shape(*dx, batch, in_size);
  std::fill(dx->data(), dx->data() + dx->size(), 0.0f);
  for (size_t b = 0; b < batch; ++b) {
    float* d = dx->data() + b * in_size;
    const float* g = dy.data() + b * out_size;
    const uint32_t* arg = argmax_.data() + b * out_size;
    for (size_t i = 0; i < out_size; ++i) d[arg[i]] += g[i];
  }
}

void MaxPool::backward_second_order(const Matrix& x, const Matrix& y, const Matrix&,
                                    const Matrix& d2y, Matrix* d2x, SecondOrderForm) {
  backward(x, y, d2y, d2x);  // a selection: d²L/dx² of the selected input is d²L/dy²
}

}  // namespace nnc
