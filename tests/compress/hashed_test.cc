// HashedNets layers: the generic gradient check (so ∂L/∂w[k] is the ξ-weighted sum of the virtual
// gradients), exactly K stored weights, reproducible hashing from the seed, rebuilding from the
// registry, and the conversion of a whole network.
#include "lib/compress/hashed.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "lib/nn/activation.h"
#include "lib/nn/max_pool.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

TEST_CASE("hashed dense and conv layers pass the generic gradient check") {
  SECTION("dense, hashed bias") {
    HashedDense layer(Dense(flat(12), 7), 10, 3, kHashedNetsSeed);
    randomize_layer(layer, 1);
    require_passes(check_layer(layer, random_matrix(4, 12, 2)), 40);
  }
  SECTION("dense, dense bias") {
    HashedDense layer(Dense(flat(12), 7), 21, 0, 5);
    randomize_layer(layer, 3);
    require_passes(check_layer(layer, random_matrix(4, 12, 4)), 40);
    CHECK(layer.param("bias").value.size() == 7);
  }
  SECTION("conv2d") {
    HashedConv2d layer(Conv2d(Shape{6, 6, 2}, 3, 3), 13, 2, 9);
    randomize_layer(layer, 5);
    require_passes(check_layer(layer, random_matrix(2, 72, 6)), 40);
  }
}

TEST_CASE("the virtual weights are sign-hashed copies of the K real weights") {
  HashedDense layer(Dense(flat(30), 20), 75, 0, kHashedNetsSeed);
  randomize_layer(layer, 7);
  const xt::xarray<float> v = layer.virtual_weight();
  const float* w = layer.param("weight").value.data();
  for (size_t i = 0; i < v.size(); ++i) {
    const uint32_t h = hash_bucket(static_cast<uint32_t>(i), kHashedNetsSeed, 75);
    CHECK(v.data()[i] == hash_sign(static_cast<uint32_t>(i), kHashedNetsSeed) * w[h]);
  }
  // Both signs occur and every bucket is used (600 virtual weights into 75 buckets).
  size_t negative = 0;
  std::vector<bool> used(75, false);
  for (size_t i = 0; i < v.size(); ++i) {
    negative += layer.weight_signs()[i] < 0;
    used[layer.weight_buckets()[i]] = true;
  }
  CHECK(negative > 200);
  CHECK(negative < 400);
  CHECK(std::count(used.begin(), used.end(), true) == 75);
}

bool same_bytes(const Matrix& a, const Matrix& b) {
  return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST_CASE("the cached expansion follows every change of the real weights and biases") {
  HashedDense layer(Dense(flat(12), 5), 20, 3, kHashedNetsSeed);
  Rng rng(21);
  for (Param& p : layer.params())
    for (float& v : p.value) v = static_cast<float>(rng.normal());
  const Matrix x = random_matrix(4, 12, 22);
  // Reference: a fresh copy whose first forward expands from scratch.
  auto fresh_output = [&] {
    HashedDense copy(Dense(flat(12), 5), 20, 3, kHashedNetsSeed);
    for (size_t i = 0; i < copy.params().size(); ++i)
      copy.params()[i].value = layer.params()[i].value;
    Matrix y;
    copy.forward(x, y, Mode::kInfer, nullptr);
    return y;
  };
  Matrix y;
  layer.forward(x, y, Mode::kInfer, nullptr);
  CHECK(same_bytes(y, fresh_output()));
  layer.forward(x, y, Mode::kInfer, nullptr);  // unchanged weights: the cached V
  CHECK(same_bytes(y, fresh_output()));
  layer.param("weight").value(7) += 0.5f;
  layer.forward(x, y, Mode::kInfer, nullptr);
  CHECK(same_bytes(y, fresh_output()));  // byte-identical to a full expansion
  layer.param("bias").value(1) -= 0.25f;
  layer.forward(x, y, Mode::kInfer, nullptr);
  CHECK(same_bytes(y, fresh_output()));
}

TEST_CASE("a hashed layer stores exactly K = ceil(c |V|) weights") {
  CHECK(hashed_bucket_count(1.0 / 8, 784 * 300) == 29400);
  CHECK(hashed_bucket_count(1.0 / 64, 300 * 100) == 469);  // 468.75 rounds up
  CHECK(hashed_bucket_count(1.0 / 500, 10) == 1);
  CHECK_THROWS_WITH(hashed_bucket_count(0.0, 10), "hashed: factor 0 is not in (0, 1]");

  Network dense(flat(784));
  dense.add(std::make_unique<Dense>(flat(784), 300));
  dense.add(std::make_unique<Relu>(flat(300)));
  dense.add(std::make_unique<Dense>(flat(300), 100));
  dense.add(std::make_unique<Relu>(flat(100)));
  dense.add(std::make_unique<Dense>(flat(100), 10));
  randomize_params(dense, 11);
  const Network hashed = hashed_network(dense, 1.0 / 8, kHashedNetsSeed);
  CHECK(hashed.weight_count() == 29400 + 3750 + 125);
  CHECK(hashed.layer(0).kind() == "hashed_dense");
  CHECK(hashed.layer(1).kind() == "relu");
  CHECK(hashed.layer(0).param("bias").value.size() == 38);  // ceil(300 / 8)
  // Layer l hashes with seed + 4l.
  CHECK(static_cast<const HashedDense&>(hashed.layer(2)).seed() == kHashedNetsSeed + 8);
  // Every stored tensor is a real weight or bias: nothing of the virtual size is a param.
  for (const Param* p : hashed.params()) CHECK(p->value.size() <= 29400);
  // Dense biases on request.
  const Network dense_bias = hashed_network(dense, 1.0 / 8, kHashedNetsSeed, false);
  CHECK(dense_bias.layer(0).param("bias").value.size() == 300);
  CHECK(dense_bias.layer(0).attributes().at("bias_buckets") == "0");
}

TEST_CASE("the same seed gives the same buckets, another seed different ones") {
  const HashedDense a(Dense(flat(50), 40), 100, 10, 1691);
  const HashedDense b(Dense(flat(50), 40), 100, 10, 1691);
  const HashedDense c(Dense(flat(50), 40), 100, 10, 1692);
  CHECK(a.weight_buckets() == b.weight_buckets());
  CHECK(a.weight_signs() == b.weight_signs());
  CHECK(a.bias_buckets() == b.bias_buckets());
  size_t same = 0;
  for (size_t i = 0; i < a.weight_buckets().size(); ++i)
    same += a.weight_buckets()[i] == c.weight_buckets()[i];
  // Independent hashes agree on about 1 in 100 positions.
  CHECK(same < a.weight_buckets().size() / 20);
  CHECK(a.weight_buckets() != c.weight_buckets());
}

TEST_CASE("a hashed layer is rebuilt from its kind, attributes and K stored values") {
  HashedConv2d layer(Conv2d(Shape{8, 8, 1}, 4, 5), 20, 2, 77);
  randomize_layer(layer, 13);
  std::unique_ptr<Layer> rebuilt = make_layer(layer.kind(), layer.in_shape(), layer.attributes());
  REQUIRE(rebuilt->kind() == "hashed_conv2d");
  for (size_t p = 0; p < layer.params().size(); ++p) {
    REQUIRE(rebuilt->params()[p].value.shape() == layer.params()[p].value.shape());
    rebuilt->params()[p].value = layer.params()[p].value;
  }
  const Matrix x = random_matrix(3, 64, 14);
  Matrix y1, y2;
  layer.forward(x, y1, Mode::kInfer, nullptr);
  rebuilt->forward(x, y2, Mode::kInfer, nullptr);
  CHECK((y1 == y2));
  CHECK_THROWS_WITH(HashedDense(Dense(flat(3), 2), 7, 0, 1),
                    "hashed_dense: 7 buckets for 6 virtual weights");
}

TEST_CASE("a converted network starts from the dense network's initial distribution") {
  Network dense(flat(20));
  dense.add(std::make_unique<Dense>(flat(20), 10));
  randomize_params(dense, 15);
  const Network hashed = hashed_network(dense, 1.0 / 2, 3);
  const xt::xarray<float>& w = hashed.layer(0).param("weight").value;
  const xt::xarray<float>& v = dense.layer(0).param("weight").value;
  // Every real weight is ± one of the dense initial weights.
  for (const float r : w) {
    bool found = false;
    for (const float d : v) found = found || std::fabs(r) == std::fabs(d);
    CHECK((found || r == 0.0f));
  }
}

}  // namespace
}  // namespace nnc
