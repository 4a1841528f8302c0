#include "lib/nn/conv2d.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "lib/nn/gemm.h"

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

void Conv2d::im2col(const Matrix& x) {
  const size_t batch = x.shape(0), c = in_.channels, k = kernel_;
  const size_t run = k * c, row = k * run, in_size = in_.size();
  cols_.resize(batch * out_.height * out_.width * row);
  float* dst = cols_.data();
  for (size_t b = 0; b < batch; ++b) {
    const float* img = x.data() + b * in_size;
    for (size_t oy = 0; oy < out_.height; ++oy)
      for (size_t ox = 0; ox < out_.width; ++ox, dst += row)
        for (size_t ky = 0; ky < k; ++ky)  // stride 1: a kernel row is k·C contiguous floats
          std::memcpy(dst + ky * run, img + ((oy + ky) * in_.width + ox) * c, run * sizeof(float));
  }
}

void Conv2d::col2im(const float* dcols, Matrix& dx) const {
  const size_t batch = dx.shape(0), c = in_.channels, k = kernel_;
  const size_t run = k * c, row = k * run, in_size = in_.size();
  std::fill(dx.data(), dx.data() + dx.size(), 0.0f);
  const float* src = dcols;
  for (size_t b = 0; b < batch; ++b) {
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

void Conv2d::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), f = out_.channels, rows = batch * out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels;
  im2col(x);
  ensure_shape(y, batch, out_.size());
  const float* bias = params_[1].value.data();
  for (size_t r = 0; r < rows; ++r) std::memcpy(y.data() + r * f, bias, f * sizeof(float));
  sgemm(false, true, rows, f, k, 1.0f, cols_.data(), k, params_[0].value.data(), k, 1.0f,
        y.data(), f);
}

void Conv2d::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  const size_t batch = x.shape(0), f = out_.channels, rows = batch * out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels;
  sgemm(true, false, f, k, rows, 1.0f, dy.data(), f, cols_.data(), k, 0.0f,
        params_[0].grad.data(), k);
  float* db = params_[1].grad.data();
  std::fill(db, db + f, 0.0f);
  for (size_t r = 0; r < rows; ++r)
    for (size_t i = 0; i < f; ++i) db[i] += dy.data()[r * f + i];
  if (dx) {
    dcols_.resize(rows * k);
    sgemm(false, false, rows, k, f, 1.0f, dy.data(), f, params_[0].value.data(), k, 0.0f,
          dcols_.data(), k);
    ensure_shape(*dx, batch, in_.size());
    col2im(dcols_.data(), *dx);
  }
}

void Conv2d::backward_second_order(const Matrix& x, const Matrix&, const Matrix&,
                                   const Matrix& d2y, Matrix* d2x, SecondOrderForm) {
  const size_t batch = x.shape(0), f = out_.channels, rows = batch * out_.height * out_.width;
  const size_t k = kernel_ * kernel_ * in_.channels;
  for (Param& p : params_)
    if (p.curvature.shape() != p.value.shape()) p.curvature = xt::zeros<float>(p.value.shape());
  im2col(x);
  for (float& v : cols_) v *= v;
  sgemm(true, false, f, k, rows, 1.0f, d2y.data(), f, cols_.data(), k, 1.0f,
        params_[0].curvature.data(), k);
  float* hb = params_[1].curvature.data();
  for (size_t r = 0; r < rows; ++r)
    for (size_t i = 0; i < f; ++i) hb[i] += d2y.data()[r * f + i];
  if (d2x) {
    std::vector<float> w2(params_[0].value.begin(), params_[0].value.end());
    for (float& v : w2) v *= v;
    dcols_.resize(rows * k);
    sgemm(false, false, rows, k, f, 1.0f, d2y.data(), f, w2.data(), k, 0.0f, dcols_.data(), k);
    ensure_shape(*d2x, batch, in_.size());
    col2im(dcols_.data(), *d2x);
  }
  im2col(x);  // restore the forward scratch for a following first-order backward
}

}  // namespace nnc
