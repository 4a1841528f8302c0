#include "lib/nn/max_pool.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace nnc {
namespace {

// A 2x2 window over c channels (top row at `top`, bottom row at `bottom`, each two pixels of c):
// what the general loops of forward_samples compute for s = 2, in one pass over the channels that
// GCC vectorises (the general loops re-read and re-write o and wh once per window position).
void pool2x2(const float* __restrict top, const float* __restrict bottom, float* __restrict o,
             float* __restrict wh, size_t c) {
  for (size_t ch = 0; ch < c; ++ch) {
    float m = top[ch], k = 0.0f;
    bool more = top[c + ch] > m;  // strict: the first maximum wins ties
    m = more ? top[c + ch] : m;
    k = more ? 1.0f : k;
    more = bottom[ch] > m;
    m = more ? bottom[ch] : m;
    k = more ? 2.0f : k;
    more = bottom[c + ch] > m;
    m = more ? bottom[c + ch] : m;
    k = more ? 3.0f : k;
    o[ch] = m;
    wh[ch] = k;
  }
}

// The backward of pool2x2: the gradient to each window's arg-max, 0 elsewhere.
void unpool2x2(const float* __restrict g, const float* __restrict wh, float* __restrict top,
               float* __restrict bottom, size_t c) {
  for (size_t ch = 0; ch < c; ++ch) {
    const float v = g[ch], k = wh[ch];
    top[ch] = k == 0.0f ? v : 0.0f;
    top[c + ch] = k == 1.0f ? v : 0.0f;
    bottom[ch] = k == 2.0f ? v : 0.0f;
    bottom[c + ch] = k == 3.0f ? v : 0.0f;
  }
}

}  // namespace

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
        if (s == 2) {
          pool2x2(first_in, first_in + row, o, wh, c);
          continue;
        }
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
        if (s == 2) {
          unpool2x2(g, wh, first_in, first_in + row, c);
          continue;
        }
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
