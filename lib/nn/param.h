// Param: one named parameter tensor of a layer with its gradient and optional pruning mask.
//
// Contract (relied on by compression methods): when `mask` is non-empty it has the shape of
// `value`, holds only 0 and 1, and value == value * mask at all times; Network::backward zeroes
// the masked entries of `grad` and the optimiser re-applies the mask after each update, so a
// pruned weight stays exactly 0 through forward, backward and update. The mask changes only
// through set_mask, which gives it a new `mask_generation`: a layer that indexes the kept weights
// (the sparse path of Dense) rebuilds its index when the generation differs, an O(1) check.
#ifndef NNCOMPRESS_LIB_NN_PARAM_H_
#define NNCOMPRESS_LIB_NN_PARAM_H_

#include <cstdint>
#include <string>
#include <xtensor/xarray.hpp>

namespace nnc {

struct Param {
  std::string name;         // "weight", "bias", ... (unique within its layer)
  bool is_weight = true;    // a weight (counted by compression factors, prunable), not a bias
  xt::xarray<float> value;  // the stored parameter
  xt::xarray<float> grad;   // dLoss/dvalue of the last backward pass, same shape as value
  // The two optional fields have default member initialisers so that layers can brace-initialise
  // a Param from its first four fields (-Wmissing-field-initializers stays quiet).
  xt::xarray<float> mask{};       // 0-D (default) = unmasked; else value's shape, 1 kept, 0 pruned
  xt::xarray<float> curvature{};  // empty until a second-order pass fills it (OBD's h_kk)
  // 0 while unmasked; else a number no other set_mask call of this process returned, so a copy
  // of another param (with its mask) never passes for this param's old mask.
  uint64_t mask_generation = 0;

  // Returns: true when the parameter carries a mask (a default xarray is 0-D with one element,
  // so the test is on the dimension, not the size).
  bool masked() const { return mask.dimension() != 0; }

  // Returns: the number of stored values (mask ones when masked, else all values).
  size_t stored() const;

  // Sets the mask (shape must equal value's), zeroes the pruned values and takes a new
  // mask_generation.
  // Throws std::runtime_error naming both shapes on a mismatch.
  void set_mask(const xt::xarray<float>& new_mask);

  // Zeroes value (and grad) where the mask is 0; no-op when unmasked.
  void apply_mask();
  // Zeroes grad where the mask is 0; no-op when unmasked.
  void mask_grad();
};

// Returns: the shape of a tensor as error messages name it, "[d0,d1,...]" ("[]" for a 0-D one).
std::string shape_string(const xt::xarray<float>& a);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_PARAM_H_
