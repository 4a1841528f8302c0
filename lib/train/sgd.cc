#include "lib/train/sgd.h"

#include <stdexcept>

namespace nnc {
namespace {

// One entry's update, shared by the pass over every entry and the pass over the kept ones so that
// both compute (and contract into FMAs) the same expression.
inline void plain_update(float& w, float g, float eta) { w -= eta * g; }
inline void momentum_update(float& w, float& v, float g, float mu, float eta) {
  v = mu * v - eta * g;
  w += v;
}

}  // namespace

void Sgd::step(Network& net, double lr) {
  std::vector<Param*> params = net.params();
  if (velocity_.empty() && momentum_ != 0.0)
    for (const Param* p : params) velocity_.push_back(xt::zeros<float>(p->value.shape()));
  if (momentum_ != 0.0 && velocity_.size() != params.size())
    throw std::runtime_error("sgd: optimiser state has " + std::to_string(velocity_.size()) +
                             " tensors but the network has " + std::to_string(params.size()));
  stepped_generation_.resize(params.size(), 0);
  for (size_t k = 0; k < params.size(); ++k) {
    Param& p = *params[k];
    if (momentum_ != 0.0 && velocity_[k].size() != p.value.size())
      throw std::runtime_error("sgd: velocity of " + std::to_string(velocity_[k].size()) +
                               " values for param '" + p.name + "' of " +
                               std::to_string(p.value.size()));
    // A pass over the kept entries leaves the bytes of the full pass and its mask passes: pruned
    // weights are +0 (Param's contract) and so are pruned velocities once a step under this mask
    // has run (its mask pass zeroed those of newly pruned weights).
    const bool kept_only =
        p.kept_pass(kept_pass_density_) && stepped_generation_[k] == p.mask_generation;
    update(p, momentum_ != 0.0 ? velocity_[k].data() : nullptr, kept_only, lr);
    stepped_generation_[k] = p.mask_generation;
  }
}

void Sgd::update(Param& p, float* velocity, bool kept_only, double lr) const {
  const float mu = static_cast<float>(momentum_), eta = static_cast<float>(lr);
  float* __restrict w = p.value.data();
  const float* __restrict g = p.grad.data();
  float* __restrict v = velocity;
  if (!v)
    for_each_entry(p, kept_only, [=](size_t i) { plain_update(w[i], g[i], eta); });
  else
    for_each_entry(p, kept_only, [=](size_t i) { momentum_update(w[i], v[i], g[i], mu, eta); });
  if (kept_only || !p.masked()) return;
  const size_t n = p.value.size();
  const float* m = p.mask.data();
  for (size_t i = 0; i < n; ++i) w[i] = m[i] != 0.0f ? w[i] : 0.0f;
  if (v)
    for (size_t i = 0; i < n; ++i) v[i] = m[i] != 0.0f ? v[i] : 0.0f;
}

}  // namespace nnc
