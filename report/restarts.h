// What the training protocol's backoff did in a run (lib/train/trainer.h train_with_backoff): a
// training run that diverged, or whose loss stayed at chance (the hashednets protocol's stall
// rule), was restarted from the same initial network at a lower learning rate. Each model's
// metadata counts the restarts of the training run behind it (lr_restarts); aggregate copies it
// into results.csv, and this file counts it for the report.
#ifndef NNCOMPRESS_REPORT_RESTARTS_H_
#define NNCOMPRESS_REPORT_RESTARTS_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "report/methods.h"

namespace nnc {

// Returns: one Markdown paragraph counting the training runs the backoff restarted and the
// restarts in all, among the distinct networks the train stage trained: each baseline once
// (the dense reference, and each regulariser's baseline that pruning chains start from, whose
// pruned models carry its count and are not counted again) and each method trained from scratch
// at each factor; per dataset, network and seed. Then the restarted ones, by cell, with their
// seeds and restarts, a factor 1/N written so (as the HashedNets tables head it). Rows of a method
// not in `methods` are skipped, as the claims skip them. Throws std::runtime_error naming `source`
// and the column on a missing or non-numeric value.
std::string restarts_text(const std::vector<CsvRow>& results, const MethodTable& methods,
                          const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_RESTARTS_H_
