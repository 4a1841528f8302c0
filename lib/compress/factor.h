// Compression factors: the fraction of the reference network's weights a compressed model keeps,
// a number in (0, 1] (1 = the reference itself, 1/8 = an eighth of its weights). Every stage and
// library checks a factor here, so "in (0, 1]" has one definition.
#ifndef NNCOMPRESS_LIB_COMPRESS_FACTOR_H_
#define NNCOMPRESS_LIB_COMPRESS_FACTOR_H_

#include <cstddef>
#include <string>

namespace nnc {

// Returns: whether factor ∈ (0, 1] (false for NaN).
bool is_factor(double factor);

// Returns: factor. Throws std::runtime_error("<who>: factor <factor> is not in (0, 1]", without
// "<who>: " when who is empty) when !is_factor(factor).
double check_factor(double factor, const std::string& who = "");

// Returns: Factor::parse(text).value() (lib/util/factor.h: "1/8", "0.125" or "1"); throws as it.
double parse_factor(const std::string& text);

// Returns: the weights a layer of `weights` may store at `factor`: ⌈factor·weights⌉, at least 1 —
// HashedNets' K (hashed.h), the budget every method trained from scratch keeps to per weight
// matrix. Throws as check_factor(factor, who) for a factor outside (0, 1].
size_t weight_budget(double factor, size_t weights, const std::string& who);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_FACTOR_H_
