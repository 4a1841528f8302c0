#include "report/result_tables.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "report/numbers.h"
#include "report/runs.h"
#include "report/validity.h"

namespace nnc {

std::string results_tables(const std::vector<Cell>& cells, const MethodTable& table) {
  std::set<std::pair<std::string, std::string>> groups;
  for (const Cell& c : cells) groups.insert({c.dataset, c.arch});
  std::string md;
  for (const auto& [dataset, arch] : groups) {
    std::set<Factor, std::greater<Factor>> factors;
    std::set<std::pair<int, std::string>> methods;
    for (const Cell& c : cells) {
      if (c.dataset != dataset || c.arch != arch) continue;
      factors.insert(c.target_factor);
      methods.insert({table.rank(c.method), c.method});
    }
    md += "**" + dataset + ", " + arch +
          "** — test error %, mean ± std (n seeds); training epochs of the method (all SGD epochs, "
          "retraining included)\n\n| method |";
    for (const Factor& f : factors) md += " " + f.display() + " |";
    md += " epochs |\n|---|";
    for (size_t i = 0; i <= factors.size(); ++i) md += "---|";
    md += "\n";
    for (const auto& [rank, method] : methods) {
      md += "| " + method + " |";
      double fewest = 1e300, most = 0;
      for (const Factor& f : factors) {
        const Cell* found = nullptr;
        for (const Cell& c : cells) {
          if (c.dataset == dataset && c.arch == arch && c.method == method &&
              c.target_factor == f) {
            found = &c;
          }
        }
        md += " " + (found ? mean_std(*found) : std::string("—")) + " |";
        if (found) {
          fewest = std::min(fewest, found->training_epochs);
          most = std::max(most, found->training_epochs);
        }
      }
      md += " " + fixed(fewest, 0) + (most > fewest ? "–" + fixed(most, 0) : "") + " |\n";
    }
    md += "\n";
  }
  return md.empty() ? "(this run produced no results)" : md;
}

std::string winners_table(const std::vector<Cell>& cells) {
  std::map<std::tuple<std::string, std::string, double>, const Cell*> best;
  for (const Cell& c : cells) {
    if (c.target_factor == Factor()) continue;  // the uncompressed baselines
    auto key = std::make_tuple(c.dataset, c.arch, -c.target_factor.value());
    if (!best.count(key) || c.error < best[key]->error) best[key] = &c;
  }
  if (best.empty()) return "(no compressed models in this run)";
  std::string md = "| dataset | arch | factor | lowest error | error % |\n|---|---|---|---|---|\n";
  for (const auto& [key, c] : best) {
    md += "| " + c->dataset + " | " + c->arch + " | " + c->target_factor.display() + " | " +
          c->method + " | " + percent(c->error) + " |\n";
  }
  return md;
}

std::string published_table(const std::vector<CsvRow>& published, const std::vector<Cell>& cells) {
  std::string md =
      "| source | network | method | factor | published error % | ours (factor) error % | "
      "difference (pp) |\n|---|---|---|---|---|---|---|\n";
  size_t rows = 0;
  for (const CsvRow& p : published) {
    const Factor factor = factor_column(p, "factor", "published.csv");
    const double error = csv_number(p, "error_percent", "published.csv") / 100.0;
    std::vector<const Cell*> ours;
    for (const Cell& c : cells) {
      if (c.dataset != p.at("dataset") || c.arch != p.at("arch") || c.method != p.at("method")) {
        continue;
      }
      // The cells at or just around the published factor (12x falls between 1/8 and 1/16).
      const double ratio = c.target_factor.value() / factor.value();
      if (ratio <= 2.0 + 1e-9 && ratio >= 0.5 - 1e-9) {
        ours.push_back(&c);
      }
    }
    if (ours.empty()) continue;  // a row this profile cannot fill is not shown
    std::string mine, diff;
    for (const Cell* c : ours) {
      mine +=
          (mine.empty() ? "" : "; ") + percent(c->error) + " (" + c->target_factor.display() + ")";
      diff += (diff.empty() ? "" : "; ") + signed_points(c->error - error);
    }
    md += "| " + p.at("source") + " | " + p.at("arch") + " | " + p.at("method") + " | " +
          factor.display() + " | " + percent(error) + " | " + mine + " | " + diff + " |\n";
    ++rows;
  }
  if (rows == 0)
    return "None of the " + count_of(published.size(), "published numbers") +
           " of report/published.csv is at a network, dataset and method this profile runs.";
  return md;
}

std::string baselines_table(const std::vector<Cell>& cells, const MethodTable& table,
                            const std::vector<nlohmann::json>& manifests) {
  std::map<std::string, double> chance;
  for (const auto& m : manifests) chance[m.value("name", std::string())] = chance_error(m, "test");
  std::string md =
      "| dataset | network | baseline | test error % | chance error % | far from chance? |\n"
      "|---|---|---|---|---|---|\n";
  size_t rows = 0;
  for (const Cell& c : cells) {
    const MethodInfo* m = table.find(c.method);
    if (c.target_factor.value() < 1 || !m || m->family != "dense") continue;
    const auto it = chance.find(c.dataset);
    const std::string chance_text = it == chance.end() ? "—" : percent(it->second);
    const bool far = it != chance.end() && c.error < it->second / 2;
    md += "| " + c.dataset + " | " + c.arch + " | " + c.method + " | " + mean_std(c) + " | " +
          chance_text + " | " + (far ? "yes" : "**no**") + " |\n";
    ++rows;
  }
  return rows ? md : "(no dense baselines in this run)";
}

std::string schedules_table(const std::vector<Cell>& cells) {
  using Key = std::tuple<std::string, std::string, std::string, Factor>;
  std::map<std::string, std::map<Key, const Cell*>> by_schedule;
  for (const Cell& c : cells)
    by_schedule[c.schedule][{c.dataset, c.arch, c.method, c.target_factor}] = &c;
  const auto cell = [&](const std::string& schedule, const Key& key) -> const Cell* {
    const auto& found = by_schedule[schedule];
    const auto it = found.find(key);
    return it == found.end() ? nullptr : it->second;
  };
  const auto shown = [](const Cell* c) {
    return c ? mean_std(*c) + " | " + fixed(c->training_epochs, 0) : std::string("— | —");
  };
  std::string md =
      "| dataset | network | method | factor | halving error % | epochs | authors' schedule "
      "error % | epochs | at its literal lengths error % | epochs | literal − this run's (pp) "
      "|\n|---|---|---|---|---|---|---|---|---|---|---|\n";
  size_t rows = 0;
  for (const auto& [key, c] : by_schedule["authors"]) {
    const Cell* literal = cell("authors_literal", key);
    md += "| " + c->dataset + " | " + c->arch + " | " + c->method + " | " +
          c->target_factor.display() + " | " + shown(cell("halving", key)) + " | " + shown(c) +
          " | " + shown(literal) + " | " +
          (literal ? signed_points(literal->error - c->error) : std::string("—")) + " |\n";
    ++rows;
  }
  return rows ? md : "(this run used iterative halving only)";
}

std::string chainless_text(const MethodTable& table, const nlohmann::json& profile) {
  std::set<std::string> chainless;
  for (const auto& [arch, names] : profile.at("methods").items()) {
    const nlohmann::json& chained = profile.at("halving_methods").at(arch);
    for (const auto& name : names) {
      const MethodInfo* m = table.find(name.get<std::string>());
      if (m && m->kind == "pruning" &&
          std::find(chained.begin(), chained.end(), name) == chained.end())
        chainless.insert(m->name);
    }
  }
  if (chainless.empty()) return "";
  std::string names;
  for (const std::string& n : chainless) names += (names.empty() ? "" : ", ") + n;
  return "Run on the seed paper's schedule only (this profile gives them no halving chain, for its "
         "budget): " +
         names +
         "; their rows are in the table under *The authors' schedule beside iterative halving*.\n";
}

}  // namespace nnc
