// The dataset generator's random numbers: xoshiro256** seeded through SplitMix64 (Blackman & Vigna,
// "Scrambled linear pseudorandom number generators", 2021), with explicit transforms to uniform
// reals, bounded integers and geometric counts. Unlike std::*_distribution, every transform is
// spelled out here, so a seed gives the same datasets on every platform and standard library.
#ifndef NNCOMPRESS_DATA_RNG_H_
#define NNCOMPRESS_DATA_RNG_H_

#include <cmath>
#include <cstdint>

namespace nnc {

class DataRng {
 public:
  explicit DataRng(uint64_t seed) {
    for (uint64_t& word : s_) word = splitmix64(&seed);
  }

  // Returns: the next 64 random bits (xoshiro256**).
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Returns: a double uniform in [0, 1) from the top 53 bits (exactly representable).
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }

  // Returns: a double uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Returns: an integer uniform in [0, n), n > 0, by rejection (no modulo bias).
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
  }

  // Returns: the number of Bernoulli(p) trials up to and including the first success (>= 1),
  // by inversion: 1 + floor(log(1-u) / log(1-p)).
  uint64_t geometric(double p) {
    return 1 + uint64_t(std::floor(std::log1p(-uniform()) / std::log1p(-p)));
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t* state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t s_[4];
};

}  // namespace nnc

#endif  // NNCOMPRESS_DATA_RNG_H_
