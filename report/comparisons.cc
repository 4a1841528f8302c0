#include "report/comparisons.h"

#include <algorithm>

#include "report/numbers.h"

namespace nnc {
namespace {

// Returns: whether a run belongs to the setting of pruning schedule `schedule`: its own pruning
// runs, and every run without a pruning schedule.
bool in_setting(const Run& r, const std::string& schedule) {
  return r.schedule == schedule || r.schedule == "none" || r.schedule.empty() ||
         (r.target_factor == Factor() && r.schedule == "halving");  // a chain's factor-1 baseline
}

std::string run_id(const Run& r) {
  return r.dataset + " " + r.arch + " " + r.method + " " + r.schedule + " " +
         r.target_factor.label() + " " + std::to_string(r.seed);
}

}  // namespace

double CellRuns::mean(double Run::*field) const {
  double sum = 0;
  for (const auto& [seed, run] : by_seed) sum += run->*field;
  return sum / double(by_seed.size());
}

Cells index_runs(const std::vector<Run>& runs, const MethodTable& methods,
                 const std::string& schedule) {
  Cells cells;
  for (const Run& r : runs) {
    if (!methods.find(r.method) || !in_setting(r, schedule)) continue;
    CellRuns& cell = cells[{r.dataset, r.arch, r.method, r.target_factor}];
    cell.any = &r;
    cell.by_seed[r.seed] = &r;
  }
  return cells;
}

Pick pick_on_valid(std::vector<const CellRuns*> candidates) {
  Pick pick{nullptr, std::move(candidates)};
  for (const CellRuns* c : pick.candidates) {
    if (!pick.chosen || c->mean(&Run::valid_error) < pick.chosen->mean(&Run::valid_error)) {
      pick.chosen = c;
    }
  }
  return pick;
}

Pick best_at(const Cells& cells, const Run& like, const std::vector<std::string>& methods) {
  std::vector<const CellRuns*> found;
  for (const std::string& m : methods) {
    auto it = cells.find({like.dataset, like.arch, m, like.target_factor});
    if (it != cells.end()) found.push_back(&it->second);
  }
  return pick_on_valid(found);
}

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

const CellRuns* Judge::baseline(const Run& r) const {
  const MethodInfo* m = methods.find(r.method);
  std::string method = m && m->kind == "pruning" ? r.method : "";
  if (method.empty() && !methods.dense().empty()) method = methods.dense().front();
  const auto it = cells.find({r.dataset, r.arch, method, Factor()});
  return it == cells.end() ? nullptr : &it->second;
}

std::string Judge::problem(const CellRuns& side, const std::vector<long>& seeds) const {
  const Run& r = *side.any;
  for (long seed : seeds)
    if (!guard.trained(r.dataset, side.by_seed.at(seed)->valid_error)) return left_out::kUntrained;
  const MethodInfo* m = methods.find(r.method);
  if (m && m->kind == "scratch" &&
      guard.over_budget(r.arch, r.target_factor.value(), side.mean(&Run::stored_weights)))
    return left_out::kOverBudget;
  const CellRuns* base = baseline(r);
  if (base && !guard.far_from_chance(r.dataset, base->mean(&Run::valid_error)))
    return left_out::kBaselineNearChance;
  return "";
}

Comparison compare(const Judge& judge, const CellRuns& better, const CellRuns& worse,
                   const std::string& better_label, const std::string& worse_label) {
  Comparison c;
  c.dataset = worse.any->dataset;
  c.context =
      worse.any->dataset + " " + worse.any->arch + " at " + worse.any->target_factor.display();
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

}  // namespace nnc
