// The seed paper's claims (Baktash, Natale, Viennot 2019, abstract and section 5) as computed
// verdicts: each claim is a set of pairwise comparisons between cells of summary.csv, and its
// verdict says in how many of them it holds. Nothing here is typed in; a run without the cells a
// claim needs says so.
#ifndef NNCOMPRESS_REPORT_CLAIMS_H_
#define NNCOMPRESS_REPORT_CLAIMS_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"

namespace nnc {

// One row of summary.csv: a method at a target factor, averaged over seeds.
struct Cell {
  std::string dataset, arch, method;
  double target_factor = 1;  // 1, 1/2, 1/4, ...
  int n = 0;                 // seeds
  double error = 0, error_std = 0;
  double stored_weights = 0;
};

// Returns: the cells of summary.csv rows. Throws std::runtime_error naming `source` on a bad row.
std::vector<Cell> cells_from_summary(const std::vector<CsvRow>& rows, const std::string& source);

// One comparison behind a claim: does `winner` have lower error than `loser`?
struct Comparison {
  std::string context;  // "mnist lenet300 at 1/8"
  std::string winner_label, loser_label;
  double winner_error = 0, loser_error = 0;
  bool holds() const { return winner_error < loser_error; }
};

struct Claim {
  std::string key;        // template key prefix, e.g. "claim.pruning_vs_hashed"
  std::string statement;  // the claim as the paper makes it, with the test we apply
  std::vector<Comparison> comparisons;

  int holds() const;
  // Returns: "holds", "mostly holds", "partly holds", "does not hold" or "not tested".
  std::string verdict() const;
  // Returns: e.g. "holds at 5 of 6 comparisons".
  std::string summary() const;
  // Returns: a Markdown table of the comparisons (errors in percent).
  std::string evidence_table() const;
};

// Returns: the four claims, evaluated on `cells`:
//  1. pruning_vs_hashed: the best iterative pruning method (mag_l1, mag_l2, obd) beats HashedNets at
//     the same architecture and factor;
//  2. obd_vs_magnitude: at high compression (factor <= 1/16) OBD is worse than the better magnitude
//     method;
//  3. magnitude_competitive: the better magnitude method beats the equivalent-size network and
//     HashedNets at the same factor;
//  4. conv_vs_hashed: a convolutional network (lenet5: dense or equivalent size) that stores no
//     more weights than a HashedNet fully-connected network beats it.
std::vector<Claim> evaluate_claims(const std::vector<Cell>& cells);

// Returns: "1/8" for 0.125, "1" for 1.
std::string factor_label(double factor);

// Returns: an error fraction as a percentage with two decimals, e.g. "1.59".
std::string percent(double error);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_CLAIMS_H_
