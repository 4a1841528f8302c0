// How the report writes a number: every table and sentence formats through this file, so an error
// reads "1.59" (percent, two decimals) and a difference "+1.25" (percentage points, signed)
// everywhere.
#ifndef NNCOMPRESS_REPORT_NUMBERS_H_
#define NNCOMPRESS_REPORT_NUMBERS_H_

#include <string>

namespace nnc {

// Returns: `value` with `decimals` digits after the point, with its sign always when
// `always_signed` (fixed(1.25, 2, true) == "+1.25"), else only when negative.
std::string fixed(double value, int decimals, bool always_signed = false);

// Returns: an error fraction as a percentage with two decimals, e.g. "1.59" for 0.0159.
std::string percent(double error);

// Returns: a difference of error fractions in percentage points with its sign, e.g. "+1.25".
std::string signed_points(double difference);

// Returns: `value` in its shortest form of six significant digits ("3", "0.2", "1e-05"): a
// parameter as the profile gives it.
std::string shortest(double value);

// Returns: "1 run", "3 runs": n and the noun, singular for one ("series" stays "series").
std::string count_of(long long n, const std::string& noun);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_NUMBERS_H_
