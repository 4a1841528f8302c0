// libFuzzer target for the compressed-model-file reader (lib/io/compressed_file.h) and the network
// it rebuilds and runs (lib/compress/compressed_network.h): any bytes either give a model or throw
// std::runtime_error; never crash, hang or overread. Each input is tried twice: as given and with
// its trailing XXH64 recomputed, so the fuzzer also reaches everything behind the checksum. Built
// by tests/fuzz/run.sh (clang, -fsanitize=fuzzer,address).
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "lib/compress/compressed_network.h"
#include "lib/io/compressed_file.h"

namespace {

void parse_and_run(const std::string& bytes) {
  nnc::CompressedModel file;
  try {
    file = nnc::parse_compressed(bytes, "fuzz");
  } catch (const std::runtime_error&) {
    return;
  }
  // A parsed file serialises and parses back to the same bytes' meaning.
  const std::string again = nnc::serialize_compressed(file.model, file.encoding);
  const nnc::CompressedModel reparsed = nnc::parse_compressed(again, "again");
  if (nnc::serialize_compressed(reparsed.model, reparsed.encoding) != again) std::abort();
  try {
    nnc::CompressedNetwork net(file, "fuzz");
    // One sample through the rebuilt network (kept small: a fuzzed shape may be large).
    if (net.network().in_shape().size() <= 4096) {
      const nnc::Matrix x = xt::zeros<float>({size_t(1), net.network().in_shape().size()});
      net.forward(x);
    }
  } catch (const std::runtime_error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  parse_and_run(bytes);
  if (bytes.size() >= 8) {
    const uint64_t sum = XXH64(bytes.data(), bytes.size() - 8, 0);
    for (size_t i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = char((sum >> (8 * i)) & 0xff);
    parse_and_run(bytes);
  }
  return 0;
}
