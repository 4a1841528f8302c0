// A claim of the seed paper as the report judges it: a set of comparisons "method A has lower
// test error than method B" at one (dataset, architecture, factor) cell, each a paired test over
// seeds (report/statistics.h). The verdicts over them are report/tally.h's, their Markdown
// report/claim_markdown.h's, and the four claims themselves report/claims.h's.
#ifndef NNCOMPRESS_REPORT_CLAIM_H_
#define NNCOMPRESS_REPORT_CLAIM_H_

#include <string>
#include <vector>

#include "report/statistics.h"

namespace nnc {

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
  // The runs it pairs (both sides), as "dataset arch method schedule factor seed", for counting.
  std::vector<std::string> runs;
};

struct Claim {
  std::string key;        // template key prefix, e.g. "claim.pruning_vs_hashed"
  std::string setting;    // the pruning schedule its runs follow: "authors" or "halving"
  std::string statement;  // the claim as the paper makes it, with the test we apply
  std::vector<Comparison> comparisons;
  std::string counted_as = "comparisons";  // what the summary counts
  std::string note;                        // appended to the summary (claim 2: the crossovers)
};

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_CLAIM_H_
