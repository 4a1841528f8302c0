// Inference speed of one network at one batch size, timed in this thread's CPU time: on a shared
// machine other processes steal wall-clock time but not this thread's CPU time, so rates measured
// under load stay comparable (OpenBLAS computes on the calling thread with OPENBLAS_NUM_THREADS=1).
// What load still does (a neighbour on the same core's other hardware thread, caches and memory
// bandwidth shared) only ever slows a repeat down, never speeds it up.
#ifndef NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_
#define NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_

#include <functional>
#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

// Quartiles and maximum of samples/s over the repeats.
struct SpeedQuartiles {
  double q1 = 0, median = 0, q3 = 0, max = 0;
  int repeats = 0;
};

// Returns: the quartiles (linear interpolation) and maximum of `values`; throws when it is empty.
SpeedQuartiles quartiles(std::vector<double> values);

using Forward = std::function<void(const Matrix&)>;

// Returns: how many forward passes on x fill `min_seconds` of thread CPU time (doubling from one,
// at most 2^24), after one untimed pass that allocates the network's buffers. One repeat runs that
// many passes, so a tiny model's repeat is not a single call below the clock's noise.
long calibrate_passes(const Forward& forward, const Matrix& x, double min_seconds);

// Returns: samples/s of `passes` forward passes on x (x.shape(0) samples each), thread CPU time.
double samples_per_second(const Forward& forward, const Matrix& x, long passes);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_
