// The pruning methods of the study: each is a saliency (saliency.h) plus the regulariser it
// retrains with, and all share prune_to_count (prune.h). Each method lives in its own library that
// registers it here at static initialisation (alwayslink), so a stage binary links only the
// methods it runs and editing one method's code reruns only that method's Bazel actions:
//   mag_l1  |w|, retrained with L1 (Baktash et al. 2019: train with L1, prune the smallest |w|)
//   mag_l2  |w|, retrained with L2
//   obd     ½·|h_kk|·w², h the exact diagonal (the seed paper's code; see obd.h)
//   obd_gn  ½·h_kk·w², h the Gauss-Newton diagonal (LeCun et al. 1990)
//   random  a uniform draw per weight (the control), retrained with the baseline's regulariser
// obd and obd_gn also retrain with the baseline's regulariser (its model's "regularizer" metadata).
#ifndef NNCOMPRESS_LIB_COMPRESS_PRUNING_METHOD_H_
#define NNCOMPRESS_LIB_COMPRESS_PRUNING_METHOD_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lib/compress/prune.h"
#include "lib/nn/loss.h"
#include "lib/nn/network.h"
#include "lib/nn/random.h"

namespace nnc {

struct PruningMethod;

// What prune_network needs besides the network.
struct PruneRequest {
  const PruningMethod* method = nullptr;
  double factor = 1.0;  // target, relative to the reference weights
  Ranking ranking = Ranking::kGlobal;
  // For saliencies that read data (OBD's Hessian sums); unset while train_labels is null.
  InputRows train_images;
  const std::vector<int>* train_labels = nullptr;
  const Loss* loss = nullptr;  // the training loss (the compress stage always sets all three)
};

// Returns: the saliency of every weight of net (see saliency.h) for a request; may draw from rng.
using SaliencyFunction =
    std::function<Saliencies(Network& net, const PruneRequest& request, Rng& rng)>;

struct PruningMethod {
  std::string name;  // mag_l1 | mag_l2 | obd | obd_gn | random
  SaliencyFunction saliency;
  std::string regularizer;  // retraining regulariser; empty = the baseline's
  // Recorded in every model the method compresses, under "method." (method.obd_form; the open
  // namespace of lib/io/model_metadata.h), so a stage needs no per-method code to say how a model
  // was made.
  std::map<std::string, std::string> metadata;
};

// Adds a method to the registry. Returns: true (so a library can register from a static
// initialiser). Throws std::runtime_error when the name is already registered.
bool register_pruning_method(PruningMethod method);

// Returns: the registered method named `name`; throws std::runtime_error("unknown method '<name>'
// (expected mag_l1, mag_l2, obd, obd_gn or random)"), listing the methods this binary links,
// otherwise.
const PruningMethod& pruning_method(const std::string& name);

// Prunes net in place to round(factor × reference weights) survivors (at least one per weight
// tensor, see prune.h) by the method's saliency; random saliencies are drawn from rng.
// Returns: survivors per weight tensor. Throws std::runtime_error when obd lacks data or loss.
std::vector<size_t> prune_network(Network& net, const PruneRequest& request, Rng& rng);
// As above, to `keep` survivors instead of the request's factor (the authors' schedule, whose
// counts are not a rounded factor).
std::vector<size_t> prune_network(Network& net, const PruneRequest& request, size_t keep, Rng& rng);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_PRUNING_METHOD_H_
