// rer: random edge removal (Chen et al. 2015's RER baseline): the initialised reference network
// with, in every weight tensor (dense and conv), a fixed random mask keeping exactly
// K = ⌈factor·|W|⌉ weights (weight_budget, HashedNets' per-layer K), chosen once at initialisation
// and trained with the mask (Sgd and Network keep masked weights at 0, param.h), so the model
// stores the K survivors per layer.
//
// Initialisation for the mask: He et al. 2015 (eq. 10) keep a ReLU network's activations at
// their scale through depth with Var w = 2/n, n the connections of one response; in a masked
// layer a unit sums only its kept inputs, so n is their count, not the dense fan-in. Drawn for the
// dense fan-in, each layer of fc5 at 1/64 passes on about 1/64 of its input's signal variance (eq.
// 10 with n/64 terms), and fc5's rer at 1/64 sat at chance on rect in 3 of 3 seeds (issue 24). Each
// unit's survivors are therefore the dense draw scaled by √(fan_in / kept): the protocol's scheme
// (He's 2/n, or the authors' 1/n) at n = kept.
#include <algorithm>
#include <cmath>
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

// Scales each row (one unit's inputs: a dense layer's output unit, a conv filter) of a 2-D
// weight by √(columns / kept inputs of the row), so its kept weights have the variance the
// initialisation scheme gives a unit of that many inputs (see above). Rows keeping none stay 0.
void scale_for_kept_fan_in(Param& p) {
  const size_t rows = p.value.shape(0), columns = p.value.size() / rows;
  for (size_t i = 0; i < rows; ++i) {
    float* w = p.value.data() + i * columns;
    const float* m = p.mask.data() + i * columns;
    size_t kept = 0;
    for (size_t j = 0; j < columns; ++j) kept += m[j] != 0.0f;
    if (kept == 0) continue;
    const float scale =
        static_cast<float>(std::sqrt(static_cast<double>(columns) / static_cast<double>(kept)));
    for (size_t j = 0; j < columns; ++j) w[j] *= scale;
  }
}

ScratchNetwork rer(const ScratchRequest& r, Rng& rng) {
  Network net = initialized_network(*r.reference, r, rng);
  // Masks are drawn after the weights, so the kept weights are those the dense baseline of the
  // same seed starts from, scaled for their unit's kept fan-in.
  for (Param* p : net.params())
    if (p->is_weight) {
      p->set_mask(random_mask(p->value, weight_budget(r.factor, p->value.size(), "rer"), rng));
      scale_for_kept_fan_in(*p);
    }
  return {std::move(net), {}};
}

const bool registered = register_scratch_method({"rer", rer});

}  // namespace
}  // namespace nnc
