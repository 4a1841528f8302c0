// Model file round trips (bytes, masks, every built-in layer kind, .npy) and every corrupt-file
// class, each expecting its one-line message.
#include "lib/nn/model_io.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "lib/io/atomic_file.h"
#include "lib/io/model_file.h"
#include "lib/io/npy.h"
#include "lib/nn/activation.h"
#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/dropout.h"
#include "lib/nn/max_pool.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

std::string tmp(const std::string& name) {
  return std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
}

Network every_kind() {
  Network net(Shape{6, 6, 1});
  net.add(std::make_unique<Dropout>(Shape{6, 6, 1}, 0.25));
  net.add(std::make_unique<Conv2d>(Shape{6, 6, 1}, 2, 3));
  net.add(std::make_unique<MaxPool>(Shape{4, 4, 2}, 2));
  net.add(std::make_unique<Relu>(Shape{2, 2, 2}));
  net.add(std::make_unique<Dense>(Shape{2, 2, 2}, 4));
  net.add(std::make_unique<Sigmoid>(flat(4)));
  randomize_params(net, 1);
  xt::xarray<float> mask = xt::ones<float>({size_t{4}, size_t{8}});
  mask(0, 0) = mask(1, 3) = mask(3, 7) = 0.0f;
  net.layer(4).param("weight").set_mask(mask);
  return net;
}

TEST_CASE("a network survives the model file byte for byte, masks and all") {
  Network net = every_kind();
  const ModelFile model = to_model_file(net, {{"architecture", "test"}, {"seed", "3"}});
  write_model_file(tmp("a.model"), model);
  const ModelFile back = read_model_file(tmp("a.model"));
  CHECK(back.metadata.at("architecture") == "test");
  CHECK(back.metadata.at("input_shape") == "6x6x1");
  Network net2 = from_model_file(back);
  CHECK(serialize_model(to_model_file(net2, {{"architecture", "test"}, {"seed", "3"}})) ==
        serialize_model(model));
  const Matrix x = random_matrix(3, 36, 2);
  const bool same = net.forward(x, Mode::kInfer, nullptr) == net2.forward(x, Mode::kInfer, nullptr);
  CHECK(same);
  CHECK(net2.layer(4).param("weight").masked());
  CHECK(stored_weights(back.layers[4]) == 32 - 3);
  CHECK(total_weights(back.layers[4]) == 32);
  CHECK(stored_weights(back.layers[1]) == 18);
  CHECK(stored_weights(back.layers[3]) == 0);
}

TEST_CASE("tensors export to .npy and read back") {
  const ModelFile model = to_model_file(every_kind(), {});
  const auto files = npy_files(model, std::getenv("TEST_TMPDIR"));
  write_files_atomic(files);
  CHECK(files.front().first == tmp("01_conv2d_weight.npy"));
  CHECK(std::count_if(files.begin(), files.end(), [](const auto& f) {
          return f.first == tmp("04_dense_weight_mask.npy");
        }) == 1);
  const xt::xarray<float> w = read_npy(tmp("04_dense_weight.npy"));
  const bool same = w == model.layers[4].tensors[0].values;
  CHECK(same);
  const std::string bytes = npy_bytes(xt::xarray<float>({1.0f, 2.0f}));
  CHECK(bytes.substr(0, 8) == std::string("\x93NUMPY\x01\x00", 8));
  CHECK((bytes.size() - 2 * 4) % 64 == 0);  // header padded to 64 bytes
  CHECK(bytes.find("'shape': (2,)") != std::string::npos);
  write_file_atomic(tmp("bad.npy"), "not numpy");
  CHECK_THROWS_WITH(read_npy(tmp("bad.npy")), Catch::Contains("not a .npy file"));
}

// Writes `bytes` as a model file and expects reading it to fail with `message`.
void expect_corrupt(const std::string& bytes, const std::string& message) {
  write_file_atomic(tmp("c.model"), bytes);
  INFO(message);
  CHECK_THROWS_WITH(read_model_file(tmp("c.model")),
                    Catch::StartsWith(tmp("c.model") + ": ") && Catch::Contains(message));
}

TEST_CASE("every corrupt model file class gives its one-line error") {
  const std::string good = serialize_model(to_model_file(every_kind(), {{"k", "v"}}));
  SECTION("truncated anywhere") {
    for (const size_t len :
         {size_t{0}, size_t{5}, size_t{19}, size_t{40}, good.size() / 2, good.size() - 1})
      expect_corrupt(good.substr(0, len), "truncated");
  }
  SECTION("bad magic") {
    std::string b = good;
    b[0] = 'X';
    expect_corrupt(b, "not a model file (bad magic)");
  }
  SECTION("unsupported version") {
    std::string b = good;
    b[8] = 9;
    expect_corrupt(b, "unsupported model file version 9 (expected 1)");
  }
  SECTION("checksum mismatch from a flipped payload bit") {
    std::string b = good;
    b[b.size() - 20] ^= 1;
    expect_corrupt(b, "checksum mismatch");
  }
  SECTION("extra bytes") { expect_corrupt(good + "x", "does not match its header"); }
  SECTION("malformed header") {
    std::string b = good;
    b[20] = '#';
    expect_corrupt(b, "malformed header");
  }
  SECTION("a nonzero value at a pruned entry (mask and values disagree)") {
    ModelFile m = to_model_file(every_kind(), {{"k", "v"}});
    m.layers[4].tensors[0].values(0, 0) = 0.5f;  // mask(0, 0) is 0
    expect_corrupt(serialize_model(m),
                   "layer 4 (dense): tensor 'weight' has the nonzero value 0.500000 at pruned "
                   "entry 0 (mask and values disagree)");
  }
  SECTION("missing file") {
    CHECK_THROWS_WITH(read_model_file(tmp("nope.model")), Catch::Contains("cannot read"));
  }
}

TEST_CASE("a model whose layers do not fit names the layer") {
  ModelFile model = to_model_file(every_kind(), {});
  model.layers[4].tensors[0].values = xt::zeros<float>({3, 8});
  model.layers[4].tensors[0].mask = xt::zeros<float>({3, 8});
  CHECK_THROWS_WITH(from_model_file(model),
                    Catch::Contains("layer 4 (dense)") && Catch::Contains("wrong shape"));
  model.layers[4].kind = "hashed_dense_unregistered";
  CHECK_THROWS_WITH(from_model_file(model), Catch::Contains("unknown layer kind"));
  model.metadata.erase("input_shape");
  CHECK_THROWS_WITH(from_model_file(model), Catch::Contains("input_shape"));
}

}  // namespace
}  // namespace nnc
