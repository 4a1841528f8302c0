#include "report/size_table.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "lib/eval/run_key.h"
#include "report/numbers.h"
#include "report/summary_cells.h"

namespace nnc {
namespace {

// Returns: one size cell: the smallest compressed file's bytes and encoding, then how many times
// smaller it is than the dense float32 reference (above 1: the compression is real on disk) and
// than zlib of the model's float32 params (below 1: gzip alone stores the same params smaller).
std::string size_cell(const Record& r) {
  std::string encoding;
  for (const auto& [name, size] : r.bytes)
    if (size == r.best_bytes()) encoding = name;
  const double best = double(std::max<int64_t>(r.best_bytes(), 1));
  return std::to_string(r.best_bytes()) + " " + encoding + " " +
         fixed(double(r.bytes_dense) / best, 2) + "× / " + fixed(double(r.bytes_zlib) / best, 2) +
         "×";
}

using Factors = std::set<Factor, std::greater<Factor>>;
using Row = std::pair<int, std::string>;  // the method's rank in the table, its name
using Runs = std::map<Row, std::map<Factor, const Record*>>;

std::string arch_table(const std::string& arch, const Factors& factors, const Runs& runs) {
  std::string md =
      "**" + arch +
      "** — bytes of the smallest file (its encoding), then times smaller than the "
      "dense float32 reference / than zlib of the model's float32 params\n\n| method |";
  for (const Factor& f : factors) md += " " + f.label() + " |";
  md += "\n|---|";
  for (size_t i = 0; i < factors.size(); ++i) md += "---|";
  md += "\n";
  for (const auto& [row, at] : runs) {
    md += "| " + row.second + " |";
    for (const Factor& f : factors) {
      const auto it = at.find(f);
      md += " " + (it == at.end() ? std::string("—") : size_cell(*it->second)) + " |";
    }
    md += "\n";
  }
  return md + "\n";
}

}  // namespace

std::string size_table(const std::vector<Record>& records, const MethodTable& table) {
  if (records.empty()) return "(no records)";
  std::map<std::string, std::string> first_dataset;
  std::map<std::string, Factors> factors;
  std::map<std::string, Runs> runs;
  std::vector<RunKey> keys;
  for (const Record& r : records) keys.push_back(run_key_of(r.ids, "record"));
  for (const RunKey& k : keys) first_dataset.emplace(k.cell.arch, k.cell.dataset);
  for (size_t i = 0; i < records.size(); ++i) {
    const CellKey& c = keys[i].cell;
    if (c.dataset != first_dataset[c.arch] || keys[i].seed != 1 || is_authors_schedule(c.schedule))
      continue;
    runs[c.arch][{table.rank(c.method), c.method}].emplace(c.factor, &records[i]);
    factors[c.arch].insert(c.factor);
  }
  std::string md;
  for (const auto& [arch, arch_factors] : factors) md += arch_table(arch, arch_factors, runs[arch]);
  return md;
}

}  // namespace nnc
