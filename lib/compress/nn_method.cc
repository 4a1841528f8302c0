// nn: the equivalent-size network (Chen et al. 2015): the reference architecture with its hidden
// widths shrunk to store the factor's share of the weights (equivalent_size.h), trained from
// scratch like the reference.
// dk: dark knowledge (Hinton et al. 2015; the DK baseline of Chen et al. 2015): the same network
// trained on the labels mixed with the dense baseline's temperature-softened outputs (the
// protocol's T and α, lib/train/distillation.h); the train stage reads the teacher from --teacher.
// One builder serves both, so they share one library and an edit reruns both.
#include "lib/compress/equivalent_size.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork nn(const ScratchRequest& r, Rng& rng) {
  const EquivalentSize sized = equivalent_size(*r.reference, r.input, r.classes, r.factor);
  return {initialized_network(sized.arch, r, rng),
          {{"achieved_width_factor", format_double(sized.achieved)}}};
}

const bool registered =
    register_scratch_method({"nn", nn}) && register_scratch_method({"dk", nn, /*distills=*/true});

}  // namespace
}  // namespace nnc
