#include "lib/io/sha256.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

namespace nnc {
namespace {

// FIPS 180-2 test vectors.
TEST_CASE("sha256_hex matches the published test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_file_hex agrees with sha256_hex and names a missing file") {
  const std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/abc.txt";
  std::ofstream(path, std::ios::binary) << "abc";
  CHECK(sha256_file_hex(path) == sha256_hex("abc"));
  CHECK_THROWS_WITH(sha256_file_hex(path + ".missing"),
                    Catch::Contains(path + ".missing") && Catch::Contains("cannot read"));
}

}  // namespace
}  // namespace nnc
