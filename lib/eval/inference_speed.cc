#include "lib/eval/inference_speed.h"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nnc {
namespace {

// Returns: this thread's CPU time in seconds (as tests/bench/thread_clock.h).
double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Returns: thread CPU seconds of `passes` forward passes on x.
double time_passes(const Forward& forward, const Matrix& x, long passes) {
  const double start = thread_cpu_seconds();
  for (long i = 0; i < passes; ++i) forward(x);
  return thread_cpu_seconds() - start;
}

// Returns: the p-quantile of sorted values, interpolating between neighbours.
double quantile(const std::vector<double>& sorted, double p) {
  const double pos = p * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

SpeedQuartiles quartiles(std::vector<double> values) {
  if (values.empty()) throw std::runtime_error("quartiles: no values");
  std::sort(values.begin(), values.end());
  return {quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75), values.back(),
          static_cast<int>(values.size())};
}

long calibrate_passes(const Forward& forward, const Matrix& x, double min_seconds) {
  forward(x);  // untimed: allocates the activations the timed passes reuse
  long passes = 1;
  while (time_passes(forward, x, passes) < min_seconds && passes < (1L << 24)) passes *= 2;
  return passes;
}

double samples_per_second(const Forward& forward, const Matrix& x, long passes) {
  const double seconds = std::max(time_passes(forward, x, passes), 1e-9);
  return static_cast<double>(passes) * static_cast<double>(x.shape(0)) / seconds;
}

}  // namespace nnc
