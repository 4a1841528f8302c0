// libFuzzer target for the model-file reader (lib/io/model_file.h) and the network it rebuilds
// (lib/nn/model_io.h): any bytes either give a model or throw std::runtime_error; never crash,
// hang or overread. Each input is tried twice: as given (the checksum guards the payload) and with
// its trailing XXH64 recomputed, so the fuzzer also reaches everything behind the checksum, as a
// crafted or buggy-writer file would. Built by tests/fuzz/run.sh (clang,
// -fsanitize=fuzzer,address).
#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "lib/io/model_file.h"
#include "lib/nn/model_io.h"

namespace {

void parse_and_rebuild(const std::string& bytes) {
  nnc::ModelFile model;
  try {
    model = nnc::parse_model(bytes, "fuzz");
  } catch (const std::runtime_error&) {
    return;
  }
  // A parsed model serialises and parses back to the same bytes' meaning.
  const std::string again = nnc::serialize_model(model);
  if (nnc::serialize_model(nnc::parse_model(again, "again")) != again) std::abort();
  try {
    const nnc::Network net = nnc::from_model_file(model);
    (void)net;
  } catch (const std::runtime_error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  parse_and_rebuild(bytes);
  if (bytes.size() >= 8) {
    const uint64_t sum = XXH64(bytes.data(), bytes.size() - 8, 0);
    for (size_t i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = char((sum >> (8 * i)) & 0xff);
    parse_and_rebuild(bytes);
  }
  return 0;
}
