#include "lib/nn/dense.h"

#include <algorithm>
#include <cstring>

#include "lib/nn/gemm.h"

namespace nnc {

Dense::Dense(const Shape& in, size_t out) : in_(in), out_(out) {
  Param w{"weight", true, xt::zeros<float>({out, in.size()}), xt::zeros<float>({out, in.size()})};
  Param b{"bias", false, xt::zeros<float>({out}), xt::zeros<float>({out})};
  params_ = {std::move(w), std::move(b)};
}

Attributes Dense::attributes() const {
  return {{"in", std::to_string(in_.size())}, {"out", std::to_string(out_)}};
}

bool Dense::choose_path(size_t batch) {
  const Param& w = params_[0];
  if (!w.masked()) return false;
  if (kept_generation_ != w.mask_generation) {
    kept_ = index_kept_weights(w.kept, out_, in_.size());
    kept_generation_ = w.mask_generation;
  }
  if (path_ != DensePath::kAuto) return path_ == DensePath::kSparse;
  return sparse_dense_pays(kept_.kept(), out_, in_.size(), batch);
}

void Dense::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), in = in_.size();
  const float* bias = params_[1].value.data();
  sparse_ = choose_path(batch);
  if (sparse_)
    return sparse_dense_forward(kept_, params_[0].value.data(), bias, x, y, sparse_scratch_);
  ensure_shape(y, batch, out_);
  for (size_t r = 0; r < batch; ++r) std::memcpy(y.data() + r * out_, bias, out_ * sizeof(float));
  sgemm(false, true, batch, out_, in, 1.0f, x.data(), in, params_[0].value.data(), in, 1.0f,
        y.data(), out_);
}

bool Dense::forward_rows(const InputRows& src, const size_t* rows, size_t m, Matrix& y, Mode,
                         Rng*) {
  sparse_ = choose_path(m);
  if (!sparse_) return false;
  sparse_dense_forward_rows(kept_, params_[0].value.data(), params_[1].value.data(), src, rows, m,
                            y, sparse_scratch_);
  return true;
}

void Dense::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  const size_t batch = dy.shape(0), in = in_.size();
  Param& w = params_[0];
  if (sparse_) {
    // The pruned entries of grad are +0 since this layer's last sparse backward under this mask:
    // between steps only set_mask (a new generation), apply_mask and mask_grad (writing +0) and
    // the regularisers (adding 0 at a pruned weight) touch them. Else one zero fill (a mask
    // change, the dense path before, a copy's first step).
    if (grad_zeroed_generation_ != w.mask_generation) std::fill(w.grad.begin(), w.grad.end(), 0.0f);
    sparse_dense_backward(kept_, w.value.data(), dy, w.grad.data(), dx, sparse_scratch_);
    grad_zeroed_generation_ = w.mask_generation;
  } else {
    grad_zeroed_generation_ = 0;
    sgemm(true, false, out_, in, batch, 1.0f, dy.data(), out_, x.data(), in, 0.0f, w.grad.data(),
          in);
    if (dx) {
      ensure_shape(*dx, batch, in);
      sgemm(false, false, batch, in, out_, 1.0f, dy.data(), out_, w.value.data(), in, 0.0f,
            dx->data(), in);
    }
  }
  float* db = params_[1].grad.data();
  std::fill(db, db + out_, 0.0f);
  for (size_t r = 0; r < batch; ++r) {
    const float* row = dy.data() + r * out_;
    for (size_t i = 0; i < out_; ++i) db[i] += row[i];
  }
}

void Dense::backward_second_order(const Matrix& x, const Matrix&, const Matrix&, const Matrix& d2y,
                                  Matrix* d2x, SecondOrderForm) {
  const size_t batch = x.shape(0), in = in_.size();
  for (Param& p : params_)
    if (p.curvature.shape() != p.value.shape()) p.curvature = xt::zeros<float>(p.value.shape());
  scratch_.resize(std::max(batch * in, out_ * in));
  for (size_t i = 0; i < batch * in; ++i) scratch_[i] = x.data()[i] * x.data()[i];
  sgemm(true, false, out_, in, batch, 1.0f, d2y.data(), out_, scratch_.data(), in, 1.0f,
        params_[0].curvature.data(), in);
  float* hb = params_[1].curvature.data();
  for (size_t r = 0; r < batch; ++r)
    for (size_t i = 0; i < out_; ++i) hb[i] += d2y.data()[r * out_ + i];
  if (d2x) {
    const float* w = params_[0].value.data();
    for (size_t i = 0; i < out_ * in; ++i) scratch_[i] = w[i] * w[i];
    ensure_shape(*d2x, batch, in);
    sgemm(false, false, batch, in, out_, 1.0f, d2y.data(), out_, scratch_.data(), in, 0.0f,
          d2x->data(), in);
  }
}

}  // namespace nnc
