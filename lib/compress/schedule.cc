#include "lib/compress/schedule.h"

#include <cmath>
#include <stdexcept>

namespace nnc {

Schedule parse_schedule(const std::string& name) {
  if (name == "oneshot") return Schedule::kOneShot;
  if (name == "iterative") return Schedule::kIterative;
  if (name == "authors") return Schedule::kAuthors;
  throw std::runtime_error("unknown schedule '" + name +
                           "' (expected oneshot, iterative or authors)");
}

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

std::vector<double> schedule_factors(Schedule schedule, double target) {
  check_factor(target, "schedule");
  std::vector<double> out;
  switch (schedule) {
    case Schedule::kOneShot:
      out = {target};
      break;
    case Schedule::kIterative:
      for (double f = 0.5; f > target * (1 + 1e-12); f *= 0.5) out.push_back(f);
      out.push_back(target);
      break;
    case Schedule::kAuthors: {
      // Step k removes the fraction r·(k/15)^(1/16) of the weights (the seed paper's code).
      const AuthorsSchedule authors;
      const double r = 1.0 - target;
      for (size_t k = 1; k <= authors.steps; ++k)
        out.push_back(1.0 - r * std::pow(static_cast<double>(k) / authors.steps, 1.0 / 16));
      out.back() = target;
      break;
    }
  }
  return out;
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
