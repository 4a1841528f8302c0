#include "report/report_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

#include "report/claims.h"
#include "report/datasets_table.h"
#include "report/departures.h"
#include "report/hashednets_tables.h"
#include "report/markdown.h"
#include "report/restarts.h"
#include "report/schedule_steps.h"
#include "report/size_table.h"
#include "report/summary_cells.h"
#include "report/validity.h"

namespace nnc {
namespace {

// One table per (dataset, arch): methods as rows, target factors as columns.
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
    for (const Factor& f : factors) md += " " + f.label() + " |";
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

// Returns: how many of the cell's seeds never left chance (validity.h).
int untrained_seeds(const std::vector<Run>& runs, const ValidityGuard& guard, const Cell& c) {
  int n = 0;
  for (const Run& r : runs)
    if (r.dataset == c.dataset && r.arch == c.arch && r.method == c.method &&
        r.schedule == c.schedule && r.target_factor == c.target_factor.value() &&
        !guard.trained(r.dataset, r.valid_error))
      ++n;
  return n;
}

// The best method at each factor, per (dataset, arch).
std::string winners_table(const std::vector<Cell>& cells) {
  std::map<std::tuple<std::string, std::string, double>, const Cell*> best;
  for (const Cell& c : cells) {
    if (c.method == "dense" || c.target_factor.value() >= 1) continue;  // uncompressed baselines
    auto key = std::make_tuple(c.dataset, c.arch, -c.target_factor.value());
    if (!best.count(key) || c.error < best[key]->error) best[key] = &c;
  }
  if (best.empty()) return "(no compressed models in this run)";
  std::string md = "| dataset | arch | factor | lowest error | error % |\n|---|---|---|---|---|\n";
  for (const auto& [key, c] : best) {
    md += "| " + c->dataset + " | " + c->arch + " | " + c->target_factor.label() + " | " +
          c->method + " | " + percent(c->error) + " |\n";
  }
  return md;
}

// Each claim's verdict, per dataset, without each dataset in turn (how much one weighs), and the
// tally it rests on.
std::string claims_table(const std::vector<Claim>& claims) {
  std::string md =
      "| claim | verdict | by dataset | without one dataset | evidence |\n|---|---|---|---|---|\n";
  for (const Claim& c : claims) {
    std::set<std::string> datasets;
    for (const Comparison& comparison : c.comparisons) datasets.insert(comparison.dataset);
    std::string by_dataset, without;
    for (const std::string& d : datasets) {
      by_dataset += (by_dataset.empty() ? "" : "; ") + d + ": " + c.verdict(d);
      without += (without.empty() ? "" : "; ") + ("without " + d) + ": " + c.verdict_without(d);
    }
    if (datasets.size() < 2) without.clear();
    md += "| " + c.statement + " | **" + c.verdict() + "** | " +
          (by_dataset.empty() ? "—" : by_dataset) + " | " + (without.empty() ? "—" : without) +
          " | " + c.summary() + " |\n";
  }
  return md;
}

// Published numbers beside ours: for each published (dataset, arch, method, factor), our cell at
// the nearest factors bracketing it.
std::string published_table(const std::vector<CsvRow>& published, const std::vector<Cell>& cells) {
  std::string md =
      "| source | network | method | factor | published error % | ours (factor) error % | "
      "difference (pp) |\n|---|---|---|---|---|---|---|\n";
  size_t rows = 0;
  for (const CsvRow& p : published) {
    const Factor factor = Factor::parse(csv_field(p, "factor", "published.csv"));
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
          (mine.empty() ? "" : "; ") + percent(c->error) + " (" + c->target_factor.label() + ")";
      diff += (diff.empty() ? "" : "; ") + signed_points(c->error - error);
    }
    md += "| " + p.at("source") + " | " + p.at("arch") + " | " + p.at("method") + " | " +
          factor.label() + " | " + percent(error) + " | " + mine + " | " + diff + " |\n";
    ++rows;
  }
  if (rows == 0)
    return "None of the " + count_of(published.size(), "published numbers") +
           " of report/published.csv is at a network, dataset and method this profile runs.";
  return md;
}

// CPU and wall seconds per stage, from the timing files (lib/io/timing.h).
std::string cost_table(const std::vector<Timing>& timings) {
  struct Sum {
    int actions = 0;
    size_t epochs = 0;
    double cpu = 0, wall = 0;
  };
  std::map<std::string, Sum> stages;
  Sum total;
  for (const Timing& t : timings) {
    for (Sum* s : {&stages[t.stage], &total}) {
      s->actions += 1;
      s->epochs += t.epoch_seconds.size();
      s->cpu += t.cpu_seconds;
      s->wall += t.wall_seconds;
    }
  }
  if (stages.empty()) return "(no timing files)";
  std::string md =
      "| stage | actions | epochs | CPU seconds | wall seconds |\n|---|---|---|---|---|\n";
  std::vector<std::pair<std::string, Sum>> rows(stages.begin(), stages.end());
  rows.emplace_back("total", total);  // last, below the stages it sums
  for (const auto& [stage, s] : rows) {
    md += "| " + stage + " | " + std::to_string(s.actions) + " | " + std::to_string(s.epochs) +
          " | " + fixed(s.cpu, 1) + " | " + fixed(s.wall, 1) + " |\n";
  }
  return md;
}

// The methods this run ran (the profile's "methods": architecture -> names), as the report's list
// of methods (name, kind, what it is) in table order.
std::string methods_table(const MethodTable& table, const nlohmann::json& profile,
                          const std::string& source) {
  std::set<std::string> ran;
  try {
    for (const auto& [arch, names] : profile.at("methods").items())
      for (const auto& name : names) ran.insert(name.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(source +
                             ": bad 'methods' (architecture -> method names): " + e.what());
  }
  std::string md = "| method | kind | family | what it is |\n|---|---|---|---|\n";
  for (const MethodInfo& m : table.all())
    if (ran.count(m.name))
      md += "| `" + m.name + "` | " + m.kind + " | " + m.family + " | " + table_cell(m.label) +
            " |\n";
  return md;
}

// Returns: the HashedNets tables' rows (the profile's datasets) and factors (each network's
// from-scratch factors 1/2^k), from the study's parameters.
HashedNetsLayout hashednets_layout(const nlohmann::json& profile, const std::string& source) {
  HashedNetsLayout layout;
  try {
    layout.datasets = profile.at("datasets").get<std::vector<std::string>>();
    for (const auto& [arch, steps] : profile.at("scratch_steps").items()) {
      for (const auto& k : steps)
        layout.factors[arch].push_back(Factor::one_in(int64_t{1} << k.get<int>()));
    }
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(source +
                             ": want 'datasets' (names) and 'scratch_steps' (network -> "
                             "list of k)");
  }
  return layout;
}

// The dense baselines per dataset beside the chance level; a baseline whose error is not below
// half the chance error is flagged: it has not learnt its task, and nothing compressed from it
// says much.
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

// The seed paper's schedule beside iterative halving at the same factors: mean ± std test error
// and mean training epochs of each, per (dataset, arch, method, factor).
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
          c->target_factor.label() + " | " + shown(cell("halving", key)) + " | " + shown(c) +
          " | " + shown(literal) + " | " +
          (literal ? signed_points(literal->error - c->error) : std::string("—")) + " |\n";
    ++rows;
  }
  return rows ? md : "(this run used iterative halving only)";
}

// Returns: the OpenBLAS kernel the records were evaluated with (the speed stage runs in the same
// action environment), in backquotes, or "not recorded".
std::string speed_kernel(const std::vector<Record>& records) {
  if (records.empty()) return "not recorded";
  const nlohmann::json& p = records.front().provenance;
  const auto it = p.find("openblas_coretype");
  return it != p.end() && it->is_string() ? "`" + it->get<std::string>() + "`" : "not recorded";
}

std::string provenance_table(const std::vector<Record>& records,
                             const std::map<std::string, std::string>& build_info) {
  std::map<std::string, std::string> rows;
  for (const auto& [key, value] : build_info) rows[key] = value;
  if (!records.empty()) {
    for (const auto& [key, value] : records.front().provenance.items()) {
      if (value.is_string()) {
        rows[key] = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        rows[key] = value.dump();
      }
    }
  }
  if (rows.empty()) return "(no provenance recorded)";
  std::string md = "| item | value |\n|---|---|\n";
  for (const auto& [key, value] : rows) md += "| " + key + " | `" + value + "` |\n";
  return md;
}

std::string figure_list(const std::vector<std::string>& paths, const std::string& caption) {
  std::string md;
  for (const std::string& path : paths) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    name = name.substr(0, name.find_last_of('.'));
    md += "![" + caption + ": " + name + "](" + path + ")\n\n";
  }
  return md.empty() ? "(no figures of this kind in this run)" : md;
}

}  // namespace

std::map<std::string, std::string> report_values(const ReportInputs& in) {
  const std::vector<Cell> all_cells = cells_from_summary(in.summary, "summary.csv");
  // The results, winners and published tables follow each method's halving chain; the seed
  // paper's schedule has its own table beside halving (schedules.table).
  std::vector<Cell> cells;
  std::copy_if(all_cells.begin(), all_cells.end(), std::back_inserter(cells),
               [](const Cell& c) { return !is_authors_schedule(c.schedule); });
  std::map<std::string, std::string> v;
  v["profile"] = in.profile;
  v["runs"] = std::to_string(in.records.size());
  std::set<std::string> datasets, archs;
  std::set<std::pair<int, std::string>> methods;
  for (const Cell& c : cells) {
    datasets.insert(c.dataset);
    archs.insert(c.arch);
    methods.insert({in.methods.rank(c.method), c.method});
  }
  auto join = [](const std::set<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? std::string("none") : out;
  };
  v["datasets"] = join(datasets);
  v["archs"] = join(archs);
  std::string method_list;
  for (const auto& [rank, method] : methods) {
    method_list += (method_list.empty() ? "" : ", ") + method;
  }
  v["methods"] = method_list.empty() ? "none" : method_list;
  v["cells"] = std::to_string(cells.size());

  // The claims on each pruning schedule's setting: the seed paper's own and iterative halving.
  const std::vector<Run> runs = runs_from_results(in.results, "results.csv");
  const ValidityGuard guard = guard_from(in.manifests, in.records);
  std::map<std::string, std::vector<Claim>> claims;
  for (const std::string schedule : {"authors", "authors_literal", "halving"}) {
    claims[schedule] = evaluate_claims(runs, in.methods, guard, schedule);
    for (const Claim& c : claims[schedule]) {
      const std::string key = schedule + "." + c.key;
      v[key + ".statement"] = c.statement;
      v[key + ".verdict"] = c.verdict();
      v[key + ".summary"] = c.summary();
      v[key + ".evidence"] = c.evidence_table();
      v[key + ".by_dataset"] = c.by_dataset_table();
    }
    v[schedule + ".claims.table"] = claims_table(claims[schedule]);
    v["setting." + schedule] = setting_text(in.profile_params, in.profile_params_source, schedule);
  }
  v["schedules.steps"] = schedule_steps_text(in.records);
  v["schedules.cut_effect"] = cut_effect(claims["authors"], claims["authors_literal"]);
  v["results.tables"] = results_tables(cells, in.methods);
  v["winners.table"] = winners_table(cells);
  v["published.table"] = published_table(in.published, cells);
  v["cost.table"] = cost_table(in.timings);
  v["size.table"] = size_table(in.records, in.methods);
  v["methods.table"] = methods_table(in.methods, in.profile_params, in.profile_params_source);
  v["baselines.table"] = baselines_table(cells, in.methods, in.manifests);
  v["hashednets.tables"] =
      hashednets_tables(cells, in.methods, in.published,
                        hashednets_layout(in.profile_params, in.profile_params_source),
                        [&](const Cell& c) { return untrained_seeds(runs, guard, c); });
  v["hashednets.restarts"] = restarts_text(in.results, in.methods, "results.csv");
  v["schedules.table"] = schedules_table(all_cells);
  v["departures.table"] = departures_table(in.profile_params, in.profile_params_source);
  v["hashednets.departures"] =
      hashednets_departures_table(in.profile_params, in.profile_params_source);
  v["datasets.table"] = datasets_table(in.manifests);
  v["provenance.table"] = provenance_table(in.records, in.build_info);
  v["speed.kernel"] = speed_kernel(in.records);
  const std::map<std::string, std::string> captions = {
      {"error_vs_factor", "Test error against compression factor"},
      {"error_vs_bytes", "Test error against bytes on disk"},
      {"training_curves", "Training curves"},
      {"contact_sheets", "Samples"},
      {"survivors", "Survivors per layer"},
      {"histograms", "Weight histograms before and after pruning"},
      {"steps", "Validation error around each pruning step"},
      {"speed", "Inference speed (samples/s, thread CPU time) against compression factor"},
  };
  for (const auto& [group, caption] : captions) {
    auto it = in.figures.find(group);
    v["figures." + group] =
        figure_list(it == in.figures.end() ? std::vector<std::string>{} : it->second, caption);
  }
  return v;
}

}  // namespace nnc
