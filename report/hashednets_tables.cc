#include "report/hashednets_tables.h"

#include "report/claims.h"

namespace nnc {
namespace {

// Returns: the cell of (dataset, arch, method) at `factor` on the halving chain or trained from
// scratch (not the seed paper's schedule), or nullptr.
const Cell* find_cell(const std::vector<Cell>& cells, const std::string& dataset,
                      const std::string& arch, const std::string& method, const Factor& factor) {
  for (const Cell& c : cells) {
    if (c.dataset == dataset && c.arch == arch && c.method == method &&
        !is_authors_schedule(c.schedule) && c.target_factor == factor) {
      return &c;
    }
  }
  return nullptr;
}

// Returns: the compressed methods (table order) with a cell at (arch, factor).
std::vector<const MethodInfo*> columns(const std::vector<Cell>& cells, const MethodTable& methods,
                                       const std::string& arch, const Factor& factor) {
  std::vector<const MethodInfo*> out;
  for (const MethodInfo& m : methods.all()) {
    if (m.kind == "baseline") continue;
    for (const Cell& c : cells) {
      if (c.arch == arch && c.method == m.name && c.target_factor == factor) {
        out.push_back(&m);
        break;
      }
    }
  }
  return out;
}

// Returns: the published error (percent) of a hashed-family method at the cell, or "".
std::string published_error(const std::vector<CsvRow>& published, const MethodTable& methods,
                            const std::string& dataset, const std::string& arch,
                            const Factor& factor) {
  for (const CsvRow& row : published) {
    const MethodInfo* m = methods.find(csv_field(row, "method", "published.csv"));
    if (m && m->family == "hashed" && csv_field(row, "dataset", "published.csv") == dataset &&
        csv_field(row, "arch", "published.csv") == arch &&
        Factor::parse(csv_field(row, "factor", "published.csv")) == factor) {
      return csv_field(row, "error_percent", "published.csv") + "‡";
    }
  }
  return "";
}

using Untrained = std::function<int(const Cell&)>;

// Returns: the cell as "mean ± std (n)", marked "⚠ k at chance" when k of its seeds never trained.
std::string shown(const Cell& c, const Untrained& untrained) {
  const int k = untrained(c);
  return mean_std(c) + (k ? " ⚠ " + std::to_string(k) + " at chance" : "");
}

// A row of one dataset; its published number last, unless published is null (no such column).
std::string row(const std::vector<Cell>& cells, const std::vector<const MethodInfo*>& cols,
                const std::string& dataset, const std::string& arch, const Factor& factor,
                const std::string* published, const Untrained& untrained) {
  const Cell* dense = find_cell(cells, dataset, arch, "dense", Factor());
  const Cell* best = nullptr;
  for (const MethodInfo* m : cols) {
    const Cell* c = find_cell(cells, dataset, arch, m->name, factor);
    if (c && untrained(*c) == 0 && (!best || c->error < best->error)) best = c;
  }
  std::string md = "| " + dataset + " | " + (dense ? shown(*dense, untrained) : "—") + " |";
  for (const MethodInfo* m : cols) {
    const Cell* c = find_cell(cells, dataset, arch, m->name, factor);
    const std::string text = c ? shown(*c, untrained) : "—";
    md += " " + (c == best && c ? "**" + text + "**" : text) + " |";
  }
  return md + (published ? " " + *published + " |\n" : "\n");
}

// A table of one network at one factor; the published column only when report/published.csv
// holds a number for one of its rows (*with_published is then set).
std::string table(const std::vector<Cell>& cells, const MethodTable& methods,
                  const std::vector<CsvRow>& published, const std::vector<std::string>& datasets,
                  const std::string& arch, const Factor& factor, const Untrained& untrained,
                  bool* with_published) {
  const std::vector<const MethodInfo*> cols = columns(cells, methods, arch, factor);
  std::vector<std::string> numbers;
  bool any = false;
  for (const std::string& dataset : datasets) {
    numbers.push_back(published_error(published, methods, dataset, arch, factor));
    any |= !numbers.back().empty();
  }
  *with_published |= any;
  std::string md = "**" + arch + " at " + factor.display() +
                   "** — test error %, mean ± std (n seeds); the lowest mean of each row in "
                   "bold, among the cells whose every seed trained (⚠: seeds that never left "
                   "chance)\n\n| dataset | dense (1) |";
  for (const MethodInfo* m : cols) md += " " + m->name + " |";
  md += any ? " HashedNets, published† |\n|---|---|" : "\n|---|---|";
  for (size_t i = any ? 0 : 1; i <= cols.size(); ++i) md += "---|";
  md += "\n";
  for (size_t i = 0; i < datasets.size(); ++i)
    md += row(cells, cols, datasets[i], arch, factor, any ? &numbers[i] : nullptr, untrained);
  return md + "\n";
}

}  // namespace

std::string hashednets_tables(const std::vector<Cell>& cells, const MethodTable& methods,
                              const std::vector<CsvRow>& published, const HashedNetsLayout& layout,
                              const Untrained& untrained) {
  std::string md;
  bool with_published = false;
  for (const auto& [arch, factors] : layout.factors) {
    for (const Factor& factor : factors)
      md += table(cells, methods, published, layout.datasets, arch, factor, untrained,
                  &with_published);
  }
  if (md.empty()) return "(this run has no network to lay out)";
  if (!with_published)
    return md +
           "Published numbers: Chen et al.'s Tables 1 and 2 could not be retrieved offline and are "
           "not filled from memory; report/published.csv holds none for these networks, datasets "
           "and factors, so no table has a published column.\n";
  return md +
         "† Chen et al.'s Tables 1 and 2 could not be retrieved offline, so this column holds only "
         "what report/published.csv cites. ‡ The HashedNets reference code's README (about 1.5% "
         "for 784-1000-10 on MNIST, dense and at 1/8).\n";
}

}  // namespace nnc
