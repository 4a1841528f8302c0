// The `compress` stage: model + pruning method + target factor + ranking + schedule + seed -> the
// pruned model, a deterministic CSV log (validation errors around every pruning step, survivors per
// weight tensor, per-epoch training; see lib/compress/prune_and_retrain.h) and a timing JSON (the
// only wall clock). The factor is absolute, relative to the reference network. Two schedules:
//  - halving (default): one pruning step to --factor, then retraining. An input already pruned to
//    1/2 and --factor 1/4 halves its survivors again (iterative halving as a chain of cached
//    actions);
//  - authors: the seed paper's pruning during training (15 steps to --factor) on a baseline
//    trained from scratch, continuing its training; --authors-* shorten the schedule.
// Every output is written under a temporary name and renamed; nothing is written on failure.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include "lib/compress/factor.h"
#include "lib/compress/prune_and_retrain.h"
#include "lib/compress/schedule.h"
#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/model_metadata.h"
#include "lib/io/sha256.h"
#include "lib/io/timing.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/util/format_double.h"
#include "pipeline/authors_flags.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

namespace nnc {
namespace {

struct Flags {
  std::string model, data, method, factor, ranking = "global", schedule = "halving", out, log,
                                           timing;
  uint64_t seed = 1;
  long long retrain_epochs = -1;
  long long authors_first_epoch = -1;  // −1: the input model's epochs
  AuthorsFlags authors;
  size_t limit_train = 0;
};

const char kAbout[] =
    "compress: model + pruning method + target factor + seed -> pruned, retrained model + CSV "
    "log (validation error around each pruning step, survivors per weight tensor) + timing JSON";

void add_flags(CLI::App& app, Flags& f) {
  app.add_option("--model", f.model, "input model file (dense or already pruned)")->required();
  app.add_option("--data", f.data,
                 "dataset folder ({train,valid,test}-{images-idx3,labels-idx1}-ubyte)")
      ->required();
  app.add_option("--method", f.method, "mag_l1 | mag_l2 | obd | obd_gn | random")->required();
  app.add_option("--factor", f.factor,
                 "target factor relative to the reference network, in (0, 1]: 1/8 or 0.125")
      ->required();
  app.add_option("--ranking", f.ranking, "global | layer (default global)");
  app.add_option("--schedule", f.schedule,
                 "halving (default: prune once to --factor, then retrain) | authors (prune during "
                 "continued training, the seed paper's 15 steps)");
  app.add_option("--authors-first-epoch", f.authors_first_epoch,
                 "authors: no pruning step before this epoch (default: the input model's epochs)")
      ->check(kNonNegativeInteger);
  add_authors_flags(app, f.authors, "authors");
  app.add_option("--seed", f.seed, "random seed (random saliency, retraining shuffles)")
      ->required()
      ->check(kNonNegativeInteger);
  app.add_option("--out", f.out, "compressed model file to write")->required();
  app.add_option("--log", f.log, "CSV log to write (quantity,index,value)")->required();
  app.add_option("--timing", f.timing, "timing JSON to write (wall and CPU seconds)")->required();
  app.add_option("--retrain-epochs", f.retrain_epochs,
                 "halving: retraining epochs (default -1: the protocol's)")
      ->check(kRetrainEpochs);
  app.add_option("--limit-train", f.limit_train, "keep the first N training and validation samples")
      ->check(kNonNegativeInteger);
}

// Checks the schedule flags before any file is read; throws std::runtime_error on a bad mix.
void check_schedule_flags(const Flags& f) {
  const bool authors_flags = f.authors_first_epoch >= 0 || f.authors.given();
  if (f.schedule != "halving" && f.schedule != "authors")
    throw std::runtime_error("unknown schedule '" + f.schedule + "' (expected halving or authors)");
  if (f.schedule == "halving" && authors_flags)
    throw std::runtime_error(
        "--authors-first-epoch, --authors-patience and --authors-tail need "
        "--schedule authors");
  if (f.schedule == "authors" && f.retrain_epochs >= 0)
    throw std::runtime_error(
        "--retrain-epochs is for --schedule halving (authors trains until "
        "its trigger stops)");
}

// Returns: the authors' schedule the flags ask for on a model trained `input_epochs` epochs.
AuthorsSchedule authors_schedule(const Flags& f, size_t input_epochs) {
  AuthorsSchedule s = f.authors.applied_to(AuthorsSchedule{});
  s.first_epoch = f.authors_first_epoch >= 0 ? f.authors_first_epoch : input_epochs;
  return s;
}

// Runs the flags' schedule on net, a model of `input`'s metadata. Returns: the report; sets the
// schedule's keys of the output's metadata `out`.
PruneReport compress(Network& net, const ModelMetadata& input, const Flags& f,
                     const PruneRequest& request, const TrainSets& sets, Rng& rng,
                     ModelMetadata& out) {
  const Protocol proto = protocol(input.protocol, input.architecture);
  out.schedule = f.schedule;
  if (f.schedule == "halving")
    return prune_and_retrain(
        net, request, {&proto, input.regularizer, input.lambda, f.retrain_epochs}, sets, rng);
  AuthorsRun run{&proto, input.regularizer, input.lambda, input.epochs, {}};
  run.schedule = authors_schedule(f, run.input_epochs);
  PruneReport report = prune_during_training(net, request, run, sets, rng);
  out.authors_first_epoch = run.schedule.first_epoch;
  out.authors_patience = run.schedule.patience;
  out.authors_tail = run.schedule.tail;
  out.authors_steps = run.schedule.steps;
  out.authors_steps_taken = report.steps.size();
  return report;
}

// Returns: the model's pruning history: its input's, then one entry per step of this stage,
// "epochs_total:factor:valid_before:valid_pruned:valid_retrained" joined by ';' (epochs counted
// from initialisation), so the report can draw each step's damage and repair from the record.
std::string prune_history(const ModelMetadata& input, const PruneReport& report, bool authors) {
  std::string history = input.prune_history;
  for (const PruneStep& step : report.steps) {
    // Halving numbers its step epoch 0 of its own retraining; the authors' schedule numbers its
    // epochs on from the baseline's.
    const size_t epoch = authors ? step.epoch : input.epochs_total + step.epoch;
    history += (history.empty() ? "" : ";") + std::to_string(epoch) + ":" +
               format_double(step.factor) + ":" + format_double(step.valid_before) + ":" +
               format_double(step.valid_pruned) + ":" + format_double(step.valid_retrained);
  }
  return history;
}

// Sets the output model's metadata `meta` (the input's, its schedule keys set by compress) to
// this stage's method, factor and results; the pruning method's own keys join the input's.
void set_compress_keys(ModelMetadata& meta, const ModelMetadata& input, const Flags& f,
                       const PruneRequest& request, const PruneReport& report, const Network& net) {
  meta.stage = "compress";
  for (const auto& [key, value] : request.method->metadata) meta.method_keys[key] = value;
  meta.method = f.method;
  meta.factor = request.factor;
  meta.ranking = f.ranking;
  meta.compress_seed = f.seed;
  meta.retrain_regularizer = report.regularizer;
  meta.retrain_epochs = report.retraining.epochs.size();
  // Every SGD epoch run since initialisation (the budget), those after a kept best-validation
  // epoch included.
  meta.epochs_total = input.epochs_total + report.retraining.epochs.size();
  meta.prune_history = prune_history(input, report, f.schedule == "authors");
  meta.stored_weights = net.stored_weight_count();
  meta.input_model_sha256 = sha256_file_hex(f.model);
}

// Returns: the stage's timing (lib/io/timing.h), with the seconds of every training epoch it ran.
std::string stage_timing(const StageClock& clock, const PruneReport& report) {
  Timing timing = clock.elapsed("compress");
  for (const EpochRecord& e : report.retraining.epochs) timing.epoch_seconds.push_back(e.seconds);
  return timing_json(timing);
}

void run(const Flags& f) {
  const StageClock clock;
  // Names and numbers first: a typo fails before any file is read.
  check_schedule_flags(f);
  PruneRequest request;
  request.method = &pruning_method(f.method);
  request.factor = parse_factor(f.factor);
  request.ranking = parse_ranking(f.ranking);

  const ModelFile input = read_model_file(f.model);
  const ModelMetadata input_meta = parse_metadata(input.metadata, f.model);
  Network net = from_model_file(input);
  const ByteSplit train_set = load_byte_split(f.data, "train", f.limit_train);
  const ByteSplit valid_set = load_byte_split(f.data, "valid", f.limit_train);
  const TrainSets sets{examples_of(train_set), examples_of(valid_set)};

  Rng rng(f.seed);
  ModelMetadata meta = input_meta;  // the output's
  const PruneReport report = compress(net, input_meta, f, request, sets, rng, meta);
  std::fprintf(stderr,
               "%s %s (%s, %s, %zu steps): %zu -> %zu weights; valid error %.2f%% -> pruned "
               "%.2f%% -> retrained %.2f%%\n",
               f.method.c_str(), f.factor.c_str(), f.ranking.c_str(), f.schedule.c_str(),
               report.steps.size(), net.weight_count(), net.stored_weight_count(),
               100 * report.error_input, 100 * report.error_pruned, 100 * report.error_retrained);

  set_compress_keys(meta, input_meta, f, request, report, net);
  write_files_atomic({{f.out, serialize_model(to_model_file(net, metadata_entries(meta)))},
                      {f.log, prune_log_csv(report)},
                      {f.timing, stage_timing(clock, report)}});
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  return nnc::stage_main(argc, argv, nnc::kAbout, nnc::add_flags, nnc::run);
}
