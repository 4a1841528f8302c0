// The claims as the report shows them: a one-line summary of each verdict, the evidence behind it
// and its verdicts by dataset, as Markdown (errors in percent, differences in percentage points).
#ifndef NNCOMPRESS_REPORT_CLAIM_MARKDOWN_H_
#define NNCOMPRESS_REPORT_CLAIM_MARKDOWN_H_

#include <string>
#include <vector>

#include "report/claim.h"

namespace nnc {

// Returns: e.g. "holds: 9 of 12 comparisons significant in its favour, 0 against, 3 inconclusive
// (paired t, one-sided 5%, 3 seeds; 54 runs); 2 comparisons left out: 2 untrained".
std::string claim_summary(const Claim& claim);

// Returns: a Markdown table of the claim's comparisons, a row each.
std::string evidence_table(const Claim& claim);

// Returns: a Markdown table dataset -> verdict and its tally.
std::string by_dataset_table(const Claim& claim);

// Returns: a Markdown table of the claims: each one's verdict, per dataset, without each dataset
// in turn (how much one weighs), and the summary it rests on.
std::string claims_table(const std::vector<Claim>& claims);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_CLAIM_MARKDOWN_H_
