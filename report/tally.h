// A claim's verdict from its comparisons (overall, per dataset, or without one dataset): with H
// comparisons significant in the claim's favour and F against, among the n with at least
// kMinSeeds paired seeds, counting only the comparisons that are counted and not left out:
//   holds          H > 0, F = 0 and H >= n/2
//   fails          F > 0, H = 0 and F >= n/2
//   mixed          H > 0 and F > 0
//   inconclusive   otherwise
//   not tested     the run has no comparable cells (or none may vote)
//   too few seeds  every comparison has fewer than kMinSeeds paired seeds
#ifndef NNCOMPRESS_REPORT_TALLY_H_
#define NNCOMPRESS_REPORT_TALLY_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "report/claim.h"

namespace nnc {

struct Tally {
  int holds = 0, fails = 0, inconclusive = 0, too_few = 0;
  int min_seeds = 0, max_seeds = 0;     // over the comparisons with enough seeds
  std::map<std::string, int> left_out;  // reason -> comparisons left out
  std::set<std::string> runs;           // the runs of the comparisons tallied

  int compared() const { return holds + fails + inconclusive; }
  int left_out_total() const;
};

// Returns: the tally of the counted comparisons of `dataset` (all when empty), less those of
// `without` (none when empty).
Tally tally(const std::vector<Comparison>& comparisons, const std::string& dataset = "",
            const std::string& without = "");

// Returns: the verdict of a tally (the rule above).
std::string verdict_of(const Tally& t);

// Returns: the claim's verdict over its comparisons (of `dataset` only, when not empty).
std::string verdict(const Claim& claim, const std::string& dataset = "");

// Returns: the claim's verdict over the comparisons of every dataset but `dataset` (how much one
// dataset weighs in the verdict).
std::string verdict_without(const Claim& claim, const std::string& dataset);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_TALLY_H_
