// Numeric flag checks shared by the stage binaries, which CLI11 does not make on its own (its
// errors become one line "error: --flag: <message>" through stage_main.h).
#ifndef NNCOMPRESS_PIPELINE_FLAGS_H_
#define NNCOMPRESS_PIPELINE_FLAGS_H_

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdlib>
#include <string>

namespace nnc {

// CLI11 2.1 reads "-1" into an unsigned flag as 2^64-1 (strtoull wraps): a seed would silently
// change, an epoch count would run for ever, a sample limit would mean "all". Checked on the text.
inline const CLI::Validator kNonNegativeInteger(
    [](std::string& text) {
      const bool digits =
          !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
      return digits ? std::string() : "'" + text + "' is not a non-negative integer";
    },
    "UINT");

// A retraining epoch count: -1 (the protocol's) or a count >= 0.
inline const CLI::Validator kRetrainEpochs(
    [](std::string& text) {
      return text == "-1" || kNonNegativeInteger(text).empty()
                 ? std::string()
                 : "'" + text + "' is neither -1 (the protocol's) nor a count >= 0";
    },
    "INT>=-1");

// A learning rate or penalty strength: a finite number, > 0 (or >= 0 when zero is allowed).
inline CLI::Validator finite_number(bool zero_allowed) {
  return CLI::Validator(
      [zero_allowed](std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        const bool ok =
            !text.empty() && *end == '\0' && std::isfinite(v) && (zero_allowed ? v >= 0 : v > 0);
        return ok ? std::string()
                  : "'" + text + "' is not a finite number " + (zero_allowed ? ">= 0" : "> 0");
      },
      zero_allowed ? "NUMBER>=0" : "NUMBER>0");
}

}  // namespace nnc

#endif  // NNCOMPRESS_PIPELINE_FLAGS_H_
