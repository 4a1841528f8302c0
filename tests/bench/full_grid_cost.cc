// Cost of the full study profile on this machine: CPU-hours per piece full_<dataset>_<arch>
// (pipeline/BUILD) and for the whole 54-piece grid, estimated from one-thread timings of the real
// code paths on synthetic data and scaled linearly to each dataset's split sizes and each
// protocol's epoch counts, for planning a run ("full_mnist_fc5 takes N CPU-hours here").
//
// What is measured, per architecture, in thread CPU seconds per sample (random pixels, random
// labels, a fixed seed; --samples of them):
//   - one SGD epoch via train() with the protocol's training_options (dropout, loss, batch,
//     momentum; the faster of two runs) for the dense net, the nn net (equivalent_size) and the
//     HashedNets net (hashed_network) at 1/2^k, and with its retraining_options for the dense
//     net pruned to 1/2^k (magnitude, global ranking: the masked retraining of a compress step);
//   - the L1 and L2 regularisers' add_gradient over every weight, once per batch (the baselines
//     train with none, l1 and l2; mag_l1 retrains with l1, the other methods with l2);
//   - classification_error passes (the per-epoch train / valid error, and evaluate's test error);
//   - obd_curvature over the training set (OBD's diagonal Hessian, once per compress step);
//   - the evaluate stage's inference timing loop: per kernel (dense or hashed at batch 1 and 64,
//     plus CSR at batch 1 and 64 for pruned models) it repeats 64 slices until 0.2 s have passed,
//     so its cost is ceil(0.2 / loop) · loop, loop = 64 · batch · seconds per sample;
//   - fixed per-action work: load_split per sample (on a synthetic IDX split written to /tmp),
//     sha256 of the test images per sample, model-file serialize / parse / hash per model.
// Not measured: Bazel's own per-action overhead (sandbox, digests, scheduling) and process start.
//
// Scaling (per piece and seed, n_* the split sizes, E / R the protocol's epochs / retrain_epochs):
//   train action    = load(n_tr + n_va) + E · (sgd · n_tr + err · (n_probe + n_va)) + model write
//                     (n_probe = min(n_tr, n_va): the trainer's per-epoch train-error subset)
//   compress action = load(n_tr + n_va) + model read + prune [+ obd · n_tr] + 3 · err · n_va
//                     + R · (sgd_pruned · n_tr + err · n_va)   (retraining: no train-error pass)
//   evaluate action = load(n_te) + sha256(n_te) + err · n_te + inference timing + model read
// Checked against built pieces (the stages' CPU seconds, summed from their timing files):
// full_basic_lenet300 compress 1.05x and evaluate 0.98x of measured; full_rect_sig30 compress
// 0.94x, evaluate 0.92x. The builds' wall time was 1.2-1.35x the estimate's CPU total / 2:
// Bazel's per-action overhead and other jobs sharing the two cores.
// Classes: every architecture is timed with 10 outputs; rect and convex have 2, which shrinks only
// the output layer (under 1% of any architecture's work).
//
// Run: bazel run -c opt //tests/bench:full_grid_cost [-- --samples 3000 --seeds 3 --steps 6
//      --only fc5 --seconds]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <vector>
#include <xtensor/xview.hpp>

#include "data/variants.h"
#include "lib/compress/compressed_network.h"
#include "lib/compress/equivalent_size.h"
#include "lib/compress/hashed.h"
#include "lib/compress/obd.h"
#include "lib/compress/prune.h"
#include "lib/compress/saliency.h"
#include "lib/io/dataset.h"
#include "lib/io/idx.h"
#include "lib/io/model_file.h"
#include "lib/io/sha256.h"
#include "lib/nn/architecture.h"
#include "lib/nn/gemm.h"
#include "lib/nn/loss.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/train/regularizer.h"
#include "lib/train/trainer.h"
#include "tests/bench/pipeline_kernel.h"
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

template <typename Fn>
double cpu_seconds(Fn fn) {
  const double t0 = thread_cpu_seconds();
  fn();
  return thread_cpu_seconds() - t0;
}

// The evaluate stage's inference loop (pipeline/evaluate.cc `throughput`): 64 slices of `batch`
// rows, repeated until 0.2 s have passed. Returns: its seconds, given seconds per sample.
double timing_loop_seconds(double per_sample, size_t batch) {
  const double loop = 64.0 * static_cast<double>(batch) * per_sample;
  return std::ceil(0.2 / loop) * loop;
}

// Returns: CPU seconds per sample of `infer` on `batch`-row slices of x, run for at least 0.05 s
// after one warm-up call (allocation).
template <typename Infer>
double per_sample_inference(const Matrix& x, size_t batch, Infer infer) {
  std::vector<Matrix> slices;
  for (size_t start = 0; start + batch <= x.shape(0) && slices.size() < 64; start += batch)
    slices.push_back(xt::view(x, xt::range(start, start + batch), xt::all()));
  infer(slices[0]);
  size_t samples = 0;
  const double t0 = thread_cpu_seconds();
  double elapsed = 0;
  do {
    for (const Matrix& s : slices) infer(s);
    samples += slices.size() * batch;
    elapsed = thread_cpu_seconds() - t0;
  } while (elapsed < 0.05);
  return elapsed / static_cast<double>(samples);
}

struct SyntheticSet {
  Matrix images;
  std::vector<int> labels;
};

SyntheticSet synthetic(size_t n, size_t classes, uint64_t seed) {
  Rng rng(seed);
  SyntheticSet s;
  s.images = Matrix({n, kPixels});
  for (float& v : s.images) v = rng.uniform();
  s.labels.resize(n);
  for (int& l : s.labels) l = static_cast<int>(rng.below(classes));
  return s;
}

// Seconds per sample of one model variant (dense, nn, hashed or pruned at one factor).
struct VariantCost {
  double sgd = 0;               // SGD per training sample (no regulariser)
  double error = 0;             // classification_error per sample
  double timing_ownkernel = 0;  // the evaluate timing loops' seconds (own kernel, batch 1 + 64)
  double timing_csr = 0;        // the same for CSR (pruned models only)
};

struct ArchCost {
  std::string arch, protocol;
  size_t samples = 0;
  VariantCost dense;
  std::vector<VariantCost> nn, hashed, pruned;  // index k-1 for factor 1/2^k
  // The regulariser's share of an SGD step per training sample (add_gradient over every weight
  // once per batch): timed apart, because the difference of two noisy epochs was noise.
  double l1 = 0, l2 = 0;
  double obd = 0;                          // obd_curvature per training sample
  double prune = 0;                        // saliency + prune_to_count per compress step (seconds)
  double model_write = 0, model_read = 0;  // model file: to_model_file + serialize; parse + hash
};

// Returns: the costs of one variant: SGD per sample under options (one epoch on the set, after a
// short warm-up epoch), error per sample, and the evaluate timing loops.
VariantCost measure_variant(const Network& net0, const SyntheticSet& set, TrainOptions options,
                            bool pruned, bool time_kernels) {
  VariantCost c;
  Network net = net0;
  Rng rng(7);
  options.epochs = 1;
  // Random labels on random pixels drive fc5 at the hashednets lr (0.1) to NaN within an epoch;
  // the work per step does not depend on the learning rate, so a small one keeps values finite.
  options.lr = options.lr.scaled(0.01);
  options.evaluate_train_error = false;
  options.on_epoch = nullptr;
  options.on_progress = nullptr;
  const size_t n = set.labels.size();
  const size_t warm = std::min<size_t>(n, 4 * options.batch);
  const Matrix warm_x = xt::view(set.images, xt::range(0, warm), xt::all());
  const std::vector<int> warm_y(set.labels.begin(), set.labels.begin() + warm);
  train(net, {{&warm_x, &warm_y}, {}}, options, rng);
  // The faster of two runs: on a shared machine a neighbour's burst (cache, memory bandwidth)
  // only ever slows a run down (single runs of one epoch varied by up to 20%).
  const auto epoch = [&] { train(net, {{set.images, &set.labels}, {}}, options, rng); };
  c.sgd = std::min(cpu_seconds(epoch), cpu_seconds(epoch)) / static_cast<double>(n);
  // After a first pass: its buffer allocations happen once per process in the stages.
  const auto error_pass = [&] { classification_error(net, set.images, set.labels); };
  error_pass();
  c.error = std::min(cpu_seconds(error_pass), cpu_seconds(error_pass)) / static_cast<double>(n);
  if (!time_kernels) return c;
  for (const size_t batch : {size_t(1), size_t(64)}) {
    c.timing_ownkernel += timing_loop_seconds(
        per_sample_inference(set.images, batch, [&](const Matrix& x) { predict(net, x, batch); }),
        batch);
  }
  if (pruned) {
    const auto csr_file = [&] { return encode_network(net, Encoding::kCsr); };
    const double build =
        cpu_seconds([&] { CompressedNetwork(parse_compressed(csr_file(), ""), ""); });
    CompressedNetwork csr(parse_compressed(csr_file(), "full_grid_cost"), "full_grid_cost");
    for (const size_t batch : {size_t(1), size_t(64)}) {
      c.timing_csr += timing_loop_seconds(
          per_sample_inference(set.images, batch, [&](const Matrix& x) { csr.forward(x); }), batch);
    }
    c.timing_csr += build;
  }
  return c;
}

ArchCost measure_arch(const std::string& arch_name, const std::string& proto_name, size_t samples,
                      int steps) {
  ArchCost a;
  a.arch = arch_name;
  a.protocol = proto_name;
  a.samples = samples;
  const Protocol& proto = protocol(proto_name);
  const Architecture& arch = architecture(arch_name);
  const Shape input{kSide, kSide, 1};
  const size_t classes = 10;
  const SyntheticSet set = synthetic(samples, classes, 1);
  const auto none = make_regularizer("none"), l1 = make_regularizer("l1"),
             l2 = make_regularizer("l2");

  Rng rng(1);
  Network dense = build_network(arch, input, classes, proto.units);
  initialize(dense, proto.init, rng);
  a.dense =
      measure_variant(dense, set, training_options(proto, none.get(), proto.lambda), false, true);
  {
    Network net = dense;
    for (Param* p : net.params()) p->grad = xt::zeros_like(p->value);
    const float strength = static_cast<float>(proto.lambda / static_cast<double>(samples));
    const auto per_sample = [&](const Regularizer& r) {
      auto step = [&] {
        for (Param* p : net.params())
          if (p->is_weight) r.add_gradient(*p, strength);
      };
      step();
      size_t steps = 0;
      const double t0 = thread_cpu_seconds();
      do {
        step();
        ++steps;
      } while (thread_cpu_seconds() - t0 < 0.05);
      return (thread_cpu_seconds() - t0) / static_cast<double>(steps * proto.batch);
    };
    a.l1 = per_sample(*l1);
    a.l2 = per_sample(*l2);
  }

  for (int k = 1; k <= steps; ++k) {
    const double factor = std::ldexp(1.0, -k);
    const EquivalentSize sized = equivalent_size(arch, input, classes, factor);
    Network nn = build_network(sized.arch, input, classes, proto.units);
    initialize(nn, proto.init, rng);
    a.nn.push_back(
        measure_variant(nn, set, training_options(proto, none.get(), proto.lambda), false, true));
    const Network hashed = hashed_network(dense, factor, kHashedNetsSeed);
    a.hashed.push_back(measure_variant(
        hashed, set, training_options(proto, none.get(), proto.lambda), false, true));
    Network pruned = dense;
    prune_to_count(pruned, magnitude_saliency(pruned), target_weight_count(pruned, factor),
                   Ranking::kGlobal);
    a.pruned.push_back(measure_variant(
        pruned, set, retraining_options(proto, none.get(), proto.lambda), true, true));
  }

  // OBD's Hessian pass over (part of) the training set; the pipeline runs it on the chain's
  // current (pruned) model, whose dense kernels cost the same as the unpruned one's.
  {
    Network net = dense;
    const auto loss = make_loss(proto.loss);
    const size_t n = std::max<size_t>(1, samples / 2);
    const Matrix x = xt::view(set.images, xt::range(0, n), xt::all());
    const std::vector<int> y(set.labels.begin(), set.labels.begin() + n);
    a.obd = cpu_seconds([&] { obd_curvature(net, *loss, x, y, SecondOrderForm::kGaussNewton); }) /
            static_cast<double>(n);
    // Saliency + exact-count pruning (the sort over every weight), once per compress step.
    a.prune = cpu_seconds([&] {
      prune_to_count(net, obd_saliency(net), target_weight_count(net, 0.5), Ranking::kGlobal);
    });
  }
  {
    const std::map<std::string, std::string> meta = {{"architecture", arch_name}};
    std::string bytes;
    a.model_write = cpu_seconds([&] { bytes = serialize_model(to_model_file(dense, meta)); });
    a.model_read = cpu_seconds([&] {
      const Network back = from_model_file(parse_model(bytes, "bench"));
      sha256_hex(bytes);
    });
  }
  return a;
}

// Per-sample cost of load_split and of sha256 of an images file, on a synthetic split written to
// a temporary folder (the evaluate stage hashes the test images for provenance). 50000 images:
// their 157 MB of floats exceed glibc's largest mmap threshold, so every load maps fresh pages
// and pays their page faults, as every stage (a fresh process) does; a 10000-image split reused
// freed heap pages here and measured 3x cheaper per sample, which no stage sees.
struct LoadCost {
  double load = 0, hash = 0;
};

LoadCost measure_loading(size_t n) {
  char dir_template[] = "/tmp/full_grid_cost.XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) throw std::runtime_error("full_grid_cost: cannot create a folder under /tmp");
  Rng rng(3);
  IdxImages images;
  images.count = n;
  images.rows = images.cols = kSide;
  images.pixels.resize(n * kPixels);
  for (uint8_t& p : images.pixels) p = static_cast<uint8_t>(rng.below(256));
  std::vector<uint8_t> labels(n);
  for (uint8_t& l : labels) l = static_cast<uint8_t>(rng.below(10));
  const std::string base = std::string(dir) + "/";
  write_idx_images(base + split_images_file("test"), images);
  write_idx_labels(base + split_labels_file("test"), labels);
  LoadCost c;
  load_split(dir, "test");  // warm the page cache, as Bazel's freshly written inputs are
  c.load = std::min(cpu_seconds([&] { load_split(dir, "test"); }),
                    cpu_seconds([&] { load_split(dir, "test"); })) /
           static_cast<double>(n);
  c.hash = cpu_seconds([&] { sha256_file_hex(base + split_images_file("test")); }) /
           static_cast<double>(n);
  std::remove((base + split_images_file("test")).c_str());
  std::remove((base + split_labels_file("test")).c_str());
  rmdir(dir);
  return c;
}

struct PieceCost {
  double train = 0, compress = 0, evaluate = 0;  // CPU seconds over all seeds
  double chain = 0;         // the longest chain of one seed: baseline l2 + obd's compress steps
  double train_epochs = 0;  // train's epochs alone, what the train stage's timing file sums
};

// Which baseline each pruning method starts from and retrains with (pipeline/study.bzl
// PRUNING_BASELINE; lib/compress/pruning_method.h): mag_l1 retrains with L1, the rest with L2.
const std::vector<std::pair<std::string, bool>> kPruningMethods = {
    {"mag_l1", true}, {"mag_l2", false}, {"obd", false}, {"random", false}};

PieceCost piece_cost(const ArchCost& a, const SplitSizes& n, int seeds, int steps,
                     const LoadCost& io) {
  const Protocol& p = protocol(a.protocol);
  const double ntr = n.train, nva = n.valid, nte = n.test;
  const double E = p.epochs, R = p.retrain_epochs;
  double epochs = 0;
  auto train_action = [&](const VariantCost& v, double regularizer) {
    // lib/train/trainer.cc measures the per-epoch train error on the first n_valid samples.
    const double e = E * ((v.sgd + regularizer) * ntr + v.error * (std::min(ntr, nva) + nva));
    epochs += e;
    return io.load * (ntr + nva) + e + a.model_write;
  };
  auto compress_action = [&](const VariantCost& v, bool l1, bool obd) {
    const double sgd = v.sgd + (l1 ? a.l1 : a.l2);
    return io.load * (ntr + nva) + a.model_read + a.prune + (obd ? a.obd * ntr : 0.0) +
           3 * v.error * nva + R * (sgd * ntr + v.error * nva);
  };
  auto evaluate_action = [&](const VariantCost& v, bool csr) {
    return (io.load + io.hash) * nte + v.error * nte + v.timing_ownkernel +
           (csr ? v.timing_csr : 0.0) + a.model_read;
  };
  PieceCost c;
  c.train = train_action(a.dense, 0) + train_action(a.dense, a.l1) + train_action(a.dense, a.l2);
  c.evaluate = evaluate_action(a.dense, false) + 4 * evaluate_action(a.dense, false);
  double obd_chain = 0;
  for (int k = 0; k < steps; ++k) {
    c.train += train_action(a.nn[k], 0) + train_action(a.hashed[k], 0);
    c.evaluate += evaluate_action(a.nn[k], false) + evaluate_action(a.hashed[k], false);
    for (const auto& [method, l1] : kPruningMethods) {
      const double step = compress_action(a.pruned[k], l1, method == "obd");
      c.compress += step;
      if (method == "obd") obd_chain += step;
      c.evaluate += evaluate_action(a.pruned[k], true);
    }
  }
  c.train_epochs = epochs * seeds;
  c.chain = train_action(a.dense, a.l2) + obd_chain;
  c.train *= seeds;
  c.compress *= seeds;
  c.evaluate *= seeds;
  return c;
}

struct Dataset {
  std::string name;
  SplitSizes sizes;
};

std::vector<Dataset> study_datasets() {
  // MNIST and Fashion-MNIST: 48000 / 12000 (the last 20% of the official training set is the
  // validation split, data/BUILD) and the official 10000 test images.
  std::vector<Dataset> d = {{"mnist", {48000, 12000, 10000}}, {"fashion", {48000, 12000, 10000}}};
  for (const std::string& v : variant_names()) d.push_back({v, published_sizes(v)});
  return d;
}

// The full profile's architectures and their protocols (pipeline/BUILD).
const std::vector<std::pair<std::string, std::string>> kArchs = {
    {"fc3", "hashednets"}, {"fc5", "hashednets"}, {"lenet300", "lenet"},
    {"lenet5", "lenet"},   {"sig30", "authors"},  {"sig100", "authors"}};

int run(size_t samples, int seeds, int steps, const std::string& only, bool seconds) {
  set_gemm_threads(1);
  std::printf("%s\n", kernel_line().c_str());
  const LoadCost io = measure_loading(50000);
  std::printf("load_split %.2f us/sample, sha256 %.2f us/sample (synthetic 50000-image split)\n",
              1e6 * io.load, 1e6 * io.hash);
  std::fflush(stdout);
  std::vector<ArchCost> archs;
  for (const auto& [arch, proto] : kArchs) {
    if (!only.empty() && only != arch) continue;
    const size_t n = samples;
    const double t0 = thread_cpu_seconds();
    archs.push_back(measure_arch(arch, proto, n, steps));
    const ArchCost& a = archs.back();
    std::fprintf(stderr, "measured %s on %zu samples in %.0f CPU s\n", arch.c_str(), n,
                 thread_cpu_seconds() - t0);
    std::printf(
        "%-8s us/sample: sgd %.1f (+l1 %.2f, +l2 %.2f), error %.1f, obd %.1f; pruned 1/2 sgd "
        "%.1f, hashed 1/2 sgd %.1f, nn 1/2 sgd %.1f; evaluate timing loops dense %.2f s, "
        "pruned 1/2 csr %.2f s\n",
        arch.c_str(), 1e6 * a.dense.sgd, 1e6 * a.l1, 1e6 * a.l2, 1e6 * a.dense.error, 1e6 * a.obd,
        1e6 * a.pruned[0].sgd, 1e6 * a.hashed[0].sgd, 1e6 * a.nn[0].sgd, a.dense.timing_ownkernel,
        a.pruned[0].timing_csr);
    std::fflush(stdout);
  }

  const double unit = seconds ? 1.0 : 3600.0;
  const char* u = seconds ? "s" : "h";
  std::printf("\nCPU-%s of the full profile, %d seed(s), %d steps (factors 1/2 ... 1/%d)\n",
              seconds ? "seconds" : "hours", seeds, steps, 1 << steps);
  std::printf(
      "| dataset | arch | protocol | train CPU-%s | compress CPU-%s | evaluate CPU-%s | "
      "total CPU-%s | wall-%s (2 cores) | longest chain %s |%s\n",
      u, u, u, u, u, u, seconds ? " train epochs only CPU-s |" : "");
  std::printf("|---|---|---|---:|---:|---:|---:|---:|---:|%s\n", seconds ? "---:|" : "");
  double total = 0;
  for (const Dataset& d : study_datasets()) {
    for (const ArchCost& a : archs) {
      const PieceCost c = piece_cost(a, d.sizes, seeds, steps, io);
      const double sum = c.train + c.compress + c.evaluate;
      total += sum;
      // Bazel runs two actions at once, but one seed's obd chain runs one action after another.
      const double wall = std::max(sum / 2, c.chain);
      std::printf("| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", d.name.c_str(),
                  a.arch.c_str(), a.protocol.c_str(), c.train / unit, c.compress / unit,
                  c.evaluate / unit, sum / unit, wall / unit, c.chain / unit);
      // The train stage's timing file sums its epochs only (no loading, no model file).
      if (seconds) std::printf(" %.3f |", c.train_epochs);
      std::printf("\n");
    }
  }
  std::printf("\nTotal: %.1f CPU-hours = %.2f CPU-days; %.1f h = %.2f days wall on 2 cores\n",
              total / 3600, total / 86400, total / 7200, total / 172800);
  // Per piece and seed: 3 baselines + 2·steps from-scratch trainings, 4·steps compress steps and
  // 1 + 2·steps + 4·(steps + 1) evaluations.
  const int actions = seeds * (3 + 2 * steps + 4 * steps + 1 + 2 * steps + 4 * (steps + 1));
  std::printf(
      "(excludes Bazel's per-action overhead and process start, %d actions per piece; "
      "rect and convex timed with 10 classes)\n",
      actions);
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::run_with_pipeline_kernel(argv);
  // 3000 samples: about 3 CPU minutes in all (fc5 and lenet5 take two thirds).
  size_t samples = 3000;
  int seeds = 3, steps = 6;
  std::string only;
  bool seconds = false;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--samples") && has_value)
      samples = std::strtoul(argv[++i], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seeds") && has_value)
      seeds = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--steps") && has_value)
      steps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && has_value)
      only = argv[++i];
    else if (!std::strcmp(argv[i], "--seconds"))  // small pieces, for comparing with timings
      seconds = true;
    else {
      std::fprintf(stderr,
                   "usage: full_grid_cost [--samples N] [--seeds S] [--steps K] [--only ARCH] "
                   "[--seconds]\n");
      return 1;
    }
  }
  if (samples < 200 || seeds < 1 || steps < 1 || steps > 20) {
    std::fprintf(stderr, "error: want --samples >= 200, --seeds >= 1, 1 <= --steps <= 20\n");
    return 1;
  }
  try {
    return nnc::run(samples, seeds, steps, only, seconds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
