// hashed: HashedNets (Chen et al. 2015): the initialised reference network with every dense and
// conv layer turned into a hashed layer of K = ⌈factor·|V|⌉ real weights (hashed.h, seed 1691),
// trained from scratch.
// hashed_dk: the same HashedNet trained with dark knowledge (Chen et al. 2015's HashNet_DK): on the
// labels mixed with the dense baseline's temperature-softened outputs (the protocol's T and α,
// lib/train/distillation.h); the train stage reads the teacher from --teacher. One builder serves
// both, so they share one library and an edit reruns both.
#include "lib/compress/hashed.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork hashed(const ScratchRequest& r, Rng& rng) {
  const Network dense = initialized_network(*r.reference, r, rng);
  return {hashed_network(dense, r.factor, kHashedNetsSeed),
          {{"hash_seed", std::to_string(kHashedNetsSeed)}}};
}

const bool registered = register_scratch_method({"hashed", hashed}) &&
                        register_scratch_method({"hashed_dk", hashed, /*distills=*/true});

}  // namespace
}  // namespace nnc
