#include "lib/util/factor.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

namespace nnc {
namespace {

TEST_CASE("factor labels round-trip exactly as written") {
  for (const char* text : {"1/512", "1/10", "0.002", "1/100", "0.125", "1"}) {
    const Factor f = Factor::parse(text);
    CHECK(f.label() == text);
    CHECK(Factor::parse(f.label()) == f);
  }
  CHECK(Factor::one_in(512).label() == "1/512");
  CHECK(Factor::one_in(1).label() == "1");
}

TEST_CASE("a factor's value is the double its text denotes") {
  CHECK(Factor::parse("1/512").value() == 1.0 / 512);
  CHECK(Factor::parse("1/10").value() == 0.1);
  CHECK(Factor::parse("0.002").value() == 0.002);
  CHECK(Factor::parse("1/512").ratio() == 512);
  CHECK(Factor::parse("0.002").ratio() == 500);
  CHECK(Factor().value() == 1);
}

TEST_CASE("factors compare by exact value, whatever their spelling") {
  CHECK(Factor::parse("1/8") == Factor::parse("0.125"));
  CHECK(Factor::parse("0.002") == Factor::parse("1/500"));
  CHECK(Factor::parse("2/16") == Factor::parse("1/8"));
  CHECK(Factor::parse("1/10") != Factor::parse("1/100"));
  CHECK(Factor::parse("1/100") < Factor::parse("1/10"));
  CHECK(Factor::parse("1") > Factor::parse("0.5"));
}

TEST_CASE("anything but a number in (0, 1] is refused with one message") {
  for (const char* bad : {"0", "2", "1/0", "-1/8", "abc", "", "1/8x", "3/2", "nan", "0/8", "1e-3",
                          ".5", "1.", "1/1234567890"})
    CHECK_THROWS_WITH(Factor::parse(bad), std::string("factor '") + bad +
                                              "' is not a number in (0, 1] (e.g. 1/8 or 0.125)");
}

TEST_CASE("a factor reads as 1/N when it is exactly 1/N, else as written") {
  CHECK(Factor::parse("0.015625").display() == "1/64");
  CHECK(Factor::parse("0.002").display() == "1/500");
  CHECK(Factor::parse("2/16").display() == "1/8");
  CHECK(Factor::parse("0.03").display() == "0.03");
  CHECK(Factor::parse("1").display() == "1");
  CHECK(Factor::parse(Factor::parse("0.015625").display()) == Factor::parse("0.015625"));
}

}  // namespace
}  // namespace nnc
