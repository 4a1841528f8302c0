// Architectures of the study as one data table (docs/DESIGN.md, "Adding a dataset or an
// architecture"), and the builder that turns an architecture plus a protocol's unit choices into a
// Network:
//   fc3      784-1000-10                 fc5  784-1000-1000-1000-10      (HashedNets)
//   lenet300 784-300-100-10                                              (Han et al. 2015)
//   lenet5   conv 20@5x5 → max-pool 2 → conv 50@5x5 → max-pool 2 → fc 500 → fc 10
//   sig30    784-30-10, sig100 784-100-10, sigmoid units whatever the protocol (the seed paper)
// The output layer (classes units) is implied and not listed in `hidden`.
#ifndef NNCOMPRESS_LIB_NN_ARCHITECTURE_H_
#define NNCOMPRESS_LIB_NN_ARCHITECTURE_H_

#include <string>
#include <vector>

#include "lib/nn/network.h"

namespace nnc {

struct LayerSpec {
  enum class Kind { kDense, kConv, kMaxPool };
  Kind kind;
  size_t size;        // units (dense), filters (conv), window (max-pool)
  size_t kernel = 0;  // conv only
};

struct Architecture {
  std::string name;
  std::vector<LayerSpec> hidden;  // in order; the classes-unit output layer follows
  bool sigmoid_units = false;     // sig30/sig100: sigmoid hidden units under every protocol
};

// Returns: the architecture named `name`; throws std::runtime_error("unknown architecture
// '<name>' (expected fc3, fc5, ...)") otherwise.
const Architecture& architecture(const std::string& name);
// Returns: every architecture name, in table order.
std::vector<std::string> architecture_names();

// Returns: a copy of `arch` with every dense width and conv filter count multiplied by `factor`
// and rounded to the nearest integer (at least 1); the equivalent-size ("nn") method's networks.
Architecture scale_widths(const Architecture& arch, double factor);

// How a protocol realises an architecture.
struct UnitOptions {
  std::string activation = "relu";  // hidden units: "relu" | "sigmoid" (sigmoid_units overrides)
  bool sigmoid_output = false;      // a sigmoid after the output layer (quadratic cost)
  double dropout_input = 0.0;       // dropout rate on the input
  double dropout_hidden = 0.0;      // dropout rate after each hidden dense layer's activation
};

// Returns: the network of `arch` for inputs of shape `input` and `classes` outputs, params zero.
// Conv layers are followed by their max-pool (if the table lists one) and then the activation.
// Throws std::runtime_error for an unknown activation or a layer that does not fit its input.
Network build_network(const Architecture& arch, const Shape& input, size_t classes,
                      const UnitOptions& units);

// Initialisation schemes: "he" (He et al. 2015: weights N(0, 2/fan_in), biases 0) for ReLU
// networks; "nielsen" (the seed paper's code, network2's default: weights N(0, 1/fan_in),
// biases N(0, 1)). fan_in is a 2-D weight's column count.
// Fills every param of net from rng, then re-applies masks. Throws for an unknown scheme.
void initialize(Network& net, const std::string& scheme, Rng& rng);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_ARCHITECTURE_H_
