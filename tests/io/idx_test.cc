// IDX reader/writer: round trips (plain and gzip) and one test per malformed-input class, each
// expecting the one-line message that names the file and the problem.
#include "lib/io/idx.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace nnc {
namespace {

std::string tmp_path(const std::string& name) {
  return std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
}

void write_raw(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

std::string read_raw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

IdxImages sample_images() {
  IdxImages im;
  im.count = 3;
  im.rows = 4;
  im.cols = 5;
  for (size_t i = 0; i < 60; ++i) im.pixels.push_back(uint8_t(i * 17 % 256));
  return im;
}

// A valid 3-image 4x5 IDX file as bytes, for corrupting.
std::string valid_image_bytes() {
  const std::string path = tmp_path("valid.idx3");
  write_idx_images(path, sample_images());
  return read_raw(path);
}

TEST_CASE("IDX images and labels round-trip, plain and gzip") {
  const IdxImages im = sample_images();
  const std::vector<uint8_t> labels = {7, 0, 9};
  for (bool gzip : {false, true}) {
    const std::string ip = tmp_path(gzip ? "im.gz" : "im"), lp = tmp_path(gzip ? "lb.gz" : "lb");
    write_idx_images(ip, im, gzip);
    write_idx_labels(lp, labels, gzip);
    const IdxImages back = read_idx_images(ip);
    CHECK(back.count == 3);
    CHECK(back.rows == 4);
    CHECK(back.cols == 5);
    CHECK(back.pixels == im.pixels);
    CHECK(read_idx_labels(lp) == labels);
    CHECK_NOTHROW(check_idx_counts(ip, back, lp, labels));
  }
  // The plain header is the documented one: 0 0 0x08 3, then big-endian sizes.
  const std::string bytes = valid_image_bytes();
  REQUIRE(bytes.size() == 16 + 60);
  CHECK(bytes.substr(0, 4) == std::string("\0\0\x08\x03", 4));
  CHECK(bytes.substr(4, 4) == std::string("\0\0\0\x03", 4));
}

TEST_CASE("an empty IDX file is reported as empty") {
  const std::string p = tmp_path("empty");
  write_raw(p, "");
  CHECK_THROWS_WITH(read_idx_images(p), p + ": empty file");
}

TEST_CASE("a truncated IDX file is reported with the byte counts") {
  const std::string p = tmp_path("truncated");
  const std::string bytes = valid_image_bytes();
  write_raw(p, bytes.substr(0, bytes.size() - 7));
  CHECK_THROWS_WITH(read_idx_images(p), p + ": truncated: 53 data bytes, the header promises 60");
  write_raw(p, bytes.substr(0, 10));
  CHECK_THROWS_WITH(read_idx_images(p), p + ": truncated: 10 bytes, the header needs 16");
  write_raw(p, bytes + "xy");
  CHECK_THROWS_WITH(read_idx_images(p), Catch::StartsWith(p + ": file too long: 2 bytes"));
}

TEST_CASE("a wrong magic number is reported") {
  const std::string p = tmp_path("magic");
  std::string bytes = valid_image_bytes();
  bytes[0] = 'P';  // e.g. a PNG or text file handed in by mistake
  write_raw(p, bytes);
  CHECK_THROWS_WITH(read_idx_images(p), Catch::StartsWith(p + ": wrong magic number 0x50000803"));
}

TEST_CASE("a wrong element type is reported") {
  const std::string p = tmp_path("type");
  std::string bytes = valid_image_bytes();
  bytes[2] = 0x0D;  // float
  write_raw(p, bytes);
  CHECK_THROWS_WITH(read_idx_images(p),
                    p + ": wrong element type 0x0d, expected 0x08 (unsigned byte)");
}

TEST_CASE("wrong dimensions are reported") {
  const std::string ip = tmp_path("dims_im"), lp = tmp_path("dims_lb");
  write_idx_labels(lp, {1, 2, 3});
  // A labels file where images are expected, and the other way round.
  CHECK_THROWS_WITH(read_idx_images(lp),
                    Catch::StartsWith(lp + ": wrong dimensions: 1 dimensions, expected 3"));
  write_idx_images(ip, sample_images());
  CHECK_THROWS_WITH(read_idx_labels(ip),
                    Catch::StartsWith(ip + ": wrong dimensions: 3 dimensions, expected 1"));
  std::string bytes = valid_image_bytes();
  bytes[11] = 0;  // rows = 0
  write_raw(ip, bytes.substr(0, 16));
  CHECK_THROWS_WITH(read_idx_images(ip), ip + ": wrong dimensions: dimension 1 is 0");
}

TEST_CASE("an image/label count mismatch names both files") {
  const std::string ip = tmp_path("cm_im"), lp = tmp_path("cm_lb");
  write_idx_images(ip, sample_images());
  write_idx_labels(lp, {1, 2});
  CHECK_THROWS_WITH(check_idx_counts(ip, read_idx_images(ip), lp, read_idx_labels(lp)),
                    ip + ": count mismatch: 3 images but " + lp + " has 2 labels");
}

TEST_CASE("bad gzip data is reported") {
  const std::string p = tmp_path("bad.gz");
  write_raw(p, std::string("\x1f\x8b\x08\x00garbage-not-deflate", 23));
  CHECK_THROWS_WITH(read_idx_images(p), Catch::StartsWith(p + ": bad gzip data"));
  // A valid gzip stream cut short.
  write_idx_images(p, sample_images(), /*gzip=*/true);
  const std::string packed = read_raw(p);
  write_raw(p, packed.substr(0, packed.size() / 2));
  CHECK_THROWS_WITH(read_idx_images(p), p + ": bad gzip data: stream ends early (truncated .gz?)");
}

TEST_CASE("a missing file is reported") {
  const std::string p = tmp_path("does-not-exist");
  CHECK_THROWS_WITH(read_idx_labels(p), p + ": cannot read (No such file or directory)");
}

}  // namespace
}  // namespace nnc
