#include "lib/nn/gemm.h"

#include <cblas.h>

namespace nnc {
namespace {

thread_local std::vector<GemmCall>* recorded_calls = nullptr;

}  // namespace

void sgemm(bool transpose_a, bool transpose_b, size_t m, size_t n, size_t k, float alpha,
           const float* a, size_t lda, const float* b, size_t ldb, float beta, float* c,
           size_t ldc) {
  if (m == 0 || n == 0) return;
  if (recorded_calls)
    recorded_calls->push_back({transpose_a, transpose_b, m, n, k, lda, ldb, ldc, beta});
  cblas_sgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
              transpose_b ? CblasTrans : CblasNoTrans, static_cast<int>(m), static_cast<int>(n),
              static_cast<int>(k), alpha, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta,
              c, static_cast<int>(ldc));
}

void set_gemm_threads(int threads) { openblas_set_num_threads(threads); }

std::string gemm_kernel() {
  // Debian's libopenblas0 exports openblas_get_corename (checked with nm -D); the kernel it
  // names is the one OpenBLAS dispatched to, whatever OPENBLAS_CORETYPE asked for.
  const char* name = openblas_get_corename();
  return name ? name : "unknown";
}

void record_gemm_calls(std::vector<GemmCall>* calls) { recorded_calls = calls; }

}  // namespace nnc
