// The seed paper's pruning schedule (iterative halving needs no code of its own: each halving step
// is one `compress` action reading the previous step's model, pipeline/study.bzl).
//  - authors:   the seed paper's code prunes during training: `steps` (15) steps, step k removing
//               ⌊r·(k/15)^(1/16)·N⌋ of the N reference weights in total (r = 1 − target, so step
//               15 lands on the target), each step taken after an epoch whose training accuracy
//               reaches 0.99 or once 25 epochs passed since the last step (epoch 0 at first), never
//               before epoch 50; training stops 50 epochs after the last step. The numbers are
//               AuthorsSchedule's defaults; a profile that cannot afford ~425 epochs shortens them.
//               All but the accuracy are the authors' public code's; its trigger defaults to 0.96
//               (docs/DESIGN.md, "The authors' schedule", says what that changes).
#ifndef NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_
#define NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace nnc {

// The authors' schedule as data; the defaults are the seed paper's values.
struct AuthorsSchedule {
  size_t steps = 15;        // pruning steps
  size_t first_epoch = 50;  // no step after an earlier epoch
  size_t patience = 25;     // a step at the latest this many epochs after the previous one
  size_t tail = 50;         // epochs of training after the last step
  double accuracy = 0.99;   // a step as soon as the training accuracy reaches this (code: 0.96)
};

// Returns: how many of `reference` weights survive step k (1-based, ≤ schedule.steps) of the
// authors' schedule towards `target`: reference − ⌊(1 − target)·(k/steps)^(1/16)·reference⌋.
// Throws std::runtime_error when target ∉ (0, 1] or k ∉ [1, steps].
size_t authors_kept_count(size_t reference, double target, size_t k,
                          const AuthorsSchedule& schedule = {});

// Returns: the most epochs the schedule trains after a baseline of `baseline_epochs` (first_epoch
// taken as baseline_epochs, as the compress stage does): every step fired by patience, then the
// tail (1 + 14·25 + 50 = 401 at the paper's values). The budget a network trained from scratch
// gets when it is compared with the schedule's models.
size_t authors_max_epochs(size_t baseline_epochs, AuthorsSchedule schedule = {});

// The authors' trigger for the next pruning step (see above), fed one epoch at a time.
class AuthorsTrigger {
 public:
  explicit AuthorsTrigger(const AuthorsSchedule& schedule = {}) : schedule_(schedule) {}

  // Returns: true when a pruning step should be taken after this (1-based, counted from the
  // network's initialisation) epoch with this training error; counts the step when it does.
  bool prune_after(size_t epoch, double train_error);
  // Returns: true once the last step has been followed by `tail` epochs (training should stop).
  bool finished(size_t epoch) const;
  // Returns: the number of pruning steps taken so far.
  size_t steps_taken() const { return steps_; }
  const AuthorsSchedule& schedule() const { return schedule_; }

 private:
  AuthorsSchedule schedule_;
  size_t steps_ = 0, last_step_epoch_ = 0;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_
