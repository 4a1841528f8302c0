#include "lib/compress/saliency.h"

#include <cmath>
#include <stdexcept>

namespace nnc {

std::vector<Param*> weight_params(Network& net) {
  std::vector<Param*> out;
  for (Param* p : net.params())
    if (p->is_weight) out.push_back(p);
  return out;
}

std::vector<const Param*> weight_params(const Network& net) {
  std::vector<const Param*> out;
  for (const Param* p : net.params())
    if (p->is_weight) out.push_back(p);
  return out;
}

Saliencies magnitude_saliency(const Network& net) {
  Saliencies out;
  for (const Param* p : weight_params(net)) {
    xt::xarray<float> s = p->value;
    for (float& v : s) v = std::fabs(v);
    out.push_back(std::move(s));
  }
  return out;
}

Saliencies obd_saliency(const Network& net, CurvatureSign sign) {
  Saliencies out;
  size_t index = 0;
  for (const Param* p : weight_params(net)) {
    if (p->curvature.shape() != p->value.shape())
      throw std::runtime_error("obd_saliency: weight param #" + std::to_string(index) + " '" +
                               p->name + "' has no curvature of its shape (run obd_curvature)");
    xt::xarray<float> s = p->value;
    const float* h = p->curvature.data();
    float* d = s.data();
    // OBD eq. 7: s_k = h_kk·u_k²/2.
    const bool abs = sign == CurvatureSign::kAbs;
    for (size_t k = 0; k < s.size(); ++k)
      d[k] = 0.5f * (abs ? std::fabs(h[k]) : h[k]) * d[k] * d[k];
    out.push_back(std::move(s));
    ++index;
  }
  return out;
}

Saliencies random_saliency(const Network& net, Rng& rng) {
  Saliencies out;
  for (const Param* p : weight_params(net)) {
    xt::xarray<float> s = xt::zeros<float>(p->value.shape());
    for (float& v : s) v = rng.uniform();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace nnc
