#include "report/methods.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "lib/io/csv.h"

namespace nnc {
namespace {

const std::set<std::string> kKinds = {"baseline", "scratch", "pruning"};

MethodInfo method_from_row(const CsvRow& row, const std::string& source) {
  MethodInfo m;
  m.name = csv_field(row, "name", source);
  m.kind = csv_field(row, "kind", source);
  m.family = csv_field(row, "family", source);
  m.baseline = csv_field(row, "baseline", source);
  m.label = csv_field(row, "label", source);
  m.color = csv_field(row, "color", source);
  const std::string where = source + ": method '" + m.name + "'";
  if (!kKinds.count(m.kind)) {
    throw std::runtime_error(where + ": kind '" + m.kind + "' is not baseline, scratch or pruning");
  }
  if (m.family.empty()) throw std::runtime_error(where + ": no family");
  const double order = csv_number(row, "order", source);
  if (order != std::floor(order) || std::fabs(order) > 1e6) {
    throw std::runtime_error(where + ": order '" + row.at("order") + "' is not an integer");
  }
  m.order = static_cast<int>(order);
  std::istringstream sides(csv_field(row, "claims", source));
  for (std::string side; sides >> side;) {
    if (std::find(kClaimSides.begin(), kClaimSides.end(), side) == kClaimSides.end())
      throw std::runtime_error(where + ": claims '" + side +
                               "' is not pruning, magnitude, obd, hashed, nn or dense");
    m.claims.push_back(side);
  }
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

std::vector<std::string> MethodTable::side(const std::string& name) const {
  std::vector<std::string> names;
  for (const MethodInfo& m : methods_)
    if (std::find(m.claims.begin(), m.claims.end(), name) != m.claims.end())
      names.push_back(m.name);
  return names;
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
