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
  // (throws std::runtime_error naming the counts if the params changed).
  void step(Network& net, double lr);
  // Binds the optimiser to net's params (creating the velocity state on first use), for stepping
  // them one at a time; bind again after the network is assigned. Throws as step(net, lr) does.
  void bind(Network& net);
  // Applies one step to one bound param: the same arithmetic as step(net, lr), so stepping each
  // param as Network::backward finishes its grad (while it is in cache) gives the same bits.
  // Throws std::runtime_error naming the param if it is not bound.
  void step(Param& p, double lr);

 private:
  double momentum_;
  std::vector<Param*> params_;  // the bound network's params, in its order
  std::vector<xt::xarray<float>> velocity_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_SGD_H_
