// The `nn` method (Chen et al. 2015, "equivalent-size network"): a dense network of the same depth
// whose hidden widths (dense units, conv filters) are shrunk so that its weight count is the
// largest within the compressed budget c·W_ref (it stores at most what the other methods may store,
// as HashedNets' budget is an upper bound), trained from scratch like the reference.
//
// Solver: first scale every width by one common factor s (the largest s whose rounded widths stay
// within the budget, by bisection; the weight count grows with s), then, if that lands more than
// 1% below the budget, round every other width down or up (all combinations) and give the last
// the largest width the budget affords. One hidden layer can only move in steps of one unit's
// fan-in + fan-out (fc3: 794 weights), so it gets the largest width within the budget (fc3 at
// 1/64: 15 units for a budget of 12406.25). When even width 1 everywhere exceeds the budget (sig30
// from 1/32 down: 794 weights), every width is 1, over the budget, and the achieved factor says so
// (the report marks such a network over budget, report/validity.h).
#ifndef NNCOMPRESS_LIB_COMPRESS_EQUIVALENT_SIZE_H_
#define NNCOMPRESS_LIB_COMPRESS_EQUIVALENT_SIZE_H_

#include "lib/nn/architecture.h"

namespace nnc {

struct EquivalentSize {
  Architecture arch;      // the shrunk architecture
  size_t weights = 0;     // its weight count
  size_t budget = 0;      // round(factor · reference weights)
  double achieved = 0.0;  // weights / reference weights (the factor actually reached)
};

// Returns: the number of weights (biases excluded) of `arch` on inputs of `input` with `classes`
// outputs.
size_t architecture_weights(const Architecture& arch, const Shape& input, size_t classes);

// Returns: the equivalent-size architecture of `arch` for compression factor `factor` (see above);
// its name is the reference's. Throws std::runtime_error when factor ∉ (0, 1].
EquivalentSize equivalent_size(const Architecture& arch, const Shape& input, size_t classes,
                               double factor);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_EQUIVALENT_SIZE_H_
