// How the claims compare methods on per-seed runs: the runs of one setting indexed by cell, "the
// best of" several cells picked on validation error (never on test error), and one comparison of
// two cells paired by seed, left out with its reason when a side may not vote (report/validity.h).
//
// Settings: the claims are judged once per pruning schedule, on the pruning runs of that schedule
// and the runs that have none (baselines, networks trained from scratch).
#ifndef NNCOMPRESS_REPORT_COMPARISONS_H_
#define NNCOMPRESS_REPORT_COMPARISONS_H_

#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "report/claim.h"
#include "report/methods.h"
#include "report/runs.h"
#include "report/validity.h"

namespace nnc {

// One (dataset, arch, method, factor) cell of a setting: its runs by seed.
struct CellRuns {
  const Run* any = nullptr;  // names the cell (dataset, arch, arch_kind, method, factor)
  std::map<long, const Run*> by_seed;

  // Returns: the mean of `field` over the cell's seeds.
  double mean(double Run::*field) const;
};

// Cells by (dataset, arch, method, factor), factor ascending within a method.
using Cells = std::map<std::tuple<std::string, std::string, std::string, Factor>, CellRuns>;

// Returns: the cells of the table's methods (runs of other methods are in no group) in the setting
// of pruning schedule `schedule`: its own pruning runs and every run without a pruning schedule.
Cells index_runs(const std::vector<Run>& runs, const MethodTable& methods,
                 const std::string& schedule);

// "The best of" several cells: the one of lowest mean validation error among the candidates.
struct Pick {
  const CellRuns* chosen = nullptr;  // nullptr when there was no candidate
  std::vector<const CellRuns*> candidates;
};

// Returns: the pick among `candidates` on validation error.
Pick pick_on_valid(std::vector<const CellRuns*> candidates);

// Returns: the pick among the cells of `methods` at like's dataset, arch and factor.
Pick best_at(const Cells& cells, const Run& like, const std::vector<std::string>& methods);

// Returns: the chosen cell's name(*chosen), and when there was a choice, the validation errors it
// was picked on (every candidate's when few, else their number).
std::string pick_label(const Pick& pick, const std::function<std::string(const Run&)>& name);

// What a comparison needs beside its two cells: every cell of the setting (its baselines among
// them), the method table and the validity guard.
struct Judge {
  const Cells& cells;
  const MethodTable& methods;
  const ValidityGuard& guard;

  // Returns: the cell's baseline: a pruning chain's own factor-1 model, else the cell's dense
  // baseline (the table's first dense method), or nullptr when the run has none.
  const CellRuns* baseline(const Run& r) const;
  // Returns: why a side may not vote on these seeds (left_out::), or "".
  std::string problem(const CellRuns& side, const std::vector<long>& seeds) const;
};

// Returns: the comparison of `better` against `worse` on the seeds both have, left out (with its
// reason) when either side may not vote; its context names worse's cell ("mnist lenet300 at 1/8").
Comparison compare(const Judge& judge, const CellRuns& better, const CellRuns& worse,
                   const std::string& better_label, const std::string& worse_label);

// Returns: whether `method` is one of `group`.
bool in(const std::vector<std::string>& group, const std::string& method);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_COMPARISONS_H_
