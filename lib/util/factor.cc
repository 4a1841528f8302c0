#include "lib/util/factor.h"

#include <numeric>
#include <stdexcept>
#include <utility>

namespace nnc {
namespace {

constexpr size_t kMaxDigits = 9;  // keeps numerator · denominator products within int64_t

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= kMaxDigits && s.find_first_not_of("0123456789") == s.npos;
}

// Returns: the rational P/Q a text denotes, or {0, 0} when it is neither "P/Q" nor a decimal.
std::pair<int64_t, int64_t> rational_of(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash != std::string::npos) {
    const std::string p = text.substr(0, slash), q = text.substr(slash + 1);
    if (!all_digits(p) || !all_digits(q)) return {0, 0};
    return {std::stoll(p), std::stoll(q)};
  }
  const size_t point = text.find('.');
  const std::string whole = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (!all_digits(whole) || (point != std::string::npos && !all_digits(fraction)) ||
      whole.size() + fraction.size() > kMaxDigits)
    return {0, 0};
  int64_t denominator = 1;
  for (size_t i = 0; i < fraction.size(); ++i) denominator *= 10;
  return {std::stoll(whole + fraction), denominator};
}

}  // namespace

Factor::Factor(int64_t numerator, int64_t denominator, std::string label)
    : numerator_(numerator), denominator_(denominator), label_(std::move(label)) {}

Factor Factor::parse(const std::string& text) {
  auto [p, q] = rational_of(text);
  if (p <= 0 || q <= 0 || p > q)
    throw std::runtime_error("factor '" + text + "' is not a number in (0, 1] (e.g. 1/8 or 0.125)");
  const int64_t divisor = std::gcd(p, q);
  return Factor(p / divisor, q / divisor, text);
}

Factor Factor::one_in(int64_t n) { return parse(n == 1 ? "1" : "1/" + std::to_string(n)); }

std::string Factor::display() const {
  if (numerator_ != 1) return label_;
  return denominator_ == 1 ? "1" : "1/" + std::to_string(denominator_);
}

}  // namespace nnc
