#include "lib/nn/conv2d.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "lib/nn/floats8.h"
#include "lib/nn/gemm.h"
#include "lib/nn/max_pool.h"

namespace nnc {

Conv2d::Conv2d(const Shape& in, size_t filters, size_t kernel) : in_(in), kernel_(kernel) {
  if (kernel == 0 || kernel > in.height || kernel > in.width || filters == 0)
    throw std::runtime_error("conv2d: kernel " + std::to_string(kernel) + " with " +
                             std::to_string(filters) + " filters does not fit input " + in.str());
  out_ = Shape{in.height - kernel + 1, in.width - kernel + 1, filters};
  const size_t k = kernel * kernel * in.channels;
  Param w{"weight", true, xt::zeros<float>({filters, k}), xt::zeros<float>({filters, k})};
  Param b{"bias", false, xt::zeros<float>({filters}), xt::zeros<float>({filters})};
  params_ = {std::move(w), std::move(b)};
}

Attributes Conv2d::attributes() const {
  return {{"filters", std::to_string(out_.channels)}, {"kernel", std::to_string(kernel_)}};
}

size_t Conv2d::chunk(size_t batch) const {
  const size_t bytes_per_sample = out_.height * out_.width * kernel_ * kernel_ * in_.channels * 4;
  // 256 KiB of cols per chunk: measured on lenet5 (128 KiB-2 MiB tried), within noise of 512.
  return std::max<size_t>(1, std::min(batch, (size_t{256} << 10) / bytes_per_sample));
}

void Conv2d::im2col(const Matrix& x, size_t start, size_t n) {
  const size_t c = in_.channels, k = kernel_;
  const size_t run = k * c, row = k * run, in_size = in_.size();
  // Runs are copied in 8-float vectors, inline (a memcpy call costs more than a run of 5 floats,
  // LeNet-5's conv1, or of 100, conv2). 8 floats of slack: a short run is copied as 8 floats; the
  // 8 - run floats it spills are overwritten by the next run, or land in the next row (written
  // after) or in the slack.
  cols_.resize(n * out_.height * out_.width * row + 8);
  float* dst = cols_.data();
  const float* x_end = x.data() + x.size();
  for (size_t b = start; b < start + n; ++b) {
    const float* img = x.data() + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox, dst += row)
        for (size_t ky = 0; ky < k; ++ky) {  // stride 1: a kernel row is k·C contiguous floats
          const float* src = img + ((oy + ky) * in_.width + ox) * c;
          float* to = dst + ky * run;
          if (run <= 8 && x_end - src >= 8) {
            store8(to, load8(src));
          } else if (run >= 8) {  // whole vectors, the last one overlapping its predecessor
            size_t i = 0;
            for (; i + 8 <= run; i += 8) store8(to + i, load8(src + i));
            if (i < run) store8(to + run - 8, load8(src + run - 8));
          } else {
            std::memcpy(to, src, run * sizeof(float));
          }
        }
  }
}

void Conv2d::col2im(const float* dcols, Matrix& dx, size_t start, size_t n) const {
  const size_t c = in_.channels, k = kernel_;
  const size_t run = k * c, row = k * run, in_size = in_.size();
  const float* src = dcols;
  for (size_t b = start; b < start + n; ++b) {
    float* img = dx.data() + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox, src += row)
        for (size_t ky = 0; ky < k; ++ky) {
          float* d = img + ((oy + ky) * in_.width + ox) * c;
          const float* s = src + ky * run;
          for (size_t i = 0; i < run; ++i) d[i] += s[i];
        }
  }
}

void Conv2d::forward_chunk(const Matrix& x, size_t start, size_t n, float* y) {
  const size_t f = out_.channels, rows = n * out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels;
  const float* bias = params_[1].value.data();
  // The bias into every row, in doubling copies (one memcpy call per row measured slower).
  std::memcpy(y, bias, f * sizeof(float));
  for (size_t done = 1; done < rows;) {
    const size_t more = std::min(done, rows - done);
    std::memcpy(y + done * f, y, more * f * sizeof(float));
    done += more;
  }
  im2col(x, start, n);
  sgemm(false, true, rows, f, k, 1.0f, cols_.data(), k, params_[0].value.data(), k, 1.0f, y, f);
}

void Conv2d::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), step = chunk(batch), out_size = out_.size();
  ensure_shape(y, batch, out_size);
  for (size_t start = 0; start < batch; start += step)
    forward_chunk(x, start, std::min(step, batch - start), y.data() + start * out_size);
}

bool Conv2d::forward_through(const Matrix& x, Layer& next, Matrix& y_next, Mode, Rng*) {
  auto* pool = dynamic_cast<MaxPool*>(&next);
  if (!pool) return false;
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), step = chunk(batch), out_size = out_.size();
  const size_t pooled = pool->out_shape().size();
  ensure_shape(y_next, batch, pooled);
  ychunk_.resize(step * out_size);
  for (size_t start = 0; start < batch; start += step) {
    const size_t n = std::min(step, batch - start);
    forward_chunk(x, start, n, ychunk_.data());
    pool->forward_samples(ychunk_.data(), y_next.data() + start * pooled, batch, start, n);
  }
  return true;
}

void Conv2d::backward_chunk(const Matrix& x, size_t start, size_t n, const float* dy, Matrix* dx) {
  const size_t f = out_.channels, rows = n * out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels;
  im2col(x, start, n);
  sgemm(true, false, f, k, rows, 1.0f, dy, f, cols_.data(), k, start == 0 ? 0.0f : 1.0f,
        params_[0].grad.data(), k);
  if (dx) {
    dcols_.resize(rows * k);
    sgemm(false, false, rows, k, f, 1.0f, dy, f, params_[0].value.data(), k, 0.0f, dcols_.data(),
          k);
    col2im(dcols_.data(), *dx, start, n);
  }
}

void Conv2d::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  const size_t batch = x.shape(0), f = out_.channels, ohw = out_.height * out_.width;
  const size_t step = chunk(batch);
  float* db = params_[1].grad.data();
  std::fill(db, db + f, 0.0f);
  for (size_t r = 0; r < batch * ohw; ++r)
    for (size_t i = 0; i < f; ++i) db[i] += dy.data()[r * f + i];
  if (dx) {
    ensure_shape(*dx, batch, in_.size());
    std::fill(dx->data(), dx->data() + dx->size(), 0.0f);
  }
  for (size_t start = 0; start < batch; start += step)
    backward_chunk(x, start, std::min(step, batch - start), dy.data() + start * ohw * f, dx);
}

bool Conv2d::backward_through(const Matrix& x, Layer& next, const Matrix& dy_next, Matrix* dx) {
  const auto* pool = dynamic_cast<const MaxPool*>(&next);
  if (!pool) return false;
  const size_t batch = x.shape(0), f = out_.channels, ohw = out_.height * out_.width;
  const size_t step = chunk(batch), pooled = pool->out_shape().size();
  float* db = params_[1].grad.data();
  std::fill(db, db + f, 0.0f);
  if (dx) {
    ensure_shape(*dx, batch, in_.size());
    std::fill(dx->data(), dx->data() + dx->size(), 0.0f);
  }
  ychunk_.resize(step * out_.size());
  const float* dy = ychunk_.data();
  for (size_t start = 0; start < batch; start += step) {
    const size_t n = std::min(step, batch - start);
    pool->backward_samples(dy_next.data() + start * pooled, ychunk_.data(), start, n);
    // The bias sums run over the rows in the same order as backward's, chunk after chunk.
    for (size_t r = 0; r < n * ohw; ++r)
      for (size_t i = 0; i < f; ++i) db[i] += dy[r * f + i];
    backward_chunk(x, start, n, dy, dx);
  }
  return true;
}

void Conv2d::backward_second_order(const Matrix& x, const Matrix&, const Matrix&, const Matrix& d2y,
                                   Matrix* d2x, SecondOrderForm) {
  const size_t batch = x.shape(0), f = out_.channels, ohw = out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels, step = chunk(batch);
  for (Param& p : params_)
    if (p.curvature.shape() != p.value.shape()) p.curvature = xt::zeros<float>(p.value.shape());
  float* hb = params_[1].curvature.data();
  for (size_t r = 0; r < batch * ohw; ++r)
    for (size_t i = 0; i < f; ++i) hb[i] += d2y.data()[r * f + i];
  std::vector<float> w2(params_[0].value.begin(), params_[0].value.end());
  for (float& v : w2) v *= v;
  if (d2x) {
    ensure_shape(*d2x, batch, in_.size());
    std::fill(d2x->data(), d2x->data() + d2x->size(), 0.0f);
  }
  for (size_t start = 0; start < batch; start += step) {
    const size_t n = std::min(step, batch - start), rows = n * ohw;
    const float* d2y_chunk = d2y.data() + start * ohw * f;
    im2col(x, start, n);
    for (float& v : cols_) v *= v;
    sgemm(true, false, f, k, rows, 1.0f, d2y_chunk, f, cols_.data(), k, 1.0f,
          params_[0].curvature.data(), k);
    if (d2x) {
      dcols_.resize(rows * k);
      sgemm(false, false, rows, k, f, 1.0f, d2y_chunk, f, w2.data(), k, 0.0f, dcols_.data(), k);
      col2im(dcols_.data(), *d2x, start, n);
    }
  }
}

}  // namespace nnc
