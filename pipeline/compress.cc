// The `compress` stage: model + pruning method + target factor + ranking + seed -> the pruned and
// retrained model, a deterministic CSV log (test error before and after retraining, survivors per
// weight tensor; see lib/compress/prune_and_retrain.h) and a timing JSON (the only wall clock).
// The factor is absolute, relative to the reference network: an input already pruned to 1/2 and
// --factor 1/4 halves its survivors again (iterative halving as a chain of cached actions).
// Every output is written under a temporary name and renamed; nothing is written on failure.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include "lib/compress/prune_and_retrain.h"
#include "lib/compress/schedule.h"
#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/sha256.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/util/format_double.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

namespace nnc {
namespace {

struct Flags {
  std::string model, data, method, factor, ranking = "global", obd_form = "gauss_newton", out, log,
                                           timing;
  uint64_t seed = 1;
  long long retrain_epochs = -1;
  size_t limit_train = 0;
};

std::string meta_or(const ModelFile& m, const std::string& key, const std::string& fallback) {
  const auto it = m.metadata.find(key);
  return it == m.metadata.end() ? fallback : it->second;
}

int run(const Flags& f) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  // Names and numbers first: a typo fails before any file is read.
  PruneRequest request;
  request.method = &pruning_method(f.method);
  request.factor = parse_factor(f.factor);
  request.ranking = parse_ranking(f.ranking);
  request.obd_form = parse_second_order_form(f.obd_form);

  const ModelFile input = read_model_file(f.model);
  Network net = from_model_file(input);
  RetrainSpec retrain;
  retrain.protocol = &protocol(meta_or(input, "protocol", ""));
  retrain.baseline_regularizer = meta_or(input, "regularizer", "none");
  retrain.lambda = std::stod(meta_or(input, "lambda", format_double(retrain.protocol->lambda)));
  retrain.epochs = f.retrain_epochs;

  const Split train_set = load_split(f.data, "train", f.limit_train);
  const Split valid_set = load_split(f.data, "valid", f.limit_train);
  TrainSets sets;
  sets.train = {&train_set.images, &train_set.labels};
  sets.valid = {&valid_set.images, &valid_set.labels};

  Rng rng(f.seed);
  const PruneReport report = prune_and_retrain(net, request, retrain, sets, rng);
  std::fprintf(stderr,
               "%s %s (%s): %zu -> %zu weights; valid error %.2f%% -> pruned %.2f%% -> retrained "
               "%.2f%%\n",
               f.method.c_str(), f.factor.c_str(), f.ranking.c_str(), net.weight_count(),
               net.stored_weight_count(), 100 * report.error_input, 100 * report.error_pruned,
               100 * report.error_retrained);

  std::map<std::string, std::string> meta = input.metadata;
  meta["method"] = f.method;
  meta["factor"] = format_double(request.factor);
  meta["ranking"] = f.ranking;
  meta["compress_seed"] = std::to_string(f.seed);
  meta["retrain_regularizer"] = report.regularizer;
  meta["retrain_epochs"] = std::to_string(report.retraining.epochs.size());
  meta["stored_weights"] = std::to_string(net.stored_weight_count());
  meta["input_model_sha256"] = sha256_file_hex(f.model);
  if (f.method == "obd") meta["obd_form"] = f.obd_form;
  const ModelFile output = to_model_file(net, meta);

  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start)
                          .count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  char timing[160];
  std::snprintf(timing, sizeof timing,
                "{\"stage\": \"compress\", \"wall_seconds\": %.3f, \"cpu_seconds\": %.3f}\n", wall,
                cpu);
  write_files_atomic(
      {{f.out, serialize_model(output)}, {f.log, prune_log_csv(report)}, {f.timing, timing}});
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::Flags f;
  CLI::App app{
      "compress: model + pruning method + target factor + seed -> pruned, retrained model + CSV "
      "log (validation error before/after retraining, survivors per weight tensor) + timing JSON"};
  app.add_option("--model", f.model, "input model file (dense or already pruned)")->required();
  app.add_option("--data", f.data, "dataset folder ({train,valid,test}-{images-idx3,labels-idx1}-ubyte)")
      ->required();
  app.add_option("--method", f.method, "mag_l1 | mag_l2 | obd | random")->required();
  app.add_option("--factor", f.factor,
                 "target factor relative to the reference network, in (0, 1]: 1/8 or 0.125")
      ->required();
  app.add_option("--ranking", f.ranking, "global | layer (default global)");
  app.add_option("--obd-form", f.obd_form, "gauss_newton | exact (default gauss_newton)");
  app.add_option("--seed", f.seed, "random seed (random saliency, retraining shuffles)")
      ->required()
      ->check(nnc::kNonNegativeInteger);
  app.add_option("--out", f.out, "compressed model file to write")->required();
  app.add_option("--log", f.log, "CSV log to write (quantity,index,value)")->required();
  app.add_option("--timing", f.timing, "timing JSON to write (wall and CPU seconds)")->required();
  app.add_option("--retrain-epochs", f.retrain_epochs,
                 "retraining epochs (default -1: the protocol's)")
      ->check(CLI::Validator(
          [](std::string& text) {
            return text == "-1" || nnc::kNonNegativeInteger(text).empty()
                       ? std::string()
                       : "'" + text + "' is neither -1 (the protocol's) nor a count >= 0";
          },
          "INT>=-1"));
  app.add_option("--limit-train", f.limit_train, "keep the first N training and validation samples")
      ->check(nnc::kNonNegativeInteger);
  return nnc::run_stage(app, argc, argv, [&] { return nnc::run(f); });
}
