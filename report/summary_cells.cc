#include "report/summary_cells.h"

#include <utility>

#include "report/numbers.h"
#include "report/runs.h"

namespace nnc {
namespace {

// summary.csv's columns a cell reads, as text and as numbers (a missing one is named in this
// order).
const std::pair<const char*, std::string Cell::*> kTextColumns[] = {{"dataset", &Cell::dataset},
                                                                    {"arch", &Cell::arch},
                                                                    {"method", &Cell::method},
                                                                    {"schedule", &Cell::schedule}};
const std::pair<const char*, double Cell::*> kNumberColumns[] = {
    {"test_error_mean", &Cell::error},
    {"test_error_std", &Cell::error_std},
    {"stored_weights_mean", &Cell::stored_weights},
    {"training_epochs_mean", &Cell::training_epochs}};

}  // namespace

std::vector<Cell> cells_from_summary(const std::vector<CsvRow>& rows, const std::string& source) {
  std::vector<Cell> cells;
  for (const CsvRow& row : rows) {
    Cell c;
    for (const auto& [column, field] : kTextColumns) c.*field = csv_field(row, column, source);
    c.target_factor = factor_column(row, "target_factor", source);
    c.n = static_cast<int>(csv_number(row, "n", source));
    for (const auto& [column, field] : kNumberColumns) c.*field = csv_number(row, column, source);
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
