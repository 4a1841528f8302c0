// Low-rank dense layers (Denil et al. 2013, "Predicting Parameters in Deep Learning"; the LRD
// baseline of Chen et al. 2015): the weight matrix W (out x in) of a dense layer is stored as the
// product W = V·U of V (out x r) and U (r x in), so the layer computes y = V·(U·x) + b with
// r·(in + out) weights instead of in·out — two dense maps without a nonlinearity between, as one
// layer so a model keeps one weight layer per layer of its reference architecture (the evaluate
// stage pairs them, lib/eval/cost.h).
//
// Rank 0 is allowed (the layer stores no weight and outputs its bias), but low_rank_ranks avoids
// it wherever the network's budget allows one rank per layer.
//
// Layer kind "low_rank_dense" (attributes in, out, rank) is registered with make_layer by any
// binary linking this library.
#ifndef NNCOMPRESS_LIB_COMPRESS_LOW_RANK_H_
#define NNCOMPRESS_LIB_COMPRESS_LOW_RANK_H_

#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

class LowRankDense : public Layer {
 public:
  // Params: "u" (rank x in, a weight), "v" (out x rank, a weight), "bias" (out, not a weight),
  // all zeros.
  LowRankDense(const Shape& in, size_t out, size_t rank);

  std::string kind() const override { return "low_rank_dense"; }
  Shape in_shape() const override { return in_; }
  Shape out_shape() const override { return flat(out_); }
  Attributes attributes() const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<LowRankDense>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  size_t rank() const { return rank_; }

 private:
  Shape in_;
  size_t out_, rank_;
  Matrix h_, dh_;  // U·x of the last forward (batch x rank), and its gradient
};

// One dense layer to decompose: its shape and its HashedNets budget K = ⌈c·in·out⌉.
struct LowRankShape {
  size_t in = 0, out = 0, budget = 0;
};

// Returns: each layer's rank, storing no more than the network's budget ΣK in all. A layer's own
// budget alone would leave small layers at rank 0 — an output layer that answers its bias, i.e.
// chance (fc3's 1000x10 layer at 1/64: K = 157 < 1010; sig30's 30x10 at 1/8: K = 38 < 40) — so
// the budget is pooled, as a HashedNet of the same factor stores ΣK weights in all: each layer
// starts at max(1, ⌊K/(in + out)⌋); while the ranks overflow ΣK, the highest rank above 1 gives up
// one (the first such layer on a tie); if rank 1 everywhere still overflows, layers drop to rank 0,
// the widest (largest in + out) first.
std::vector<size_t> low_rank_ranks(const std::vector<LowRankShape>& layers);

// Registers "low_rank_dense" with make_layer (idempotent; also run at static initialisation of
// this library, which is linked with alwayslink).
void register_low_rank_layer_kind();

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_LOW_RANK_H_
