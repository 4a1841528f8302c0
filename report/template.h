// The literate report's template language: prose with {{key}} placeholders, every one filled from
// values computed by this run. A key the run did not produce is an error, never an empty string, so
// the report cannot silently show a number that was typed in or left out.
#ifndef NNCOMPRESS_REPORT_TEMPLATE_H_
#define NNCOMPRESS_REPORT_TEMPLATE_H_

#include <map>
#include <set>
#include <string>

namespace nnc {

// Returns: every key named by a {{key}} placeholder in `text`.
// Throws std::runtime_error on an unterminated "{{".
std::set<std::string> template_keys(const std::string& text);

// Returns: `text` with each {{key}} replaced by values.at(key).
// Throws std::runtime_error("template names '<key>', which this run did not produce") for a key
// missing from `values`.
std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& values);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_TEMPLATE_H_
