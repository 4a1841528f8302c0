// Synthetic classification data for training tests: `classes` Gaussian blobs in `features`
// dimensions (seeded), easy enough that a small network learns it in a few epochs.
#ifndef NNCOMPRESS_TESTS_TRAIN_SYNTHETIC_H_
#define NNCOMPRESS_TESTS_TRAIN_SYNTHETIC_H_

#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

struct SyntheticSet {
  Matrix images;
  std::vector<int> labels;
};

// Returns: n samples; class c is centred on a fixed random point in [0,1]^features (from
// centre_seed), with noise of standard deviation `noise` (from seed), clipped to [0, 1].
inline SyntheticSet synthetic_blobs(size_t n, size_t features, size_t classes, uint64_t seed,
                                    double noise = 0.15, uint64_t centre_seed = 99) {
  Rng centres_rng(centre_seed), rng(seed);
  std::vector<float> centres(classes * features);
  for (float& c : centres) c = centres_rng.uniform();
  SyntheticSet s{Matrix({n, features}), std::vector<int>(n)};
  for (size_t i = 0; i < n; ++i) {
    const int c = static_cast<int>(rng.below(classes));
    s.labels[i] = c;
    for (size_t j = 0; j < features; ++j) {
      const double v = centres[c * features + j] + noise * rng.normal();
      s.images(i, j) = static_cast<float>(v < 0 ? 0 : v > 1 ? 1 : v);
    }
  }
  return s;
}

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_TRAIN_SYNTHETIC_H_
