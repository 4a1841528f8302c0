// hashed_dk: HashedNets trained with dark knowledge (Chen et al. 2015's HashNet_DK): the
// HashedNet of `hashed` (hashed.h) trained on the labels mixed with the dense baseline's
// temperature-softened outputs (the protocol's T and α, lib/train/distillation.h); the train
// stage reads the teacher from --teacher.
#include "lib/compress/hashed.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork hashed_dk(const ScratchRequest& r, Rng& rng) {
  const Network dense = initialized_network(*r.reference, r, rng);
  return {hashed_network(dense, r.factor, kHashedNetsSeed),
          {{"hash_seed", std::to_string(kHashedNetsSeed)}}};
}

const bool registered = register_scratch_method({"hashed_dk", hashed_dk, /*distills=*/true});

}  // namespace
}  // namespace nnc
