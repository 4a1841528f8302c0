#include "report/methods.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>

#include "lib/io/csv.h"

namespace nnc {
namespace {

const std::set<std::string> kKinds = {"baseline", "scratch", "pruning"};
// rer, lrd, dk and hashed_dk are HashedNets' own baselines: no claim of the seed paper reads them,
// and families of their own keep them out of the claims about nn and hashed.
const std::set<std::string> kFamilies = {"dense",  "nn",  "hashed", "magnitude", "obd",
                                         "random", "rer", "lrd",    "dk",        "hashed_dk"};

std::string column(const CsvRow& row, const std::string& name, const std::string& source) {
  auto it = row.find(name);
  if (it == row.end()) throw std::runtime_error(source + ": no column '" + name + "'");
  return it->second;
}

MethodInfo method_from_row(const CsvRow& row, const std::string& source) {
  MethodInfo m;
  m.name = column(row, "name", source);
  m.kind = column(row, "kind", source);
  m.family = column(row, "family", source);
  m.baseline = column(row, "baseline", source);
  m.label = column(row, "label", source);
  m.color = column(row, "color", source);
  const std::string where = source + ": method '" + m.name + "'";
  if (!kKinds.count(m.kind)) {
    throw std::runtime_error(where + ": kind '" + m.kind + "' is not baseline, scratch or pruning");
  }
  if (!kFamilies.count(m.family)) {
    throw std::runtime_error(
        where + ": family '" + m.family +
        "' is not dense, nn, hashed, magnitude, obd, random, rer, lrd, dk or hashed_dk");
  }
  const double order = csv_number(row, "order", source);
  if (order != std::floor(order) || std::fabs(order) > 1e6) {
    throw std::runtime_error(where + ": order '" + row.at("order") + "' is not an integer");
  }
  m.order = static_cast<int>(order);
  return m;
}

}  // namespace

MethodTable::MethodTable(std::vector<MethodInfo> methods) : methods_(std::move(methods)) {
  std::stable_sort(methods_.begin(), methods_.end(), [](const MethodInfo& a, const MethodInfo& b) {
    return std::make_pair(a.order, a.name) < std::make_pair(b.order, b.name);
  });
}

const MethodInfo* MethodTable::find(const std::string& name) const {
  for (const MethodInfo& m : methods_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

int MethodTable::rank(const std::string& name) const {
  auto it = std::find_if(methods_.begin(), methods_.end(),
                         [&](const MethodInfo& m) { return m.name == name; });
  return static_cast<int>(it - methods_.begin());
}

std::vector<std::string> MethodTable::select(bool (*keep)(const MethodInfo&)) const {
  std::vector<std::string> names;
  for (const MethodInfo& m : methods_) {
    if (keep(m)) names.push_back(m.name);
  }
  return names;
}

std::vector<std::string> MethodTable::pruning() const {
  return select([](const MethodInfo& m) { return m.kind == "pruning" && m.family != "random"; });
}
std::vector<std::string> MethodTable::magnitude() const {
  return select([](const MethodInfo& m) { return m.family == "magnitude"; });
}
std::vector<std::string> MethodTable::obd() const {
  return select([](const MethodInfo& m) { return m.family == "obd"; });
}
std::vector<std::string> MethodTable::hashed() const {
  return select([](const MethodInfo& m) { return m.family == "hashed"; });
}
std::vector<std::string> MethodTable::nn() const {
  return select([](const MethodInfo& m) { return m.family == "nn"; });
}
std::vector<std::string> MethodTable::dense() const {
  return select([](const MethodInfo& m) { return m.family == "dense"; });
}

MethodTable method_table_from_csv(const std::string& text, const std::string& source) {
  const std::vector<CsvRow> rows = parse_csv(text, source);
  if (rows.empty()) throw std::runtime_error(source + ": no methods");
  std::vector<MethodInfo> methods;
  std::set<std::string> names;
  for (const CsvRow& row : rows) {
    methods.push_back(method_from_row(row, source));
    if (!names.insert(methods.back().name).second) {
      throw std::runtime_error(source + ": method '" + methods.back().name + "' listed twice");
    }
  }
  return MethodTable(std::move(methods));
}

}  // namespace nnc
