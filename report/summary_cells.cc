#include "report/summary_cells.h"

#include "report/numbers.h"
#include "report/runs.h"

namespace nnc {

std::vector<Cell> cells_from_summary(const std::vector<CsvRow>& rows, const std::string& source) {
  std::vector<Cell> cells;
  for (const CsvRow& row : rows) {
    Cell c;
    c.dataset = csv_field(row, "dataset", source);
    c.arch = csv_field(row, "arch", source);
    c.method = csv_field(row, "method", source);
    c.schedule = csv_field(row, "schedule", source);
    c.target_factor = factor_column(row, "target_factor", source);
    c.n = static_cast<int>(csv_number(row, "n", source));
    c.error = csv_number(row, "test_error_mean", source);
    c.error_std = csv_number(row, "test_error_std", source);
    c.stored_weights = csv_number(row, "stored_weights_mean", source);
    c.training_epochs = csv_number(row, "training_epochs_mean", source);
    cells.push_back(c);
  }
  return cells;
}

std::string mean_std(const Cell& c) {
  return percent(c.error) + (c.n > 1 ? " ± " + percent(c.error_std) : "") + " (" +
         std::to_string(c.n) + ")";
}

bool is_authors_schedule(const std::string& schedule) {
  return schedule == "authors" || schedule == "authors_literal";
}

}  // namespace nnc
