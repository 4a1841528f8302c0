// libFuzzer target for the IDX reader (lib/io/idx.h): any bytes either parse into images/labels
// whose sizes agree with their header, or throw std::runtime_error; never crash, hang or overread.
// Built by tests/fuzz/run.sh (clang, -fsanitize=fuzzer,address), not by Bazel's gcc toolchain.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "lib/io/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    const nnc::IdxImages images = nnc::parse_idx_images(bytes, "fuzz");
    // The contract a caller indexes by: exactly count*rows*cols pixels (computed without wrap).
    const unsigned __int128 promised = (unsigned __int128)images.count * images.rows * images.cols;
    if (promised != images.pixels.size()) std::abort();
  } catch (const std::runtime_error&) {
  }
  try {
    const std::vector<uint8_t> labels = nnc::parse_idx_labels(bytes, "fuzz");
    (void)labels;
  } catch (const std::runtime_error&) {
  }
  return 0;
}
