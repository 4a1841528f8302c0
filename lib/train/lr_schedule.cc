#include "lib/train/lr_schedule.h"

#include <cmath>

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

}  // namespace nnc
