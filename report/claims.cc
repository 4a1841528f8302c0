#include "report/claims.h"

#include <cmath>
#include <map>
#include <tuple>

#include "report/comparisons.h"
#include "report/numbers.h"

namespace nnc {
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
           std::vector<std::pair<Factor, Comparison>>>
      series;  // (dataset, arch, OBD method) -> (factor, comparison), ascending factor
  const auto label = [](const Run& r) { return r.method; };
  for (const auto& [key, cell] : cells) {
    const Run& r = *cell.any;
    if (!in(methods.obd(), r.method) || r.target_factor == Factor()) continue;
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
      crossover = steps[i].first.display();
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
    return r.arch + " " + r.method + " " + r.target_factor.display();
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
