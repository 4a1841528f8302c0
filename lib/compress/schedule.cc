#include "lib/compress/schedule.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace nnc {

Schedule parse_schedule(const std::string& name) {
  if (name == "oneshot") return Schedule::kOneShot;
  if (name == "iterative") return Schedule::kIterative;
  if (name == "authors") return Schedule::kAuthors;
  throw std::runtime_error("unknown schedule '" + name +
                           "' (expected oneshot, iterative or authors)");
}

std::vector<double> schedule_factors(Schedule schedule, double target) {
  if (!(target > 0.0 && target <= 1.0))
    throw std::runtime_error("schedule: target factor " + std::to_string(target) +
                             " is not in (0, 1]");
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
      const double r = 1.0 - target;
      for (size_t k = 1; k <= AuthorsTrigger::kSteps; ++k)
        out.push_back(1.0 - r * std::pow(static_cast<double>(k) / AuthorsTrigger::kSteps, 1.0 / 16));
      out.back() = target;
      break;
    }
  }
  return out;
}

double parse_factor(const std::string& text) {
  const std::string error = "factor '" + text + "' is not a number in (0, 1] (e.g. 1/8 or 0.125)";
  const size_t slash = text.find('/');
  double value;
  auto number = [&](const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(v)) throw std::runtime_error(error);
    return v;
  };
  if (slash == std::string::npos) {
    value = number(text);
  } else {
    const double den = number(text.substr(slash + 1));
    if (den == 0.0) throw std::runtime_error(error);
    value = number(text.substr(0, slash)) / den;
  }
  if (!(value > 0.0 && value <= 1.0)) throw std::runtime_error(error);
  return value;
}

bool AuthorsTrigger::prune_after(size_t epoch, double train_error) {
  if (steps_ >= kSteps || epoch < kFirstEpoch) return false;
  const bool accurate = 1.0 - train_error >= kAccuracy;
  const bool waited = epoch >= last_step_epoch_ + kPatience;
  if (!accurate && !waited) return false;
  ++steps_;
  last_step_epoch_ = epoch;
  return true;
}

bool AuthorsTrigger::finished(size_t epoch) const {
  return steps_ == kSteps && epoch >= last_step_epoch_ + kTail;
}

}  // namespace nnc
