// Compressed-inference benchmark (issue 15): for single layers of fc3 (784x1000, 1000x10), lenet300
// (784x300, 300x100) and fc5 (1000x1000), the forward pass at batch 1 and 64 of
//   - the dense layer,
//   - the HashedNets layer of the same virtual size at factor c (K = ⌈c·|V|⌉ real weights),
//   - CSR of the dense matrix magnitude-pruned to factor c (csr_forward),
// for c = 1/2 … 1/64. Prints per layer, batch and factor the hashed/dense and CSR/dense time
// ratios: the median over repeats of each repeat's ratio, with the smallest and largest. Each
// repeat times the three kernels back to back in thread CPU seconds, so a burst of load on the
// shared machine hits all three alike. No assertions: a benchmark reports, it does not pass or
// fail. Run: bazel run -c opt //tests/bench:compressed_inference [-- --repeats 9]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lib/compress/csr.h"
#include "lib/compress/hashed.h"
#include "lib/io/csr_matrix.h"
#include "lib/nn/gemm.h"
#include "tests/bench/pipeline_kernel.h"
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

struct LayerShape {
  const char* name;
  size_t in, out;
};

struct Ratios {
  double dense_us;                  // median dense time per forward, microseconds
  std::vector<double> hashed, csr;  // per repeat: time / dense time
};

// Returns: CPU seconds per call of fn over `reps` calls.
template <typename Fn>
double seconds_per_call(Fn fn, size_t reps) {
  const double t0 = thread_cpu_seconds();
  for (size_t r = 0; r < reps; ++r) fn();
  return (thread_cpu_seconds() - t0) / static_cast<double>(reps);
}

// Returns: a mask keeping the ⌈c·n⌉ largest |w| (magnitude pruning, ties by index).
xt::xarray<float> magnitude_mask(const xt::xarray<float>& w, double factor) {
  const size_t n = w.size(), keep = hashed_bucket_count(factor, n);
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::nth_element(order.begin(), order.begin() + (keep - 1), order.end(), [&](size_t a, size_t b) {
    const float x = std::fabs(w.data()[a]), y = std::fabs(w.data()[b]);
    return x != y ? x > y : a < b;
  });
  xt::xarray<float> mask = xt::zeros<float>(w.shape());
  for (size_t i = 0; i < keep; ++i) mask.data()[order[i]] = 1.0f;
  return mask;
}

Ratios measure(const LayerShape& s, size_t batch, double factor, int repeats) {
  Rng rng(7);
  Dense dense(flat(s.in), s.out);
  for (float& v : dense.param("weight").value) v = static_cast<float>(0.05 * rng.normal());
  for (float& v : dense.param("bias").value) v = static_cast<float>(0.01 * rng.normal());
  const size_t k = hashed_bucket_count(factor, s.in * s.out);
  HashedDense hashed(dense, k, hashed_bucket_count(factor, s.out), kHashedNetsSeed);
  for (float& v : hashed.param("weight").value) v = static_cast<float>(0.05 * rng.normal());
  const CsrMatrix csr =
      to_csr(dense.param("weight").value, magnitude_mask(dense.param("weight").value, factor));
  Matrix x({batch, s.in});
  for (float& v : x) v = rng.uniform();
  Matrix y;
  auto run_dense = [&] { dense.forward(x, y, Mode::kInfer, nullptr); };
  auto run_hashed = [&] { hashed.forward(x, y, Mode::kInfer, nullptr); };
  auto run_csr = [&] { csr_forward(csr, dense.param("bias").value.data(), x, y); };
  // ~20 ms per kernel and repeat: long enough for the clock, short enough for 60 cells.
  const size_t reps_dense = calibrate(run_dense, 0.02), reps_hashed = calibrate(run_hashed, 0.02),
               reps_csr = calibrate(run_csr, 0.02);
  Ratios r;
  std::vector<double> dense_s;
  for (int i = 0; i < repeats; ++i) {
    const double d = seconds_per_call(run_dense, reps_dense);
    const double h = seconds_per_call(run_hashed, reps_hashed);
    const double c = seconds_per_call(run_csr, reps_csr);
    dense_s.push_back(d);
    r.hashed.push_back(h / d);
    r.csr.push_back(c / d);
  }
  r.dense_us = 1e6 * median(dense_s);
  return r;
}

std::string summary(const std::vector<double>& v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%6.2f [%5.2f-%5.2f]", median(v),
                *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()));
  return buf;
}

void print_limits() {
  std::printf(
      "\nWhat this does not measure: single layers on one thread with warm caches (the same input "
      "every call; a\nlayer's weights stay in L2/L3 between calls), not networks (no activations, "
      "no layer-to-layer cache\neffects, no memory-bandwidth contention); one-time costs (building "
      "the CSR matrix, hashing the indices)\nare excluded; the hashed layer's weights never change "
      "between calls (inference), so its cached V is\nexpanded once; CSR matrices come from random "
      "Gaussian weights, whose magnitude pruning spreads survivors\nevenly over rows (trained "
      "networks' rows are uneven). The dense layer at batch 1 is OpenBLAS's sgemm with\nm = 1, "
      "which in 0.3.21 is not a GEMV (about 14x slower per sample than at batch 64): that flatters "
      "CSR\nat batch 1. Thread CPU seconds: other processes slow the caches they share, not the "
      "clock.\n");
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::run_with_pipeline_kernel(argv);
  int repeats = 7;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc) repeats = std::atoi(argv[++i]);
  nnc::set_gemm_threads(1);
  std::printf("Compressed inference, one thread, %d repeats; %s\n", repeats,
              nnc::kernel_line().c_str());
  std::printf("ratio = time / dense time of the same layer: median [min-max] over repeats\n\n");
  std::printf(
      "| layer            | batch | factor | dense us | hashed/dense         | "
      "CSR/dense            |\n");
  std::printf(
      "|------------------|-------|--------|----------|----------------------|"
      "----------------------|\n");
  const nnc::LayerShape layers[] = {{"fc3 784x1000", 784, 1000},
                                    {"fc3 1000x10", 1000, 10},
                                    {"lenet300 784x300", 784, 300},
                                    {"lenet300 300x100", 300, 100},
                                    {"fc5 1000x1000", 1000, 1000}};
  for (const nnc::LayerShape& l : layers)
    for (const size_t batch : {1, 64})
      for (int d = 2; d <= 64; d *= 2) {
        const nnc::Ratios r = nnc::measure(l, batch, 1.0 / d, repeats);
        std::printf("| %-16s | %5zu |   1/%-2d | %8.1f | %s | %s |\n", l.name, batch, d, r.dense_us,
                    nnc::summary(r.hashed).c_str(), nnc::summary(r.csr).c_str());
        std::fflush(stdout);
      }
  nnc::print_limits();
  return 0;
}
