// The report's JSON inputs, validated on read: the dataset manifests (data/dataset_writer.h) and
// the study's parameters (//pipeline:<study>_profile.json). Each reader checks every field the
// report uses, so a malformed file fails with one line naming the file and the field instead of
// deep inside a table.
#ifndef NNCOMPRESS_REPORT_INPUT_JSON_H_
#define NNCOMPRESS_REPORT_INPUT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

namespace nnc {

// Returns: `text` parsed as a dataset manifest with name (string), classes (integer), inputs
// (object of strings, when the dataset has input files), provenance.variant (string) and
// provenance.seed (integer) for a generated dataset, else provenance.source (string) where given,
// and, for each of splits.train, .valid and .test, count (integer) and class_histogram (array of
// integers). Throws
// std::runtime_error("<source>: ...") naming the missing or mistyped field ("manifest field
// 'splits.test.count' is not an integer").
nlohmann::json parse_manifest(const std::string& text, const std::string& source);

// Returns: `text` parsed as a study's parameters with datasets (array of strings), methods
// (object: network -> array of strings), scratch_steps (object: network -> array of
// integers), halving_methods (object: network -> array of strings) and, when present,
// scratch_lr (object: network -> string). Throws as parse_manifest
// ("profile field 'methods.sig30' is not an array of strings").
nlohmann::json parse_profile_params(const std::string& text, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_INPUT_JSON_H_
