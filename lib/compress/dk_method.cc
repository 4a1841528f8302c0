// dk: dark knowledge (Hinton et al. 2015; the DK baseline of Chen et al. 2015): the
// equivalent-size network of `nn` (equivalent_size.h) trained on the labels mixed with the dense
// baseline's temperature-softened outputs (the protocol's T and α, lib/train/distillation.h); the
// train stage reads the teacher from --teacher.
#include "lib/compress/equivalent_size.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork dk(const ScratchRequest& r, Rng& rng) {
  const EquivalentSize sized = equivalent_size(*r.reference, r.input, r.classes, r.factor);
  return {initialized_network(sized.arch, r, rng),
          {{"achieved_width_factor", format_double(sized.achieved)}}};
}

const bool registered = register_scratch_method({"dk", dk, /*distills=*/true});

}  // namespace
}  // namespace nnc
