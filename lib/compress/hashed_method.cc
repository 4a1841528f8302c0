// hashed: HashedNets (Chen et al. 2015): the initialised reference network with every dense and
// conv layer turned into a hashed layer of K = ⌈factor·|V|⌉ real weights (hashed.h, seed 1691),
// trained from scratch.
#include "lib/compress/hashed.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork hashed(const ScratchRequest& r, Rng& rng) {
  const Network dense = initialized_network(*r.reference, r, rng);
  return {hashed_network(dense, r.factor, kHashedNetsSeed),
          {{"hash_seed", std::to_string(kHashedNetsSeed)}}};
}

const bool registered = register_scratch_method({"hashed", hashed});

}  // namespace
}  // namespace nnc
