// random: prune a uniformly random subset, the control every comparison needs; retrains with the
// baseline's own regulariser.
#include "lib/compress/pruning_method.h"
#include "lib/compress/saliency.h"

namespace nnc {
namespace {

Saliencies random(Network& net, const PruneRequest&, Rng& rng) { return random_saliency(net, rng); }

const bool registered = register_pruning_method({"random", random, "", {}});

}  // namespace
}  // namespace nnc
