#include "report/runs.h"

#include <set>
#include <stdexcept>
#include <tuple>

namespace nnc {

Factor factor_column(const CsvRow& row, const std::string& column, const std::string& source) {
  const std::string& text = csv_field(row, column, source);
  try {
    return Factor::parse(text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(source + ": column '" + column + "': " + e.what());
  }
}

std::vector<Run> runs_from_results(const std::vector<CsvRow>& rows, const std::string& source) {
  std::vector<Run> runs;
  std::set<std::tuple<std::string, std::string, std::string, std::string, Factor, long>> seen;
  for (const CsvRow& row : rows) {
    auto text = [&](const std::string& column) { return csv_field(row, column, source); };
    Run r;
    r.dataset = text("dataset");
    r.arch = text("arch");
    r.arch_kind = text("arch_kind");
    r.method = text("method");
    r.schedule = text("schedule");
    r.target_factor = factor_column(row, "target_factor", source);
    r.seed = static_cast<long>(csv_number(row, "seed", source));
    r.test_error = csv_number(row, "test_error", source);
    r.valid_error = csv_number(row, "valid_error", source);
    r.stored_weights = csv_number(row, "stored_weights", source);
    r.training_epochs = csv_number(row, "training_epochs", source);
    if (!seen.insert({r.dataset, r.arch, r.method, r.schedule, r.target_factor, r.seed}).second) {
      throw std::runtime_error(source + ": two rows for " + r.dataset + " " + r.arch + " " +
                               r.method + " (" + r.schedule + ") at " + r.target_factor.label() +
                               " seed " + std::to_string(r.seed));
    }
    runs.push_back(r);
  }
  return runs;
}

}  // namespace nnc
