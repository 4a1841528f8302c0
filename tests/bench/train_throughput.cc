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
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Returns: median samples/s of `runs` timed runs of `fn`, each processing `samples` samples and
// lasting at least ~0.3 s (repeated as needed).
template <typename Fn>
double measure(int runs, size_t samples, Fn fn) {
  fn();  // warm-up: allocates buffers
  size_t reps = 1;
  for (;;) {
    const double t0 = thread_cpu_seconds();
    for (size_t r = 0; r < reps; ++r) fn();
    if (thread_cpu_seconds() - t0 > 0.3) break;
    reps *= 2;
  }
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) {
    const double t0 = thread_cpu_seconds();
    for (size_t r = 0; r < reps; ++r) fn();
    rates.push_back(static_cast<double>(samples * reps) / (thread_cpu_seconds() - t0));
  }
  return median(rates);
}

// The recorded GEMM calls of one step with operand buffers of their shapes, for timing them alone.
class GemmReplay {
 public:
  explicit GemmReplay(std::vector<GemmCall> calls) : calls_(std::move(calls)) {
    for (const GemmCall& c : calls_) {
      a_.emplace_back((c.transpose_a ? c.k : c.m) * c.lda, 0.01f);
      b_.emplace_back((c.transpose_b ? c.n : c.k) * c.ldb, 0.01f);
      c_.emplace_back(c.m * c.ldc, 0.0f);
    }
  }
  void run() {
    for (size_t i = 0; i < calls_.size(); ++i) {
      const GemmCall& c = calls_[i];
      sgemm(c.transpose_a, c.transpose_b, c.m, c.n, c.k, 1.0f, a_[i].data(), c.lda, b_[i].data(),
            c.ldb, c.beta, c_[i].data(), c.ldc);
    }
  }
  size_t size() const { return calls_.size(); }

 private:
  std::vector<GemmCall> calls_;
  std::vector<std::vector<float>> a_, b_, c_;
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
  const double train = measure(runs, 64, step);
  std::vector<GemmCall> calls;
  record_gemm_calls(&calls);
  step();
  record_gemm_calls(nullptr);
  GemmReplay replay(std::move(calls));
  const double limit = measure(runs, 64, [&] { replay.run(); });
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
              name.c_str(), train, limit, replay.size(), 100.0 * train / limit, infer[0], infer[1],
              infer[2]);
  std::fflush(stdout);
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
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
  std::printf("samples per CPU second, one thread, median of %d runs; OpenBLAS kernel %s\n", runs,
              nnc::gemm_kernel().c_str());
  std::printf("GEMM limit: the training step's own SGEMM calls (count in brackets) timed alone\n");
  std::printf(
      "| arch     | train b=64   | GEMM limit (calls)  | of limit | infer b=1    | infer b=64   |"
      " infer b=1000 |\n");
  std::printf(
      "|----------|--------------|---------------------|----------|--------------|--------------|"
      "--------------|\n");
  for (const std::string& a : archs) nnc::bench(a, runs, train_only, per_layer);
  return 0;
}
