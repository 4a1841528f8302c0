// Methods trained from scratch at a compression factor (Chen et al. 2015's equivalent-size network,
// HashedNets, and whatever comes next: low rank, random edge removal, ...): each builds, from the
// reference architecture and the factor, the initialised network the train stage then trains
// exactly as it trains the dense reference. Each method lives in its own library that registers
// itself at static initialisation (alwayslink), so //pipeline:train (the dense baselines) links
// none of them and editing one method's code reruns only that method's actions (docs/DESIGN.md,
// "Methods"). "dense" (factor 1 only) is built in.
#ifndef NNCOMPRESS_LIB_COMPRESS_SCRATCH_METHOD_H_
#define NNCOMPRESS_LIB_COMPRESS_SCRATCH_METHOD_H_

#include <functional>
#include <map>
#include <string>

#include "lib/nn/architecture.h"
#include "lib/nn/network.h"
#include "lib/nn/random.h"
#include "lib/train/protocol.h"

namespace nnc {

// What a method builds its network from.
struct ScratchRequest {
  const Architecture* reference = nullptr;
  Shape input;
  size_t classes = 0;
  const Protocol* protocol = nullptr;  // units and initialisation scheme
  double factor = 1.0;                 // stored weights / reference weights, in (0, 1]
};

// The network to train and what the model file should say about how it was built.
struct ScratchNetwork {
  Network net;
  // Recorded under "method." in the model file (lib/io/model_metadata.h), e.g.
  // method.achieved_width_factor.
  std::map<std::string, std::string> metadata;
};

// Returns: the initialised network for a request; draws its initial weights from rng.
using ScratchBuilder = std::function<ScratchNetwork(const ScratchRequest& request, Rng& rng)>;

struct ScratchMethod {
  std::string name;
  ScratchBuilder build;
  // Trained on a teacher's outputs as well as the labels (dark knowledge: the protocol's T and α,
  // lib/train/distillation.h): the train stage then requires --teacher, and refuses it otherwise.
  bool distills = false;
};

// Adds a method. Returns: true (so a library can register from a static initialiser). Throws
// std::runtime_error when the name is already registered.
bool register_scratch_method(ScratchMethod method);

// Returns: the method named `name` among those this binary links; throws std::runtime_error
// ("unknown method '<name>' (expected dense or ...)") otherwise.
const ScratchMethod& scratch_method(const std::string& name);

// Returns: the reference architecture's network with the protocol's units, initialised from rng
// by the protocol's scheme (the dense method, and the starting point of weight-sharing methods).
Network initialized_network(const Architecture& arch, const ScratchRequest& request, Rng& rng);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_SCRATCH_METHOD_H_
