// The benchmarks time OpenBLAS as the pipeline's actions run it (.bazelrc's --action_env: one
// thread, the Haswell kernel), which `bazel run` does not pass to the program. OpenBLAS reads both
// settings when the library loads, before main, so setting them later is too late: a benchmark
// whose environment leaves either unset sets it and re-executes itself.
#ifndef NNCOMPRESS_TESTS_BENCH_PIPELINE_KERNEL_H_
#define NNCOMPRESS_TESTS_BENCH_PIPELINE_KERNEL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lib/nn/gemm.h"

namespace nnc {

// Re-executes the program (argv) with OPENBLAS_NUM_THREADS=1 and OPENBLAS_CORETYPE=Haswell where
// they are unset; returns when both are set. A value set in the environment is kept, so
// OPENBLAS_CORETYPE=Zen (say) measures that kernel instead, as kernel_line() then says.
inline void run_with_pipeline_kernel(char** argv) {
  if (std::getenv("OPENBLAS_NUM_THREADS") && std::getenv("OPENBLAS_CORETYPE")) return;
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  setenv("OPENBLAS_CORETYPE", "Haswell", 0);
  execv("/proc/self/exe", argv);
  std::perror("benchmark: re-executing with OPENBLAS_CORETYPE set failed");
  std::exit(1);
}

// Returns: "OpenBLAS kernel <the one dispatched to> (OPENBLAS_CORETYPE=<as set>)", for the
// benchmarks' headers.
inline std::string kernel_line() {
  const char* coretype = std::getenv("OPENBLAS_CORETYPE");
  return "OpenBLAS kernel " + gemm_kernel() +
         " (OPENBLAS_CORETYPE=" + (coretype ? coretype : "unset") + ")";
}

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_BENCH_PIPELINE_KERNEL_H_
