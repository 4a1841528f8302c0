#include "lib/eval/record.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "lib/io/model_metadata.h"

namespace nnc {

double Record::factor() const {
  return reference_weights ? double(stored_weights) / double(reference_weights) : 0.0;
}

double Record::factor_with_bias() const {
  return reference_params ? double(stored_params) / double(reference_params) : 0.0;
}

int64_t Record::best_bytes() const {
  int64_t best = std::numeric_limits<int64_t>::max();
  for (const auto& [encoding, size] : bytes) best = std::min(best, size);
  return bytes.empty() ? 0 : best;
}

nlohmann::json to_json(const Record& r) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerCount& l : r.layers) {
    layers.push_back({{"name", l.name}, {"weights", l.weights}, {"stored", l.stored}});
  }
  // nlohmann::json objects are std::map-backed: keys serialise sorted, so output is canonical.
  return {{"schema", "nncompress.record/1"},
          {"ids", r.ids},
          {"test_error", r.test_error},
          {"test_samples", r.test_samples},
          {"valid_error", r.valid_error},
          {"valid_samples", r.valid_samples},
          {"training_epochs", r.training_epochs},
          {"arch_kind", r.arch_kind},
          {"stored_weights", r.stored_weights},
          {"reference_weights", r.reference_weights},
          {"factor", r.factor()},
          {"stored_params", r.stored_params},
          {"reference_params", r.reference_params},
          {"factor_with_bias", r.factor_with_bias()},
          {"bytes", r.bytes},
          {"bytes_yardsticks",
           {{"dense_float32", r.bytes_dense},
            {"logical_float32", r.bytes_logical},
            {"zlib_dense", r.bytes_zlib}}},
          {"flops", {{"dense", r.flops_dense}, {"effective", r.flops_effective}}},
          {"layers", layers},
          {"weight_histogram", {{"limit", r.histogram_limit}, {"counts", r.histogram}}},
          {"provenance", r.provenance}};
}

namespace {

template <typename T>
T field(const nlohmann::json& json, const char* key, const std::string& source) {
  if (!json.contains(key)) throw std::runtime_error(source + ": record has no field '" + key + "'");
  try {
    return json.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(source + ": record field '" + key + "' has the wrong type");
  }
}

}  // namespace

Record record_from_json(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object() || json.value("schema", "") != "nncompress.record/1") {
    throw std::runtime_error(source + ": not an nncompress.record/1 record");
  }
  Record r;
  r.ids = field<std::map<std::string, std::string>>(json, "ids", source);
  r.test_error = field<double>(json, "test_error", source);
  r.test_samples = field<int64_t>(json, "test_samples", source);
  r.valid_error = field<double>(json, "valid_error", source);
  r.valid_samples = field<int64_t>(json, "valid_samples", source);
  r.training_epochs = field<int64_t>(json, "training_epochs", source);
  r.arch_kind = field<std::string>(json, "arch_kind", source);
  r.stored_weights = field<int64_t>(json, "stored_weights", source);
  r.reference_weights = field<int64_t>(json, "reference_weights", source);
  r.stored_params = field<int64_t>(json, "stored_params", source);
  r.reference_params = field<int64_t>(json, "reference_params", source);
  r.bytes = field<std::map<std::string, int64_t>>(json, "bytes", source);
  const auto yardsticks = field<nlohmann::json>(json, "bytes_yardsticks", source);
  r.bytes_dense = field<int64_t>(yardsticks, "dense_float32", source);
  r.bytes_logical = field<int64_t>(yardsticks, "logical_float32", source);
  r.bytes_zlib = field<int64_t>(yardsticks, "zlib_dense", source);
  const auto flops = field<nlohmann::json>(json, "flops", source);
  r.flops_dense = field<int64_t>(flops, "dense", source);
  r.flops_effective = field<int64_t>(flops, "effective", source);
  for (const auto& l : field<nlohmann::json>(json, "layers", source)) {
    r.layers.push_back({field<std::string>(l, "name", source), field<int64_t>(l, "weights", source),
                        field<int64_t>(l, "stored", source)});
  }
  const auto histogram = field<nlohmann::json>(json, "weight_histogram", source);
  r.histogram_limit = field<double>(histogram, "limit", source);
  r.histogram = field<std::vector<int64_t>>(histogram, "counts", source);
  r.provenance = field<nlohmann::json>(json, "provenance", source);
  // The model's metadata, as evaluate copied it, must still read under this build's schema: the
  // aggregate reads its prune_history.
  if (r.provenance.contains("model_metadata"))
    parse_metadata(
        field<std::map<std::string, std::string>>(r.provenance, "model_metadata", source), source);
  return r;
}

Record read_record(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  nlohmann::json json;
  try {
    in >> json;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": not valid JSON");
  }
  return record_from_json(json, path);
}

}  // namespace nnc
