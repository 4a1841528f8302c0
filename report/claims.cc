#include "report/claims.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "lib/util/factor.h"

namespace nnc {
namespace {

// Fewer paired seeds than this and a comparison is not tested: with two, the t-test's single
// degree of freedom makes almost nothing significant, and one seed has no spread at all.
constexpr int kMinSeeds = 3;

// t_{0.95, df} for df = 1..30 (any statistics table); beyond, the normal quantile.
constexpr double kT95[] = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
                           1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725,
                           1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697};

std::pair<double, double> mean_sd(const std::vector<double>& x) {
  if (x.empty()) return {0, 0};
  double mean = 0;
  for (double v : x) mean += v;
  mean /= double(x.size());
  double squares = 0;
  for (double v : x) squares += (v - mean) * (v - mean);
  return {mean, x.size() > 1 ? std::sqrt(squares / double(x.size() - 1)) : 0.0};
}

// One (dataset, arch, method, factor) cell: its runs by seed.
struct CellRuns {
  const Run* any = nullptr;  // names the cell (dataset, arch, arch_kind, method, factor)
  std::map<long, const Run*> by_seed;

  double mean(double Run::*field) const {
    double sum = 0;
    for (const auto& [seed, run] : by_seed) sum += run->*field;
    return sum / double(by_seed.size());
  }
};

using CellKey = std::tuple<std::string, std::string, std::string, double>;

// Returns: whether a run belongs to the setting of pruning schedule `schedule`: its own pruning
// runs, and every run without a pruning schedule.
bool in_setting(const Run& r, const std::string& schedule) {
  return r.schedule == schedule || r.schedule == "none" || r.schedule.empty() ||
         (r.target_factor >= 1 && r.schedule == "halving");  // a chain's factor-1 baseline
}

// The runs of the table's methods in one setting, by cell, ordered by (dataset, arch, method,
// factor ascending).
std::map<CellKey, CellRuns> index_runs(const std::vector<Run>& runs, const MethodTable& methods,
                                       const std::string& schedule) {
  std::map<CellKey, CellRuns> cells;
  for (const Run& r : runs) {
    // A method the table does not list is in no group.
    if (!methods.find(r.method) || !in_setting(r, schedule)) continue;
    CellRuns& cell = cells[{r.dataset, r.arch, r.method, r.target_factor}];
    cell.any = &r;
    cell.by_seed[r.seed] = &r;
  }
  return cells;
}

// "The best of" several cells: the lowest mean validation error, never the test error.
struct Pick {
  const CellRuns* chosen = nullptr;
  std::vector<const CellRuns*> candidates;
};

Pick pick_on_valid(std::vector<const CellRuns*> candidates) {
  Pick pick{nullptr, std::move(candidates)};
  for (const CellRuns* c : pick.candidates) {
    if (!pick.chosen || c->mean(&Run::valid_error) < pick.chosen->mean(&Run::valid_error)) {
      pick.chosen = c;
    }
  }
  return pick;
}

// Returns: among `methods`, the cells at like's dataset, arch and factor, picked on validation.
Pick best_at(const std::map<CellKey, CellRuns>& cells, const Run& like,
             const std::vector<std::string>& methods) {
  std::vector<const CellRuns*> found;
  for (const std::string& m : methods) {
    auto it = cells.find({like.dataset, like.arch, m, like.target_factor});
    if (it != cells.end()) found.push_back(&it->second);
  }
  return pick_on_valid(found);
}

// Returns: the chosen cell's name, and when there was a choice, the validation errors it was
// picked on (all candidates when few, else their number).
std::string pick_label(const Pick& pick, const std::function<std::string(const Run&)>& name) {
  const std::string chosen = name(*pick.chosen->any);
  if (pick.candidates.size() == 1) return chosen;
  const std::string valid = percent(pick.chosen->mean(&Run::valid_error));
  if (pick.candidates.size() > 3) {
    return chosen + " (lowest validation error, " + valid + "%, of " +
           std::to_string(pick.candidates.size()) + ")";
  }
  std::string all;
  for (const CellRuns* c : pick.candidates) {
    all += (all.empty() ? "" : ", ") + name(*c->any) + " " + percent(c->mean(&Run::valid_error));
  }
  return chosen + " (picked on validation error %: " + all + ")";
}

std::string context(const Run& r) {
  return r.dataset + " " + r.arch + " at " + factor_label(r.target_factor);
}

using Cells = std::map<CellKey, CellRuns>;

// What a comparison needs beside its two cells: every cell of the setting (its baselines among
// them), the method table and the validity guard.
struct Judge {
  const Cells& cells;
  const MethodTable& methods;
  const ValidityGuard& guard;

  // Returns: the cell's baseline: a pruning chain's own factor-1 model, else the cell's dense
  // baseline (the table's first dense method), or nullptr when the run has none.
  const CellRuns* baseline(const Run& r) const {
    const MethodInfo* m = methods.find(r.method);
    std::string method = m && m->kind == "pruning" ? r.method : "";
    if (method.empty() && !methods.dense().empty()) method = methods.dense().front();
    const auto it = cells.find({r.dataset, r.arch, method, 1.0});
    return it == cells.end() ? nullptr : &it->second;
  }

  // Returns: why a side may not vote on these seeds (left_out::), or "".
  std::string problem(const CellRuns& side, const std::vector<long>& seeds) const {
    const Run& r = *side.any;
    for (long seed : seeds)
      if (!guard.trained(r.dataset, side.by_seed.at(seed)->valid_error))
        return left_out::kUntrained;
    const MethodInfo* m = methods.find(r.method);
    if (m && m->kind == "scratch" &&
        guard.over_budget(r.arch, r.target_factor, side.mean(&Run::stored_weights)))
      return left_out::kOverBudget;
    const CellRuns* base = baseline(r);
    if (base && !guard.far_from_chance(r.dataset, base->mean(&Run::valid_error)))
      return left_out::kBaselineNearChance;
    return "";
  }
};

std::string run_id(const Run& r) {
  return r.dataset + " " + r.arch + " " + r.method + " " + r.schedule + " " +
         factor_label(r.target_factor) + " " + std::to_string(r.seed);
}

// Returns: the comparison of `better` against `worse` on the seeds both have, left out (with its
// reason) when either side may not vote.
Comparison compare(const Judge& judge, const CellRuns& better, const CellRuns& worse,
                   const std::string& better_label, const std::string& worse_label) {
  Comparison c;
  c.dataset = worse.any->dataset;
  c.context = context(*worse.any);
  c.better_label = better_label;
  c.worse_label = worse_label;
  std::vector<double> d;
  std::vector<long> seeds;
  for (const auto& [seed, run] : better.by_seed) {
    auto it = worse.by_seed.find(seed);
    if (it == worse.by_seed.end()) continue;
    c.better_errors.push_back(run->test_error);
    c.worse_errors.push_back(it->second->test_error);
    d.push_back(it->second->test_error - run->test_error);
    seeds.push_back(seed);
    c.runs.push_back(run_id(*run));
    c.runs.push_back(run_id(*it->second));
  }
  c.test = paired_t_test(d);
  c.left_out = judge.problem(better, seeds);
  if (c.left_out.empty()) c.left_out = judge.problem(worse, seeds);
  return c;
}

bool in(const std::vector<std::string>& group, const std::string& method) {
  return std::find(group.begin(), group.end(), method) != group.end();
}

}  // namespace

std::string factor_label(double factor) {
  if (factor >= 1) return "1";
  const double inverse = 1.0 / factor;
  char buffer[32];
  if (std::fabs(inverse - std::round(inverse)) < 1e-6) {
    std::snprintf(buffer, sizeof buffer, "1/%.0f", inverse);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g", factor);
  }
  return buffer;
}

std::string count_of(long long n, const std::string& noun) {
  const bool plural = noun.size() > 1 && noun.back() == 's' && noun.compare(0, 6, "series") != 0;
  return std::to_string(n) + " " + (n == 1 && plural ? noun.substr(0, noun.size() - 1) : noun);
}

std::string percent(double error) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", 100.0 * error);
  return buffer;
}

std::vector<Run> runs_from_results(const std::vector<CsvRow>& rows, const std::string& source) {
  std::vector<Run> runs;
  std::set<std::tuple<std::string, std::string, std::string, std::string, double, long>> seen;
  for (const CsvRow& row : rows) {
    auto text = [&](const std::string& column) { return csv_field(row, column, source); };
    Run r;
    r.dataset = text("dataset");
    r.arch = text("arch");
    r.arch_kind = text("arch_kind");
    r.method = text("method");
    r.schedule = text("schedule");
    r.target_factor = Factor::parse(csv_field(row, "target_factor", source)).value();
    r.seed = static_cast<long>(csv_number(row, "seed", source));
    r.test_error = csv_number(row, "test_error", source);
    r.valid_error = csv_number(row, "valid_error", source);
    r.stored_weights = csv_number(row, "stored_weights", source);
    r.training_epochs = csv_number(row, "training_epochs", source);
    if (!seen.insert({r.dataset, r.arch, r.method, r.schedule, r.target_factor, r.seed}).second) {
      throw std::runtime_error(source + ": two rows for " + r.dataset + " " + r.arch + " " +
                               r.method + " (" + r.schedule + ") at " +
                               factor_label(r.target_factor) + " seed " + std::to_string(r.seed));
    }
    runs.push_back(r);
  }
  return runs;
}

double t_quantile_95(int df) {
  constexpr int kTabulated = sizeof kT95 / sizeof kT95[0];
  if (df < 1) throw std::invalid_argument("t_quantile_95: df must be at least 1");
  return df <= kTabulated ? kT95[df - 1] : 1.645;
}

PairedTest paired_t_test(const std::vector<double>& d) {
  PairedTest t;
  t.n = static_cast<int>(d.size());
  std::tie(t.mean, t.sd) = mean_sd(d);
  if (t.n >= 2) t.half_width = t_quantile_95(t.n - 1) * t.sd / std::sqrt(double(t.n));
  if (t.n < kMinSeeds) return t;
  // With no spread the t statistic is ±infinity (or 0/0): the sign of the mean decides.
  if (t.sd == 0) {
    t.verdict = t.mean > 0 ? "holds" : t.mean < 0 ? "fails" : "inconclusive";
    return t;
  }
  const double statistic = t.mean / (t.sd / std::sqrt(double(t.n)));
  const double critical = t_quantile_95(t.n - 1);
  t.verdict = statistic > critical ? "holds" : statistic < -critical ? "fails" : "inconclusive";
  return t;
}

namespace {

struct Tally {
  int holds = 0, fails = 0, inconclusive = 0, too_few = 0;
  int min_seeds = INT_MAX, max_seeds = 0;  // over the comparisons with enough seeds
  std::map<std::string, int> left_out;     // reason -> comparisons left out
  std::set<std::string> runs;              // the runs of the comparisons tallied

  int compared() const { return holds + fails + inconclusive; }
};

// Tallies the counted comparisons of `dataset` (all when empty), less those of `without`.
Tally tally(const std::vector<Comparison>& comparisons, const std::string& dataset,
            const std::string& without = "") {
  Tally t;
  for (const Comparison& c : comparisons) {
    if (!c.counted || (!dataset.empty() && c.dataset != dataset) || c.dataset == without) continue;
    if (!c.left_out.empty()) {
      ++t.left_out[c.left_out];
      continue;
    }
    t.runs.insert(c.runs.begin(), c.runs.end());
    const std::string& v = c.test.verdict;
    if (v == "too few seeds") {
      ++t.too_few;
      continue;
    }
    ++(v == "holds" ? t.holds : v == "fails" ? t.fails : t.inconclusive);
    t.min_seeds = std::min(t.min_seeds, c.test.n);
    t.max_seeds = std::max(t.max_seeds, c.test.n);
  }
  return t;
}

// The verdict rule of claims.h: significant holds H and fails F among n compared.
std::string verdict_of(const Tally& t) {
  const int n = t.compared();
  if (n + t.too_few == 0) return "not tested";
  if (n == 0) return "too few seeds";
  if (t.holds > 0 && t.fails == 0 && 2 * t.holds >= n) return "holds";
  if (t.fails > 0 && t.holds == 0 && 2 * t.fails >= n) return "fails";
  if (t.holds > 0 && t.fails > 0) return "mixed";
  return "inconclusive";
}

// Returns: "; 3 comparisons left out: 2 untrained, 1 over budget", or "" when none was.
std::string left_out_note(const Tally& t, const std::string& counted_as) {
  int total = 0;
  std::string reasons;
  for (const auto& [reason, n] : t.left_out) {
    total += n;
    reasons += (reasons.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
  }
  if (total == 0) return "";
  return "; " + count_of(total, counted_as) + " left out: " + reasons;
}

std::string mean_std_percent(const std::vector<double>& errors) {
  const auto [mean, sd] = mean_sd(errors);
  return percent(mean) + (errors.size() > 1 ? " ± " + percent(sd) : "");
}

// "0.42 [0.10, 0.74]": the mean difference in percentage points and its 90% two-sided CI.
std::string difference(const PairedTest& t) {
  if (t.n == 0) return "—";
  char buffer[96];
  if (t.n == 1) {
    std::snprintf(buffer, sizeof buffer, "%+.2f", 100 * t.mean);
  } else {
    std::snprintf(buffer, sizeof buffer, "%+.2f [%+.2f, %+.2f]", 100 * t.mean,
                  100 * (t.mean - t.half_width), 100 * (t.mean + t.half_width));
  }
  return buffer;
}

}  // namespace

std::string Claim::verdict(const std::string& dataset) const {
  return verdict_of(tally(comparisons, dataset));
}

std::string Claim::verdict_without(const std::string& dataset) const {
  return verdict_of(tally(comparisons, "", dataset));
}

std::string Claim::summary() const {
  const Tally t = tally(comparisons, "");
  const std::string v = verdict_of(t);
  const std::string left = left_out_note(t, counted_as);
  if (v == "not tested" && left.empty())
    return "not tested: this run has no cells this claim compares";
  if (v == "not tested") return "not tested: no comparison may vote" + left;
  const std::string tail = left + (note.empty() ? "" : "; " + note);
  if (v == "too few seeds") {
    return v + ": every one of " + std::to_string(t.too_few) + " " + counted_as +
           " has fewer than " + std::to_string(kMinSeeds) + " paired seeds" + tail;
  }
  const std::string seeds = t.min_seeds == t.max_seeds
                                ? std::to_string(t.min_seeds)
                                : std::to_string(t.min_seeds) + "–" + std::to_string(t.max_seeds);
  return v + ": " + std::to_string(t.holds) + " of " + std::to_string(t.compared()) + " " +
         counted_as + " significant in its favour, " + std::to_string(t.fails) + " against, " +
         std::to_string(t.inconclusive) + " inconclusive" +
         (t.too_few ? ", " + std::to_string(t.too_few) + " with too few seeds" : "") +
         " (paired t, one-sided 5%, " + seeds + " seeds; " + count_of(t.runs.size(), "runs") + ")" +
         tail;
}

std::string Claim::evidence_table() const {
  if (comparisons.empty()) return "(no comparable cells in this run)";
  std::string md =
      "| cell | expected better | error % | expected worse | error % | n | difference (pp), 90% "
      "CI | verdict |\n|---|---|---|---|---|---|---|---|\n";
  for (const Comparison& c : comparisons) {
    md += "| " + c.context + " | " + c.better_label + " | " + mean_std_percent(c.better_errors) +
          " | " + c.worse_label + " | " + mean_std_percent(c.worse_errors) + " | " +
          std::to_string(c.test.n) + " | " + difference(c.test) + " | " +
          (c.left_out.empty() ? c.test.verdict : "*" + c.left_out + "* (left out)") + " |\n";
  }
  return md;
}

std::string Claim::by_dataset_table() const {
  std::set<std::string> datasets;
  for (const Comparison& c : comparisons) datasets.insert(c.dataset);
  if (datasets.empty()) return "(no comparable cells in this run)";
  std::string md =
      "| dataset | verdict | in favour | against | inconclusive | too few seeds | left out | runs "
      "|\n|---|---|---|---|---|---|---|---|\n";
  for (const std::string& d : datasets) {
    const Tally t = tally(comparisons, d);
    int left = 0;
    for (const auto& [reason, n] : t.left_out) left += n;
    md += "| " + d + " | " + verdict_of(t) + " | " + std::to_string(t.holds) + " | " +
          std::to_string(t.fails) + " | " + std::to_string(t.inconclusive) + " | " +
          std::to_string(t.too_few) + " | " + std::to_string(left) + " | " +
          std::to_string(t.runs.size()) + " |\n";
  }
  return md;
}

namespace {

// Claims 1 and 3: the best (on validation) of `better` against each cell of the `worse` methods.
void best_against(const Judge& judge, const std::vector<std::string>& better,
                  const std::vector<std::string>& worse, Claim& claim) {
  const Cells& cells = judge.cells;
  const auto label = [](const Run& r) { return r.method; };
  for (const auto& [key, cell] : cells) {
    if (!in(worse, cell.any->method)) continue;
    const Pick best = best_at(cells, *cell.any, better);
    if (best.chosen) {
      claim.comparisons.push_back(
          compare(judge, *best.chosen, cell, pick_label(best, label), label(*cell.any)));
    }
  }
}

// Claim 2: every OBD method against the better magnitude method, factor by factor, as one series
// per (dataset, arch, OBD method). A series is judged at its highest compression (its smallest
// factor): that comparison holds exactly when a crossover exists, the largest factor f such that
// magnitude pruning wins significantly at f and at every smaller factor of the run.
void obd_series(const Judge& judge, Claim& claim) {
  const Cells& cells = judge.cells;
  const MethodTable& methods = judge.methods;
  std::map<std::tuple<std::string, std::string, std::string>,
           std::vector<std::pair<double, Comparison>>>
      series;  // (dataset, arch, OBD method) -> (factor, comparison), ascending factor
  const auto label = [](const Run& r) { return r.method; };
  for (const auto& [key, cell] : cells) {
    const Run& r = *cell.any;
    if (!in(methods.obd(), r.method) || r.target_factor >= 1) continue;
    const Pick best = best_at(cells, r, methods.magnitude());
    if (!best.chosen) continue;
    series[{r.dataset, r.arch, r.method}].push_back(
        {r.target_factor, compare(judge, *best.chosen, cell, pick_label(best, label), label(r))});
  }
  std::string crossovers;
  for (auto& [name, steps] : series) {
    // Judged at the highest compression where the comparison may vote (both sides trained), so a
    // factor where every method sits at chance does not silence the series.
    size_t first = 0;
    while (first + 1 < steps.size() && !steps[first].second.left_out.empty()) ++first;
    // Without enough seeds at the highest compression, "none" would read as a finding.
    std::string crossover =
        steps[first].second.test.verdict == "too few seeds" ? "untested" : "none";
    for (size_t i = first; i < steps.size(); ++i) {
      const Comparison& comparison = steps[i].second;
      if (comparison.test.verdict != "holds" || !comparison.left_out.empty()) break;
      crossover = factor_label(steps[i].first);
    }
    crossovers += (crossovers.empty() ? "" : ", ") + std::get<0>(name) + " " + std::get<1>(name) +
                  " " + std::get<2>(name) + " " + crossover;
    steps[first].second.context += " (highest compression that may vote, counted)";
    for (size_t i = 0; i < steps.size(); ++i) steps[i].second.counted = i == first;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
      claim.comparisons.push_back(it->second);
  }
  claim.counted_as = "series (each judged at its highest compression that may vote)";
  if (!series.empty()) claim.note = "crossover: " + crossovers;
}

// Claim 4: each fully-connected hashed cell against the convolutional network (dense or
// equivalent size, any factor) with the lowest validation error among those storing no more
// weights.
void conv_against_hashed(const Judge& judge, Claim& claim) {
  const Cells& cells = judge.cells;
  const MethodTable& methods = judge.methods;
  std::vector<std::string> conv_methods = methods.dense();
  for (const std::string& m : methods.nn()) conv_methods.push_back(m);
  const auto label = [&](const Run& r) {
    return r.arch + " " + r.method + " " + factor_label(r.target_factor);
  };
  for (const auto& [key, hashed] : cells) {
    const Run& h = *hashed.any;
    if (!in(methods.hashed(), h.method) || h.arch_kind != "fc") continue;
    const double budget = hashed.mean(&Run::stored_weights);
    std::vector<const CellRuns*> fitting;
    for (const auto& [other_key, conv] : cells) {
      const Run& c = *conv.any;
      if (c.dataset == h.dataset && c.arch_kind == "conv" && in(conv_methods, c.method) &&
          conv.mean(&Run::stored_weights) <= budget) {
        fitting.push_back(&conv);
      }
    }
    const Pick best = pick_on_valid(fitting);
    if (!best.chosen) continue;
    const auto weights = [](const CellRuns& c) {
      return std::to_string(std::lround(c.mean(&Run::stored_weights))) + " w";
    };
    claim.comparisons.push_back(compare(judge, *best.chosen, hashed,
                                        pick_label(best, label) + ", " + weights(*best.chosen),
                                        label(h) + ", " + weights(hashed)));
  }
}

}  // namespace

std::vector<Claim> evaluate_claims(const std::vector<Run>& runs, const MethodTable& methods,
                                   const ValidityGuard& guard, const std::string& schedule) {
  const Cells cells = index_runs(runs, methods, schedule);
  const Judge judge{cells, methods, guard};
  std::vector<std::string> nn_and_hashed = methods.nn();
  for (const std::string& m : methods.hashed()) nn_and_hashed.push_back(m);
  const auto claim = [&](const std::string& key, const std::string& statement) {
    Claim c;
    c.key = key;
    c.setting = schedule;
    c.statement = statement;
    return c;
  };

  Claim pruning = claim("claim.pruning_vs_hashed",
                        "Iterative pruning is substantially better than HashedNets: at every "
                        "factor, the best pruning method (picked on validation error) has lower "
                        "test error than a HashedNet of the same architecture.");
  best_against(judge, methods.pruning(), methods.hashed(), pruning);
  Claim obd = claim(
      "claim.obd_vs_magnitude",
      "When compression is high, OBD deteriorates below simple magnitude pruning: the better "
      "magnitude method (picked on validation error) has lower test error than OBD at the highest "
      "compression of the run where both sides trained. The crossover is the largest factor from "
      "which magnitude pruning "
      "wins significantly at every higher compression; the claim holds where a crossover exists.");
  obd_series(judge, obd);
  Claim magnitude = claim("claim.magnitude_competitive",
                          "Simple magnitude pruning is competitive: at every factor, the better "
                          "magnitude method (picked on validation error) has lower test error "
                          "than both the equivalent-size dense network and the HashedNet.");
  best_against(judge, methods.magnitude(), nn_and_hashed, magnitude);
  Claim conv = claim("claim.conv_vs_hashed",
                     "HashedNets' compression is not advantageous against a carefully chosen "
                     "convolutional network: the convolutional network (dense or equivalent "
                     "size, picked on validation error) storing no more weights than a "
                     "fully-connected HashedNet has lower test error.");
  conv_against_hashed(judge, conv);
  return {pruning, obd, magnitude, conv};
}

std::string cut_effect(const std::vector<Claim>& shortened, const std::vector<Claim>& literal) {
  // A comparison is the same one in both settings when its claim, cell and expected loser match
  // (the expected winner is picked on validation error in each setting, so it may differ).
  std::map<std::tuple<std::string, std::string, std::string>, const Comparison*> cut;
  for (const Claim& claim : shortened)
    for (const Comparison& c : claim.comparisons)
      if (c.counted) cut[{claim.key, c.context, c.worse_label}] = &c;
  const auto shown = [](const Comparison& c) {
    return c.left_out.empty() ? c.test.verdict : c.left_out;
  };
  int compared = 0;
  std::string changed;
  for (const Claim& claim : literal) {
    for (const Comparison& c : claim.comparisons) {
      const auto it = cut.find({claim.key, c.context, c.worse_label});
      if (!c.counted || it == cut.end()) continue;
      ++compared;
      if (shown(c) == shown(*it->second)) continue;
      changed += (changed.empty() ? "" : "; ") + c.context + ", " + c.better_label + " against " +
                 c.worse_label + ": " + shown(*it->second) + " when shortened, " + shown(c) +
                 " at the literal lengths";
    }
  }
  if (compared == 0) return "no comparison was run at both lengths";
  if (changed.empty())
    return "the shortening changes none of the " + count_of(compared, "comparisons") +
           " run at both lengths";
  return "the shortening changes the outcome of some of the " + count_of(compared, "comparisons") +
         " run at both lengths: " + changed;
}

}  // namespace nnc
