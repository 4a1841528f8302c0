// mag_l1 and mag_l2 (Baktash et al. 2019; Han et al. 2015): prune the smallest |w| of a network
// trained with an L1 or L2 penalty, and retrain with the same penalty.
#include "lib/compress/pruning_method.h"
#include "lib/compress/saliency.h"

namespace nnc {
namespace {

Saliencies magnitude(Network& net, const PruneRequest&, Rng&) { return magnitude_saliency(net); }

const bool registered = register_pruning_method({"mag_l1", magnitude, "l1", {}}) &&
                        register_pruning_method({"mag_l2", magnitude, "l2", {}});

}  // namespace
}  // namespace nnc
