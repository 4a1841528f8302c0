// Floats8: eight floats as one AVX register, through GCC's vector extension (no intrinsics), for
// loops the auto-vectoriser leaves scalar (measured: CSR's blocks of samples, lib/compress/csr.cc).
// Element-wise arithmetic only, so each lane computes exactly what the scalar loop did.
#ifndef NNCOMPRESS_LIB_NN_FLOATS8_H_
#define NNCOMPRESS_LIB_NN_FLOATS8_H_

#include <cstring>

namespace nnc {

typedef float Floats8 __attribute__((vector_size(32)));

// Returns: p[0..8) (an unaligned load).
inline Floats8 load8(const float* p) {
  Floats8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Writes v to p[0..8) (an unaligned store).
inline void store8(float* p, Floats8 v) { std::memcpy(p, &v, sizeof v); }

// Returns: x in every lane.
inline Floats8 splat8(float x) { return Floats8{} + x; }

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_FLOATS8_H_
