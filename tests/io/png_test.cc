// Grey PNG: round trip, deterministic bytes, and the message for a file that is not a PNG.
#include "lib/io/png.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "lib/io/sha256.h"

namespace nnc {
namespace {

std::string tmp_path(const std::string& name) {
  return std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
}

TEST_CASE("grey PNG round-trips and writes the same bytes twice") {
  GreyImage im;
  im.rows = 7;
  im.cols = 13;
  for (size_t i = 0; i < 91; ++i) im.pixels.push_back(uint8_t(i * 29 % 256));
  const std::string a = tmp_path("a.png"), b = tmp_path("b.png");
  write_png_grey(a, im);
  write_png_grey(b, im);
  const GreyImage back = read_png_grey(a);
  CHECK(back.rows == 7);
  CHECK(back.cols == 13);
  CHECK(back.pixels == im.pixels);
  CHECK(sha256_file_hex(a) == sha256_file_hex(b));
}

TEST_CASE("PNG errors name the file and the problem") {
  const std::string p = tmp_path("not.png");
  std::ofstream(p) << "P5 7 13 255\n";
  CHECK_THROWS_WITH(read_png_grey(p), p + ": not a PNG file (bad signature)");
  CHECK_THROWS_WITH(read_png_grey(p + ".missing"), p + ".missing: cannot open file");
  GreyImage wrong;
  wrong.rows = 2;
  wrong.cols = 2;
  wrong.pixels = {1, 2, 3};
  CHECK_THROWS_WITH(write_png_grey(p, wrong), p + ": cannot write 3 pixels as a 2 x 2 PNG");
  // A PNG cut short.
  GreyImage ok;
  ok.rows = ok.cols = 32;
  ok.pixels.assign(1024, 7);
  write_png_grey(p, ok);
  std::ifstream in(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(p, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK_THROWS_WITH(read_png_grey(p), Catch::StartsWith(p + ": bad PNG data"));
}

}  // namespace
}  // namespace nnc
