// The `train` stage: dataset + architecture + protocol + regulariser + method + factor + seed ->
// model file and a per-epoch CSV log (deterministic), plus a timing file (wall clock, kept apart
// so the science outputs stay byte-identical). The method builds the network to train
// (lib/compress/scratch_method.h): //pipeline:train links only `dense`, train_<method> links its
// method. Progress goes to stderr. Every output is written as one all-or-nothing group.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/compress/factor.h"
#include "lib/compress/schedule.h"
#include "lib/compress/scratch_method.h"
#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/model_metadata.h"
#include "lib/io/npy.h"
#include "lib/io/sha256.h"
#include "lib/io/timing.h"
#include "lib/nn/model_io.h"
#include "lib/train/regularizer.h"
#include "lib/train/trainer.h"
#include "lib/util/format_double.h"
#include "pipeline/authors_flags.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

namespace nnc {
namespace {

struct Flags {
  std::string data, arch, protocol, regularizer = "none", method = "dense", factor = "1", out, log,
                                    timing, npy_dir, teacher;
  double lambda = std::nan("");
  double lr = std::nan("");
  uint64_t seed = 0;
  bool progress = false;
  size_t epochs = 0, budget_steps = 0, limit_train = 0;
  long long retrain_epochs = -1;
  std::string budget_schedule = "halving";  // whose budget --budget-steps counts in
  AuthorsFlags authors;                     // with --budget-schedule authors
};

const char kAbout[] =
    "train: dataset + architecture + protocol + regulariser + method + factor + seed -> model "
    "file + per-epoch CSV log (epoch,lr,loss,train_error,valid_error,selected); never reads the "
    "test split";

void add_flags(CLI::App& app, Flags& f) {
  // A repeated flag takes its last value, so a caller can override an earlier setting.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--data", f.data,
                 "dataset folder ({train,valid,test}-{images-idx3,labels-idx1}-ubyte)")
      ->required();
  app.add_option("--arch", f.arch, "fc3 | fc5 | lenet300 | lenet5 | sig30 | sig100")->required();
  app.add_option("--protocol", f.protocol, "hashednets | lenet | authors")->required();
  app.add_option("--regularizer", f.regularizer, "none | l1 | l2 (default none)");
  app.add_option("--lambda", f.lambda, "regularisation λ (strength λ/n; default: the protocol's)")
      ->check(finite_number(true));
  app.add_option("--method", f.method,
                 "dense (default), or a method trained from scratch this binary links "
                 "(train_<method>, e.g. train_nn: nn)");
  app.add_option("--factor", f.factor, "the method's compression factor, in (0, 1]: 1/8 or 0.125");
  app.add_option("--seed", f.seed, "random seed (initialisation, shuffling, dropout)")
      ->required()
      ->check(kNonNegativeInteger);
  app.add_option("--out", f.out, "model file to write")->required();
  app.add_option("--log", f.log, "per-epoch CSV log to write")->required();
  app.add_option("--timing", f.timing, "optional timing JSON (lib/io/timing.h)");
  app.add_option("--lr", f.lr, "override the protocol's initial learning rate (experiments)")
      ->check(finite_number(false));
  app.add_option("--epochs", f.epochs, "override the protocol's epochs (0: the protocol's)")
      ->check(kNonNegativeInteger);
  app.add_option("--budget-steps", f.budget_steps,
                 "train K retraining rounds longer: the budget of a K-step pruning chain")
      ->check(kNonNegativeInteger);
  app.add_option("--retrain-epochs", f.retrain_epochs,
                 "epochs of one retraining round for --budget-steps (-1: the protocol's)")
      ->check(kRetrainEpochs);
  app.add_option("--budget-schedule", f.budget_schedule,
                 "halving (default: --budget-steps counts halving steps) | authors (train as long "
                 "as the seed paper's schedule at most trains after the baseline)")
      ->check(CLI::IsMember({"halving", "authors"}));
  add_authors_flags(app, f.authors, "with --budget-schedule authors");
  app.add_option("--limit-train", f.limit_train, "keep the first N training and validation samples")
      ->check(kNonNegativeInteger);
  app.add_option("--teacher", f.teacher,
                 "the teacher's model file, for methods trained on its outputs (dk, hashed_dk)");
  app.add_option("--npy-dir", f.npy_dir, "also export every tensor as .npy into this folder");
  app.add_flag("--progress", f.progress,
               "print progress and per-epoch lines on stderr (default: only at a terminal)");
}

std::string format_duration(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  return buf;
}

// Progress and per-epoch lines only at a terminal or with --progress: Bazel echoes an action's
// stderr into the build log, which made thousands of lines per study; the log CSV keeps every
// epoch anyway.
void add_progress(TrainOptions& options, bool chatty) {
  if (!chatty) return;
  auto last_print = std::chrono::steady_clock::now() - std::chrono::hours(1);
  options.on_progress = [last_print](const Progress& p) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_print < std::chrono::seconds(2) && p.batch != p.batches) return;
    last_print = now;
    const double done = static_cast<double>((p.epoch - 1) * p.batches + p.batch);
    const double total = static_cast<double>(p.epochs * p.batches);
    std::fprintf(stderr, "epoch %zu/%zu batch %zu/%zu loss %.4f %.0f samples/s ETA %s\n", p.epoch,
                 p.epochs, p.batch, p.batches, p.mean_loss, p.samples_per_second,
                 format_duration(p.elapsed_seconds / done * (total - done)).c_str());
  };
  options.on_epoch = [](const EpochRecord& r, Network&) {
    std::fprintf(stderr, "epoch %zu done: loss %.4f train %.2f%% valid %.2f%% (%.1f s)\n", r.epoch,
                 r.loss, 100 * r.train_error, 100 * r.valid_error, r.seconds);
  };
}

// Returns: the epochs to train: the protocol's (or --epochs), plus the budget of the pruning runs a
// method trained from scratch is compared with: --budget-steps halving steps' worth of retraining
// (one retraining per step), or under --budget-schedule authors the most epochs the seed paper's
// schedule trains after its baseline (every step fired by patience, then the tail).
size_t epoch_budget(const Flags& f, const Protocol& proto) {
  const size_t epochs = f.epochs ? f.epochs : proto.epochs;
  if (f.budget_schedule == "authors")
    return epochs + authors_max_epochs(epochs, f.authors.applied_to(AuthorsSchedule{}));
  const size_t retrain = f.retrain_epochs >= 0 ? size_t(f.retrain_epochs) : proto.retrain_epochs;
  return epochs + f.budget_steps * retrain;
}

// Returns: the model's metadata (lib/io/model_metadata.h): the run's parameters and results; the
// method's own keys (and the teacher's, for a method that distills) in its namespace.
ModelMetadata model_metadata(const Flags& f, const ScratchNetwork& built, double lambda,
                             const TrainResult& result, size_t classes) {
  ModelMetadata meta;
  meta.stage = "train";
  meta.architecture = f.arch;
  meta.protocol = f.protocol;
  meta.regularizer = f.regularizer;
  meta.lambda = lambda;
  meta.seed = f.seed;
  meta.method = f.method;
  meta.factor = parse_factor(f.factor);
  meta.epochs = meta.epochs_total = result.epochs.size();
  meta.lr0 = result.lr0;
  meta.lr_restarts = result.restarts;
  meta.selected_epoch = result.selected_epoch;
  meta.classes = classes;
  meta.limit_train = f.limit_train;
  if (std::ifstream(f.data + "/manifest.json"))
    meta.dataset_manifest_sha256 = sha256_file_hex(f.data + "/manifest.json");
  meta.method_keys = built.metadata;
  return meta;
}

// Throws std::runtime_error when --teacher is missing for a method that distills, or given to one
// that does not (a teacher it would ignore).
void check_teacher_flag(const Flags& f, const ScratchMethod& method) {
  if (method.distills && f.teacher.empty())
    throw std::runtime_error("--teacher: method " + f.method +
                             " trains on a teacher's outputs; give the dense model's file");
  if (!method.distills && !f.teacher.empty())
    throw std::runtime_error("--teacher " + f.teacher + ": method " + f.method +
                             " does not train on a teacher");
}

// Returns: the teacher's outputs (logits, or the sigmoid outputs under the authors' protocol) on
// every training example, in inference mode, computed once: the teacher is fixed during training.
// Throws std::runtime_error naming the file when its outputs do not fit the data set.
Matrix teacher_outputs(const std::string& path, const Examples& train_set, size_t classes) {
  const ModelFile file = read_model_file(path);
  parse_metadata(file.metadata, path);  // a teacher is one of the pipeline's models
  Network teacher = from_model_file(file);
  if (teacher.in_shape().size() != train_set.images.cols() || teacher.out_shape().size() != classes)
    throw std::runtime_error(path + ": the teacher maps " + teacher.in_shape().str() + " to " +
                             teacher.out_shape().str() + ", the data set has " +
                             std::to_string(train_set.images.cols()) + " inputs and " +
                             std::to_string(classes) + " classes");
  const size_t n = train_set.images.rows(), batch = 1000;
  Matrix out({n, teacher.out_shape().size()});
  std::vector<size_t> rows;
  Matrix x;
  for (size_t start = 0; start < n; start += batch) {
    const size_t m = std::min(batch, n - start);
    rows.resize(m);
    for (size_t i = 0; i < m; ++i) rows[i] = start + i;
    train_set.images.gather(rows.data(), m, x);
    const Matrix& y = teacher.forward(x, Mode::kInfer, nullptr);
    std::copy(y.begin(), y.end(), out.begin() + start * out.shape(1));
  }
  return out;
}

void run(const Flags& f) {
  const StageClock clock;
  // Resolve names first: a typo fails in milliseconds, before any data is read.
  ScratchRequest request;
  request.reference = &architecture(f.arch);
  const Protocol proto = protocol(f.protocol, f.arch);
  request.protocol = &proto;
  request.factor = parse_factor(f.factor);
  const ScratchMethod& method = scratch_method(f.method);
  check_teacher_flag(f, method);
  const auto regularizer = make_regularizer(f.regularizer);
  const double lambda = std::isnan(f.lambda) ? proto.lambda : f.lambda;

  const ByteSplit train_set = load_byte_split(f.data, "train", f.limit_train);
  const ByteSplit valid_set = load_byte_split(f.data, "valid", f.limit_train);
  const Examples tr = examples_of(train_set), va = examples_of(valid_set);
  request.input = {train_set.images.rows, train_set.images.cols, 1};
  request.classes = train_set.classes;
  Rng rng(f.seed);
  ScratchNetwork built = method.build(request, rng);

  TrainOptions options = training_options(proto, regularizer.get(), lambda);
  options.epochs = epoch_budget(f, proto);
  if (!std::isnan(f.lr)) options.lr.lr0 = f.lr;
  add_progress(options, f.progress || ::isatty(STDERR_FILENO));
  Matrix teacher;
  if (method.distills) {
    teacher = teacher_outputs(f.teacher, tr, train_set.classes);
    options.teacher_outputs = &teacher;
    built.metadata["teacher_sha256"] = sha256_file_hex(f.teacher);
    built.metadata["distill_temperature"] = format_double(proto.distillation.temperature);
    built.metadata["distill_alpha"] = format_double(proto.distillation.alpha);
  }
  // The protocol's backoff applies to its own rate; a rate given with --lr is taken as it is.
  const LrBackoff backoff = std::isnan(f.lr) ? proto.lr_backoff : LrBackoff{};
  const TrainResult result = train_with_backoff(built.net, {tr, va}, options, rng, backoff);

  const ModelFile model = to_model_file(
      built.net, metadata_entries(model_metadata(f, built, lambda, result, train_set.classes)));
  const EpochRecord& sel = result.epochs.at(result.selected_epoch - 1);
  std::fprintf(stderr, "selected epoch %zu: valid error %.2f%% (lr0 %g, %zu restarts)\n",
               result.selected_epoch, 100 * sel.valid_error, result.lr0, result.restarts);

  Timing timing = clock.elapsed("train");
  for (const EpochRecord& r : result.epochs) timing.epoch_seconds.push_back(r.seconds);
  std::vector<std::pair<std::string, std::string>> outputs = {{f.out, serialize_model(model)},
                                                              {f.log, epoch_log_csv(result)},
                                                              {f.timing, timing_json(timing)}};
  if (!f.npy_dir.empty())
    for (auto& file : npy_files(model, f.npy_dir)) outputs.push_back(std::move(file));
  write_files_atomic(outputs);
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  return nnc::stage_main(argc, argv, nnc::kAbout, nnc::add_flags, nnc::run);
}
