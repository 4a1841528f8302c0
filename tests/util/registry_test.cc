// Registry<T>: lookups, the duplicate and unknown-name errors, and names() in sorted order.
#include "lib/util/registry.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

TEST_CASE("a registry finds what was added and lists names sorted") {
  Registry<int> r("colour");
  r.add("red", 1);
  r.add("blue", 2);
  r.add("green", 3);
  CHECK(r.find("green") == 3);
  CHECK(r.contains("red"));
  CHECK_FALSE(r.contains("mauve"));
  CHECK(r.names() == std::vector<std::string>{"blue", "green", "red"});
}

TEST_CASE("a registry refuses a duplicate and names the known entries for an unknown one") {
  Registry<int> r("colour");
  CHECK_THROWS_WITH(r.find("red"), "unknown colour 'red' (none registered)");
  r.add("red", 1);
  CHECK_THROWS_WITH(r.add("red", 2), "colour 'red' registered twice");
  CHECK(r.find("red") == 1);
  CHECK_THROWS_WITH(r.find("blue"), "unknown colour 'blue' (expected red)");
  r.add("green", 3);
  CHECK_THROWS_WITH(r.find("blue"), "unknown colour 'blue' (expected green or red)");
  r.add("amber", 4);
  CHECK_THROWS_WITH(r.find("blue"), "unknown colour 'blue' (expected amber, green or red)");
}

}  // namespace
}  // namespace nnc
