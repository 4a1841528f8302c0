#include "report/restarts.h"

#include <cmath>
#include <map>
#include <tuple>

#include "lib/util/factor.h"
#include "report/numbers.h"

namespace nnc {
namespace {

// The training run behind a results row, as the train stage ran it: a pruning chain's every
// model (every factor, every schedule, every pruning method on that baseline) comes from one
// baseline run, named by its regulariser; a baseline or a method trained from scratch is its own
// run at its factor.
struct TrainingRun {
  std::string dataset, arch, what;  // what: "baseline <regulariser>" or "<method> at <factor>"
  long seed = 0;
  bool operator<(const TrainingRun& o) const {
    return std::tie(dataset, arch, what, seed) < std::tie(o.dataset, o.arch, o.what, o.seed);
  }
};

// Returns: the training run behind `row` (nullopt-like empty `what` for a method not in the
// table).
TrainingRun training_run(const CsvRow& row, const MethodTable& methods, const std::string& source) {
  const auto text = [&](const char* column) { return csv_field(row, column, source); };
  const MethodInfo* m = methods.find(text("method"));
  TrainingRun run{text("dataset"), text("arch"), "", long(csv_number(row, "seed", source))};
  if (!m) return run;
  run.what = m->kind == "pruning"
                 ? "`" + m->baseline + "` baseline"
                 : "`" + m->name + "` at " + Factor::parse(text("target_factor")).display();
  return run;
}

}  // namespace

std::string restarts_text(const std::vector<CsvRow>& results, const MethodTable& methods,
                          const std::string& source) {
  std::map<TrainingRun, long> restarts;  // per training run, counted once
  for (const CsvRow& row : results) {
    const TrainingRun run = training_run(row, methods, source);
    if (!run.what.empty()) restarts[run] = long(csv_number(row, "lr_restarts", source));
  }
  // The restarted runs by cell (dataset, network, what), their seeds in order.
  std::map<std::tuple<std::string, std::string, std::string>, std::string> cells;
  long restarted = 0, total = 0;
  for (const auto& [run, n] : restarts) {
    if (n == 0) continue;
    ++restarted;
    total += n;
    std::string& seeds = cells[{run.dataset, run.arch, run.what}];
    seeds += (seeds.empty() ? "seed " : ", ") + std::to_string(run.seed) + " (" +
             count_of(n, "restarts") + ")";
  }
  const std::string trained = count_of(long(restarts.size()), "networks");
  if (restarted == 0)
    return "**Restarts.** The protocol's backoff restarted none of the " + trained +
           " this run trained (each baseline once, each method trained from scratch at each "
           "factor).";
  std::string md = "**Restarts.** The protocol's backoff restarted " + std::to_string(restarted) +
                   " of the " + trained +
                   " this run trained (each baseline once, each method trained from scratch at "
                   "each factor), " +
                   count_of(total, "restarts") +
                   " in all; a pruned model starts from its baseline and is not counted again. "
                   "Each restart began again from the same initial network at a lower learning "
                   "rate (the rule is in *What this run departs from*; the kept rate is the "
                   "model's `lr0`, its abandoned epochs are in its training log's `restart` "
                   "column):\n\n";
  for (const auto& [cell, seeds] : cells) {
    const auto& [dataset, arch, what] = cell;
    md += "- " + dataset + ", " + arch + ", " + what + ": " + seeds + "\n";
  }
  return md;
}

}  // namespace nnc
