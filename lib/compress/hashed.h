// HashedNets (Chen et al. 2015, "Compressing Neural Networks with the Hashing Trick"): dense and
// convolution layers whose virtual weight matrix V is never stored. Each virtual weight is
//   V_i = ξ(i)·w[h(i)]                                                      (paper eq. 3-4)
// with i the row-major index of V, h(i) ∈ [0, K) a bucket and ξ(i) ∈ {−1, +1} a sign, both from
// xxHash32 (as the reference code, whose default seed was 1691) of i as 4 little-endian bytes:
//   h(i) = XXH32(i, seed) mod K,   ξ(i) = +1 if XXH32(i, seed + 1) is even, else −1.
// K = ⌈c·|V|⌉ real weights per layer for compression factor c. The gradient of a real weight is the
// ξ-weighted sum of the virtual gradients hashed to it: ∂L/∂w[k] = Σ_{i: h(i)=k} ξ(i)·∂L/∂V_i
// (paper eq. 12).
//
// Biases: hashed as in the reference code (their own K_b = ⌈c·out⌉ buckets, with seeds seed + 2
// for h and seed + 3 for ξ), or kept dense (bias_buckets = 0). Biases are not weights: they do not
// count towards the compression factor.
//
// Storage: the layer's params are only the K weights (and the biases); its attributes record K,
// K_b and the seed, from which the buckets and signs are recomputed when the model is loaded.
//
// Speed (tests/compress/hashed_benchmark.cc, forward + backward per batch, one core): expanding V
// once per batch (a gather of |V| floats) and then using the dense layer's BLAS GEMM beats a direct
// kernel that gathers ξ·w[h] inside the product loops by 9-15x (784x1000, batch 50, c = 1/8:
// 26 ms vs 406 ms; 784x300, batch 64: 9 ms vs 111 ms), so the layers expand. The expansion is
// cached: forward re-expands only when the real weights differ from those V was expanded from (a
// memcmp of K floats), so inference, where the weights never change, pays the dense layer's cost
// plus that check (tests/bench/compressed_inference.cc). V is the same either way: outputs are
// byte-identical to expanding every time.
//
// Layer kinds "hashed_dense" (attributes of dense plus buckets, bias_buckets, seed) and
// "hashed_conv2d" (of conv2d plus the same) are registered with make_layer by any binary linking
// this library.
#ifndef NNCOMPRESS_LIB_COMPRESS_HASHED_H_
#define NNCOMPRESS_LIB_COMPRESS_HASHED_H_

#include <cstdint>
#include <vector>

#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/network.h"

namespace nnc {

// The reference code's seed.
constexpr uint32_t kHashedNetsSeed = 1691;

// Returns: K = ⌈factor·virtual_size⌉, at least 1. Throws std::runtime_error when factor ∉ (0, 1].
size_t hashed_bucket_count(double factor, size_t virtual_size);

// Returns: h(index) = XXH32(index, seed) mod buckets.
uint32_t hash_bucket(uint32_t index, uint32_t seed, uint32_t buckets);
// Returns: ξ(index) ∈ {−1, +1} from XXH32(index, seed + 1).
float hash_sign(uint32_t index, uint32_t seed);

// A dense (Base = Dense) or convolution (Base = Conv2d) layer with hashed weights. The base layer
// holds the expanded virtual weights as scratch; params() are the real ones: "weight" (K values,
// a weight) and "bias" (K_b hashed values, or out dense values when bias_buckets = 0).
template <class Base>
class Hashed : public Layer {
 public:
  // Throws std::runtime_error when buckets is 0 or exceeds the virtual size (or bias_buckets
  // exceeds the number of outputs).
  Hashed(Base base, size_t buckets, size_t bias_buckets, uint32_t seed);

  std::string kind() const override { return "hashed_" + base_.kind(); }
  Shape in_shape() const override { return base_.in_shape(); }
  Shape out_shape() const override { return base_.out_shape(); }
  Attributes attributes() const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Hashed>(*this); }
  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // The base layer holds V expanded, so its weight count is |V|.
  size_t virtual_weight_count() const override { return base_.virtual_weight_count(); }
  bool shares_weights() const override { return true; }

  // Returns: h(i) for every virtual weight (row-major in V) / every virtual bias (empty when the
  // bias is dense).
  const std::vector<uint32_t>& weight_buckets() const { return bucket_; }
  const std::vector<uint32_t>& bias_buckets() const { return bias_bucket_; }
  // Returns: ξ(i) for every virtual weight / bias, aligned with the buckets.
  const std::vector<float>& weight_signs() const { return sign_; }
  const std::vector<float>& bias_signs() const { return bias_sign_; }
  uint32_t seed() const { return seed_; }
  // Returns: the virtual weight matrix V (shape of the base layer's weight), for inspection.
  xt::xarray<float> virtual_weight() const;

 private:
  // Expands V (and the virtual bias) unless the real values are those it was last expanded from.
  void expand();

  Base base_;
  uint32_t seed_;
  std::vector<uint32_t> bucket_, bias_bucket_;
  std::vector<float> sign_, bias_sign_;
  // The real weights and biases V was last expanded from (empty: never expanded).
  std::vector<float> expanded_weight_, expanded_bias_;
};

using HashedDense = Hashed<Dense>;
using HashedConv2d = Hashed<Conv2d>;

// Returns: `dense` with every dense and conv2d layer replaced by its HashedNets version at
// `factor`: layer l (counting layers of every kind from 0) gets seed + 4·l (so no two layers, and
// no weight and bias hash, share a seed), K = ⌈factor·|V|⌉, and K_b = ⌈factor·out⌉ when hash_bias
// (else a dense bias). Each real weight starts as ξ(i)·V_i of the first virtual index i hashed to
// it (a draw from dense's initial distribution, which is sign-symmetric), 0 when no index hashes to
// it; likewise for hashed biases. Other layers are copied. Throws std::runtime_error when factor ∉
// (0, 1].
Network hashed_network(const Network& dense, double factor, uint32_t seed, bool hash_bias = true);

// Registers "hashed_dense" and "hashed_conv2d" with make_layer (idempotent; also run at static
// initialisation of this library, which is linked with alwayslink).
void register_hashed_layer_kinds();

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_HASHED_H_
