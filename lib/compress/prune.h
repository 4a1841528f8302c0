// Pruning: the one mechanism every pruning method shares. Given a saliency per weight (saliency.h),
// it keeps exactly the requested number of weights and masks the rest (Param::mask; a pruned
// weight stays exactly 0 through forward, backward and every optimiser update, see param.h).
//
// Ranking (Baktash et al. 2019): `global` ranks all weight tensors together (one threshold across
// layers); `layer` gives each weight tensor the same fraction of its own size and ranks inside it.
//
// Rules (the same for every method, so methods differ only in their saliency):
//  - only surviving weights compete; a pruned weight is never revived;
//  - ties are broken deterministically: higher saliency first, then earlier tensor, then lower
//    row-major index (NaN saliency ranks below everything);
//  - no layer is ever emptied: each weight tensor that still has a survivor keeps at least its
//    most salient weight, because an emptied layer cuts the network in two (its output no longer
//    depends on the input) and the comparison at tiny factors would measure that, not the method.
//    So a request below the number of weight tensors keeps one weight per tensor (e.g. factor
//    1/500 of lenet300 keeps 532 weights; a factor that would keep fewer than 3 keeps 3).
//  - biases are never pruned and never counted (docs/DESIGN.md: the compression factor counts
//  weights).
#ifndef NNCOMPRESS_LIB_COMPRESS_PRUNE_H_
#define NNCOMPRESS_LIB_COMPRESS_PRUNE_H_

#include <string>
#include <vector>

#include "lib/compress/saliency.h"
#include "lib/nn/network.h"

namespace nnc {

enum class Ranking { kGlobal, kPerLayer };

// Returns: kGlobal for "global", kPerLayer for "layer". Throws std::runtime_error
// ("unknown ranking '<name>' (expected global or layer)") otherwise.
Ranking parse_ranking(const std::string& name);

// Returns: round(factor × the reference weight count), where the reference count is every weight
// value of the network pruned or not (tensors keep their reference shape when pruned).
// Throws std::runtime_error when factor is not in (0, 1].
size_t target_weight_count(const Network& net, double factor);

// Returns: for each weight tensor, how many of `keep` it gets under per-layer ranking: 1 each plus
// the rest split in proportion to the tensors' reference sizes (largest remainder, ties to the
// earlier tensor), never more than `available` (capped tensors pass their excess on).
// Requires keep ≤ Σ available and keep ≥ the number of tensors with available > 0.
std::vector<size_t> per_layer_quotas(size_t keep, const std::vector<size_t>& sizes,
                                     const std::vector<size_t>& available);

// Prunes the network's weights down to `keep` survivors ranked by `saliency` (one tensor per
// weight param, see saliency.h). When keep ≥ the current survivors nothing changes (factor 1 is the
// identity); otherwise every weight param ends up with a mask.
// Returns: the number of survivors of each weight tensor, in weight_params() order.
// Throws std::runtime_error naming the shapes when saliency does not match the weight params.
std::vector<size_t> prune_to_count(Network& net, const Saliencies& saliency, size_t keep,
                                   Ranking ranking);

// Returns: the number of surviving weights of each weight tensor, in weight_params() order.
std::vector<size_t> survivors_per_tensor(const Network& net);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_PRUNE_H_
