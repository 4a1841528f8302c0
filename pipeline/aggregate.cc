// The aggregate stage: every evaluation record of a study -> results.csv and summary.csv.
#include "lib/eval/aggregate.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "lib/io/atomic_file.h"
#include "pipeline/stage_main.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Aggregates evaluation records into results.csv (a row per run), summary.csv "
      "(mean +- std over seeds per cell), layers.csv and histograms.csv."};
  std::string results_path, summary_path, layers_path, histograms_path, steps_path;
  std::vector<std::string> record_paths;
  app.add_option("--results", results_path, "output: one row per record")->required();
  app.add_option("--summary", summary_path, "output: one row per cell")->required();
  app.add_option("--layers", layers_path, "output: survivors per layer of every run");
  app.add_option("--histograms", histograms_path, "output: weight histogram of every run");
  app.add_option("--steps", steps_path, "output: validation error around every pruning step");
  app.add_option("records", record_paths, "evaluation records (JSON)")->required();
  return nnc::run_stage(app, argc, argv, [&] {
    std::vector<nnc::Record> records;
    for (const std::string& path : record_paths) {
      records.push_back(nnc::read_record(path));
      nnc::check_record_ids(records.back(), path);
    }
    // All four or none (lib/io/atomic_file.h); an empty path is an output not asked for.
    nnc::write_files_atomic(
        {{results_path, nnc::results_csv(records)},
         {summary_path, nnc::summary_csv(records)},
         {layers_path, layers_path.empty() ? "" : nnc::layers_csv(records)},
         {histograms_path, histograms_path.empty() ? "" : nnc::histograms_csv(records)},
         {steps_path, steps_path.empty() ? "" : nnc::steps_csv(records)}});
    return 0;
  });
}
