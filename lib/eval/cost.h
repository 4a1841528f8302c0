// What a compressed model costs: stored weights against the reference network (the compression
// factor), bytes of its parameters in each on-disk encoding, and FLOPs per sample.
//
// Encodings (float32 values; biases stored densely in every encoding):
//   dense    4 bytes per weight, pruned ones included;
//   csr      per weight tensor seen as rows x cols (rows = first dimension): 4 bytes per kept
//   value,
//            a column index of 2 bytes (cols <= 65536) or 4, and 4 bytes per row start (+1);
//   bitmask  one bit per weight (rounded up to bytes) + 4 bytes per kept value;
//   hashed   (HashedNets layers) 4 bytes per real weight + 4 bytes of hash seed and 4 of K per
//            layer; only for models with hashed layers, which have no other encoding.
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
  std::map<std::string, int64_t> bytes;  // encoding -> bytes
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
