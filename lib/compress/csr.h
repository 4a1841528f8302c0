// The product with a compressed sparse row matrix (lib/io/csr_matrix.h), the kernel of pruned
// networks' inference: a csr file's dense layers run through csr_forward
// (lib/compress/compressed_network.h), which the speed stage times against the dense kernel.
#ifndef NNCOMPRESS_LIB_COMPRESS_CSR_H_
#define NNCOMPRESS_LIB_COMPRESS_CSR_H_

#include <cstdint>
#include <vector>

#include "lib/io/csr_matrix.h"
#include "lib/nn/network.h"

namespace nnc {

// Computes y = x·Wᵀ + bias (y resized to batch x w.rows), x of shape batch x w.cols.
// Throws std::runtime_error naming the shapes when they do not fit.
void csr_forward(const CsrMatrix& w, const float* bias, const Matrix& x, Matrix& y);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_CSR_H_
