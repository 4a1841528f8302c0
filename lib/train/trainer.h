// The trainer: mini-batch SGD over a training set with per-epoch evaluation, optional model
// selection on the validation set, and hooks for progress and for compression schedules.
// Training never sees the test set: only the evaluate stage reads it, once per model, so no
// choice (epoch, learning rate, schedule) can be tuned on it — and the variants' 50000-image test
// sets do not cost an inference pass per epoch.
// One entry point serves training from scratch and retraining after pruning (start from the
// given network, any lr/epochs; masks stay frozen because Sgd and Network honour them).
#ifndef NNCOMPRESS_LIB_TRAIN_TRAINER_H_
#define NNCOMPRESS_LIB_TRAIN_TRAINER_H_

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/io/dataset.h"
#include "lib/nn/network.h"
#include "lib/train/distillation.h"
#include "lib/train/lr_schedule.h"
#include "lib/train/protocol.h"
#include "lib/train/regularizer.h"

namespace nnc {

// A labelled set of examples, not owned (images: n x features, as floats or stored bytes; labels:
// n).
struct Examples {
  InputRows images;
  const std::vector<int>* labels = nullptr;
  // Returns: the number of examples (0 when unset).
  size_t size() const { return labels ? labels->size() : 0; }
};

// Returns: a split's examples, its pixels read from the bytes as stored (the split must outlive
// them): the stage binaries train on these, the same bits as on the split loaded as floats.
Examples examples_of(const ByteSplit& split);

struct TrainSets {
  Examples train, valid;  // valid may be empty
};

// One row of the per-epoch log. Errors are fractions in [0, 1] (−1 when the set is empty).
struct EpochRecord {
  size_t epoch = 0;  // 1-based
  double lr = 0;     // learning rate of the epoch's last batch
  double loss = 0;   // mean training loss over the epoch's batches (training mode)
  double train_error = -1, valid_error = -1;  // train: on the first min(n_train, n_valid) samples
  double seconds = 0;                         // wall clock (never written to deterministic outputs)
  size_t restart = 0;  // the run it belongs to: 0, or the k-th restart of train_with_backoff
};

// Progress of the running epoch, reported after every mini-batch.
struct Progress {
  size_t epoch, epochs, batch, batches;
  double mean_loss;  // over the epoch's batches so far
  double samples_per_second;
  double elapsed_seconds;  // since training started
};

struct TrainOptions {
  std::string loss = "softmax_cross_entropy";
  size_t batch = 64;
  size_t epochs = 1;
  LrSchedule lr;
  double momentum = 0.0;
  const Regularizer* regularizer = nullptr;  // null = none
  double lambda = 0.0;                       // penalty strength λ/n, n = training-set size
  bool select_on_valid = false;
  bool evaluate_train_error = true;
  // Dark knowledge (distillation.h): the teacher's outputs on every training example, row i for
  // training example i, computed once before training (the teacher is fixed, so once per run, not
  // per epoch); null = train on the labels alone.
  const Matrix* teacher_outputs = nullptr;
  Distillation distillation;  // T and α, used only with teacher_outputs
  // Called after each epoch's evaluation; may modify the network (e.g. prune by setting masks).
  std::function<void(const EpochRecord&, Network&)> on_epoch;
  std::function<void(const Progress&)> on_progress;
};

struct TrainResult {
  std::vector<EpochRecord> epochs;
  size_t selected_epoch = 0;  // the epoch whose network was returned (last unless selecting)
  double lr0 = 0;             // the initial learning rate the returned network was trained with
  size_t restarts = 0;        // runs train_with_backoff abandoned (diverged or stalled) before it
  std::vector<EpochRecord> abandoned;  // those runs' completed epochs, in order
};

// Thrown by train() when the loss stops being finite.
struct TrainingDiverged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Returns: the options for training `protocol` from scratch with the given regulariser and λ.
TrainOptions training_options(const Protocol& protocol, const Regularizer* regularizer,
                              double lambda);
// Returns: the options for retraining after pruning: the protocol's lr scaled by its
// retrain_lr_factor, its retrain_epochs, and its model selection: a protocol that keeps the
// best-validation epoch of training (hashednets) keeps it of every retraining too, so its pruning
// chains are judged as its networks trained from scratch are.
TrainOptions retraining_options(const Protocol& protocol, const Regularizer* regularizer,
                                double lambda);

// Trains net in place; every random choice (shuffling, dropout) comes from rng.
// Returns: the per-epoch records and the selected epoch (net then holds that epoch's network).
// Throws TrainingDiverged("training diverged: loss is <nan|inf> at epoch E batch B") when the
// loss stops being finite, and std::runtime_error for shape mismatches between net and the data.
TrainResult train(Network& net, const TrainSets& sets, const TrainOptions& options, Rng& rng);

// Returns: the training objective's mean loss for outputs that say nothing (uniform over
// `classes`), against which the stall rule judges a run (lr_schedule.h, LrBackoff): ln C for the
// softmax cross-entropy; with a teacher (options.teacher_outputs, distillation.h),
// ((1 − α) + α·T²)·ln C, since each term is a cross-entropy against the uniform distribution,
// ln C whatever its target (hashednets' T = 4, α = 0.9: 14.5·ln C; its students start near it and
// train to well above ln C, so a rule judged against ln C restarted every one of them).
// Throws std::runtime_error for another loss (the quadratic cost has no such fixed value).
double chance_loss(const TrainOptions& options, size_t classes);

// Trains as train(); when the run diverges, or stalls at chance (lr_schedule.h, LrBackoff),
// restarts from the same initial network and generator state with lr0 multiplied by
// backoff.factor, at most backoff.retries times; the last allowed run is not checked for a stall
// and runs to the end.
// Returns: the result of the first run that did not fail (its lr0 says which rate, restarts how
// many runs were abandoned, abandoned their epochs).
// Throws TrainingDiverged, naming every rate tried, when the last allowed run diverges too, and
// chance_loss's std::runtime_error when a stall is to be checked on another loss.
TrainResult train_with_backoff(Network& net, const TrainSets& sets, TrainOptions options, Rng& rng,
                               const LrBackoff& backoff);

// Returns: the deterministic CSV log of schema kTrainLog (lib/io/log_csv.h): its header, then a row
// per epoch, the abandoned runs' epochs first (their restart column says which run).
std::string epoch_log_csv(const TrainResult& result);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_TRAINER_H_
