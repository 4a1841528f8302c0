// Compressed model files (lib/io/compressed_file.h, lib/compress/compressed_network.h): each
// encoding round-trips a network whose inference from the file equals the masked dense model's
// (within 1e-5 relative), column indices take the smallest width, files are deterministic, and a
// corrupt, truncated or foreign file is rejected with one line naming the file.
#include "lib/compress/compressed_network.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "lib/compress/hashed.h"
#include "lib/io/atomic_file.h"
#include "lib/nn/architecture.h"
#include "lib/nn/random.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

// 6x6x1 input -> conv 3@3x3 (4x4x3) -> relu -> dense 48->300 -> relu -> dense 300->10: the second
// dense layer has 300 columns, so its column indices need 2 bytes, the others 1.
Network small_network() {
  const Architecture arch{"small",
                          {{LayerSpec::Kind::kConv, 3, 3}, {LayerSpec::Kind::kDense, 300}}};
  Network net = build_network(arch, Shape{6, 6, 1}, 10, {});
  fill_normal(net, 11, 0.3);
  return net;
}

// Prunes about 3 of every 4 weights of every weight tensor (a fixed pattern).
Network pruned_network() {
  Network net = small_network();
  for (Param* p : net.params()) {
    if (!p->is_weight) continue;
    xt::xarray<float> mask = xt::zeros<float>(p->value.shape());
    for (size_t i = 0; i < mask.size(); ++i) mask.data()[i] = (i * 7919) % 4 == 0 ? 1.0f : 0.0f;
    p->set_mask(mask);
  }
  return net;
}

Matrix inputs() {
  Matrix x = xt::zeros<float>({size_t(5), size_t(36)});
  Rng rng(3);
  for (float& v : x) v = static_cast<float>(rng.uniform());
  return x;
}

// Encodes `net`, parses the bytes back and checks inference from the file against `net`'s, both
// for a batch and for one sample (csr_forward has a separate one-sample path).
void check_round_trip(Network net, Encoding encoding, size_t sparse_layers) {
  const std::string bytes = encode_network(net, encoding);
  CHECK(encode_network(net, encoding) == bytes);  // deterministic
  CompressedNetwork file(parse_compressed(bytes, "net.file"), "net.file");
  CHECK(file.sparse_layers() == sparse_layers);
  const Matrix x = inputs();
  for (const size_t batch : {size_t(5), size_t(1)}) {
    const Matrix xb = xt::view(x, xt::range(0, batch), xt::all());
    const Matrix expected = net.forward(xb, Mode::kInfer, nullptr);
    const Matrix got = file.forward(xb);
    REQUIRE(got.shape() == expected.shape());
    // Relative to the output's scale: a CSR row sums in another order than BLAS, and an output
    // near 0 is a cancellation of terms ~100x larger, so per-entry relative error says nothing.
    const float scale = xt::amax(xt::abs(expected))();
    const float error = xt::amax(xt::abs(got - expected))();
    INFO("largest difference " << error << " at output scale " << scale);
    CHECK(error <= 1e-5f * scale);
  }
}

TEST_CASE("csr, bitmask and hashed files run like the masked dense model") {
  SECTION("csr of a pruned network: dense layers from the stored arrays") {
    check_round_trip(pruned_network(), Encoding::kCsr, 2);
  }
  SECTION("csr of a dense network") { check_round_trip(small_network(), Encoding::kCsr, 2); }
  SECTION("bitmask of a pruned network") {
    check_round_trip(pruned_network(), Encoding::kBitmask, 0);
  }
  SECTION("hashed") {
    check_round_trip(hashed_network(small_network(), 0.125, kHashedNetsSeed), Encoding::kHashed, 0);
  }
}

TEST_CASE("the files' sizes follow the documented layout") {
  const Network net = pruned_network();
  const CompressedModel csr = parse_compressed(encode_network(net, Encoding::kCsr), "f");
  // conv: 3 rows of 9 columns; dense 300 x 48; dense 10 x 300 (2-byte column indices).
  CHECK(csr.csr[0][0].cols == 9);
  CHECK(csr.csr[4][0].cols == 300);
  const auto& last = csr.csr[4][0];
  CHECK(last.row_start.size() == 11);
  size_t kept = 0;
  for (const float m : net.layer(4).param("weight").mask) kept += m != 0.0f;
  CHECK(last.values.size() == kept);
  const std::string bitmask = encode_network(net, Encoding::kBitmask);
  const std::string dense = encode_network(small_network(), Encoding::kBitmask);
  // Same header and biases; the dense model keeps 4x the values.
  CHECK(dense.size() - bitmask.size() == 4 * (net.weight_count() - net.stored_weight_count()));
}

TEST_CASE("encodings that do not fit the model are refused with one line") {
  const Network hashed = hashed_network(small_network(), 0.25, kHashedNetsSeed);
  CHECK_THROWS_WITH(encode_network(hashed, Encoding::kCsr),
                    "csr encoding: layer 1 (hashed_conv2d) shares its weights through a hash (use "
                    "the hashed encoding)");
  CHECK_THROWS_WITH(encode_network(small_network(), Encoding::kHashed),
                    Catch::Contains("hashed encoding: layer 1 (conv2d) has no hashed weights"));
}

// Expects parsing `bytes` to fail with one line "<origin>: ...<message>...".
void expect_rejected(const std::string& bytes, const std::string& message) {
  try {
    parse_compressed(bytes, "runs/a.csr");
    FAIL("accepted: " << message);
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.rfind("runs/a.csr: ", 0) == 0);
    CHECK(what.find(message) != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
}

TEST_CASE("corrupt, truncated and foreign compressed files are rejected naming the file") {
  for (const Encoding encoding : {Encoding::kCsr, Encoding::kBitmask}) {
    const std::string good = encode_network(pruned_network(), encoding);
    std::string flipped = good;
    flipped[good.size() - 12] ^= 0x10;  // inside the last float value
    expect_rejected(flipped, "checksum mismatch (corrupt compressed file)");
    std::string checksum = good;
    checksum.back() ^= 1;
    expect_rejected(checksum, "checksum mismatch (corrupt compressed file)");
    expect_rejected(good.substr(0, good.size() / 2), "truncated compressed file");
    expect_rejected(good.substr(0, 10), "truncated compressed file (10 bytes)");
    expect_rejected("", "truncated compressed file (0 bytes)");
    expect_rejected("NNCMODEL" + good.substr(8), "not a compressed model file (bad magic)");
    std::string v2 = good;
    v2[8] = 2;
    expect_rejected(v2, "unsupported compressed file version 2 (expected 1)");
    std::string kind = good;
    kind[12] = 9;
    expect_rejected(kind, "unknown encoding 9");
    expect_rejected(good + "x", "does not match its header");
  }
}

TEST_CASE("read_compressed_file names the file it cannot read") {
  CHECK_THROWS_WITH(read_compressed_file("/nonexistent/a.csr"),
                    Catch::StartsWith("/nonexistent/a.csr: cannot read"));
  CHECK(parse_encoding("bitmask") == Encoding::kBitmask);
  CHECK_THROWS_WITH(parse_encoding("gzip"),
                    "unknown encoding 'gzip' (expected csr, bitmask or hashed)");
}

}  // namespace
}  // namespace nnc
