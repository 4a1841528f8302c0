// Aggregation of evaluation records into the two tables every later stage reads:
// results.csv (one row per run) and summary.csv (mean and std over seeds per cell, with n).
#ifndef NNCOMPRESS_LIB_EVAL_AGGREGATE_H_
#define NNCOMPRESS_LIB_EVAL_AGGREGATE_H_

#include <string>
#include <vector>

#include "lib/eval/record.h"

namespace nnc {

// Checks that a record carries the identifiers the tables group by (dataset, arch, protocol,
// method, target_factor, seed; evaluate --id KEY=VALUE), with a factor in (0, 1] and an integer
// seed. Throws std::runtime_error("<source>: ...") naming the missing or bad identifier.
void check_record_ids(const Record& record, const std::string& source);

// Returns: results.csv, one row per record (test and validation error, sizes, FLOPs, training
// epochs, the restarts of the training run behind the model, arch_kind), sorted by (dataset, arch,
// protocol, method, target factor descending, seed) so the bytes do not depend on the order records
// were given.
std::string results_csv(const std::vector<Record>& records);

// Returns: summary.csv, one row per cell (dataset, arch, protocol, method, target factor) with n,
// the mean and sample standard deviation (0 when n = 1) of the test and validation errors over
// seeds, means of the factor, stored weights, bytes, FLOPs and training epochs, and arch_kind.
std::string summary_csv(const std::vector<Record>& records);

// Returns: layers.csv, one row per weight layer of every record (weights of the reference layer,
// stored weights and the fraction kept), ordered by cell, seed, layer, then factor.
std::string layers_csv(const std::vector<Record>& records);

// Returns: histograms.csv, one row per histogram bin of every record (bin centre, count), in
// results.csv's order.
std::string histograms_csv(const std::vector<Record>& records);

// Returns: steps.csv, the validation error right before and right after every pruning step of every
// record's model (its metadata's prune_history, written by the compress stage), with the epoch
// (counted from initialisation) and the factor after the step: the pruning damage and its repair.
// Throws std::runtime_error naming the record on a malformed history.
std::string steps_csv(const std::vector<Record>& records);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_AGGREGATE_H_
