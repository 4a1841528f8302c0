#include "report/tally.h"

#include <algorithm>

namespace nnc {

int Tally::left_out_total() const {
  int total = 0;
  for (const auto& [reason, n] : left_out) total += n;
  return total;
}

Tally tally(const std::vector<Comparison>& comparisons, const std::string& dataset,
            const std::string& without) {
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
    t.min_seeds = t.compared() == 1 ? c.test.n : std::min(t.min_seeds, c.test.n);
    t.max_seeds = std::max(t.max_seeds, c.test.n);
  }
  return t;
}

std::string verdict_of(const Tally& t) {
  const int n = t.compared();
  if (n + t.too_few == 0) return "not tested";
  if (n == 0) return "too few seeds";
  if (t.holds > 0 && t.fails == 0 && 2 * t.holds >= n) return "holds";
  if (t.fails > 0 && t.holds == 0 && 2 * t.fails >= n) return "fails";
  if (t.holds > 0 && t.fails > 0) return "mixed";
  return "inconclusive";
}

std::string verdict(const Claim& claim, const std::string& dataset) {
  return verdict_of(tally(claim.comparisons, dataset));
}

std::string verdict_without(const Claim& claim, const std::string& dataset) {
  return verdict_of(tally(claim.comparisons, "", dataset));
}

}  // namespace nnc
