// The evaluation record: what one evaluated model contributes to the study (docs/DESIGN.md, "Stages
// and their contracts"). Records are deterministic (no wall-clock time); the aggregate and report
// stages read only these.
#ifndef NNCOMPRESS_LIB_EVAL_RECORD_H_
#define NNCOMPRESS_LIB_EVAL_RECORD_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnc {

// One weight layer of the evaluated model.
struct LayerCount {
  std::string name;
  int64_t weights = 0;  // weight parameters of the layer in the reference (uncompressed) network
  int64_t stored = 0;   // weight parameters the compressed layer stores (survivors, or K buckets)
};

constexpr int kHistogramBins = 60;

struct Record {
  // Identifiers of the cell: dataset, arch, protocol, method, target_factor, seed.
  std::map<std::string, std::string> ids;
  double test_error = 0;  // fraction of misclassified test samples
  int64_t test_samples = 0;
  // The same on the validation split: what the report picks "the best of" several methods on, so
  // that no choice is made on the test error it then reports.
  double valid_error = 0;
  int64_t valid_samples = 0;
  // Every SGD epoch run for the model (training plus every retraining), its training budget: it
  // counts the epochs after a kept best-validation epoch too.
  int64_t training_epochs = 0;
  // "conv" when the architecture has a convolution layer, else "fc" (claims compare by kind, never
  // by architecture name).
  std::string arch_kind;
  // Compression factor as HashedNets define it: stored weights / reference weights.
  int64_t stored_weights = 0, reference_weights = 0;
  // The same counting biases.
  int64_t stored_params = 0, reference_params = 0;
  // Bytes on disk: the size of each compressed model file the evaluate stage wrote beside the
  // record (lib/io/compressed_file.h): csr and bitmask, or hashed.
  std::map<std::string, int64_t> bytes;
  // The yardsticks beside them: the reference network's params as float32 (4 x reference_params),
  // the stored params as float32 with no index or header (4 x stored_params), and the zlib
  // (compress2, level 9) size of the model's params as float32, as its model file holds them
  // (pruned weights as zeros; a hashed layer's K real weights).
  int64_t bytes_dense = 0, bytes_logical = 0, bytes_zlib = 0;
  // Multiply-adds x2 per sample: of the dense reference, and skipping pruned weights.
  int64_t flops_dense = 0, flops_effective = 0;
  std::vector<LayerCount> layers;
  // Histogram of the stored (unpruned) weight values: counts of kHistogramBins equal bins over
  // [-histogram_limit, histogram_limit], histogram_limit = the largest |w| (the seed paper's code
  // plots these for L1- and L2-trained networks before and after pruning).
  double histogram_limit = 0;
  std::vector<int64_t> histogram;
  nlohmann::json provenance = nlohmann::json::object();

  // Returns: stored_weights / reference_weights.
  double factor() const;
  // Returns: stored_params / reference_params.
  double factor_with_bias() const;
  // Returns: the smallest entry of `bytes` (the file this method would ship).
  int64_t best_bytes() const;
};

// Returns: the record as JSON (keys in a fixed order, so equal records serialise to equal bytes).
nlohmann::json to_json(const Record& record);

// Returns: the record read from JSON. Throws std::runtime_error naming `source` and the missing or
// mistyped field.
Record record_from_json(const nlohmann::json& json, const std::string& source);

// Returns: the record in the file at `path`. Throws std::runtime_error("<path>: ...").
Record read_record(const std::string& path);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_RECORD_H_
