// The seed paper's claims (Baktash, Natale, Viennot 2019, abstract and section 5) as verdicts with
// uncertainty, computed from the per-seed rows of results.csv. Each claim is a set of comparisons
// "method A has lower test error than method B" at one (dataset, architecture, factor) cell.
//
// A comparison pairs A's and B's runs by seed, d_s = error_B - error_A, and applies a one-sided
// paired t-test at 5%, t = mean(d) / (sd(d) / sqrt(n)):
//   holds          t > t_{0.95, n-1}   (A significantly better, as the claim expects)
//   fails          t < -t_{0.95, n-1}  (A significantly worse)
//   inconclusive   otherwise; with sd(d) = 0, a nonzero mean is significant in its direction and
//                  a zero mean is inconclusive
//   too few seeds  fewer than 3 paired seeds
// Where a claim takes "the best of" several methods, the one with the lowest mean VALIDATION error
// over seeds is picked, so the test error it is then judged on played no part in the choice.
//
// A claim's verdict (overall, and per dataset over that dataset's comparisons): with H comparisons
// significant in the claim's favour and F against, among the n with at least 3 paired seeds:
//   holds          H > 0, F = 0 and H >= n/2
//   fails          F > 0, H = 0 and F >= n/2
//   mixed          H > 0 and F > 0
//   inconclusive   otherwise
//   not tested     the run has no comparable cells
//   too few seeds  every comparison has fewer than 3 paired seeds
// Method groups (pruning, magnitude, OBD, hashed, equivalent-size) come from the methods table.
//
// Only runs that trained vote (report/validity.h): a comparison with an untrained or over-budget
// side, or whose side rests on a baseline near chance, is shown with that reason in place of a
// verdict, left out of the tally and counted in the summary.
//
// Settings: the claims are judged once per pruning schedule of the run, on the pruning runs of that
// schedule and the runs that have none (baselines, networks trained from scratch): the seed
// paper's own ("authors": 15 steps while training) and this project's iterative halving.
#ifndef NNCOMPRESS_REPORT_CLAIMS_H_
#define NNCOMPRESS_REPORT_CLAIMS_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "report/methods.h"
#include "report/validity.h"

namespace nnc {

// One row of results.csv: one seed of a method at a target factor.
struct Run {
  std::string dataset, arch, arch_kind, method;
  std::string schedule;      // none | halving | authors
  double target_factor = 1;  // 1, 1/2, 1/4, ...
  long seed = 0;
  double test_error = 0, valid_error = 0;
  double stored_weights = 0, training_epochs = 0;
};

// Returns: the runs of results.csv rows. Throws std::runtime_error naming `source` on a bad row or
// on two rows for the same seed of a cell and schedule.
std::vector<Run> runs_from_results(const std::vector<CsvRow>& rows, const std::string& source);

// Returns: t_{0.95, df}, the one-sided 5% critical value of Student's t (tabulated for df 1..30;
// 1.645, the normal quantile, beyond). df must be >= 1.
double t_quantile_95(int df);

// The paired test of one comparison.
struct PairedTest {
  int n = 0;                              // paired seeds
  double mean = 0, sd = 0;                // of d_s = error_worse - error_better
  double half_width = 0;                  // of the 90% two-sided CI: t_{0.95, n-1} * sd / sqrt(n)
  std::string verdict = "too few seeds";  // holds | fails | inconclusive | too few seeds
};

// Returns: the one-sided paired t-test at 5% of the differences `d` (see the header comment).
PairedTest paired_t_test(const std::vector<double>& d);

// One comparison behind a claim: has `better` (what the claim expects to win) lower test error
// than `worse`, seed for seed?
struct Comparison {
  std::string dataset;
  std::string context;  // "mnist lenet300 at 1/8"
  std::string better_label, worse_label;
  std::vector<double> better_errors, worse_errors;  // test errors on the paired seeds, in order
  PairedTest test;
  // Whether it counts toward the verdict (claim 2 counts only each series' highest compression).
  bool counted = true;
  // Why it is left out of the tally despite being counted (left_out:: in validity.h), or "".
  std::string left_out;
  // The runs it pairs (both sides), as "dataset arch method factor seed", for counting.
  std::vector<std::string> runs;
};

struct Claim {
  std::string key;        // template key prefix, e.g. "claim.pruning_vs_hashed"
  std::string setting;    // the pruning schedule its runs follow: "authors" or "halving"
  std::string statement;  // the claim as the paper makes it, with the test we apply
  std::vector<Comparison> comparisons;
  std::string counted_as = "comparisons";  // what the summary counts
  std::string note;                        // appended to the summary (claim 2: the crossovers)

  // Returns: the verdict over the counted comparisons (of `dataset` only, when not empty).
  std::string verdict(const std::string& dataset = "") const;
  // Returns: the verdict over the counted comparisons of every dataset but `dataset` (how much
  // one dataset weighs in the verdict).
  std::string verdict_without(const std::string& dataset) const;
  // Returns: e.g. "holds: 9 of 12 comparisons significant in its favour, 0 against, 3
  // inconclusive (paired t, one-sided 5%, 3 seeds; 54 runs); 2 comparisons left out: 2
  // untrained".
  std::string summary() const;
  // Returns: a Markdown table of the comparisons (errors in percent).
  std::string evidence_table() const;
  // Returns: a Markdown table dataset -> verdict.
  std::string by_dataset_table() const;
};

// Returns: the four claims, evaluated on the runs of `schedule` ("halving" or "authors") and the
// runs without a pruning schedule, with the method groups of `methods` (runs of methods not in
// the table are ignored) and `guard` deciding which comparisons may vote:
//  1. pruning_vs_hashed: the best pruning method beats every hashed method at the same
//     architecture and factor;
//  2. obd_vs_magnitude: the better magnitude method beats every OBD method at high compression;
//     each (dataset, arch, OBD method) series is judged at its highest compression, and its
//     crossover is the largest factor f such that magnitude wins significantly at f and at every
//     smaller factor of the run (the claim holds where a crossover exists);
//  3. magnitude_competitive: the better magnitude method beats the equivalent-size network and the
//     hashed methods at the same factor;
//  4. conv_vs_hashed: the best convolutional network (dense or equivalent size) storing no more
//     weights than a fully-connected hashed network beats it.
std::vector<Claim> evaluate_claims(const std::vector<Run>& runs, const MethodTable& methods,
                                   const ValidityGuard& guard = ValidityGuard(),
                                   const std::string& schedule = "halving");

// Returns: one sentence saying which comparisons run under both a shortened schedule and its
// literal lengths end differently (verdict, or reason left out), or that none does.
std::string cut_effect(const std::vector<Claim>& shortened, const std::vector<Claim>& literal);

// Returns: "1/8" for 0.125, "1" for 1.
std::string factor_label(double factor);

// Returns: "1 run", "3 runs": n and the noun, singular for one ("series" stays "series").
std::string count_of(long long n, const std::string& noun);

// Returns: an error fraction as a percentage with two decimals, e.g. "1.59".
std::string percent(double error);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_CLAIMS_H_
