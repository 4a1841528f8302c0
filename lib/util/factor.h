// Factor: an exact compression factor, the fraction of the reference network's weights a model
// keeps, in (0, 1]. Written either as a ratio "1/N" (1/8, 1/512) or as a decimal ("0.002"), it is
// kept as the exact rational it denotes and printed as it was written, so "1/512" never becomes
// "0.001953" on its way through a table. The one place a factor is parsed and printed.
#ifndef NNCOMPRESS_LIB_UTIL_FACTOR_H_
#define NNCOMPRESS_LIB_UTIL_FACTOR_H_

#include <cstdint>
#include <string>

namespace nnc {

class Factor {
 public:
  // The factor 1 (the reference network).
  Factor() = default;

  // Returns: the factor written "1", "P/Q" (positive integers, P <= Q) or as a decimal "0.125".
  // Throws std::runtime_error("factor '<text>' is not a number in (0, 1] (e.g. 1/8 or 0.125)")
  // for anything else (numerators and denominators are limited to 9 digits).
  static Factor parse(const std::string& text);

  // Returns: 1/n, written "1/n" ("1" for n = 1). Throws as parse for n < 1.
  static Factor one_in(int64_t n);

  // Returns: the factor as a double (the nearest double to the exact value).
  double value() const { return double(numerator_) / double(denominator_); }
  // Returns: 1 / the factor as a double (N for 1/N).
  double ratio() const { return double(denominator_) / double(numerator_); }
  // Returns: the factor as written ("1/512", "0.002"); parse(label()) == *this.
  const std::string& label() const { return label_; }
  // Returns: the factor for a reader: "1/N" when it is exactly 1/N (1/64 for "0.015625", the
  // halving chain's exact decimal), else as written ("0.03").
  std::string display() const;

  // Factors compare by their exact value: "1/8" == "0.125".
  friend bool operator==(const Factor& a, const Factor& b) {
    return a.numerator_ == b.numerator_ && a.denominator_ == b.denominator_;
  }
  friend bool operator!=(const Factor& a, const Factor& b) { return !(a == b); }
  friend bool operator<(const Factor& a, const Factor& b) {
    return a.numerator_ * b.denominator_ < b.numerator_ * a.denominator_;
  }
  friend bool operator>(const Factor& a, const Factor& b) { return b < a; }

 private:
  Factor(int64_t numerator, int64_t denominator, std::string label);

  int64_t numerator_ = 1, denominator_ = 1;  // in lowest terms, each below 10^9
  std::string label_ = "1";
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_UTIL_FACTOR_H_
