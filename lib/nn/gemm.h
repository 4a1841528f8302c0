// sgemm: single-precision matrix product on row-major buffers, forwarded to OpenBLAS.
// Kept in its own translation unit because <cblas.h> conflicts with xtensor-blas's declarations;
// calling sgemm with transpose flags avoids materialising transposed copies.
#ifndef NNCOMPRESS_LIB_NN_GEMM_H_
#define NNCOMPRESS_LIB_NN_GEMM_H_

#include <cstddef>
#include <string>
#include <vector>

namespace nnc {

// C (m x n) = alpha * op(A) * op(B) + beta * C, all row-major; op(A) is m x k, op(B) is k x n.
// lda/ldb/ldc are the row strides of A, B, C as stored (before transposition).
// Returns: nothing; writes C.
void sgemm(bool transpose_a, bool transpose_b, size_t m, size_t n, size_t k, float alpha,
           const float* a, size_t lda, const float* b, size_t ldb, float beta, float* c,
           size_t ldc);

// Sets the number of OpenBLAS threads (benchmarks pin 1; stages rely on OPENBLAS_NUM_THREADS=1).
void set_gemm_threads(int threads);

// Returns: the name of the OpenBLAS kernel in use (openblas_get_corename(): "Haswell" when
// OPENBLAS_CORETYPE pins it, else what OpenBLAS detected for this CPU, e.g. "Zen").
std::string gemm_kernel();

// The shape of one sgemm call, as the benchmarks record it to time a step's GEMMs alone.
struct GemmCall {
  bool transpose_a, transpose_b;
  size_t m, n, k, lda, ldb, ldc;
  float beta;
};

// Starts (calls != nullptr) or stops (nullptr) appending every sgemm call of this thread to
// *calls. Benchmarks only: the training step's "GEMM limit" replays what it recorded.
void record_gemm_calls(std::vector<GemmCall>* calls);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_GEMM_H_
