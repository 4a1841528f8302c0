// The nine real datasets built by //data: every manifest states the published sizes, histograms
// that add up (balanced for rect and convex), the pinned raw inputs, and the sha256 of each output
// file as it is on disk; every split loads through nnc::load_split as 28x28 images.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string>

#include "lib/io/dataset.h"
#include "lib/io/sha256.h"

namespace nnc {
namespace {

struct Expected {
  size_t train, valid, test, classes;
};

const std::map<std::string, Expected> kDatasets = {
    {"mnist", {48000, 12000, 10000, 10}},     {"fashion", {48000, 12000, 10000, 10}},
    {"basic", {10000, 2000, 50000, 10}},      {"rot", {10000, 2000, 50000, 10}},
    {"bg_rand", {10000, 2000, 50000, 10}},    {"bg_img", {10000, 2000, 50000, 10}},
    {"bg_img_rot", {10000, 2000, 50000, 10}}, {"rect", {1000, 200, 50000, 2}},
    {"convex", {6000, 2000, 50000, 2}}};

nlohmann::json manifest(const std::string& name) {
  std::ifstream in("data/" + name + "/manifest.json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

TEST_CASE("each manifest states the published sizes, summing histograms and true sha256") {
  for (const auto& [name, expected] : kDatasets) {
    INFO(name);
    const nlohmann::json m = manifest(name);
    CHECK(m["name"] == name);
    CHECK(m["classes"] == expected.classes);
    const std::map<std::string, size_t> counts = {
        {"train", expected.train}, {"valid", expected.valid}, {"test", expected.test}};
    for (const auto& [split, count] : counts) {
      INFO(split);
      const nlohmann::json& s = m["splits"][split];
      CHECK(s["count"] == count);
      const std::vector<size_t> histogram = s["class_histogram"];
      CHECK(histogram.size() == expected.classes);
      CHECK(std::accumulate(histogram.begin(), histogram.end(), size_t(0)) == count);
      if (expected.classes == 2) CHECK(histogram[0] == count / 2);
      for (const char* kind : {"images", "labels"}) {
        const std::string file = s[kind]["file"];
        CHECK(sha256_file_hex("data/" + name + "/" + file) == s[kind]["sha256"]);
      }
    }
  }
}

TEST_CASE("mnist and fashion record their pinned inputs and the validation hold-out") {
  const nlohmann::json mnist = manifest("mnist");
  CHECK(mnist["inputs"]["mnist_raw/train-images-idx3-ubyte"] ==
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
  // The test split is MNIST's test set byte for byte.
  CHECK(mnist["splits"]["test"]["images"]["sha256"] ==
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
  CHECK(std::string(mnist["provenance"]["validation"]).find("the last 12000 of the 60000") !=
        std::string::npos);
  const nlohmann::json fashion = manifest("fashion");
  CHECK(fashion["inputs"]["fashion_raw/t10k-labels-idx1-ubyte.gz"] ==
        "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");
  CHECK(manifest("bg_img")["inputs"]["images_raw/camera.png"] ==
        "b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a");
  CHECK(manifest("rot")["provenance"]["seed"] == 2);
}

TEST_CASE("every split loads as 28x28 images with labels in range") {
  for (const auto& [name, expected] : kDatasets) {
    INFO(name);
    const Split s = load_split("data/" + name, "valid", 100);
    CHECK(s.rows == 28);
    CHECK(s.cols == 28);
    CHECK(s.classes == expected.classes);
    CHECK(s.images.shape()[0] == 100);
    CHECK(s.images.shape()[1] == 784);
  }
}

}  // namespace
}  // namespace nnc
