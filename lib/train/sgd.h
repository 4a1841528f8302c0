// Sgd: stochastic gradient descent with (classical) momentum,
//   v ← μ·v − η·g,   w ← w + v,
// honouring masks: pruned entries of w and v are reset to 0 after every step, so a pruned weight
// stays exactly 0 (and a mask added mid-training takes effect at the next step). μ = 0 is plain
// SGD (the seed paper's code).
#ifndef NNCOMPRESS_LIB_TRAIN_SGD_H_
#define NNCOMPRESS_LIB_TRAIN_SGD_H_

#include <vector>

#include "lib/nn/network.h"

namespace nnc {

class Sgd {
 public:
  explicit Sgd(double momentum) : momentum_(momentum) {}
  // Applies one step with learning rate lr to every param of net using its current grad.
  // The velocity state is created on first use and must belong to the same network afterwards
  // (throws std::runtime_error naming the shapes if the params changed).
  void step(Network& net, double lr);

 private:
  double momentum_;
  std::vector<xt::xarray<float>> velocity_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_SGD_H_
