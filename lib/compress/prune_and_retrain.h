// One pruning step of the `compress` stage as a function: (network, method, factor, ranking, rng,
// protocol) → the pruned and retrained network, with what the log records (test error of the
// input, after pruning and after retraining; survivors per weight tensor before and after).
// Retraining uses the protocol's retraining settings (lr scaled by retrain_lr_factor, its
// retrain_epochs, masks frozen) with the method's regulariser (pruning_method.h).
#ifndef NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_
#define NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_

#include <string>
#include <vector>

#include "lib/compress/pruning_method.h"
#include "lib/train/trainer.h"

namespace nnc {

struct RetrainSpec {
  const Protocol* protocol = nullptr;
  std::string baseline_regularizer = "none";  // used when the method has none of its own
  double lambda = 0.0;
  long long epochs = -1;                      // −1 = the protocol's retrain_epochs
};

struct PruneReport {
  std::vector<size_t> weights, survivors_before, survivors_after;  // per weight tensor
  double error_input = -1, error_pruned = -1, error_retrained = -1;  // on sets.valid (−1: none)
  std::string regularizer;                                          // used for retraining
  TrainResult retraining;
};

// Prunes net (prune_network) and retrains it on sets.train; the request's obd data and loss are
// filled from sets.train and the protocol when unset.
// Returns: the report. Throws as prune_network and train.
PruneReport prune_and_retrain(Network& net, PruneRequest request, const RetrainSpec& retrain,
                              const TrainSets& sets, Rng& rng);

// Returns: the deterministic log: "quantity,index,value" rows — valid_error_input /
// valid_error_pruned / valid_error_retrained (index empty), weights / survivors_before /
// survivors_after (index = weight tensor), then retrain_loss / retrain_valid_error per epoch
// (index = epoch). No wall-clock times. Errors are on the validation split: the test split
// belongs to the evaluate stage alone.
std::string prune_log_csv(const PruneReport& report);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_
