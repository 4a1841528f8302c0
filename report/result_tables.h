// The tables of a study's results the report shows, from its summary's cells
// (report/summary_cells.h): test errors by method and factor, the best method at each factor, the
// published numbers beside ours, the dense baselines against chance, and the seed paper's schedule
// beside halving. Each returns Markdown (errors in percent).
#ifndef NNCOMPRESS_REPORT_RESULT_TABLES_H_
#define NNCOMPRESS_REPORT_RESULT_TABLES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "report/methods.h"
#include "report/summary_cells.h"

namespace nnc {

// Returns: one table per (dataset, arch): methods as rows in table order, target factors as
// columns (descending), then the range of the methods' training epochs.
std::string results_tables(const std::vector<Cell>& cells, const MethodTable& table);

// Returns: the method of lowest test error at each compressed factor, per (dataset, arch).
std::string winners_table(const std::vector<Cell>& cells);

// Returns: published numbers (report/published.csv rows) beside ours: for each published
// (dataset, arch, method, factor), our cells within a factor 2 of it either way (12x falls between
// 1/8 and 1/16); a sentence instead when no row has a cell of ours.
std::string published_table(const std::vector<CsvRow>& published, const std::vector<Cell>& cells);

// Returns: the dense-family baselines beside the chance error of their dataset's test split (from
// the dataset manifests); a baseline whose error is not below half the chance error is flagged:
// it has not learnt its task, and nothing compressed from it says much.
std::string baselines_table(const std::vector<Cell>& cells, const MethodTable& table,
                            const std::vector<nlohmann::json>& manifests);

// Returns: a sentence naming the pruning methods the profile (its "methods" and "halving_methods":
// network -> names) runs on the seed paper's schedule only, without a halving chain, so that the
// results tables do not show them; "" when every one has a chain.
std::string chainless_text(const MethodTable& table, const nlohmann::json& profile);

// Returns: each cell of the seed paper's schedule (`authors`) beside iterative halving and the
// schedule at its literal lengths (`authors_literal`) at the same (dataset, arch, method, factor):
// mean ± std test error and mean training epochs of each, and literal minus shortened.
std::string schedules_table(const std::vector<Cell>& cells);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_RESULT_TABLES_H_
