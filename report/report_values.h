// Every value the literate report shows, computed from this run's outputs: the summary and results
// tables, the methods table, the records, the timing files, the dataset manifests and the published
// numbers beside ours.
#ifndef NNCOMPRESS_REPORT_REPORT_VALUES_H_
#define NNCOMPRESS_REPORT_REPORT_VALUES_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "lib/io/csv.h"
#include "lib/io/timing.h"
#include "report/methods.h"

namespace nnc {

struct ReportInputs {
  std::string profile;            // the profile or study name (pipeline/profiles.bzl)
  std::vector<CsvRow> summary;    // summary.csv
  std::vector<CsvRow> results;    // results.csv: one row per run, what the claims test
  MethodTable methods;            // the methods table: groups, labels, table order
  std::vector<Record> records;    // every evaluation record
  std::vector<Timing> timings;    // every timing file of train, compress, evaluate
  nlohmann::json profile_params;  // the study's parameters (//pipeline:<study>_profile.json)
  std::string profile_params_source = "profile parameters";  // its path, for errors
  std::vector<nlohmann::json> manifests;                     // every dataset manifest.json
  std::vector<CsvRow> published;                             // report/published.csv
  // Figure groups: key (e.g. "error_vs_factor") -> relative paths of its figures, in order.
  std::map<std::string, std::vector<std::string>> figures;
  std::map<std::string, std::string> build_info;  // workspace status (commit, ...)
};

// Returns: template key -> Markdown text, for every key the report template may name.
// Throws std::runtime_error naming the input on malformed data.
std::map<std::string, std::string> report_values(const ReportInputs& inputs);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_REPORT_VALUES_H_
