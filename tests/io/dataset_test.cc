// load_split: scaling to [0,1], batch-by-batch conversion of a byte split, limit, classes from the
// manifest or the labels, bad split names.
#include "lib/io/dataset.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "lib/io/idx.h"

namespace nnc {
namespace {

std::string make_dir(const std::string& name) {
  const std::string dir = std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
  mkdir(dir.c_str(), 0755);
  return dir;
}

void write_split(const std::string& dir, const std::string& split, size_t n,
                 const std::vector<uint8_t>& labels) {
  IdxImages im;
  im.count = n;
  im.rows = 2;
  im.cols = 3;
  for (size_t i = 0; i < n * 6; ++i) im.pixels.push_back(uint8_t(i % 2 ? 255 : 51));
  write_idx_images(dir + "/" + split_images_file(split), im);
  write_idx_labels(dir + "/" + split_labels_file(split), labels);
}

TEST_CASE("load_split scales pixels to [0,1] and keeps the geometry") {
  const std::string dir = make_dir("plain");
  write_split(dir, "valid", 4, {0, 3, 1, 2});
  const Split s = load_split(dir, "valid");
  CHECK(s.images.shape()[0] == 4);
  CHECK(s.images.shape()[1] == 6);
  CHECK(s.rows == 2);
  CHECK(s.cols == 3);
  CHECK(s.classes == 4);  // no manifest: max label + 1
  CHECK(s.labels == std::vector<int>{0, 3, 1, 2});
  CHECK(s.images(0, 0) == Approx(0.2f));
  CHECK(s.images(0, 1) == 1.0f);
}

TEST_CASE("a byte split converted batch by batch equals the float split's rows") {
  const std::string dir = make_dir("bytes");
  IdxImages im;
  im.count = 7;
  im.rows = 2;
  im.cols = 3;
  for (size_t i = 0; i < 7 * 6; ++i) im.pixels.push_back(uint8_t(i * 37 % 256));
  write_idx_images(dir + "/" + split_images_file("test"), im);
  write_idx_labels(dir + "/" + split_labels_file("test"), {0, 1, 2, 3, 4, 5, 6});
  const Split whole = load_split(dir, "test", 6);
  const ByteSplit bytes = load_byte_split(dir, "test", 6);
  CHECK(bytes.images.count == 6);
  CHECK(bytes.images.pixels.size() == 36);
  CHECK(bytes.labels == whole.labels);
  CHECK(bytes.classes == whole.classes);
  xt::xtensor<float, 2> batch;
  for (size_t start = 0; start < 6; start += 4) {
    const size_t n = std::min<size_t>(4, 6 - start);
    pixels_to_floats(bytes.images, start, n, batch);
    REQUIRE(batch.shape(0) == n);
    for (size_t r = 0; r < n; ++r)
      for (size_t c = 0; c < 6; ++c) CHECK(batch(r, c) == whole.images(start + r, c));
  }
  CHECK_THROWS_WITH(pixels_to_floats(bytes.images, 4, 3, batch),
                    "pixels_to_floats: images [4, 7) of 6");
}

TEST_CASE("load_split's limit keeps the first samples but not fewer classes") {
  const std::string dir = make_dir("limit");
  write_split(dir, "train", 5, {1, 0, 1, 9, 4});
  const Split s = load_split(dir, "train", 2);
  CHECK(s.images.shape()[0] == 2);
  CHECK(s.labels == std::vector<int>{1, 0});
  CHECK(s.classes == 10);
  CHECK(load_split(dir, "train", 50).labels.size() == 5);
}

TEST_CASE("load_split takes classes from manifest.json and checks labels against it") {
  const std::string dir = make_dir("manifest");
  write_split(dir, "test", 3, {0, 1, 1});
  std::ofstream(dir + "/manifest.json") << R"({"name": "rect", "classes": 10})";
  CHECK(load_split(dir, "test").classes == 10);
  std::ofstream(dir + "/manifest.json") << R"({"name": "rect", "classes": 1})";
  CHECK_THROWS_WITH(load_split(dir, "test"),
                    Catch::Contains("test-labels-idx1-ubyte: label 1 outside [0, 1)"));
}

TEST_CASE("load_split rejects unknown splits and count mismatches") {
  const std::string dir = make_dir("bad");
  write_split(dir, "train", 3, {0, 1});
  CHECK_THROWS_WITH(load_split(dir, "training"), Catch::Contains("unknown split 'training'"));
  CHECK_THROWS_WITH(load_split(dir, "train"), Catch::Contains("count mismatch: 3 images"));
  CHECK_THROWS_WITH(load_split(dir, "valid"),
                    Catch::Contains("valid-images-idx3-ubyte: cannot read"));
}

}  // namespace
}  // namespace nnc
