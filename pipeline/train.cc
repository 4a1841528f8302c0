// The `train` stage: dataset + architecture + protocol + regulariser + seed -> model file and a
// per-epoch CSV log (deterministic), plus an optional timing file (wall clock, kept apart so the
// science outputs stay byte-identical). Progress goes to stderr. Every output is written under a
// temporary name and renamed, and nothing is written when anything fails.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "lib/io/atomic_file.h"
#include "lib/compress/equivalent_size.h"
#include "lib/compress/hashed.h"
#include "lib/compress/schedule.h"
#include "lib/io/dataset.h"
#include "lib/io/model_file.h"
#include "lib/io/npy.h"
#include "lib/io/sha256.h"
#include "lib/nn/architecture.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/train/regularizer.h"
#include "lib/train/trainer.h"
#include "lib/util/format_double.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

namespace nnc {
namespace {

struct Flags {
  std::string data, arch, protocol, regularizer = "none", out, log, timing, npy_dir;
  double lambda = std::nan("");
  double lr = std::nan("");
  std::string width_factor, hashed_factor;  // compression factors ("1/8"); empty = dense
  uint64_t seed = 0;
  bool progress = false;
  size_t epochs = 0, limit_train = 0;
};

std::string format_duration(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  return buf;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

int run(const Flags& f) {
  // Resolve names first: a typo fails in milliseconds, before any data is read.
  const Architecture& reference = architecture(f.arch);
  if (!f.width_factor.empty() && !f.hashed_factor.empty())
    throw std::runtime_error("--width-factor and --hashed-factor exclude each other");
  const double width_factor = f.width_factor.empty() ? 1.0 : parse_factor(f.width_factor);
  const double hashed_factor = f.hashed_factor.empty() ? 1.0 : parse_factor(f.hashed_factor);
  const Protocol& proto = protocol(f.protocol);
  const auto regularizer = make_regularizer(f.regularizer);
  const double lambda = std::isnan(f.lambda) ? proto.lambda : f.lambda;

  const Split train_set = load_split(f.data, "train", f.limit_train);
  const Split valid_set = load_split(f.data, "valid", f.limit_train);
  const Shape input{train_set.rows, train_set.cols, 1};

  // nn: the equivalent-size architecture for the factor (lib/compress/equivalent_size.h).
  const EquivalentSize sized = equivalent_size(reference, input, train_set.classes, width_factor);
  Rng rng(f.seed);
  Network net = build_network(sized.arch, input, train_set.classes, proto.units);
  initialize(net, proto.init, rng);
  // hashed: the HashedNets version of the initialised network (lib/compress/hashed.h).
  if (!f.hashed_factor.empty()) net = hashed_network(net, hashed_factor, kHashedNetsSeed);

  TrainOptions options = training_options(proto, regularizer.get(), lambda);
  if (f.epochs) options.epochs = f.epochs;
  if (!std::isnan(f.lr)) options.lr.lr0 = f.lr;
  // Progress and per-epoch lines only at a terminal or with --progress: Bazel echoes an action's
  // stderr into the build log, which made thousands of lines per study; the log CSV keeps every
  // epoch anyway.
  const bool chatty = f.progress || ::isatty(STDERR_FILENO);
  auto last_print = std::chrono::steady_clock::now() - std::chrono::hours(1);
  options.on_progress = [&](const Progress& p) {
    if (!chatty) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_print < std::chrono::seconds(2) && p.batch != p.batches) return;
    last_print = now;
    const double done = static_cast<double>((p.epoch - 1) * p.batches + p.batch);
    const double total = static_cast<double>(p.epochs * p.batches);
    std::fprintf(stderr, "epoch %zu/%zu batch %zu/%zu loss %.4f %.0f samples/s ETA %s\n", p.epoch,
                 p.epochs, p.batch, p.batches, p.mean_loss, p.samples_per_second,
                 format_duration(p.elapsed_seconds / done * (total - done)).c_str());
  };
  options.on_epoch = [&](const EpochRecord& r, Network&) {
    if (!chatty) return;
    std::fprintf(stderr, "epoch %zu done: loss %.4f train %.2f%% valid %.2f%% (%.1f s)\n", r.epoch,
                 r.loss, 100 * r.train_error, 100 * r.valid_error, r.seconds);
  };
  const Examples tr{&train_set.images, &train_set.labels};
  const Examples va{&valid_set.images, &valid_set.labels};
  // The protocol's backoff applies to its own rate; a rate given with --lr is taken as it is.
  const LrBackoff backoff = std::isnan(f.lr) ? proto.lr_backoff : LrBackoff{};
  const TrainResult result = train_with_backoff(net, {tr, va}, options, rng, backoff);

  std::map<std::string, std::string> meta = {
      {"format", "nncompress model"},
      {"architecture", f.arch},
      {"protocol", f.protocol},
      {"regularizer", f.regularizer},
      {"lambda", format_double(lambda)},
      {"seed", std::to_string(f.seed)},
      {"method", !f.width_factor.empty() ? "nn" : !f.hashed_factor.empty() ? "hashed" : "dense"},
      {"width_factor", format_double(width_factor)},
      {"achieved_width_factor", format_double(sized.achieved)},
      {"hashed_factor", format_double(hashed_factor)},
      {"epochs", std::to_string(options.epochs)},
      {"lr0", format_double(result.lr0)},
      {"selected_epoch", std::to_string(result.selected_epoch)},
      {"classes", std::to_string(train_set.classes)},
      {"limit_train", std::to_string(f.limit_train)},
  };
  if (std::ifstream(f.data + "/manifest.json"))
    meta["dataset_manifest_sha256"] = sha256_file_hex(f.data + "/manifest.json");
  const ModelFile model = to_model_file(net, meta);
  const EpochRecord& sel = result.epochs.at(result.selected_epoch - 1);
  std::fprintf(stderr, "selected epoch %zu: valid error %.2f%% (lr0 %g)\n", result.selected_epoch,
               100 * sel.valid_error, result.lr0);

  std::string timing = "{\"epochs\": [";
  double total = 0;
  for (const EpochRecord& r : result.epochs) {
    timing += (r.epoch > 1 ? ", " : "") + std::string("{\"epoch\": ") + std::to_string(r.epoch) +
              ", \"seconds\": " + fmt("%.3f", r.seconds) + "}";
    total += r.seconds;
  }
  timing += "], \"total_seconds\": " + fmt("%.3f", total) + "}\n";

  write_files_atomic(
      {{f.out, serialize_model(model)}, {f.log, epoch_log_csv(result)}, {f.timing, timing}});
  if (!f.npy_dir.empty()) export_npy(model, f.npy_dir);
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::Flags f;
  CLI::App app{
      "train: dataset + architecture + protocol + regulariser + seed -> model file + per-epoch "
      "CSV log (epoch,lr,loss,train_error,valid_error,selected); never reads the test split"};
  // A repeated flag takes its last value, so a caller can override an earlier setting.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--data", f.data, "dataset folder ({train,valid,test}-{images-idx3,labels-idx1}-ubyte)")
      ->required();
  app.add_option("--arch", f.arch, "fc3 | fc5 | lenet300 | lenet5 | sig30 | sig100")->required();
  app.add_option("--protocol", f.protocol, "hashednets | lenet | authors")->required();
  app.add_option("--regularizer", f.regularizer, "none | l1 | l2 (default none)");
  app.add_option("--lambda", f.lambda, "regularisation λ (strength λ/n; default: the protocol's)")
      ->check(nnc::finite_number(true));
  app.add_option("--seed", f.seed, "random seed (initialisation, shuffling, dropout)")
      ->required()
      ->check(nnc::kNonNegativeInteger);
  app.add_option("--out", f.out, "model file to write")->required();
  app.add_option("--log", f.log, "per-epoch CSV log to write")->required();
  app.add_option("--timing", f.timing, "optional JSON of seconds per epoch (wall clock)");
  app.add_option("--lr", f.lr, "override the protocol's initial learning rate (experiments)")
      ->check(nnc::finite_number(false));
  app.add_option("--epochs", f.epochs,
                 "override the protocol's epochs (smoke runs; 0: the protocol's)")
      ->check(nnc::kNonNegativeInteger);
  app.add_option("--limit-train", f.limit_train, "keep the first N training and validation samples")
      ->check(nnc::kNonNegativeInteger);
  app.add_option("--width-factor", f.width_factor,
                 "nn method: the equivalent-size network storing this factor of the weights "
                 "(1/8 or 0.125)");
  app.add_option("--hashed-factor", f.hashed_factor,
                 "hashed method: HashedNets with K = ceil(factor·|V|) weights per layer, hash seed "
                 "1691 (1/8 or 0.125)");
  app.add_option("--npy-dir", f.npy_dir, "also export every tensor as .npy into this folder");
  app.add_flag("--progress", f.progress,
               "print progress and per-epoch lines on stderr (default: only at a terminal)");
  return nnc::run_stage(app, argc, argv, [&] { return nnc::run(f); });
}
