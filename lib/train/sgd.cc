#include "lib/train/sgd.h"

#include <stdexcept>

namespace nnc {

void Sgd::step(Network& net, double lr) {
  std::vector<Param*> params = net.params();
  if (velocity_.empty() && momentum_ != 0.0)
    for (const Param* p : params) velocity_.push_back(xt::zeros<float>(p->value.shape()));
  if (momentum_ != 0.0 && velocity_.size() != params.size())
    throw std::runtime_error("sgd: optimiser state has " + std::to_string(velocity_.size()) +
                             " tensors but the network has " + std::to_string(params.size()));
  const float mu = static_cast<float>(momentum_), eta = static_cast<float>(lr);
  for (size_t k = 0; k < params.size(); ++k) {
    Param& p = *params[k];
    float* __restrict w = p.value.data();
    const float* __restrict g = p.grad.data();
    const size_t n = p.value.size();
    if (momentum_ == 0.0) {
      for (size_t i = 0; i < n; ++i) w[i] -= eta * g[i];
    } else {
      if (velocity_[k].size() != n)
        throw std::runtime_error("sgd: velocity of " + std::to_string(velocity_[k].size()) +
                                 " values for param '" + p.name + "' of " + std::to_string(n));
      float* __restrict v = velocity_[k].data();
      for (size_t i = 0; i < n; ++i) {
        v[i] = mu * v[i] - eta * g[i];
        w[i] += v[i];
      }
    }
    if (p.masked()) {
      const float* m = p.mask.data();
      for (size_t i = 0; i < n; ++i) w[i] = m[i] != 0.0f ? w[i] : 0.0f;
      if (momentum_ != 0.0) {
        float* v = velocity_[k].data();
        for (size_t i = 0; i < n; ++i) v[i] = m[i] != 0.0f ? v[i] : 0.0f;
      }
    }
  }
}

}  // namespace nnc
