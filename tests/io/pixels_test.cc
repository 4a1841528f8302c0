#include "lib/io/pixels.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

namespace nnc {
namespace {

TEST_CASE("every byte's pixel value is the correctly rounded quotient, vector or scalar") {
  std::vector<uint8_t> all(256 + 5);  // + 5: a ragged tail for the scalar loop
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint8_t>(i % 256);
  std::vector<float> vector_values(all.size());
  pixel_values(all.data(), all.size(), vector_values.data());
  for (size_t i = 0; i < all.size(); ++i) {
    INFO("byte " << int(all[i]));
    const float quotient = static_cast<float>(all[i]) / 255.0f;
    CHECK(std::memcmp(&vector_values[i], &quotient, sizeof quotient) == 0);
    CHECK(pixel_value(all[i]) == quotient);
  }
  CHECK(pixel_value(0) == 0.0f);
  CHECK(pixel_value(255) == 1.0f);
}

}  // namespace
}  // namespace nnc
