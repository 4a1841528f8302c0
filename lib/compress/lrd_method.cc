// lrd: low-rank decomposition (Denil et al. 2013; the LRD baseline of Chen et al. 2015): every
// dense layer (in -> out) of the reference becomes a LowRankDense of rank
// r chosen within the HashedNet's budget ΣK, K = ⌈factor·in·out⌉ per layer (weight_budget), pooled
// over the layers so that no layer is left at rank 0 where one rank each fits (low_rank_ranks),
// trained from scratch.
//
// Initialisation, balanced: W = V·U gets the variance the protocol's scheme gives a dense W (gain g
// = 2 for He, 1 for Nielsen: Var W_ij = g/in) with U ~ N(0, c/in), V ~ N(0, c/out) and
// c = √(g·out/r) (then r·(c/in)·(c/out) = g/in). SGD on U and V moves W by
// −lr·(G·UᵀU + VVᵀ·G), whose scale is in·Var U + out·Var V = 2c; the balanced split makes that
// smallest (U ~ N(0, 1/in), V ~ N(0, g/r) gave 1 + g·out/r, 23 for lenet300's first layer at 1/8,
// which diverged at the lenet protocol's rate 0.05 in the first epoch). Biases are the
// initialised reference's.
//
// Convolution layers are not decomposed: the method throws for architectures with one (lenet5),
// and the profiles run it on fully connected architectures only (pipeline/profiles.bzl).
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/compress/factor.h"
#include "lib/compress/low_rank.h"
#include "lib/compress/scratch_method.h"
#include "lib/nn/dense.h"

namespace nnc {
namespace {

void fill_normal(Param& p, double variance, Rng& rng) {
  const double sd = std::sqrt(variance);
  for (float& v : p.value) v = static_cast<float>(sd * rng.normal());
}

// Returns: the low-rank version of `dense` of this rank, initialised from rng (see above).
std::unique_ptr<LowRankDense> decompose(const Dense& dense, size_t rank, const ScratchRequest& r,
                                        Rng& rng) {
  const size_t in = dense.in_shape().size(), out = dense.out_shape().size();
  auto layer = std::make_unique<LowRankDense>(dense.in_shape(), out, rank);
  if (rank) {
    const double gain = r.protocol->init == "he" ? 2.0 : 1.0;
    const double c = std::sqrt(gain * static_cast<double>(out) / static_cast<double>(rank));
    fill_normal(layer->param("u"), c / static_cast<double>(in), rng);
    fill_normal(layer->param("v"), c / static_cast<double>(out), rng);
  }
  layer->param("bias").value = dense.param("bias").value;
  return layer;
}

// Returns: the ranks of the reference's dense layers within the network's budget (low_rank.h).
// Throws for a conv2d layer, which the method has no rule for.
std::vector<size_t> ranks(const Network& reference, const ScratchRequest& r) {
  std::vector<LowRankShape> shapes;
  for (size_t l = 0; l < reference.size(); ++l) {
    const Layer& layer = reference.layer(l);
    if (layer.kind() == "conv2d") {
      throw std::runtime_error("lrd: architecture " + r.reference->name + " has a conv2d layer (" +
                               std::to_string(l + 1) +
                               "); low-rank decomposition covers dense layers only");
    }
    if (dynamic_cast<const Dense*>(&layer)) {
      const size_t in = layer.in_shape().size(), out = layer.out_shape().size();
      shapes.push_back({in, out, weight_budget(r.factor, in * out, "lrd")});
    }
  }
  return low_rank_ranks(shapes);
}

ScratchNetwork lrd(const ScratchRequest& r, Rng& rng) {
  const Network reference = initialized_network(*r.reference, r, rng);
  const std::vector<size_t> rank = ranks(reference, r);
  Network net(reference.in_shape());
  std::string text;
  for (size_t l = 0, d = 0; l < reference.size(); ++l) {
    const Layer& layer = reference.layer(l);
    if (const auto* dense = dynamic_cast<const Dense*>(&layer)) {
      text += (text.empty() ? "" : ",") + std::to_string(rank[d]);
      net.add(decompose(*dense, rank[d++], r, rng));
    } else {
      net.add(layer.clone());
    }
  }
  return {std::move(net), {{"ranks", text}}};
}

const bool registered = register_scratch_method({"lrd", lrd});

}  // namespace
}  // namespace nnc
