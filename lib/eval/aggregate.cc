#include "lib/eval/aggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <tuple>

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
using CellKey = std::tuple<std::string, std::string, std::string, std::string, double>;

CellKey cell_of(const Record& r) {
  // Descending factor: 1, 1/2, 1/4, ... reads as "more and more compressed".
  return {id(r, "dataset"), id(r, "arch"), id(r, "protocol"), id(r, "method"),
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
  const double factor = -std::get<4>(key);
  return std::get<0>(key) + "," + std::get<1>(key) + "," + std::get<2>(key) + "," +
         std::get<3>(key) + "," + number(factor) + "," + number(1.0 / factor);
}

}  // namespace

double parse_factor(const std::string& text) {
  double value = 0;
  try {
    const size_t slash = text.find('/');
    size_t used = 0;
    if (slash == std::string::npos) {
      value = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument(text);
    } else {
      const std::string num = text.substr(0, slash), den = text.substr(slash + 1);
      size_t used_den = 0;
      value = std::stod(num, &used) / std::stod(den, &used_den);
      if (used != num.size() || used_den != den.size()) throw std::invalid_argument(text);
    }
  } catch (const std::logic_error&) {
    throw std::invalid_argument("factor '" + text + "' is not a number such as 1/8 or 0.125");
  }
  if (!(value > 0 && value <= 1)) {
    throw std::invalid_argument("factor '" + text + "' is outside (0, 1]");
  }
  return value;
}

std::string results_csv(const std::vector<Record>& records) {
  std::string csv =
      "dataset,arch,protocol,method,target_factor,target_ratio,seed,test_error,factor,"
      "factor_with_bias,stored_weights,reference_weights,bytes_dense,bytes_csr,bytes_bitmask,"
      "bytes_hashed,bytes_best,flops_dense,flops_effective\n";
  for (const Record* r : sorted(records)) {
    auto bytes = [&](const char* encoding) {
      auto it = r->bytes.find(encoding);
      return it == r->bytes.end() ? std::string() : std::to_string(it->second);
    };
    csv += cell_columns(cell_of(*r)) + "," + id(*r, "seed") + "," + number(r->test_error) + "," +
           number(r->factor()) + "," + number(r->factor_with_bias()) + "," +
           std::to_string(r->stored_weights) + "," + std::to_string(r->reference_weights) + "," +
           bytes("dense") + "," + bytes("csr") + "," + bytes("bitmask") + "," + bytes("hashed") +
           "," + std::to_string(r->best_bytes()) + "," + std::to_string(r->flops_dense) + "," +
           std::to_string(r->flops_effective) + "\n";
  }
  return csv;
}

std::string summary_csv(const std::vector<Record>& records) {
  std::map<CellKey, std::vector<const Record*>> cells;
  for (const Record* r : sorted(records)) cells[cell_of(*r)].push_back(r);
  std::string csv =
      "dataset,arch,protocol,method,target_factor,target_ratio,n,test_error_mean,test_error_std,"
      "factor_mean,stored_weights_mean,bytes_best_mean,flops_effective_mean\n";
  for (const auto& [key, runs] : cells) {
    const double n = double(runs.size());
    double error = 0, factor = 0, stored = 0, bytes = 0, flops = 0;
    for (const Record* r : runs) {
      error += r->test_error;
      factor += r->factor();
      stored += double(r->stored_weights);
      bytes += double(r->best_bytes());
      flops += double(r->flops_effective);
    }
    error /= n;
    double squares = 0;
    for (const Record* r : runs) squares += (r->test_error - error) * (r->test_error - error);
    const double std_error = runs.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
    csv += cell_columns(key) + "," + std::to_string(runs.size()) + "," + number(error) + "," +
           number(std_error) + "," + number(factor / n) + "," + count(stored / n) + "," +
           count(bytes / n) + "," + count(flops / n) + "\n";
  }
  return csv;
}

}  // namespace nnc
