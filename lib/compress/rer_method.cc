// rer: random edge removal (Chen et al. 2015's RER baseline): the initialised reference network
// with, in every weight tensor (dense and conv), a fixed random mask keeping exactly
// K = ⌈factor·|W|⌉ weights (weight_budget, HashedNets' per-layer K), chosen once at initialisation
// and trained with the mask (Sgd and Network keep masked weights at 0, param.h), so the model
// stores the K survivors per layer.
#include <algorithm>
#include <numeric>
#include <vector>

#include "lib/compress/factor.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

// Returns: a 0/1 mask of value's shape with exactly `keep` ones at uniformly random positions
// (a partial Fisher–Yates shuffle of the indices, from rng).
xt::xarray<float> random_mask(const xt::xarray<float>& value, size_t keep, Rng& rng) {
  std::vector<size_t> index(value.size());
  std::iota(index.begin(), index.end(), size_t{0});
  xt::xarray<float> mask = xt::zeros<float>(value.shape());
  for (size_t i = 0; i < keep; ++i) {
    std::swap(index[i], index[i + rng.below(index.size() - i)]);
    mask.data()[index[i]] = 1.0f;
  }
  return mask;
}

ScratchNetwork rer(const ScratchRequest& r, Rng& rng) {
  Network net = initialized_network(*r.reference, r, rng);
  // Masks are drawn after the weights, so the kept weights are those the dense baseline of the
  // same seed starts from.
  for (Param* p : net.params())
    if (p->is_weight)
      p->set_mask(random_mask(p->value, weight_budget(r.factor, p->value.size(), "rer"), rng));
  return {std::move(net), {}};
}

const bool registered = register_scratch_method({"rer", rer});

}  // namespace
}  // namespace nnc
