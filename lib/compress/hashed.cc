#include "lib/compress/hashed.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "lib/compress/factor.h"

namespace nnc {
namespace {

uint32_t xxh32_index(uint32_t index, uint32_t seed) {
  const unsigned char bytes[4] = {
      static_cast<unsigned char>(index), static_cast<unsigned char>(index >> 8),
      static_cast<unsigned char>(index >> 16), static_cast<unsigned char>(index >> 24)};
  return XXH32(bytes, sizeof bytes, seed);
}

void fill_hashes(size_t n, uint32_t buckets, uint32_t seed, std::vector<uint32_t>& bucket,
                 std::vector<float>& sign) {
  bucket.resize(n);
  sign.resize(n);
  for (size_t i = 0; i < n; ++i) {
    bucket[i] = hash_bucket(static_cast<uint32_t>(i), seed, buckets);
    sign[i] = hash_sign(static_cast<uint32_t>(i), seed);
  }
}

// V_i = ξ(i)·w[h(i)] (paper eq. 3).
void gather(const std::vector<uint32_t>& bucket, const std::vector<float>& sign, const float* w,
            float* v) {
  const size_t n = bucket.size();
  for (size_t i = 0; i < n; ++i) v[i] = sign[i] * w[bucket[i]];
}

// ∂L/∂w[k] = Σ_{h(i)=k} ξ(i)·∂L/∂V_i (paper eq. 12).
void scatter(const std::vector<uint32_t>& bucket, const std::vector<float>& sign, const float* dv,
             float* dw, size_t buckets) {
  std::fill(dw, dw + buckets, 0.0f);
  const size_t n = bucket.size();
  for (size_t i = 0; i < n; ++i) dw[bucket[i]] += sign[i] * dv[i];
}

}  // namespace

size_t hashed_bucket_count(double factor, size_t virtual_size) {
  check_factor(factor, "hashed");
  // The 1e-9 keeps exact products (1/8 · 784000) from rounding up through float noise.
  const double k = std::ceil(factor * static_cast<double>(virtual_size) - 1e-9);
  return std::max<size_t>(1, static_cast<size_t>(k));
}

uint32_t hash_bucket(uint32_t index, uint32_t seed, uint32_t buckets) {
  return xxh32_index(index, seed) % buckets;
}

float hash_sign(uint32_t index, uint32_t seed) {
  return (xxh32_index(index, seed + 1) & 1u) ? -1.0f : 1.0f;
}

template <class Base>
Hashed<Base>::Hashed(Base base, size_t buckets, size_t bias_buckets, uint32_t seed)
    : base_(std::move(base)), seed_(seed) {
  const Param& w = base_.param("weight");
  const Param& b = base_.param("bias");
  if (buckets == 0 || buckets > w.value.size())
    throw std::runtime_error(kind() + ": " + std::to_string(buckets) + " buckets for " +
                             std::to_string(w.value.size()) + " virtual weights");
  if (bias_buckets > b.value.size())
    throw std::runtime_error(kind() + ": " + std::to_string(bias_buckets) + " bias buckets for " +
                             std::to_string(b.value.size()) + " biases");
  fill_hashes(w.value.size(), static_cast<uint32_t>(buckets), seed, bucket_, sign_);
  const size_t bias_size = bias_buckets ? bias_buckets : b.value.size();
  if (bias_buckets)
    fill_hashes(b.value.size(), static_cast<uint32_t>(bias_buckets), seed + 2, bias_bucket_,
                bias_sign_);
  Param rw{"weight", true, xt::zeros<float>({buckets}), xt::zeros<float>({buckets})};
  Param rb{"bias", false, xt::zeros<float>({bias_size}), xt::zeros<float>({bias_size})};
  params_ = {std::move(rw), std::move(rb)};
}

template <class Base>
Attributes Hashed<Base>::attributes() const {
  Attributes a = base_.attributes();
  a["buckets"] = std::to_string(params_[0].value.size());
  a["bias_buckets"] = std::to_string(bias_bucket_.empty() ? 0 : params_[1].value.size());
  a["seed"] = std::to_string(seed_);
  return a;
}

namespace {

// Returns: true when `p` holds exactly the values of `snapshot` (bytes, so a NaN matches itself);
// otherwise copies them into `snapshot` and returns false.
bool unchanged_since(const xt::xarray<float>& p, std::vector<float>& snapshot) {
  if (snapshot.size() == p.size() &&
      std::memcmp(snapshot.data(), p.data(), p.size() * sizeof(float)) == 0)
    return true;
  snapshot.assign(p.begin(), p.end());
  return false;
}

}  // namespace

template <class Base>
void Hashed<Base>::expand() {
  if (!unchanged_since(params_[0].value, expanded_weight_))
    gather(bucket_, sign_, params_[0].value.data(), base_.param("weight").value.data());
  if (unchanged_since(params_[1].value, expanded_bias_)) return;
  Param& b = base_.param("bias");
  if (bias_bucket_.empty()) {
    std::copy(params_[1].value.begin(), params_[1].value.end(), b.value.begin());
  } else {
    gather(bias_bucket_, bias_sign_, params_[1].value.data(), b.value.data());
  }
}

template <class Base>
void Hashed<Base>::forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) {
  expand();
  base_.forward(x, y, mode, rng);
}

template <class Base>
void Hashed<Base>::backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) {
  base_.backward(x, y, dy, dx);  // virtual gradients; dx uses V expanded by the forward
  scatter(bucket_, sign_, base_.param("weight").grad.data(), params_[0].grad.data(),
          params_[0].value.size());
  const Param& b = base_.param("bias");
  if (bias_bucket_.empty()) {
    std::copy(b.grad.begin(), b.grad.end(), params_[1].grad.begin());
  } else {
    scatter(bias_bucket_, bias_sign_, b.grad.data(), params_[1].grad.data(),
            params_[1].value.size());
  }
}

template <class Base>
xt::xarray<float> Hashed<Base>::virtual_weight() const {
  xt::xarray<float> v = base_.param("weight").value;
  gather(bucket_, sign_, params_[0].value.data(), v.data());
  return v;
}

template class Hashed<Dense>;
template class Hashed<Conv2d>;

namespace {

// Real value k starts as ξ(i)·virtual_i of the first i hashed to k (see hashed_network).
void init_from_virtual(const std::vector<uint32_t>& bucket, const std::vector<float>& sign,
                       const xt::xarray<float>& virtual_values, Param& real) {
  std::vector<bool> set(real.value.size(), false);
  real.value.fill(0.0f);
  for (size_t i = 0; i < bucket.size(); ++i)
    if (!set[bucket[i]]) {
      set[bucket[i]] = true;
      real.value.data()[bucket[i]] = sign[i] * virtual_values.data()[i];
    }
}

template <class Base>
std::unique_ptr<Layer> hash_layer(const Base& base, double factor, uint32_t seed, bool hash_bias) {
  const Param& w = base.param("weight");
  const Param& b = base.param("bias");
  const size_t kb = hash_bias ? hashed_bucket_count(factor, b.value.size()) : 0;
  auto h =
      std::make_unique<Hashed<Base>>(base, hashed_bucket_count(factor, w.value.size()), kb, seed);
  init_from_virtual(h->weight_buckets(), h->weight_signs(), w.value, h->param("weight"));
  if (hash_bias) {
    init_from_virtual(h->bias_buckets(), h->bias_signs(), b.value, h->param("bias"));
  } else {
    h->param("bias").value = b.value;
  }
  return h;
}

}  // namespace

Network hashed_network(const Network& dense, double factor, uint32_t seed, bool hash_bias) {
  check_factor(factor, "hashed");
  Network out(dense.in_shape());
  for (size_t l = 0; l < dense.size(); ++l) {
    const Layer& layer = dense.layer(l);
    const uint32_t layer_seed = seed + 4 * static_cast<uint32_t>(l);
    if (const auto* d = dynamic_cast<const Dense*>(&layer)) {
      out.add(hash_layer(*d, factor, layer_seed, hash_bias));
    } else if (const auto* c = dynamic_cast<const Conv2d*>(&layer)) {
      out.add(hash_layer(*c, factor, layer_seed, hash_bias));
    } else {
      out.add(layer.clone());
    }
  }
  return out;
}

void register_hashed_layer_kinds() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_layer_kind("hashed_dense", [](const Shape& in, const Attributes& a) {
      std::unique_ptr<Layer> dense = make_layer("dense", in, a);
      return std::unique_ptr<Layer>(std::make_unique<HashedDense>(
          static_cast<const Dense&>(*dense), attr_int(a, "hashed_dense", "buckets"),
          attr_int(a, "hashed_dense", "bias_buckets"),
          static_cast<uint32_t>(attr_int(a, "hashed_dense", "seed"))));
    });
    register_layer_kind("hashed_conv2d", [](const Shape& in, const Attributes& a) {
      std::unique_ptr<Layer> conv = make_layer("conv2d", in, a);
      return std::unique_ptr<Layer>(std::make_unique<HashedConv2d>(
          static_cast<const Conv2d&>(*conv), attr_int(a, "hashed_conv2d", "buckets"),
          attr_int(a, "hashed_conv2d", "bias_buckets"),
          static_cast<uint32_t>(attr_int(a, "hashed_conv2d", "seed"))));
    });
  });
}

namespace {
[[maybe_unused]] const bool kHashedKindsRegistered = (register_hashed_layer_kinds(), true);
}  // namespace

}  // namespace nnc
