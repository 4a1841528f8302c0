// obd: Optimal Brain Damage (LeCun et al. 1990): the diagonal Hessian of the training loss by
// second-order backpropagation over the training set, then saliency ½·h_kk·w² (eq. 7); retrains
// with the baseline's own regulariser.
#include <stdexcept>

#include "lib/compress/obd.h"
#include "lib/compress/pruning_method.h"
#include "lib/compress/saliency.h"

namespace nnc {
namespace {

Saliencies obd(Network& net, const PruneRequest& r, Rng&) {
  if (!r.train_images || !r.train_labels || !r.loss) {
    throw std::runtime_error("prune_network: obd needs the training set and the loss");
  }
  obd_curvature(net, *r.loss, *r.train_images, *r.train_labels, r.obd_form);
  return obd_saliency(net);
}

const bool registered = register_pruning_method({"obd", obd, ""});

}  // namespace
}  // namespace nnc
