// LrSchedule: the learning rate as a function of training progress.
//   constant      η = η₀
//   inverse_time  η = η₀ · (1 + decay·t)^(−power), t = mini-batches seen (HashedNets: decay 1e-4,
//                 power 1; Caffe's "inv" policy of the LeNet solver: power 0.75)
//   inv_sqrt_epoch η = 2η₀ / √j, j = 1-based epoch (the seed paper's code)
//   step          η = η₀ · factor^⌊(j−1)/every⌋
#ifndef NNCOMPRESS_LIB_TRAIN_LR_SCHEDULE_H_
#define NNCOMPRESS_LIB_TRAIN_LR_SCHEDULE_H_

#include <cstddef>

namespace nnc {

struct LrSchedule {
  enum class Kind { kConstant, kInverseTime, kInverseSqrtEpoch, kStep };
  Kind kind = Kind::kConstant;
  double lr0 = 0.01;
  double decay = 0.0;   // inverse_time
  double power = 1.0;   // inverse_time
  size_t every = 1;     // step: epochs per step
  double factor = 1.0;  // step: multiplier per step

  // Returns: the learning rate for the mini-batch after `steps` batches, in 1-based `epoch`.
  double at(size_t steps, size_t epoch) const;
  // Returns: this schedule with lr0 multiplied by `scale` (retraining at a fraction of the lr).
  LrSchedule scaled(double scale) const;
};

// How a failed training run is retried (train_with_backoff in trainer.h): from the same initial
// network and generator state, with lr0 multiplied by `factor`, at most `retries` times in all.
// A run fails when its loss diverges, or — when stall_epochs > 0 — when it is stuck at chance:
// its mean training loss in epoch stall_epochs is still at least stall_fraction times the loss of
// outputs that say nothing (uniform over the classes; trainer.h chance_loss): ln(classes) for the
// softmax cross-entropy, ((1 − α) + α·T²)·ln(classes) when distilling from a teacher.
struct LrBackoff {
  size_t retries = 0;
  double factor = 1.0;
  size_t stall_epochs = 0;      // the epoch after which a stall is checked; 0 = never
  double stall_fraction = 1.0;  // of the loss at chance (trainer.h chance_loss)
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_LR_SCHEDULE_H_
