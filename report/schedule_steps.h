// How the seed paper's schedule ran in this study: from each record's pruning history
// (provenance.model_metadata.prune_history, "epoch:factor:before:pruned:retrained;...") and the
// schedule's patience, how many steps fired because training accuracy reached 0.99 and how many
// waited their patience (lib/compress/schedule.h), and how many epochs the runs trained.
#ifndef NNCOMPRESS_REPORT_SCHEDULE_STEPS_H_
#define NNCOMPRESS_REPORT_SCHEDULE_STEPS_H_

#include <string>
#include <vector>

#include "lib/eval/record.h"

namespace nnc {

// Returns: one sentence per schedule label ("authors", "authors_literal") present among the
// records of pruning runs, e.g. "authors: 120 runs, 1800 steps: 0 fired by accuracy, 1800 by
// patience; 70 epochs per run (mean)". A step counts as fired by patience when it came at least
// `patience` epochs after the previous one (epoch 0 before the first). Throws
// std::runtime_error naming the run on a malformed history.
std::string schedule_steps_text(const std::vector<Record>& records);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_SCHEDULE_STEPS_H_
