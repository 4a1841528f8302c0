// The compress stage's work as functions, under one of two schedules:
//  - halving (prune_and_retrain): (network, method, factor, ranking, rng, protocol) → one pruning
//    step, then retraining with the protocol's retraining settings (lr scaled by
//    retrain_lr_factor, its retrain_epochs, masks frozen) and the method's regulariser
//    (pruning_method.h). The Bazel graph chains these steps (1/2, 1/4, ...).
//  - authors (prune_during_training): the seed paper's code prunes during training. The input is
//    a baseline trained from scratch for E epochs; training continues from epoch E+1 with the
//    protocol's TRAINING settings (its lr schedule continued at epoch E+1, e.g. η_j = 2η₀/√j for
//    the authors protocol) and the baseline's regulariser and λ, and the method prunes under one
//    ranking whenever AuthorsTrigger (schedule.h) says so, to the schedule's exact counts; masks
//    stay frozen between steps, and training stops `tail` epochs after the last step. OBD
//    recomputes its curvature over the training set at every step.
// Both report the same per-step record, so a report can plot each step's damage and its repair.
#ifndef NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_
#define NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_

#include <string>
#include <vector>

#include "lib/compress/pruning_method.h"
#include "lib/compress/schedule.h"
#include "lib/train/trainer.h"

namespace nnc {

struct RetrainSpec {
  const Protocol* protocol = nullptr;
  std::string baseline_regularizer = "none";  // used when the method has none of its own
  double lambda = 0.0;
  long long epochs = -1;  // −1 = the protocol's retrain_epochs
};

// The authors' schedule run on a baseline.
struct AuthorsRun {
  const Protocol* protocol = nullptr;
  std::string regularizer = "none";  // the baseline's (training continues as it was)
  double lambda = 0.0;
  size_t input_epochs = 0;  // E: the baseline's training epochs; training continues at E + 1
  AuthorsSchedule schedule;
};

// One pruning step. Epochs are counted as the learning-rate schedule counts them: retraining
// epochs 1, 2, ... under halving (whose step is at epoch 0, before retraining), the continued
// training epochs E+1, E+2, ... under the authors' schedule. Errors are on sets.valid (−1: none).
struct PruneStep {
  size_t epoch = 0;     // the step was taken after this epoch
  size_t kept = 0;      // stored weights after the step
  double factor = 1.0;  // kept / reference weights
  double valid_before = -1, valid_pruned = -1;
  double valid_retrained = -1;  // at the end of the training that follows, before the next step
};

struct PruneReport {
  std::vector<size_t> weights, survivors_before, survivors_after;    // per weight tensor
  double error_input = -1, error_pruned = -1, error_retrained = -1;  // on sets.valid (−1: none)
  std::vector<PruneStep> steps;
  std::string regularizer;  // used for (re)training
  // Per-epoch records (epochs numbered as in PruneStep). Under the authors' schedule
  // train_error is the trainer's, measured on the first min(n_train, n_valid) training samples
  // (trainer.h), and is what the trigger reads.
  TrainResult retraining;
};

// Prunes net (prune_network) and retrains it on sets.train; the request's obd data and loss are
// filled from sets.train and the protocol when unset.
// Returns: the report (one step). Throws as prune_network and train.
PruneReport prune_and_retrain(Network& net, PruneRequest request, const RetrainSpec& retrain,
                              const TrainSets& sets, Rng& rng);

// Runs the authors' schedule (see above) towards request.factor on net, in place; the request's
// obd data and loss are filled from sets.train and the protocol when unset.
// Returns: the report (one step per trigger). Throws std::runtime_error("authors' schedule: the
// input model was trained for E epochs, fewer than the first pruning epoch F") when E < F, and
// when the schedule has no steps; throws as prune_network and train.
PruneReport prune_during_training(Network& net, PruneRequest request, const AuthorsRun& run,
                                  const TrainSets& sets, Rng& rng);

// Returns: the deterministic log of schema kCompressLog (lib/io/log_csv.h: quantity,index,value),
// one row per quantity — valid_error_input / valid_error_pruned (after the last step) /
// valid_error_retrained (the output; index empty), weights / survivors_before / survivors_after
// (index = weight tensor), per step k = 1, 2, ... step_epoch / step_kept / step_factor /
// step_valid_before / step_valid_pruned / step_valid_retrained, then per epoch (index = epoch)
// retrain_lr / retrain_loss / retrain_train_error (when measured) / retrain_valid_error. No
// wall-clock times. Errors are on the validation split: the test split belongs to the evaluate
// stage alone.
std::string prune_log_csv(const PruneReport& report);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_PRUNE_AND_RETRAIN_H_
