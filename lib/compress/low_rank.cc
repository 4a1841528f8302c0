#include "lib/compress/low_rank.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>

#include "lib/nn/gemm.h"

namespace nnc {

LowRankDense::LowRankDense(const Shape& in, size_t out, size_t rank)
    : in_(in), out_(out), rank_(rank) {
  const size_t n = in.size();
  Param u{"u", true, xt::zeros<float>({rank, n}), xt::zeros<float>({rank, n})};
  Param v{"v", true, xt::zeros<float>({out, rank}), xt::zeros<float>({out, rank})};
  Param b{"bias", false, xt::zeros<float>({out}), xt::zeros<float>({out})};
  params_ = {std::move(u), std::move(v), std::move(b)};
}

Attributes LowRankDense::attributes() const {
  return {{"in", std::to_string(in_.size())},
          {"out", std::to_string(out_)},
          {"rank", std::to_string(rank_)}};
}

void LowRankDense::forward(const Matrix& x, Matrix& y, Mode, Rng*) {
  check_input(kind(), x, in_);
  const size_t batch = x.shape(0), in = in_.size();
  ensure_shape(y, batch, out_);
  const float* bias = params_[2].value.data();
  for (size_t r = 0; r < batch; ++r) std::memcpy(y.data() + r * out_, bias, out_ * sizeof(float));
  // BLAS rejects a leading dimension of 0: a rank-0 layer is its bias alone.
  if (rank_ == 0) return;
  ensure_shape(h_, batch, rank_);
  sgemm(false, true, batch, rank_, in, 1.0f, x.data(), in, params_[0].value.data(), in, 0.0f,
        h_.data(), rank_);
  sgemm(false, true, batch, out_, rank_, 1.0f, h_.data(), rank_, params_[1].value.data(), rank_,
        1.0f, y.data(), out_);
}

void LowRankDense::backward(const Matrix& x, const Matrix&, const Matrix& dy, Matrix* dx) {
  const size_t batch = x.shape(0), in = in_.size();
  float* db = params_[2].grad.data();
  std::fill(db, db + out_, 0.0f);
  for (size_t r = 0; r < batch; ++r)
    for (size_t i = 0; i < out_; ++i) db[i] += dy.data()[r * out_ + i];
  if (dx) {
    ensure_shape(*dx, batch, in);
    if (rank_ == 0) dx->fill(0.0f);
  }
  if (rank_ == 0) return;
  // dV = dyᵀ·h, dh = dy·V, dU = dhᵀ·x, dx = dh·U.
  sgemm(true, false, out_, rank_, batch, 1.0f, dy.data(), out_, h_.data(), rank_, 0.0f,
        params_[1].grad.data(), rank_);
  ensure_shape(dh_, batch, rank_);
  sgemm(false, false, batch, rank_, out_, 1.0f, dy.data(), out_, params_[1].value.data(), rank_,
        0.0f, dh_.data(), rank_);
  sgemm(true, false, rank_, in, batch, 1.0f, dh_.data(), rank_, x.data(), in, 0.0f,
        params_[0].grad.data(), in);
  if (dx)
    sgemm(false, false, batch, in, rank_, 1.0f, dh_.data(), rank_, params_[0].value.data(), in,
          0.0f, dx->data(), in);
}

namespace {

size_t stored(const std::vector<LowRankShape>& layers, const std::vector<size_t>& ranks) {
  size_t total = 0;
  for (size_t l = 0; l < layers.size(); ++l) total += ranks[l] * (layers[l].in + layers[l].out);
  return total;
}

}  // namespace

std::vector<size_t> low_rank_ranks(const std::vector<LowRankShape>& layers) {
  size_t budget = 0;
  std::vector<size_t> ranks;
  for (const LowRankShape& s : layers) {
    budget += s.budget;
    ranks.push_back(std::max<size_t>(1, s.budget / (s.in + s.out)));
  }
  while (stored(layers, ranks) > budget) {
    const auto highest = std::max_element(ranks.begin(), ranks.end());
    if (*highest > 1) {
      --*highest;
      continue;
    }
    size_t widest = 0, width = 0;
    for (size_t l = 0; l < layers.size(); ++l) {
      if (ranks[l] && layers[l].in + layers[l].out > width) {
        widest = l;
        width = layers[l].in + layers[l].out;
      }
    }
    ranks[widest] = 0;
  }
  return ranks;
}

void register_low_rank_layer_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_layer_kind("low_rank_dense", [](const Shape& in, const Attributes& a) {
      const long long declared = attr_int(a, "low_rank_dense", "in");
      if (static_cast<size_t>(declared) != in.size())
        throw std::runtime_error("low_rank_dense: attribute in=" + std::to_string(declared) +
                                 " but its input has " + std::to_string(in.size()) + " values");
      return std::unique_ptr<Layer>(std::make_unique<LowRankDense>(
          in, attr_int(a, "low_rank_dense", "out"), attr_int(a, "low_rank_dense", "rank")));
    });
  });
}

namespace {
[[maybe_unused]] const bool kLowRankKindRegistered = (register_low_rank_layer_kind(), true);
}  // namespace

}  // namespace nnc
