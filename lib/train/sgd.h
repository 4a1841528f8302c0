// Sgd: stochastic gradient descent with (classical) momentum,
//   v ← μ·v − η·g,   w ← w + v,
// honouring masks: pruned entries of w and v are reset to 0 after every step, so a pruned weight
// stays exactly 0 (and a mask added mid-training takes effect at the next step). μ = 0 is plain
// SGD (the seed paper's code). On a param keeping fewer than kept_pass_density of its entries the
// step visits the kept ones only, with the same bytes as the pass over all (see sgd.cc).
#ifndef NNCOMPRESS_LIB_TRAIN_SGD_H_
#define NNCOMPRESS_LIB_TRAIN_SGD_H_

#include <vector>

#include "lib/nn/network.h"

namespace nnc {

class Sgd {
 public:
  // kept_pass_density: Param::kept_pass's threshold (tests force either pass with 0 and 2).
  explicit Sgd(double momentum, double kept_pass_density = kKeptPassDensity)
      : momentum_(momentum), kept_pass_density_(kept_pass_density) {}
  // Applies one step with learning rate lr to every param of net using its current grad.
  // The velocity state is created on first use and must belong to the same network afterwards
  // (throws std::runtime_error naming the shapes if the params changed).
  void step(Network& net, double lr);
  // Returns: the velocity per param (empty before the first step and without momentum).
  const std::vector<xt::xarray<float>>& velocity() const { return velocity_; }

 private:
  // Steps p (velocity null without momentum) over every entry then re-masks, or over p.kept only.
  void update(Param& p, float* velocity, bool kept_only, double lr) const;

  double momentum_;
  double kept_pass_density_;
  std::vector<xt::xarray<float>> velocity_;
  std::vector<uint64_t> stepped_generation_;  // per param: the mask generation of its last step
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_SGD_H_
