#include "lib/eval/aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "lib/compress/factor.h"

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

std::string id(const Record& r, const std::string& key) {
  auto it = r.ids.find(key);
  return it == r.ids.end() ? "" : it->second;
}

// The cell a record belongs to, ordered as the tables list them.
// (dataset, arch, protocol, method, schedule, −factor). The schedule (none for baselines and
// methods trained from scratch, halving or authors for pruning) tells two runs of one method at
// one factor apart.
using CellKey = std::tuple<std::string, std::string, std::string, std::string, std::string, double>;

CellKey cell_of(const Record& r) {
  const std::string schedule = id(r, "schedule");
  // Descending factor: 1, 1/2, 1/4, ... reads as "more and more compressed".
  return {id(r, "dataset"),
          id(r, "arch"),
          id(r, "protocol"),
          id(r, "method"),
          schedule.empty() ? "none" : schedule,
          -parse_factor(id(r, "target_factor"))};
}

std::vector<const Record*> sorted(const std::vector<Record>& records) {
  std::vector<const Record*> order;
  for (const Record& r : records) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const Record* a, const Record* b) {
    return std::make_tuple(cell_of(*a), std::stol(id(*a, "seed"))) <
           std::make_tuple(cell_of(*b), std::stol(id(*b, "seed")));
  });
  return order;
}

std::string cell_columns(const CellKey& key) {
  const double factor = -std::get<5>(key);
  return std::get<0>(key) + "," + std::get<1>(key) + "," + std::get<2>(key) + "," +
         std::get<3>(key) + "," + std::get<4>(key) + "," + number(factor) + "," +
         number(1.0 / factor);
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

}  // namespace

void check_record_ids(const Record& record, const std::string& source) {
  for (const char* key : {"dataset", "arch", "protocol", "method", "target_factor", "seed"})
    if (id(record, key).empty())
      throw std::runtime_error(source + ": record has no identifier '" + key + "' (evaluate --id " +
                               key + "=...)");
  try {
    parse_factor(id(record, "target_factor"));
  } catch (const std::exception& e) {
    throw std::runtime_error(source + ": identifier target_factor: " + e.what());
  }
  const std::string seed = id(record, "seed");
  if (seed.find_first_not_of("0123456789") != std::string::npos || seed.size() > 18)
    throw std::runtime_error(source + ": identifier seed '" + seed + "' is not an integer");
}

std::string results_csv(const std::vector<Record>& records) {
  std::string csv =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,seed,test_error,factor,"
      "factor_with_bias,stored_weights,reference_weights,bytes_dense,bytes_csr,bytes_bitmask,"
      "bytes_hashed,bytes_best,bytes_zlib,flops_dense,flops_effective,valid_error,training_epochs,"
      "arch_kind\n";
  for (const Record* r : sorted(records)) {
    auto bytes = [&](const char* encoding) {
      auto it = r->bytes.find(encoding);
      return it == r->bytes.end() ? std::string() : std::to_string(it->second);
    };
    csv += cell_columns(cell_of(*r)) + "," + id(*r, "seed") + "," + number(r->test_error) + "," +
           number(r->factor()) + "," + number(r->factor_with_bias()) + "," +
           std::to_string(r->stored_weights) + "," + std::to_string(r->reference_weights) + "," +
           std::to_string(r->bytes_dense) + "," + bytes("csr") + "," + bytes("bitmask") + "," +
           bytes("hashed") + "," + std::to_string(r->best_bytes()) + "," +
           std::to_string(r->bytes_zlib) + "," + std::to_string(r->flops_dense) + "," +
           std::to_string(r->flops_effective) + "," + number(r->valid_error) + "," +
           std::to_string(r->training_epochs) + "," + r->arch_kind + "\n";
  }
  return csv;
}

std::string layers_csv(const std::vector<Record>& records) {
  // Ordered layer by layer (then by factor), so each layer's curve is one contiguous run of rows.
  std::vector<std::pair<std::tuple<std::string, std::string, std::string, std::string, std::string,
                                   long, size_t, double>,
                        std::string>>
      rows;
  for (const Record* r : sorted(records)) {
    const CellKey cell = cell_of(*r);
    for (size_t i = 0; i < r->layers.size(); ++i) {
      const LayerCount& l = r->layers[i];
      rows.push_back({{std::get<0>(cell), std::get<1>(cell), std::get<2>(cell), std::get<3>(cell),
                       std::get<4>(cell), std::stol(id(*r, "seed")), i, std::get<5>(cell)},
                      cell_columns(cell) + "," + id(*r, "seed") + "," + std::to_string(i + 1) +
                          "," + std::to_string(l.weights) + "," + std::to_string(l.stored) + "," +
                          number(l.weights ? double(l.stored) / double(l.weights) : 0.0) + "\n"});
    }
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string csv =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,seed,layer,weights,"
      "stored,kept\n";
  for (const auto& row : rows) csv += row.second;
  return csv;
}

std::string histograms_csv(const std::vector<Record>& records) {
  std::string csv =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,seed,weight,count\n";
  for (const Record* r : sorted(records)) {
    const size_t bins = r->histogram.size();
    for (size_t b = 0; b < bins; ++b) {
      const double centre = r->histogram_limit * (2.0 * (double(b) + 0.5) / double(bins) - 1.0);
      csv += cell_columns(cell_of(*r)) + "," + id(*r, "seed") + "," + number(centre) + "," +
             std::to_string(r->histogram[b]) + "\n";
    }
  }
  return csv;
}

std::string steps_csv(const std::vector<Record>& records) {
  std::string csv =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,seed,step,epoch,factor,"
      "point,valid_error\n";
  for (const Record* r : sorted(records)) {
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
        throw std::runtime_error("record " + id(*r, "method") + " " + id(*r, "target_factor") +
                                 ": prune_history entry '" + step +
                                 "' is not epoch:factor:before:"
                                 "pruned:retrained");
      const std::string prefix = cell_columns(cell_of(*r)) + "," + id(*r, "seed") + "," +
                                 std::to_string(++k) + "," + f[0] + "," + f[1] + ",";
      csv += prefix + "before," + f[2] + "\n" + prefix + "pruned," + f[3] + "\n";
    }
  }
  return csv;
}

std::string summary_csv(const std::vector<Record>& records) {
  std::map<CellKey, std::vector<const Record*>> cells;
  for (const Record* r : sorted(records)) cells[cell_of(*r)].push_back(r);
  std::string csv =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,n,test_error_mean,test_"
      "error_std,"
      "factor_mean,stored_weights_mean,bytes_best_mean,flops_effective_mean,valid_error_mean,"
      "valid_error_std,training_epochs_mean,arch_kind\n";
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
