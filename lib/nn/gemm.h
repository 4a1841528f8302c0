// sgemm: single-precision matrix product on row-major buffers, forwarded to OpenBLAS.
// Kept in its own translation unit because <cblas.h> conflicts with xtensor-blas's declarations;
// calling sgemm with transpose flags avoids materialising transposed copies.
#ifndef NNCOMPRESS_LIB_NN_GEMM_H_
#define NNCOMPRESS_LIB_NN_GEMM_H_

#include <cstddef>

namespace nnc {

// C (m x n) = alpha * op(A) * op(B) + beta * C, all row-major; op(A) is m x k, op(B) is k x n.
// lda/ldb/ldc are the row strides of A, B, C as stored (before transposition).
// Returns: nothing; writes C.
void sgemm(bool transpose_a, bool transpose_b, size_t m, size_t n, size_t k, float alpha,
           const float* a, size_t lda, const float* b, size_t ldb, float beta, float* c,
           size_t ldc);

// Sets the number of OpenBLAS threads (benchmarks pin 1; stages rely on OPENBLAS_NUM_THREADS=1).
void set_gemm_threads(int threads);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_GEMM_H_
