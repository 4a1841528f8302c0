#include "report/report_values.h"

#include <algorithm>
#include <set>

#include "report/claim_markdown.h"
#include "report/claims.h"
#include "report/datasets_table.h"
#include "report/departures.h"
#include "report/hashednets_tables.h"
#include "report/provenance_tables.h"
#include "report/restarts.h"
#include "report/result_tables.h"
#include "report/runs.h"
#include "report/schedule_steps.h"
#include "report/size_table.h"
#include "report/summary_cells.h"
#include "report/tally.h"
#include "report/validity.h"

namespace nnc {
namespace {

using Values = std::map<std::string, std::string>;

// Returns: how many of the cell's seeds never left chance (validity.h).
int untrained_seeds(const std::vector<Run>& runs, const ValidityGuard& guard, const Cell& c) {
  int n = 0;
  for (const Run& r : runs)
    if (r.dataset == c.dataset && r.arch == c.arch && r.method == c.method &&
        r.schedule == c.schedule && r.target_factor == c.target_factor &&
        !guard.trained(r.dataset, r.valid_error))
      ++n;
  return n;
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

std::string figure_list(const std::vector<std::string>& paths, const std::string& caption) {
  std::string md;
  for (const std::string& path : paths) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    name = name.substr(0, name.find_last_of('.'));
    md += "![" + caption + ": " + name + "](" + path + ")\n\n";
  }
  return md.empty() ? "(no figures of this kind in this run)" : md;
}

// Returns: the items joined by ", ", or "none".
template <typename Items, typename Name>
std::string list_of(const Items& items, Name name) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + name(item);
  return out.empty() ? std::string("none") : out;
}

// The run at a glance: its profile, runs, datasets, networks, methods (table order) and cells.
void add_overview(const ReportInputs& in, const std::vector<Cell>& cells, Values& v) {
  std::set<std::string> datasets, archs;
  std::set<std::pair<int, std::string>> methods;
  for (const Cell& c : cells) {
    datasets.insert(c.dataset);
    archs.insert(c.arch);
    methods.insert({in.methods.rank(c.method), c.method});
  }
  const auto itself = [](const std::string& s) { return s; };
  v["profile"] = in.profile;
  v["runs"] = std::to_string(in.records.size());
  v["datasets"] = list_of(datasets, itself);
  v["archs"] = list_of(archs, itself);
  v["methods"] = list_of(methods, [](const std::pair<int, std::string>& m) { return m.second; });
  v["cells"] = std::to_string(cells.size());
}

// The claims on each pruning schedule's setting: the seed paper's own, at its literal lengths,
// and iterative halving; then what shortening the seed paper's schedule changed.
void add_claims(const ReportInputs& in, const std::vector<Run>& runs, const ValidityGuard& guard,
                Values& v) {
  std::map<std::string, std::vector<Claim>> claims;
  for (const std::string schedule : {"authors", "authors_literal", "halving"}) {
    claims[schedule] = evaluate_claims(runs, in.methods, guard, schedule);
    for (const Claim& c : claims[schedule]) {
      const std::string key = schedule + "." + c.key;
      v[key + ".statement"] = c.statement;
      v[key + ".verdict"] = verdict(c);
      v[key + ".summary"] = claim_summary(c);
      v[key + ".evidence"] = evidence_table(c);
      v[key + ".by_dataset"] = by_dataset_table(c);
    }
    v[schedule + ".claims.table"] = claims_table(claims[schedule]);
    v["setting." + schedule] = setting_text(in.profile_params, in.profile_params_source, schedule);
  }
  v["schedules.cut_effect"] = cut_effect(claims["authors"], claims["authors_literal"]);
}

// Each figure group's figures with its caption.
void add_figures(const std::map<std::string, std::vector<std::string>>& figures, Values& v) {
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
    auto it = figures.find(group);
    v["figures." + group] =
        figure_list(it == figures.end() ? std::vector<std::string>{} : it->second, caption);
  }
}

}  // namespace

std::map<std::string, std::string> report_values(const ReportInputs& in) {
  const std::vector<Cell> all_cells = cells_from_summary(in.summary, "summary.csv");
  // The results, winners and published tables follow each method's halving chain; the seed
  // paper's schedule has its own table beside halving (schedules.table).
  std::vector<Cell> cells;
  std::copy_if(all_cells.begin(), all_cells.end(), std::back_inserter(cells),
               [](const Cell& c) { return !is_authors_schedule(c.schedule); });
  const std::vector<Run> runs = runs_from_results(in.results, "results.csv");
  const ValidityGuard guard = guard_from(in.manifests, in.records);
  Values v;
  add_overview(in, all_cells, v);  // every schedule's cells: the header counts what ran
  add_claims(in, runs, guard, v);
  v["schedules.steps"] = schedule_steps_text(in.records);
  v["results.tables"] =
      results_tables(cells, in.methods) + chainless_text(in.methods, in.profile_params);
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
  add_figures(in.figures, v);
  return v;
}

}  // namespace nnc
