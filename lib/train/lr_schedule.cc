#include "lib/train/lr_schedule.h"

#include <cmath>
#include <cstdio>

namespace nnc {

double LrSchedule::at(size_t steps, size_t epoch) const {
  const double j = static_cast<double>(epoch < 1 ? 1 : epoch);
  switch (kind) {
    case Kind::kConstant:
      return lr0;
    case Kind::kInverseTime:
      return lr0 * std::pow(1.0 + decay * static_cast<double>(steps), -power);
    case Kind::kInverseSqrtEpoch:
      return 2.0 * lr0 / std::sqrt(j);
    case Kind::kStep:
      return lr0 * std::pow(factor, std::floor((j - 1.0) / static_cast<double>(every ? every : 1)));
  }
  return lr0;
}

LrSchedule LrSchedule::scaled(double scale) const {
  LrSchedule s = *this;
  s.lr0 *= scale;
  return s;
}

std::string LrSchedule::describe() const {
  char buf[160];
  switch (kind) {
    case Kind::kConstant:
      std::snprintf(buf, sizeof buf, "constant(lr0=%g)", lr0);
      break;
    case Kind::kInverseTime:
      std::snprintf(buf, sizeof buf, "inverse_time(lr0=%g, decay=%g, power=%g)", lr0, decay, power);
      break;
    case Kind::kInverseSqrtEpoch:
      std::snprintf(buf, sizeof buf, "inv_sqrt_epoch(lr0=%g)", lr0);
      break;
    case Kind::kStep:
      std::snprintf(buf, sizeof buf, "step(lr0=%g, every=%zu, factor=%g)", lr0, every, factor);
      break;
  }
  return buf;
}

}  // namespace nnc
