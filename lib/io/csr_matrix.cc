#include "lib/io/csr_matrix.h"

#include <stdexcept>
#include <string>

namespace nnc {

CsrMatrix to_csr(const xt::xarray<float>& weight, const xt::xarray<float>& mask) {
  if (weight.dimension() == 0) throw std::runtime_error("to_csr: weight has rank 0");
  // A default xt::xarray is a 0-d scalar (one element), so "no mask" is rank 0, not size 0.
  const bool masked = mask.dimension() != 0;
  if (masked && mask.shape() != weight.shape()) {
    throw std::runtime_error("to_csr: mask of " + std::to_string(mask.size()) +
                             " entries does not fit a weight of " + std::to_string(weight.size()));
  }
  CsrMatrix m;
  m.rows = weight.shape(0);
  m.cols = m.rows ? weight.size() / m.rows : 0;
  m.row_start.reserve(m.rows + 1);
  m.row_start.push_back(0);
  const float* w = weight.data();
  const float* keep = masked ? mask.data() : nullptr;
  for (size_t r = 0; r < m.rows; ++r) {
    for (size_t c = 0; c < m.cols; ++c) {
      const size_t i = r * m.cols + c;
      if (keep ? keep[i] != 0.0f : true) {
        m.values.push_back(w[i]);
        m.columns.push_back(static_cast<uint32_t>(c));
      }
    }
    m.row_start.push_back(static_cast<uint32_t>(m.values.size()));
  }
  return m;
}

}  // namespace nnc
