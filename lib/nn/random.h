// Rng: the one random generator of the core (initialisation, shuffling, dropout), with its own
// uniform and normal transforms so the same seed gives the same bits on every platform
// (std::*_distribution output is implementation-defined).
#ifndef NNCOMPRESS_LIB_NN_RANDOM_H_
#define NNCOMPRESS_LIB_NN_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <random>

namespace nnc {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Returns: 64 uniformly random bits.
  uint64_t bits() { return engine_(); }

  // Returns: a uniform float in [0, 1) with 24 random bits (exactly representable).
  float uniform() { return static_cast<float>(engine_() >> 40) * (1.0f / 16777216.0f); }

  // Returns: a uniform integer in [0, n) (n > 0), by 128-bit multiply (Lemire), unbiased enough
  // for shuffling (bias < n / 2^64).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }

  // Returns: a standard normal sample (Box-Muller on two 53-bit uniforms).
  double normal() {
    const double u1 = (static_cast<double>(engine_() >> 11) + 1.0) * (1.0 / 9007199254740992.0);
    const double u2 = static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_RANDOM_H_
