// Param: one named parameter tensor of a layer with its gradient and optional pruning mask.
//
// Contract (relied on by compression methods): when `mask` is non-empty it has the shape of
// `value`, holds only 0 and 1, and value == value * mask at all times; Network::backward zeroes
// the masked entries of `grad` and the optimiser re-applies the mask after each update, so a
// pruned weight stays exactly 0 through forward, backward and update. The mask changes only
// through set_mask, which gives it a new `mask_generation` and lists its kept entries in `kept`: a
// layer that indexes the kept weights (the sparse path of Dense) rebuilds its index when the
// generation differs, an O(1) check. Pruned entries of grad are also +0 after every
// Network::backward, and the regularisers and set_mask keep them so; passes over a sparse enough
// param (the regulariser's gradient, the SGD update) therefore visit `kept` only (for_each_entry).
#ifndef NNCOMPRESS_LIB_NN_PARAM_H_
#define NNCOMPRESS_LIB_NN_PARAM_H_

#include <cstdint>
#include <string>
#include <vector>
#include <xtensor/xarray.hpp>

namespace nnc {

// The density (kept / all entries) below which a pass over a masked param's entries visits its
// kept entries only: that pass is a scalar gather, slower per entry than the vectorised pass over
// all of them (measured by //tests/bench:kept_pass; docs/DESIGN.md, "Sparse training").
inline constexpr double kKeptPassDensity = 0.2;

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
  // The ascending flat indices of mask's nonzero entries (32-bit, as Dense's kept-weight index),
  // set with mask by set_mask; empty while unmasked.
  std::vector<uint32_t> kept{};

  // Returns: true when the parameter carries a mask (a default xarray is 0-D with one element,
  // so the test is on the dimension, not the size).
  bool masked() const { return mask.dimension() != 0; }

  // Returns: the number of stored values (mask ones when masked, else all values).
  size_t stored() const;

  // Returns: true when masked and keeping fewer than max_density · value.size() entries, so that a
  // pass over the entries may visit `kept` only.
  bool kept_pass(double max_density) const;

  // Sets the mask (shape must equal value's), zeroes the pruned values (and grads), lists the
  // kept entries and takes a new mask_generation.
  // Throws std::runtime_error naming both shapes on a mismatch.
  void set_mask(const xt::xarray<float>& new_mask);

  // Zeroes value (and grad) where the mask is 0; no-op when unmasked.
  void apply_mask();
  // Zeroes grad where the mask is 0; no-op when unmasked.
  void mask_grad();
};

// Calls visit(i) for each entry i a pass over p visits: p.kept's when kept_only, else every one.
// Both passes run the same visit, so a kept entry gets the same bits from either (GCC contracts
// one expression alike, vectorised or not); the pruned ones the caller's contract must cover.
template <typename Visit>
void for_each_entry(const Param& p, bool kept_only, Visit visit) {
  if (kept_only) {
    for (const uint32_t i : p.kept) visit(i);
    return;
  }
  const size_t n = p.value.size();
  for (size_t i = 0; i < n; ++i) visit(i);
}

// Returns: the shape of a tensor as error messages name it, "[d0,d1,...]" ("[]" for a 0-D one).
std::string shape_string(const xt::xarray<float>& a);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_PARAM_H_
