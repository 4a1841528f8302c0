// Compressed sparse row (CSR) matrices and their product, the kernel of pruned networks' inference:
// a csr file's dense layers run through csr_forward (lib/compress/compressed_network.h), which the
// speed stage times against the dense kernel.
#ifndef NNCOMPRESS_LIB_COMPRESS_CSR_H_
#define NNCOMPRESS_LIB_COMPRESS_CSR_H_

#include <cstdint>
#include <vector>

#include "lib/nn/network.h"

namespace nnc {

// A rows x cols matrix keeping only its nonzero-mask entries, row by row.
struct CsrMatrix {
  size_t rows = 0, cols = 0;
  std::vector<float> values;        // the kept entries, row-major order
  std::vector<uint32_t> columns;    // their column indices
  std::vector<uint32_t> row_start;  // rows + 1 offsets into values
};

// Returns: the entries of `weight` (rank >= 1; rows = first dimension, columns = the rest) whose
// `mask` entry is nonzero (all entries when mask has rank 0, i.e. no mask). Throws when the shapes
// differ.
CsrMatrix to_csr(const xt::xarray<float>& weight, const xt::xarray<float>& mask);

// Computes y = x·Wᵀ + bias (y resized to batch x w.rows), x of shape batch x w.cols.
// Throws std::runtime_error naming the shapes when they do not fit.
void csr_forward(const CsrMatrix& w, const float* bias, const Matrix& x, Matrix& y);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_CSR_H_
