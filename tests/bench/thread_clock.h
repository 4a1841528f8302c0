// The benchmarks' clock: CPU seconds of the calling thread, and the timing loops built on it.
#ifndef NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_
#define NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_

#include <time.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace nnc {

// Returns: this thread's CPU time in seconds. On a shared 2-core machine other processes steal
// wall-clock time but not this thread's CPU time, so rates stay comparable under load (OpenBLAS
// runs on the calling thread with OPENBLAS_NUM_THREADS=1).
inline double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Returns: the median of v.
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Returns: how many calls of fn last at least `seconds` of thread CPU time (after a warm-up call,
// which allocates).
template <typename Fn>
size_t calibrate(Fn fn, double seconds) {
  fn();
  size_t reps = 1;
  for (;;) {
    const double t0 = thread_cpu_seconds();
    for (size_t r = 0; r < reps; ++r) fn();
    if (thread_cpu_seconds() - t0 >= seconds) return reps;
    reps *= 2;
  }
}

// Returns: samples/s of `reps` calls of fn, each processing `samples` samples.
template <typename Fn>
double rate(size_t reps, size_t samples, Fn fn) {
  const double t0 = thread_cpu_seconds();
  for (size_t r = 0; r < reps; ++r) fn();
  return static_cast<double>(samples * reps) / (thread_cpu_seconds() - t0);
}

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_
