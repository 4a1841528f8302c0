#include "report/claim_markdown.h"

#include <set>

#include "report/numbers.h"
#include "report/tally.h"

namespace nnc {
namespace {

// Returns: "; 3 comparisons left out: 2 untrained, 1 over budget", or "" when none was.
std::string left_out_note(const Tally& t, const std::string& counted_as) {
  std::string reasons;
  for (const auto& [reason, n] : t.left_out)
    reasons += (reasons.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
  if (reasons.empty()) return "";
  return "; " + count_of(t.left_out_total(), counted_as) + " left out: " + reasons;
}

// Returns: the summary of a claim with comparisons that voted.
std::string tested_summary(const Tally& t, const std::string& counted_as) {
  const std::string seeds = t.min_seeds == t.max_seeds
                                ? std::to_string(t.min_seeds)
                                : std::to_string(t.min_seeds) + "–" + std::to_string(t.max_seeds);
  return verdict_of(t) + ": " + std::to_string(t.holds) + " of " + std::to_string(t.compared()) +
         " " + counted_as + " significant in its favour, " + std::to_string(t.fails) +
         " against, " + std::to_string(t.inconclusive) + " inconclusive" +
         (t.too_few ? ", " + std::to_string(t.too_few) + " with too few seeds" : "") +
         " (paired t, one-sided 5%, " + seeds + " seeds; " + count_of(t.runs.size(), "runs") + ")";
}

std::string mean_std_percent(const std::vector<double>& errors) {
  const MeanSd m = mean_sd(errors);
  return percent(m.mean) + (errors.size() > 1 ? " ± " + percent(m.sd) : "");
}

// "+0.42 [+0.10, +0.74]": the mean difference in percentage points and its 90% two-sided CI.
std::string difference(const PairedTest& t) {
  if (t.n == 0) return "—";
  if (t.n == 1) return signed_points(t.mean);
  return signed_points(t.mean) + " [" + signed_points(t.mean - t.half_width) + ", " +
         signed_points(t.mean + t.half_width) + "]";
}

// Returns: the datasets of the claim's comparisons, in order.
std::set<std::string> datasets_of(const Claim& claim) {
  std::set<std::string> datasets;
  for (const Comparison& c : claim.comparisons) datasets.insert(c.dataset);
  return datasets;
}

}  // namespace

std::string claim_summary(const Claim& claim) {
  const Tally t = tally(claim.comparisons);
  const std::string v = verdict_of(t);
  const std::string left = left_out_note(t, claim.counted_as);
  if (v == "not tested" && left.empty())
    return "not tested: this run has no cells this claim compares";
  if (v == "not tested") return "not tested: no comparison may vote" + left;
  const std::string tail = left + (claim.note.empty() ? "" : "; " + claim.note);
  if (v == "too few seeds") {
    return v + ": every one of " + std::to_string(t.too_few) + " " + claim.counted_as +
           " has fewer than " + std::to_string(kMinSeeds) + " paired seeds" + tail;
  }
  return tested_summary(t, claim.counted_as) + tail;
}

std::string evidence_table(const Claim& claim) {
  if (claim.comparisons.empty()) return "(no comparable cells in this run)";
  std::string md =
      "| cell | expected better | error % | expected worse | error % | n | difference (pp), 90% "
      "CI | verdict |\n|---|---|---|---|---|---|---|---|\n";
  for (const Comparison& c : claim.comparisons) {
    md += "| " + c.context + " | " + c.better_label + " | " + mean_std_percent(c.better_errors) +
          " | " + c.worse_label + " | " + mean_std_percent(c.worse_errors) + " | " +
          std::to_string(c.test.n) + " | " + difference(c.test) + " | " +
          (c.left_out.empty() ? c.test.verdict : "*" + c.left_out + "* (left out)") + " |\n";
  }
  return md;
}

std::string by_dataset_table(const Claim& claim) {
  const std::set<std::string> datasets = datasets_of(claim);
  if (datasets.empty()) return "(no comparable cells in this run)";
  std::string md =
      "| dataset | verdict | in favour | against | inconclusive | too few seeds | left out | runs "
      "|\n|---|---|---|---|---|---|---|---|\n";
  for (const std::string& d : datasets) {
    const Tally t = tally(claim.comparisons, d);
    md += "| " + d + " | " + verdict_of(t) + " | " + std::to_string(t.holds) + " | " +
          std::to_string(t.fails) + " | " + std::to_string(t.inconclusive) + " | " +
          std::to_string(t.too_few) + " | " + std::to_string(t.left_out_total()) + " | " +
          std::to_string(t.runs.size()) + " |\n";
  }
  return md;
}

std::string claims_table(const std::vector<Claim>& claims) {
  std::string md =
      "| claim | verdict | by dataset | without one dataset | evidence |\n|---|---|---|---|---|\n";
  for (const Claim& c : claims) {
    const std::set<std::string> datasets = datasets_of(c);
    std::string by_dataset, without;
    for (const std::string& d : datasets) {
      by_dataset += (by_dataset.empty() ? "" : "; ") + d + ": " + verdict(c, d);
      without += (without.empty() ? "" : "; ") + ("without " + d) + ": " + verdict_without(c, d);
    }
    if (datasets.size() < 2) without.clear();
    md += "| " + c.statement + " | **" + verdict(c) + "** | " +
          (by_dataset.empty() ? "—" : by_dataset) + " | " + (without.empty() ? "—" : without) +
          " | " + claim_summary(c) + " |\n";
  }
  return md;
}

}  // namespace nnc
