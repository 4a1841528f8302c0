#include "lib/eval/aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "lib/eval/run_key.h"
#include "lib/eval/tables.h"
#include "lib/io/model_metadata.h"

namespace nnc {
namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

// Counts (weights, bytes, FLOPs) and their means: all digits, no exponent.
std::string count(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  return text.substr(text.size() - 2) == ".0" ? text.substr(0, text.size() - 2) : text;
}

// A record and its key (checked by check_record_ids).
struct Keyed {
  RunKey key;
  const Record* record;
};

// Returns: the records in the tables' order (RunKey's), so the bytes do not depend on the order
// records were given.
std::vector<Keyed> sorted(const std::vector<Record>& records) {
  std::vector<Keyed> order;
  for (const Record& r : records) order.push_back({run_key_of(r.ids, "record"), &r});
  std::stable_sort(order.begin(), order.end(),
                   [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  return order;
}

// Returns: the columns dataset,arch,protocol,method,schedule,target_factor,target_ratio; the
// factor as written (1/512, 0.002), its ratio as a number for gnuplot.
std::string cell_columns(const CellKey& key) {
  return key.dataset + "," + key.arch + "," + key.protocol + "," + key.method + "," + key.schedule +
         "," + key.factor.label() + "," + number(key.factor.ratio());
}

// Returns: the cell columns, then the seed.
std::string run_columns(const RunKey& key) {
  return cell_columns(key.cell) + "," + std::to_string(key.seed);
}

// Returns: the mean and the sample standard deviation (0 for one run) of `field` over `runs`.
std::pair<double, double> mean_std(const std::vector<const Record*>& runs, double Record::*field) {
  const double n = double(runs.size());
  double mean = 0;
  for (const Record* r : runs) mean += r->*field;
  mean /= n;
  double squares = 0;
  for (const Record* r : runs) squares += (r->*field - mean) * (r->*field - mean);
  return {mean, runs.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0};
}

// Returns: the restarts of the training run behind the record's model, from its metadata (a
// compressed model's is its baseline's: compress copies its input's metadata), or "" when the
// record does not carry the model's metadata.
std::string lr_restarts(const RunKey& key, const Record& r) {
  const auto it = r.provenance.find("model_metadata");
  if (it == r.provenance.end()) return "";
  const auto entries = it->get<std::map<std::string, std::string>>();
  return std::to_string(parse_metadata(entries, "record " + to_string(key)).lr_restarts);
}

}  // namespace

void check_record_ids(const Record& record, const std::string& source) {
  run_key_of(record.ids, source);
}

std::string results_csv(const std::vector<Record>& records) {
  std::string csv = table_header(kResultsTable);
  for (const auto& [key, r] : sorted(records)) {
    auto bytes = [&](const char* encoding) {
      auto it = r->bytes.find(encoding);
      return it == r->bytes.end() ? std::string() : std::to_string(it->second);
    };
    csv += run_columns(key) + "," + number(r->test_error) + "," + number(r->factor()) + "," +
           number(r->factor_with_bias()) + "," + std::to_string(r->stored_weights) + "," +
           std::to_string(r->reference_weights) + "," + std::to_string(r->bytes_dense) + "," +
           bytes("csr") + "," + bytes("bitmask") + "," + bytes("hashed") + "," +
           std::to_string(r->best_bytes()) + "," + std::to_string(r->bytes_zlib) + "," +
           std::to_string(r->flops_dense) + "," + std::to_string(r->flops_effective) + "," +
           number(r->valid_error) + "," + std::to_string(r->training_epochs) + "," +
           lr_restarts(key, *r) + "," + r->arch_kind + "\n";
  }
  return csv;
}

std::string layers_csv(const std::vector<Record>& records) {
  // Ordered layer by layer (then by factor), so each layer's curve is one contiguous run of rows.
  struct Row {
    RunKey key;
    size_t layer;
    std::string text;
  };
  std::vector<Row> rows;
  for (const auto& [key, r] : sorted(records)) {
    for (size_t i = 0; i < r->layers.size(); ++i) {
      const LayerCount& l = r->layers[i];
      rows.push_back({key, i,
                      run_columns(key) + "," + std::to_string(i + 1) + "," +
                          std::to_string(l.weights) + "," + std::to_string(l.stored) + "," +
                          number(l.weights ? double(l.stored) / double(l.weights) : 0.0) + "\n"});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    const auto place = [](const Row& r) {
      const CellKey& c = r.key.cell;
      return std::tie(c.dataset, c.arch, c.protocol, c.method, c.schedule, r.key.seed, r.layer);
    };
    if (place(a) != place(b)) return place(a) < place(b);
    return a.key.cell.factor > b.key.cell.factor;
  });
  std::string csv = table_header(kLayersTable);
  for (const Row& row : rows) csv += row.text;
  return csv;
}

std::string histograms_csv(const std::vector<Record>& records) {
  std::string csv = table_header(kHistogramsTable);
  for (const auto& [key, r] : sorted(records)) {
    const size_t bins = r->histogram.size();
    for (size_t b = 0; b < bins; ++b) {
      const double centre = r->histogram_limit * (2.0 * (double(b) + 0.5) / double(bins) - 1.0);
      csv += run_columns(key) + "," + number(centre) + "," + std::to_string(r->histogram[b]) + "\n";
    }
  }
  return csv;
}

std::string steps_csv(const std::vector<Record>& records) {
  std::string csv = table_header(kStepsTable);
  for (const auto& [key, r] : sorted(records)) {
    const nlohmann::json& meta = r->provenance.value("model_metadata", nlohmann::json::object());
    const std::string history = meta.value("prune_history", std::string());
    if (history.empty()) continue;
    std::istringstream steps(history);
    size_t k = 0;
    for (std::string step; std::getline(steps, step, ';');) {
      std::istringstream fields(step);
      std::vector<std::string> f;
      for (std::string field; std::getline(fields, field, ':');) f.push_back(field);
      if (f.size() != 5)
        throw std::runtime_error("record " + to_string(key) + ": prune_history entry '" + step +
                                 "' is not epoch:factor:before:pruned:retrained");
      const std::string prefix =
          run_columns(key) + "," + std::to_string(++k) + "," + f[0] + "," + f[1] + ",";
      csv += prefix + "before," + f[2] + "\n" + prefix + "pruned," + f[3] + "\n";
    }
  }
  return csv;
}

std::string summary_csv(const std::vector<Record>& records) {
  std::map<CellKey, std::vector<const Record*>> cells;
  for (const auto& [key, r] : sorted(records)) cells[key.cell].push_back(r);
  std::string csv = table_header(kSummaryTable);
  for (const auto& [key, runs] : cells) {
    const double n = double(runs.size());
    double factor = 0, stored = 0, bytes = 0, flops = 0, epochs = 0;
    for (const Record* r : runs) {
      factor += r->factor();
      stored += double(r->stored_weights);
      bytes += double(r->best_bytes());
      flops += double(r->flops_effective);
      epochs += double(r->training_epochs);
    }
    const auto [test_mean, test_std] = mean_std(runs, &Record::test_error);
    const auto [valid_mean, valid_std] = mean_std(runs, &Record::valid_error);
    csv += cell_columns(key) + "," + std::to_string(runs.size()) + "," + number(test_mean) + "," +
           number(test_std) + "," + number(factor / n) + "," + count(stored / n) + "," +
           count(bytes / n) + "," + count(flops / n) + "," + number(valid_mean) + "," +
           number(valid_std) + "," + count(epochs / n) + "," + runs.front()->arch_kind + "\n";
  }
  return csv;
}

}  // namespace nnc
