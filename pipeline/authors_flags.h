// The flags that shorten the seed paper's schedule (lib/compress/schedule.h), one pair for the two
// stages that take them: compress (--schedule authors) and train (--budget-schedule authors, to
// train as long as that schedule at most trains).
#ifndef NNCOMPRESS_PIPELINE_AUTHORS_FLAGS_H_
#define NNCOMPRESS_PIPELINE_AUTHORS_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "lib/compress/schedule.h"
#include "pipeline/flags.h"

namespace nnc {

// --authors-patience and --authors-tail; -1 when not given (the schedule's own).
struct AuthorsFlags {
  long long patience = -1, tail = -1;

  // Returns: whether either flag was given.
  bool given() const { return patience >= 0 || tail >= 0; }

  // Returns: `s` with the given flags' values in place of its own.
  AuthorsSchedule applied_to(AuthorsSchedule s) const {
    if (patience >= 0) s.patience = size_t(patience);
    if (tail >= 0) s.tail = size_t(tail);
    return s;
  }
};

// Declares --authors-patience and --authors-tail into `f`; `when` opens their help (the schedule
// flag they go with).
inline void add_authors_flags(CLI::App& app, AuthorsFlags& f, const std::string& when) {
  const AuthorsSchedule defaults;
  app.add_option("--authors-patience", f.patience,
                 when + ": a pruning step at the latest this many epochs after the previous " +
                     "(default " + std::to_string(defaults.patience) + ")")
      ->check(kNonNegativeInteger);
  app.add_option("--authors-tail", f.tail,
                 when + ": epochs of training after the last step (default " +
                     std::to_string(defaults.tail) + ")")
      ->check(kNonNegativeInteger);
}

}  // namespace nnc

#endif  // NNCOMPRESS_PIPELINE_AUTHORS_FLAGS_H_
