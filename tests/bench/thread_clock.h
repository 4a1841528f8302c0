// The benchmarks' clock: CPU seconds of the calling thread.
#ifndef NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_
#define NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_

#include <time.h>

namespace nnc {

// Returns: this thread's CPU time in seconds. On a shared 2-core machine other processes steal
// wall-clock time but not this thread's CPU time, so rates stay comparable under load (OpenBLAS
// runs on the calling thread with OPENBLAS_NUM_THREADS=1).
inline double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_BENCH_THREAD_CLOCK_H_
