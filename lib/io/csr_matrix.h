// CsrMatrix: a weight tensor as compressed sparse rows, the form a csr file stores
// (lib/io/compressed_file.h) and pruned networks' inference multiplies with (lib/compress/csr.h).
#ifndef NNCOMPRESS_LIB_IO_CSR_MATRIX_H_
#define NNCOMPRESS_LIB_IO_CSR_MATRIX_H_

#include <cstddef>
#include <cstdint>
#include <vector>
#include <xtensor/xarray.hpp>

namespace nnc {

// A rows x cols matrix keeping only its kept entries, row by row (columns ascending in a row).
struct CsrMatrix {
  size_t rows = 0, cols = 0;
  std::vector<uint32_t> row_start;  // rows + 1 offsets into values
  std::vector<uint32_t> columns;    // column of each kept value
  std::vector<float> values;        // the kept entries, row-major order
};

// Returns: the entries of `weight` (rank >= 1; rows = first dimension, columns = the rest) whose
// `mask` entry is nonzero (all entries when mask has rank 0, i.e. no mask). Throws
// std::runtime_error for a weight of rank 0 or a mask of another shape.
CsrMatrix to_csr(const xt::xarray<float>& weight, const xt::xarray<float>& mask);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_CSR_MATRIX_H_
