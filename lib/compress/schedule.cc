#include "lib/compress/schedule.h"

#include <cmath>
#include <stdexcept>

#include "lib/compress/factor.h"

namespace nnc {

size_t authors_kept_count(size_t reference, double target, size_t k,
                          const AuthorsSchedule& schedule) {
  check_factor(target, "authors' schedule");
  if (k < 1 || k > schedule.steps)
    throw std::runtime_error("authors' schedule: step " + std::to_string(k) + " is not in [1, " +
                             std::to_string(schedule.steps) + "]");
  const double fraction = std::pow(static_cast<double>(k) / schedule.steps, 1.0 / 16);
  const double removed = std::floor((1.0 - target) * fraction * static_cast<double>(reference));
  return reference - static_cast<size_t>(removed);
}

size_t authors_max_epochs(size_t baseline_epochs, AuthorsSchedule schedule) {
  schedule.first_epoch = baseline_epochs;
  AuthorsTrigger trigger(schedule);
  size_t epoch = baseline_epochs;
  // Never accurate (train error 1): each step waits its patience. Bounded: steps + 1 waits.
  do {
    ++epoch;
    trigger.prune_after(epoch, 1.0);
  } while (!trigger.finished(epoch));
  return epoch - baseline_epochs;
}

bool AuthorsTrigger::prune_after(size_t epoch, double train_error) {
  if (steps_ >= schedule_.steps || epoch < schedule_.first_epoch) return false;
  const bool accurate = train_error >= 0 && 1.0 - train_error >= schedule_.accuracy;
  const bool waited = epoch >= last_step_epoch_ + schedule_.patience;
  if (!accurate && !waited) return false;
  ++steps_;
  last_step_epoch_ = epoch;
  return true;
}

bool AuthorsTrigger::finished(size_t epoch) const {
  return steps_ == schedule_.steps && epoch >= last_step_epoch_ + schedule_.tail;
}

}  // namespace nnc
