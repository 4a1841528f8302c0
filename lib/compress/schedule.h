// Pruning schedules: which factors a pruning method passes through on its way to the target.
//  - oneshot:   prune to the target once, then retrain;
//  - iterative: halve the survivors, retrain, repeat (1/2, 1/4, ...; the last step lands on the
//               target). In the Bazel graph each step is one `compress` invocation reading the
//               previous step's model, so one chain caches every factor;
//  - authors:   the seed paper's code: 15 steps, step k leaving the fraction 1 − r·(k/15)^(1/16)
//               of the weights (r = 1 − target, so step 15 lands on the target), each step taken
//               when the training accuracy reaches 0.99 or 25 epochs passed since the last one,
//               never before epoch 50, and 50 more epochs after the last step.
#ifndef NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_
#define NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace nnc {

enum class Schedule { kOneShot, kIterative, kAuthors };

// Returns: the schedule named oneshot | iterative | authors; throws std::runtime_error
// ("unknown schedule '<name>' (expected oneshot, iterative or authors)") otherwise.
Schedule parse_schedule(const std::string& name);

// Returns: the factors (fractions of the reference weights kept) after each pruning step, strictly
// decreasing and ending at `target`. Throws std::runtime_error when target ∉ (0, 1].
std::vector<double> schedule_factors(Schedule schedule, double target);

// Returns: the factor parsed from "1/8", "0.125" or "1"; throws std::runtime_error("factor
// '<text>' is not a number in (0, 1] (e.g. 1/8 or 0.125)") for anything else.
double parse_factor(const std::string& text);

// The authors' trigger for the next pruning step (see above), fed one epoch at a time.
class AuthorsTrigger {
 public:
  static constexpr size_t kSteps = 15, kFirstEpoch = 50, kPatience = 25, kTail = 50;
  static constexpr double kAccuracy = 0.99;

  // Returns: true when a pruning step should be taken after this (1-based) epoch with this
  // training error; counts the step when it returns true.
  bool prune_after(size_t epoch, double train_error);
  // Returns: true once the last step has been followed by kTail epochs (training should stop).
  bool finished(size_t epoch) const;
  // Returns: the number of pruning steps taken so far.
  size_t steps_taken() const { return steps_; }

 private:
  size_t steps_ = 0, last_step_epoch_ = 0;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_SCHEDULE_H_
