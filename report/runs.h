// The rows of a study's results.csv as the claims read them: one seed of a method at a target
// factor (lib/eval/aggregate.h writes them).
#ifndef NNCOMPRESS_REPORT_RUNS_H_
#define NNCOMPRESS_REPORT_RUNS_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "lib/util/factor.h"

namespace nnc {

struct Run {
  std::string dataset, arch, arch_kind, method;
  std::string schedule;  // none | halving | authors | authors_literal
  Factor target_factor;  // 1, 1/2, 1/4, ... as the results write it
  long seed = 0;
  double test_error = 0, valid_error = 0;
  double stored_weights = 0, training_epochs = 0;
};

// Returns: row[column] as a Factor. Throws std::runtime_error naming `source`, the column and the
// text when the column is missing or its text is not a factor.
Factor factor_column(const CsvRow& row, const std::string& column, const std::string& source);

// Returns: the runs of results.csv rows. Throws std::runtime_error naming `source` on a bad row or
// on two rows for the same seed of a cell and schedule.
std::vector<Run> runs_from_results(const std::vector<CsvRow>& rows, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_RUNS_H_
