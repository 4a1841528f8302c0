// lrd: low-rank decomposition (Denil et al. 2013; the LRD baseline of Chen et al. 2015): every
// dense layer (in -> out) of the reference becomes a LowRankDense of rank
// r chosen within the HashedNet's budget ΣK, K = ⌈factor·in·out⌉ per layer (weight_budget), pooled
// over the layers so that no layer is left at rank 0 where one rank each fits (low_rank_ranks),
// trained from scratch.
//
// Initialisation: U ~ N(0, 1/in) and V by the protocol's scheme with fan-in r (He: N(0, 2/r),
// Nielsen: N(0, 1/r)), so V·U·x has the variance the scheme gives W·x in the dense layer; biases
// are the initialised reference's.
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
  const double gain = r.protocol->init == "he" ? 2.0 : 1.0;
  fill_normal(layer->param("u"), 1.0 / static_cast<double>(in), rng);
  if (rank) fill_normal(layer->param("v"), gain / static_cast<double>(rank), rng);
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
