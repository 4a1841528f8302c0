// The tables of what a study ran on and what it cost: the methods it ran, its datasets, CPU and
// wall time per stage, and the provenance of its records. Each returns Markdown.
#ifndef NNCOMPRESS_REPORT_PROVENANCE_TABLES_H_
#define NNCOMPRESS_REPORT_PROVENANCE_TABLES_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "lib/io/timing.h"
#include "report/methods.h"

namespace nnc {

// Returns: the methods the study ran (its parameters' "methods": architecture -> names) as rows of
// name, kind, family and description, in table order. Throws std::runtime_error naming `source`
// when "methods" is missing or not that shape.
std::string methods_table(const MethodTable& table, const nlohmann::json& profile,
                          const std::string& source);

// Returns: actions, epochs, CPU and wall seconds per stage of the timing files (lib/io/timing.h),
// stages in name order, their total last.
std::string cost_table(const std::vector<Timing>& timings);

// Returns: the workspace status (commit, ...; an empty value is left out) and the first record's
// provenance, a row per item.
std::string provenance_table(const std::vector<Record>& records,
                             const std::map<std::string, std::string>& build_info);

// Returns: the OpenBLAS kernel the records were evaluated with (the speed stage runs in the same
// action environment), in backquotes, or "not recorded".
std::string speed_kernel(const std::vector<Record>& records);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_PROVENANCE_TABLES_H_
