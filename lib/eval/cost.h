// What a compressed model costs: stored weights against the reference network (the compression
// factor) and FLOPs per sample. Its bytes are not computed here: the evaluate stage writes the
// compressed files (lib/io/compressed_file.h) and records their sizes.
//
// FLOPs: 2 per multiply-add, per sample; a weight of a dense layer is used once, a conv weight once
// per output position. Effective FLOPs skip pruned weights (what a sparse kernel executes);
// a hashed layer computes its whole virtual matrix.
#ifndef NNCOMPRESS_LIB_EVAL_COST_H_
#define NNCOMPRESS_LIB_EVAL_COST_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "lib/nn/network.h"

namespace nnc {

struct ModelCost {
  std::vector<LayerCount> layers;  // weight-bearing layers, in order
  int64_t stored_weights = 0, reference_weights = 0;
  int64_t stored_params = 0, reference_params = 0;
  int64_t flops_dense = 0, flops_effective = 0;
};

// Returns: the cost of `model` against `reference`, the uncompressed network of the same
// architecture (same depth; the equivalent-size method's layers may be narrower). Weight-bearing
// layers are paired in order; throws std::runtime_error when their numbers differ.
ModelCost model_cost(const Network& model, const Network& reference);

// Fills record.histogram and record.histogram_limit from the stored weights of `model` (weight
// params only, pruned entries excluded; HashedNets layers contribute their K real weights).
void weight_histogram(const Network& model, Record& record);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_COST_H_
