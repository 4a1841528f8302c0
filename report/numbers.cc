#include "report/numbers.h"

#include <cstdio>

namespace nnc {

std::string fixed(double value, int decimals, bool always_signed) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, always_signed ? "%+.*f" : "%.*f", decimals, value);
  return buffer;
}

std::string percent(double error) { return fixed(100.0 * error, 2); }

std::string signed_points(double difference) { return fixed(100.0 * difference, 2, true); }

std::string shortest(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string count_of(long long n, const std::string& noun) {
  const bool plural = noun.size() > 1 && noun.back() == 's' && noun.compare(0, 6, "series") != 0;
  return std::to_string(n) + " " + (n == 1 && plural ? noun.substr(0, noun.size() - 1) : noun);
}

}  // namespace nnc
