#include "lib/compress/factor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "lib/util/factor.h"

namespace nnc {

bool is_factor(double factor) { return factor > 0.0 && factor <= 1.0; }

double check_factor(double factor, const std::string& who) {
  if (is_factor(factor)) return factor;
  char value[32];
  std::snprintf(value, sizeof value, "%.17g", factor);
  throw std::runtime_error((who.empty() ? "" : who + ": ") + "factor " + value +
                           " is not in (0, 1]");
}

double parse_factor(const std::string& text) { return Factor::parse(text).value(); }

size_t weight_budget(double factor, size_t weights, const std::string& who) {
  check_factor(factor, who);
  // The 1e-9 keeps exact products (1/8 · 784000) from rounding up through float noise, as in
  // hashed_bucket_count.
  const double k = std::ceil(factor * static_cast<double>(weights) - 1e-9);
  return std::max<size_t>(1, static_cast<size_t>(k));
}

}  // namespace nnc
