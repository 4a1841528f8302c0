// Throughput benchmark (one thread): for lenet300, lenet5 and fc3, training samples/s at batch 64
// (forward + softmax cross-entropy + backward + SGD-momentum step, no dropout) and inference
// samples/s at batch 1, 64 and 1000; the median of several timed runs after a warm-up, timed in
// thread CPU seconds. Beside the training rate it prints the step's own limit: the same SGEMM calls
// the step makes (recorded, then replayed with the same shapes and transposes on scratch buffers,
// timed alone), as samples/s, and the percentage of that limit the whole step reaches; what is
// missing to 100% is everything else (activations, loss, bias sums, im2col, the SGD update).
// Run: bazel run //tests/bench:train_throughput [-- --runs 7]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "lib/nn/architecture.h"
#include "lib/nn/gemm.h"
#include "lib/nn/loss.h"
#include "lib/train/sgd.h"
#include "tests/bench/pipeline_kernel.h"
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

// Returns: median samples/s of `runs` timed runs of `fn`, each lasting at least ~0.3 s.
template <typename Fn>
double measure(int runs, size_t samples, Fn fn) {
  const size_t reps = calibrate(fn, 0.3);
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) rates.push_back(rate(reps, samples, fn));
  return median(rates);
}

// The training rate against its GEMM limit, timed in alternation (step, GEMMs, step, ...) so that
// a burst of load from other processes on the shared machine hits both alike.
struct LimitShare {
  double train, limit;  // median samples/s
  double share;         // median over runs of train / limit
};

template <typename Step, typename Gemms>
LimitShare measure_against_limit(int runs, Step step, Gemms gemms) {
  const size_t reps_step = calibrate(step, 0.3), reps_gemms = calibrate(gemms, 0.3);
  std::vector<double> train, limit, share;
  for (int i = 0; i < runs; ++i) {
    train.push_back(rate(reps_step, 64, step));
    limit.push_back(rate(reps_gemms, 64, gemms));
    share.push_back(train.back() / limit.back());
  }
  return {median(train), median(limit), median(share)};
}

// The recorded GEMM calls of one step on operand buffers of their shapes, for timing them alone.
// One buffer per operand role, shared by all calls (sized for the largest): the step reuses its
// scratch (im2col columns, activations) the same way, and a limit should be the best case.
class GemmReplay {
 public:
  explicit GemmReplay(std::vector<GemmCall> calls) : calls_(std::move(calls)) {
    size_t a = 0, b = 0, c = 0;
    for (const GemmCall& g : calls_) {
      a = std::max(a, (g.transpose_a ? g.k : g.m) * g.lda);
      b = std::max(b, (g.transpose_b ? g.n : g.k) * g.ldb);
      c = std::max(c, g.m * g.ldc);
    }
    a_.assign(a, 0.01f);
    b_.assign(b, 0.01f);
    c_.assign(c, 0.0f);
  }
  void run() {
    for (const GemmCall& g : calls_)
      sgemm(g.transpose_a, g.transpose_b, g.m, g.n, g.k, 1.0f, a_.data(), g.lda, b_.data(), g.ldb,
            g.beta, c_.data(), g.ldc);
  }
  size_t size() const { return calls_.size(); }

 private:
  std::vector<GemmCall> calls_;
  std::vector<float> a_, b_, c_;
};

void bench(const std::string& name, int runs, bool train_only, bool per_layer) {
  Rng rng(1);
  Network net = build_network(architecture(name), Shape{28, 28, 1}, 10, UnitOptions{});
  initialize(net, "he", rng);
  const size_t features = 784;
  auto random_batch = [&](size_t n) {
    Matrix x({n, features});
    for (float& v : x) v = rng.uniform();
    return x;
  };
  const auto loss = make_loss("softmax_cross_entropy");
  const Matrix xb = random_batch(64);
  std::vector<int> labels(64);
  for (int& l : labels) l = static_cast<int>(rng.below(10));
  Sgd sgd(0.9);
  Matrix dout;
  if (per_layer) {  // milliseconds per batch of 64 in each layer's forward and backward
    std::vector<Matrix> acts(net.size()), grads(net.size());
    for (size_t i = 0; i < net.size(); ++i) {
      const Matrix& in = i == 0 ? xb : acts[i - 1];
      Layer& l = net.layer(i);
      const double f =
          64.0 / measure(runs, 64, [&] { l.forward(in, acts[i], Mode::kTrain, &rng); });
      grads[i] = acts[i];
      Matrix dx;
      const double b = 64.0 / measure(runs, 64,
                                      [&] {
                                        l.forward(in, acts[i], Mode::kTrain, &rng);
                                        l.backward(in, acts[i], grads[i], i == 0 ? nullptr : &dx);
                                      }) -
                       f;
      std::printf("  %-8s %-12s forward %7.3f ms  backward %7.3f ms\n", l.kind().c_str(),
                  l.out_shape().str().c_str(), 1e3 * f, 1e3 * b);
    }
  }
  auto step = [&] {
    loss->evaluate(net.forward(xb, Mode::kTrain, &rng), labels, &dout);
    net.backward(dout);
    sgd.step(net, 1e-4);
  };
  std::vector<GemmCall> calls;
  record_gemm_calls(&calls);
  step();
  record_gemm_calls(nullptr);
  GemmReplay replay(std::move(calls));
  const LimitShare t = measure_against_limit(runs, step, [&] { replay.run(); });
  std::vector<double> infer;
  for (const size_t b : {1, 64, 1000}) {
    if (train_only) {
      infer.push_back(0);
      continue;
    }
    const Matrix x = random_batch(b);
    infer.push_back(measure(runs, b, [&] { net.forward(x, Mode::kInfer, nullptr); }));
  }
  std::printf("| %-8s | %12.0f | %12.0f (%4zu) |   %5.1f%% | %12.0f | %12.0f | %12.0f |\n",
              name.c_str(), t.train, t.limit, replay.size(), 100.0 * t.share, infer[0], infer[1],
              infer[2]);
  std::fflush(stdout);
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::run_with_pipeline_kernel(argv);
  int runs = 5;
  bool train_only = false;  // for profiling the training step alone
  bool per_layer = false;   // also time each layer's forward and backward
  std::vector<std::string> archs = {"lenet300", "lenet5", "fc3"};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--arch") && i + 1 < argc)
      archs = {argv[++i]};
    else if (!std::strcmp(argv[i], "--train-only"))
      train_only = true;
    else if (!std::strcmp(argv[i], "--per-layer"))
      per_layer = true;
  }
  nnc::set_gemm_threads(1);
  std::printf("samples per CPU second, one thread, median of %d runs; %s\n", runs,
              nnc::kernel_line().c_str());
  std::printf(
      "GEMM limit: the training step's own SGEMM calls (count in brackets) timed alone, in\n"
      "alternation with the step; 'of limit' is the median of the per-run ratios\n");
  std::printf(
      "| arch     | train b=64   | GEMM limit (calls)  | of limit | infer b=1    | infer b=64   |"
      " infer b=1000 |\n");
  std::printf(
      "|----------|--------------|---------------------|----------|--------------|--------------|"
      "--------------|\n");
  for (const std::string& a : archs) nnc::bench(a, runs, train_only, per_layer);
  return 0;
}
