#include "lib/eval/cost.h"

#include <catch2/catch.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "lib/compress/compressed_network.h"
#include "lib/compress/csr.h"
#include "lib/compress/hashed.h"
#include "lib/io/csr_matrix.h"
#include "lib/nn/architecture.h"
#include "lib/nn/random.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

// 4x4x1 input -> conv 2@3x3 (2x2x2 out) -> relu -> dense 8->3.
Network small_network() {
  Network net = build_network({"small", {{LayerSpec::Kind::kConv, 2, 3}}}, Shape{4, 4, 1}, 3, {});
  fill_normal(net, 7, 1.0);
  return net;
}

TEST_CASE("model_cost of the reference itself: factor 1, dense FLOPs") {
  const Network net = small_network();
  const ModelCost c = model_cost(net, net);
  // conv: 2 x 9 weights, used at 2x2 positions; dense: 3 x 8.
  CHECK(c.reference_weights == 18 + 24);
  CHECK(c.stored_weights == 42);
  CHECK(c.reference_params == 42 + 2 + 3);
  CHECK(c.flops_dense == 2 * (18 * 4 + 24));
  CHECK(c.flops_effective == c.flops_dense);
  REQUIRE(c.layers.size() == 2);
  CHECK(c.layers[0].name == "1:conv2d");
  CHECK(c.layers[1].stored == 24);
}

TEST_CASE("model_cost of a pruned model counts survivors and effective FLOPs") {
  const Network reference = small_network();
  Network pruned = reference;
  Param& w = pruned.layer(2).param("weight");  // 3 x 8
  xt::xarray<float> mask = xt::zeros<float>(w.value.shape());
  mask(0, 0) = mask(1, 3) = mask(2, 7) = mask(2, 6) = 1;
  w.set_mask(mask);
  const ModelCost c = model_cost(pruned, reference);
  CHECK(c.stored_weights == 18 + 4);
  CHECK(c.reference_weights == 42);
  CHECK(c.flops_effective == 2 * (18 * 4 + 4));
  CHECK(c.flops_dense == 2 * (18 * 4 + 24));
}

TEST_CASE("model_cost of a HashedNet counts K real weights and the virtual FLOPs") {
  const Network reference = small_network();
  const Network hashed = hashed_network(reference, 0.25, kHashedNetsSeed, /*hash_bias=*/false);
  const ModelCost c = model_cost(hashed, reference);
  CHECK(c.stored_weights == 5 + 6);  // ceil(18/4), ceil(24/4)
  CHECK(c.reference_weights == 42);
  CHECK(c.flops_effective == c.flops_dense);
}

TEST_CASE("CSR inference matches dense inference of a pruned network") {
  Network net = small_network();
  Param& w = net.layer(2).param("weight");
  xt::xarray<float> mask = xt::ones<float>(w.value.shape());
  mask(0, 1) = mask(1, 1) = mask(2, 5) = 0;
  w.set_mask(mask);
  CompressedNetwork csr(parse_compressed(encode_network(net, Encoding::kCsr), "test"), "test");
  CHECK(csr.sparse_layers() == 1);
  Matrix x = xt::zeros<float>({5, 16});
  Rng rng(3);
  for (float& v : x) v = rng.uniform();
  const Matrix expected = net.forward(x, Mode::kInfer, nullptr);
  const Matrix& got = csr.forward(x);
  REQUIRE(got.shape() == expected.shape());
  for (size_t i = 0; i < got.size(); ++i)
    CHECK(got.data()[i] == Approx(expected.data()[i]).margin(1e-5));
  // One sample takes the single-row path.
  const Matrix one = xt::view(x, xt::range(2, 3), xt::all());
  const Matrix expected_one = net.forward(one, Mode::kInfer, nullptr);
  const Matrix& got_one = csr.forward(one);
  for (size_t i = 0; i < got_one.size(); ++i) {
    CHECK(got_one.data()[i] == Approx(expected_one.data()[i]).margin(1e-5));
  }
}

TEST_CASE("csr_forward matches the dense product on every path (one sample, blocks, tails)") {
  Rng rng(5);
  const size_t cols = 40;
  // Density 0.5 runs the block kernel; 0.05 keeps fewer weights than inputs (one dot per sample).
  for (const double density : {0.5, 0.05}) {
    xt::xarray<float> w = xt::zeros<float>({size_t{6}, cols}), mask = w;
    for (size_t i = 0; i < w.size(); ++i) {
      w.data()[i] = static_cast<float>(rng.normal());
      mask.data()[i] = rng.uniform() < density ? 1.0f : 0.0f;
    }
    const CsrMatrix c = to_csr(w, mask);
    CHECK((c.values.size() < cols) == (density < 0.1));
    const std::vector<float> bias = {0.5f, -1.0f, 0.0f, 2.0f, 0.25f, -0.5f};
    for (const size_t batch : {1, 2, 8, 64, 75, 130}) {
      Matrix x = xt::zeros<float>({batch, cols}), y;
      for (float& v : x) v = rng.uniform();
      csr_forward(c, bias.data(), x, y);
      REQUIRE(y.shape(0) == batch);
      for (size_t b = 0; b < batch; ++b)
        for (size_t r = 0; r < 6; ++r) {
          double expected = bias[r];
          for (size_t k = 0; k < cols; ++k) expected += w(r, k) * mask(r, k) * x(b, k);
          CHECK(y(b, r) == Approx(expected).margin(1e-5));
        }
    }
  }
}

TEST_CASE("to_csr keeps the masked-in entries row by row and checks shapes") {
  xt::xarray<float> w = {{1, 2, 3}, {4, 5, 6}};
  xt::xarray<float> m = {{1, 0, 1}, {0, 0, 1}};
  const CsrMatrix c = to_csr(w, m);
  CHECK(c.values == std::vector<float>{1, 3, 6});
  CHECK(c.columns == std::vector<uint32_t>{0, 2, 2});
  CHECK(c.row_start == std::vector<uint32_t>{0, 2, 2 + 1});
  CHECK_THROWS_WITH(to_csr(w, xt::xarray<float>{1, 0}), Catch::Contains("does not fit"));
  CHECK(to_csr(w, xt::xarray<float>()).values.size() == 6);  // no mask: every entry
}

}  // namespace
}  // namespace nnc

namespace nnc {
namespace {

TEST_CASE("weight_histogram counts every stored weight once, pruned ones never") {
  Network net = small_network();
  Param& w = net.layer(2).param("weight");
  xt::xarray<float> mask = xt::ones<float>(w.value.shape());
  mask(0, 0) = mask(1, 1) = 0;
  w.set_mask(mask);
  Record r;
  weight_histogram(net, r);
  REQUIRE(r.histogram.size() == size_t(kHistogramBins));
  int64_t total = 0;
  for (int64_t c : r.histogram) total += c;
  CHECK(total == 18 + 24 - 2);
  double largest = 0;
  for (const Param* p : net.params()) {
    if (p->is_weight) largest = std::max(largest, double(xt::amax(xt::abs(p->value))()));
  }
  CHECK(r.histogram_limit == Approx(largest));
}

}  // namespace
}  // namespace nnc
