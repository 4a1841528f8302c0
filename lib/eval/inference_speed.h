// Inference speed of one network at one batch size, timed in this thread's CPU time: on a shared
// machine other processes steal wall-clock time but not this thread's CPU time, so rates measured
// under load stay comparable (OpenBLAS computes on the calling thread with OPENBLAS_NUM_THREADS=1).
#ifndef NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_
#define NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_

#include <functional>
#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

// Quartiles of samples/s over the repeats.
struct SpeedQuartiles {
  double q1 = 0, median = 0, q3 = 0;
  int repeats = 0;
};

// Returns: the quartiles (linear interpolation) of `values`; throws when it is empty.
SpeedQuartiles quartiles(std::vector<double> values);

// Returns: samples/s of `forward` on `x` (x.shape(0) samples), `repeats` times. One repeat runs
// as many forward passes as fill `min_seconds` of thread CPU time (calibrated once), so a tiny
// model's repeat is not a single call below the clock's noise; one untimed pass first allocates
// the network's buffers.
SpeedQuartiles time_forward(const std::function<void(const Matrix&)>& forward, const Matrix& x,
                            int repeats, double min_seconds);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_INFERENCE_SPEED_H_
