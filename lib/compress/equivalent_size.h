// The `nn` method (Chen et al. 2015, "equivalent-size network"): a dense network of the same depth
// whose hidden widths (dense units, conv filters) are shrunk so that its weight count matches the
// compressed budget c·W_ref, trained from scratch like the reference.
//
// Solver: first scale every width by one common factor s (bisection on s; the weight count grows
// with s), then, if rounding widths to integers leaves the count more than 1% from the budget,
// round every other width down or up (all combinations) and solve the last one from the budget.
// Every architecture here with two or more hidden widths lands within 1% at 1/2 ... 1/64; one
// hidden layer can only move in steps of one unit's fan-in + fan-out (fc3: 794 weights), so it
// gets the nearest width (fc3 at 1/64: 16 units, factor 1/62.5). When even width 1 everywhere
// exceeds the budget (e.g. sig30 at 1/500), every width is 1 and the achieved factor says so.
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
