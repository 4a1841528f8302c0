// The evaluate stage: model + test and validation sets -> one deterministic JSON record (test and
// validation error, training epochs, architecture kind, stored weights and compression factor,
// bytes per encoding, FLOPs, per-layer survivors, provenance), the model's compressed files
// (--compressed csr=<run>.csr ..., lib/io/compressed_file.h; the record's bytes are their sizes)
// and a separate timing file (lib/io/timing.h). Inference speed is not timed here: an action shares
// the machine with others, which made such figures noisy enough to invert. The validation error is
// what the report picks "the best of" several methods on, so that no choice is made on the test
// error.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <xtensor/xtensor_config.hpp>

#include "lib/compress/compressed_network.h"
#include "lib/eval/cost.h"
#include "lib/eval/record.h"
#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/model_metadata.h"
#include "lib/io/sha256.h"
#include "lib/io/timing.h"
#include "lib/io/zlib_size.h"
#include "lib/nn/architecture.h"
#include "lib/nn/model_io.h"
#include "lib/nn/network.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

extern "C" char* openblas_get_config(void);
extern "C" char* openblas_get_corename(void);

namespace nnc {
namespace {

struct Flags {
  std::string model, data, out, timing;
  std::vector<std::string> ids;
  std::vector<std::string> compressed;  // ENCODING=PATH
  size_t limit_test = 0, limit_valid = 0;
};

const char kAbout[] =
    "evaluate: model + test and validation sets -> one JSON record (deterministic) and "
    "a timing file.";

void add_flags(CLI::App& app, Flags& f) {
  app.add_option("--model", f.model, "model file")->required();
  app.add_option("--data", f.data, "dataset folder (reads test-*-ubyte and valid-*-ubyte)")
      ->required();
  app.add_option("--out", f.out, "output: the record (JSON)")->required();
  app.add_option("--timing", f.timing, "output: wall-clock timings (JSON)");
  app.add_option("--compressed", f.compressed,
                 "ENCODING=PATH: also write the model as a compressed file (csr, bitmask or "
                 "hashed), repeatable; the record's bytes are these files' sizes");
  app.add_option("--id", f.ids, "KEY=VALUE identifier copied into the record, repeatable");
  app.add_option("--limit-test", f.limit_test, "keep only the first N test samples; 0 = all")
      ->check(kNonNegativeInteger);
  app.add_option("--limit-valid", f.limit_valid,
                 "keep only the first N validation samples; 0 = all")
      ->check(kNonNegativeInteger);
}

// Returns: "conv" when the architecture has a convolution layer, else "fc".
std::string arch_kind(const Architecture& arch) {
  for (const LayerSpec& layer : arch.hidden) {
    if (layer.kind == LayerSpec::Kind::kConv) return "conv";
  }
  return "fc";
}

// Returns: the split (pixels left as bytes), checked to have the model's input size.
ByteSplit load_checked(const std::string& data, const char* split, size_t limit,
                       const Network& model) {
  ByteSplit loaded = load_byte_split(data, split, limit);
  const size_t pixels = loaded.images.rows * loaded.images.cols;
  if (pixels != model.in_shape().size()) {
    throw std::runtime_error(data + ": " + split + " images have " + std::to_string(pixels) +
                             " pixels, the model takes " + model.in_shape().str());
  }
  return loaded;
}

// Returns: the model's error on the split, its pixels read from the bytes where they lie (a first
// layer on the sparse path transposes them in place; others get each batch converted).
double split_error(Network& model, const ByteSplit& split) {
  return classification_error(model, InputRows(split.images), split.labels);
}

// Returns: the record's provenance: the inputs' hashes, the toolchain, the model's metadata (as
// the model file holds it, validated by parse_metadata).
nlohmann::json provenance(const Flags& f, const ModelFile& file, const ModelMetadata& meta) {
  const std::string manifest = f.data + "/manifest.json";
  const bool has_manifest = std::ifstream(manifest).good();
  return {
      {"model_sha256", sha256_file_hex(f.model)},
      // The manifest holds the sha256 of every split file; hashing it instead of the 39 MB test
      // split of a variant saves a fifth of an evaluation.
      {"dataset_manifest_sha256", has_manifest ? sha256_file_hex(manifest) : "none"},
      {"compiler", std::string("g++ ") + __VERSION__},
      {"openblas", openblas_get_config()},
      // The kernel OpenBLAS dispatched to (pinned or autodetected), not what was asked for.
      {"openblas_coretype", openblas_get_corename()},
      {"xtensor", std::to_string(XTENSOR_VERSION_MAJOR) + "." +
                      std::to_string(XTENSOR_VERSION_MINOR) + "." +
                      std::to_string(XTENSOR_VERSION_PATCH)},
      {"openblas_threads",
       std::getenv("OPENBLAS_NUM_THREADS") ? std::getenv("OPENBLAS_NUM_THREADS") : "unset"},
      {"seed", std::to_string(meta.seed)},
      {"model_metadata", file.metadata},
  };
}

// Sets the record's identifiers: --id KEY=VALUE, then method, seed, protocol and arch from the
// model's metadata where no --id gave them.
void set_ids(const Flags& f, const ModelMetadata& meta, Record& record) {
  for (const std::string& id : f.ids) {
    const size_t eq = id.find('=');
    if (eq == std::string::npos) throw std::runtime_error("--id '" + id + "': want KEY=VALUE");
    record.ids[id.substr(0, eq)] = id.substr(eq + 1);
  }
  const std::map<std::string, std::string> from_model = {{"method", meta.method},
                                                         {"seed", std::to_string(meta.seed)},
                                                         {"protocol", meta.protocol},
                                                         {"arch", meta.architecture}};
  for (const auto& [id, value] : from_model)
    if (!record.ids.count(id) && !value.empty()) record.ids[id] = value;
}

// Sets the record's counts (stored weights, bytes per encoding, FLOPs, per-layer survivors).
void set_cost(const Network& model, const Architecture& arch, Record& record) {
  const Network reference =
      build_network(arch, model.in_shape(), model.out_shape().size(), UnitOptions{});
  const ModelCost cost = model_cost(model, reference);
  record.layers = cost.layers;
  record.stored_weights = cost.stored_weights;
  record.reference_weights = cost.reference_weights;
  record.stored_params = cost.stored_params;
  record.reference_params = cost.reference_params;
  record.flops_dense = cost.flops_dense;
  record.flops_effective = cost.flops_effective;
}

// Returns: the model's params as float32 little-endian, every tensor whole (as its model file holds
// them: pruned weights as zeros), the input of the zlib yardstick.
std::string float32_params(const Network& model) {
  std::string out;
  for (const Param* p : model.params()) {
    for (const float v : p->value) {
      uint32_t u;
      std::memcpy(&u, &v, 4);
      for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
    }
  }
  return out;
}

// Returns: the outputs to write: each --compressed ENCODING=PATH as (PATH, the model's file in that
// encoding); sets record.bytes to their sizes and the yardsticks beside them. Throws one line when
// a flag is malformed or the model does not fit the encoding.
std::vector<std::pair<std::string, std::string>> compressed_files(const Flags& f,
                                                                  const Network& model,
                                                                  Record& record) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& flag : f.compressed) {
    const size_t eq = flag.find('=');
    if (eq == std::string::npos || eq + 1 == flag.size())
      throw std::runtime_error("--compressed '" + flag + "': want ENCODING=PATH");
    const Encoding encoding = parse_encoding(flag.substr(0, eq));
    try {
      files.emplace_back(flag.substr(eq + 1), encode_network(model, encoding));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(f.model + ": " + e.what());
    }
    // The bytes written are exactly this string (tests/e2e/compressed_sizes_check.sh stats them).
    record.bytes[encoding_name(encoding)] = int64_t(files.back().second.size());
  }
  record.bytes_dense = 4 * record.reference_params;
  record.bytes_logical = 4 * record.stored_params;
  record.bytes_zlib = zlib_size(float32_params(model));
  return files;
}

void run(const Flags& f) {
  const StageClock clock;
  const ModelFile file = read_model_file(f.model);
  const ModelMetadata meta = parse_metadata(file.metadata, f.model);
  Network model = from_model_file(file);
  const Architecture& arch = architecture(meta.architecture);
  const ByteSplit test = load_checked(f.data, "test", f.limit_test, model);
  const ByteSplit valid = load_checked(f.data, "valid", f.limit_valid, model);

  Record record;
  set_ids(f, meta, record);
  record.test_error = split_error(model, test);
  record.test_samples = int64_t(test.labels.size());
  record.valid_error = split_error(model, valid);
  record.valid_samples = int64_t(valid.labels.size());
  record.training_epochs = int64_t(meta.epochs_total);
  record.arch_kind = arch_kind(arch);
  set_cost(model, arch, record);
  auto outputs = compressed_files(f, model, record);
  weight_histogram(model, record);
  record.provenance = provenance(f, file, meta);
  outputs.emplace_back(f.out, to_json(record).dump(1) + "\n");
  outputs.emplace_back(f.timing, timing_json(clock.elapsed("evaluate")));
  write_files_atomic(outputs);
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  return nnc::stage_main(argc, argv, nnc::kAbout, nnc::add_flags, nnc::run);
}
