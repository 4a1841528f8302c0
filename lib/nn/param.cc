#include "lib/nn/param.h"

#include <atomic>
#include <stdexcept>

namespace nnc {

std::string shape_string(const xt::xarray<float>& a) {
  std::string s = "[";
  for (size_t i = 0; i < a.dimension(); ++i) s += (i ? "," : "") + std::to_string(a.shape(i));
  return s + "]";
}

size_t Param::stored() const {
  if (!masked()) return value.size();
  size_t n = 0;
  for (const float m : mask) n += (m != 0.0f);
  return n;
}

void Param::set_mask(const xt::xarray<float>& new_mask) {
  if (new_mask.shape() != value.shape())
    throw std::runtime_error("mask of shape " + shape_string(new_mask) + " does not fit param '" +
                             name + "' of shape " + shape_string(value));
  // One counter for the process (atomic: tests and benchmarks may build networks on threads).
  static std::atomic<uint64_t> last_generation{0};
  mask = new_mask;
  mask_generation = ++last_generation;
  kept.clear();
  const float* m = mask.data();
  for (size_t i = 0; i < mask.size(); ++i)
    if (m[i] != 0.0f) kept.push_back(static_cast<uint32_t>(i));
  apply_mask();
}

bool Param::kept_pass(double max_density) const {
  return masked() &&
         static_cast<double>(kept.size()) < max_density * static_cast<double>(value.size());
}

void Param::apply_mask() {
  if (!masked()) return;
  float* v = value.data();
  const float* m = mask.data();
  const size_t n = value.size();
  for (size_t i = 0; i < n; ++i) v[i] = m[i] != 0.0f ? v[i] : 0.0f;  // +0, never -0
  if (grad.size() == n) {
    float* g = grad.data();
    for (size_t i = 0; i < n; ++i) g[i] = m[i] != 0.0f ? g[i] : 0.0f;
  }
}

void Param::mask_grad() {
  if (!masked()) return;
  float* g = grad.data();
  const float* m = mask.data();
  const size_t n = grad.size();
  for (size_t i = 0; i < n; ++i) g[i] = m[i] != 0.0f ? g[i] : 0.0f;
}

}  // namespace nnc
