#include "report/runs.h"

#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace nnc {
namespace {

// results.csv's columns a run reads, as text and as numbers (a missing one is named in this order).
const std::pair<const char*, std::string Run::*> kTextColumns[] = {{"dataset", &Run::dataset},
                                                                   {"arch", &Run::arch},
                                                                   {"arch_kind", &Run::arch_kind},
                                                                   {"method", &Run::method},
                                                                   {"schedule", &Run::schedule}};
const std::pair<const char*, double Run::*> kNumberColumns[] = {
    {"test_error", &Run::test_error},
    {"valid_error", &Run::valid_error},
    {"stored_weights", &Run::stored_weights},
    {"training_epochs", &Run::training_epochs}};

}  // namespace

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
    Run r;
    for (const auto& [column, field] : kTextColumns) r.*field = csv_field(row, column, source);
    r.target_factor = factor_column(row, "target_factor", source);
    r.seed = static_cast<long>(csv_number(row, "seed", source));
    for (const auto& [column, field] : kNumberColumns) r.*field = csv_number(row, column, source);
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
