// The rows of a study's summary.csv as the report reads them: one method at one target factor,
// averaged over seeds (lib/eval/aggregate.h writes them).
#ifndef NNCOMPRESS_REPORT_SUMMARY_CELLS_H_
#define NNCOMPRESS_REPORT_SUMMARY_CELLS_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "lib/util/factor.h"

namespace nnc {

struct Cell {
  std::string dataset, arch, method, schedule;
  Factor target_factor;  // 1, 1/2, 1/4, ... as the summary writes it
  int n = 0;             // seeds
  double error = 0, error_std = 0;
  double stored_weights = 0;
  double training_epochs = 0;  // mean over seeds: the method's training budget at this factor
};

// Returns: the cells of summary.csv rows. Throws std::runtime_error naming `source` and the column
// on a missing or non-numeric value.
std::vector<Cell> cells_from_summary(const std::vector<CsvRow>& rows, const std::string& source);

// Returns: the cell's test error as "mean ± std (n)" in percent ("mean (1)" for one seed).
std::string mean_std(const Cell& c);

// Returns: whether a record's schedule is the seed paper's: "authors" (as the profile runs it) or
// "authors_literal" (the slice at its literal lengths beside it); the runs of methods trained from
// scratch at those factors carry the schedule whose budget they train.
bool is_authors_schedule(const std::string& schedule);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_SUMMARY_CELLS_H_
