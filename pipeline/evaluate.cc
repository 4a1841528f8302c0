// The evaluate stage: model + test and validation sets -> one deterministic JSON record (test and
// validation error, training epochs, architecture kind, stored weights and compression factor,
// bytes per encoding, FLOPs, per-layer survivors, provenance) and a separate timing file (wall
// clock: dense against CSR or hashed inference at batch 1 and 64). The validation error is what the
// report picks "the best of" several methods on, so that no choice is made on the test error.
#include <xtensor/xview.hpp>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <xtensor/xtensor_config.hpp>

#include "lib/compress/csr.h"
#include "lib/eval/cost.h"
#include "lib/eval/record.h"
#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/sha256.h"
#include "lib/nn/architecture.h"
#include "lib/nn/model_io.h"
#include "lib/nn/network.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

extern "C" char* openblas_get_config(void);

namespace nnc {
namespace {

struct Flags {
  std::string model, data, out, timing;
  std::vector<std::string> ids;
  size_t limit_test = 0, limit_valid = 0;
};

double cpu_seconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

// Returns: "conv" when the architecture has a convolution layer, else "fc".
std::string arch_kind(const Architecture& arch) {
  for (const LayerSpec& layer : arch.hidden) {
    if (layer.kind == LayerSpec::Kind::kConv) return "conv";
  }
  return "fc";
}

// Returns: the SGD epochs the model went through: metadata epochs_total (training plus every
// retraining), else epochs (a model file from before epochs_total), else 0.
// Throws std::runtime_error naming `model` when the value is not an integer.
int64_t training_epochs(const std::map<std::string, std::string>& metadata,
                        const std::string& model) {
  for (const char* key : {"epochs_total", "epochs"}) {
    auto it = metadata.find(key);
    if (it == metadata.end()) continue;
    try {
      return std::stoll(it->second);
    } catch (const std::exception&) {
      throw std::runtime_error(model + ": metadata " + key + " '" + it->second +
                               "' is not an integer");
    }
  }
  return 0;
}

// Returns: the split, checked to have the model's input size.
Split load_checked(const std::string& data, const char* split, size_t limit, const Network& model) {
  Split loaded = load_split(data, split, limit);
  if (loaded.images.shape(1) != model.in_shape().size()) {
    throw std::runtime_error(data + ": " + split + " images have " +
                             std::to_string(loaded.images.shape(1)) + " pixels, the model takes " +
                             model.in_shape().str());
  }
  return loaded;
}

// Returns: samples per second of `infer` on `batch`-row slices of images, repeated for at least
// 0.2 s (enough for a stable median-free figure on a quiet core; these are indicative only).
template <typename Infer>
double throughput(const Matrix& images, size_t batch, Infer infer) {
  const size_t rows = images.shape(0);
  if (rows == 0) return 0;
  batch = std::min(batch, rows);
  std::vector<Matrix> slices;
  for (size_t start = 0; start + batch <= rows && slices.size() < 64; start += batch) {
    slices.push_back(xt::view(images, xt::range(start, start + batch), xt::all()));
  }
  const auto begin = std::chrono::steady_clock::now();
  size_t samples = 0;
  double elapsed = 0;
  do {
    for (const Matrix& s : slices) infer(s);
    samples += slices.size() * batch;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  } while (elapsed < 0.2);
  return samples / elapsed;
}

int run(const Flags& f) {
  const auto wall_begin = std::chrono::steady_clock::now();
  const double cpu_begin = cpu_seconds();
  const ModelFile file = read_model_file(f.model);
  Network model = from_model_file(file);
  auto meta = [&](const std::string& key) {
    auto it = file.metadata.find(key);
    return it == file.metadata.end() ? std::string() : it->second;
  };
  const Split test = load_checked(f.data, "test", f.limit_test, model);
  const Split valid = load_checked(f.data, "valid", f.limit_valid, model);

  Record record;
  for (const std::string& id : f.ids) {
    const size_t eq = id.find('=');
    if (eq == std::string::npos) throw std::runtime_error("--id '" + id + "': want KEY=VALUE");
    record.ids[id.substr(0, eq)] = id.substr(eq + 1);
  }
  for (const char* key : {"method", "seed", "protocol"}) {
    if (!record.ids.count(key) && !meta(key).empty()) record.ids[key] = meta(key);
  }
  if (!record.ids.count("arch")) record.ids["arch"] = meta("architecture");

  record.test_error = classification_error(model, test.images, test.labels);
  record.test_samples = int64_t(test.labels.size());
  record.valid_error = classification_error(model, valid.images, valid.labels);
  record.valid_samples = int64_t(valid.labels.size());
  record.training_epochs = training_epochs(file.metadata, f.model);

  const Architecture& arch = architecture(meta("architecture"));
  record.arch_kind = arch_kind(arch);
  const Network reference =
      build_network(arch, model.in_shape(), model.out_shape().size(), UnitOptions{});
  const ModelCost cost = model_cost(model, reference);
  record.layers = cost.layers;
  record.stored_weights = cost.stored_weights;
  record.reference_weights = cost.reference_weights;
  record.stored_params = cost.stored_params;
  record.reference_params = cost.reference_params;
  record.bytes = cost.bytes;
  record.flops_dense = cost.flops_dense;
  record.flops_effective = cost.flops_effective;
  weight_histogram(model, record);
  record.provenance = {
      {"model_sha256", sha256_file_hex(f.model)},
      {"test_images_sha256", sha256_file_hex(f.data + "/" + split_images_file("test"))},
      {"test_labels_sha256", sha256_file_hex(f.data + "/" + split_labels_file("test"))},
      {"valid_images_sha256", sha256_file_hex(f.data + "/" + split_images_file("valid"))},
      {"valid_labels_sha256", sha256_file_hex(f.data + "/" + split_labels_file("valid"))},
      {"compiler", std::string("g++ ") + __VERSION__},
      {"openblas", openblas_get_config()},
      {"xtensor", std::to_string(XTENSOR_VERSION_MAJOR) + "." +
                      std::to_string(XTENSOR_VERSION_MINOR) + "." +
                      std::to_string(XTENSOR_VERSION_PATCH)},
      {"openblas_threads",
       std::getenv("OPENBLAS_NUM_THREADS") ? std::getenv("OPENBLAS_NUM_THREADS") : "unset"},
      {"seed", meta("seed")},
      {"model_metadata", file.metadata},
  };

  // Inference speed: the model's own kernel (dense, or HashedNets' expand-then-GEMM) against
  // CSR for pruned models. Timed on the test images; wall clock, so only in the timing file.
  nlohmann::json inference = nlohmann::json::array();
  const bool hashed = cost.bytes.count("hashed") != 0;
  CsrNetwork csr(model);
  for (size_t batch : {size_t(1), size_t(64)}) {
    const double own =
        throughput(test.images, batch, [&](const Matrix& x) { predict(model, x, batch); });
    inference.push_back(
        {{"kernel", hashed ? "hashed" : "dense"}, {"batch", batch}, {"samples_per_second", own}});
    if (csr.sparse_layers()) {
      const double sparse =
          throughput(test.images, batch, [&](const Matrix& x) { csr.forward(x); });
      inference.push_back({{"kernel", "csr"}, {"batch", batch}, {"samples_per_second", sparse}});
    }
  }
  std::string name = f.out.substr(f.out.find_last_of('/') + 1);
  name = name.substr(0, name.rfind(".json"));
  const nlohmann::json timing = {
      {"stage", "evaluate"},
      {"model", name},
      {"method", record.ids.count("method") ? record.ids.at("method") : "unknown"},
      {"wall_seconds",
       std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_begin).count()},
      {"cpu_seconds", cpu_seconds() - cpu_begin},
      {"inference", inference},
  };
  write_files_atomic({{f.out, to_json(record).dump(1) + "\n"}, {f.timing, timing.dump(1) + "\n"}});
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::Flags f;
  CLI::App app{
      "evaluate: model + test and validation sets -> one JSON record (deterministic) and "
      "a timing file."};
  app.add_option("--model", f.model, "model file")->required();
  app.add_option("--data", f.data, "dataset folder (reads test-*-ubyte and valid-*-ubyte)")
      ->required();
  app.add_option("--out", f.out, "output: the record (JSON)")->required();
  app.add_option("--timing", f.timing, "output: wall-clock timings (JSON)");
  app.add_option("--id", f.ids, "KEY=VALUE identifier copied into the record, repeatable");
  app.add_option("--limit-test", f.limit_test, "keep only the first N test samples; 0 = all")
      ->check(nnc::kNonNegativeInteger);
  app.add_option("--limit-valid", f.limit_valid,
                 "keep only the first N validation samples; 0 = all")
      ->check(nnc::kNonNegativeInteger);
  return nnc::run_stage(app, argc, argv, [&] { return nnc::run(f); });
}
