// nn: the equivalent-size network (Chen et al. 2015): the reference architecture with its hidden
// widths shrunk to store the factor's share of the weights (equivalent_size.h), trained from
// scratch like the reference.
#include "lib/compress/equivalent_size.h"
#include "lib/compress/scratch_method.h"

namespace nnc {
namespace {

ScratchNetwork nn(const ScratchRequest& r, Rng& rng) {
  const EquivalentSize sized = equivalent_size(*r.reference, r.input, r.classes, r.factor);
  return {initialized_network(sized.arch, r, rng),
          {{"achieved_width_factor", format_double(sized.achieved)}}};
}

const bool registered = register_scratch_method({"nn", nn});

}  // namespace
}  // namespace nnc
