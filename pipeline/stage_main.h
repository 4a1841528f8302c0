// How every stage binary runs: parse its flags, run it, and turn any failure into one line on
// stderr ("error: <message>") and exit status 1. Stages write their outputs atomically, so a
// failure leaves no partial file behind for Bazel's cache.
#ifndef NNCOMPRESS_PIPELINE_STAGE_MAIN_H_
#define NNCOMPRESS_PIPELINE_STAGE_MAIN_H_

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

namespace nnc {

// Returns: the process exit status: 0 after run() succeeded (or --help), 1 after a bad flag or an
// exception from run().
template <typename Run>
int run_stage(CLI::App& app, int argc, char** argv, Run run) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}

// Every stage binary's main: an app described by `about` whose flags add_flags declares into a
// Flags, then run(flags), which throws on failure. Returns: the exit status, as run_stage.
template <typename Flags>
int stage_main(int argc, char** argv, const char* about, void (*add_flags)(CLI::App&, Flags&),
               void (*run)(const Flags&)) {
  Flags flags;
  CLI::App app{about};
  add_flags(app, flags);
  return run_stage(app, argc, argv, [&] {
    run(flags);
    return 0;
  });
}

}  // namespace nnc

#endif  // NNCOMPRESS_PIPELINE_STAGE_MAIN_H_
