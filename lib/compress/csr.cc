#include "lib/compress/csr.h"

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

void csr_forward(const CsrMatrix& w, const float* bias, const Matrix& x, Matrix& y) {
  if (x.shape(1) != w.cols) {
    throw std::runtime_error("csr_forward: input of shape batch x " + std::to_string(x.shape(1)) +
                             " does not fit a " + std::to_string(w.rows) + " x " +
                             std::to_string(w.cols) + " weight");
  }
  const size_t batch = x.shape(0);
  ensure_shape(y, batch, w.rows);
  if (batch == 1) {  // one sample: a plain sparse dot product per row
    for (size_t r = 0; r < w.rows; ++r) {
      float sum = bias ? bias[r] : 0.0f;
      for (uint32_t k = w.row_start[r]; k < w.row_start[r + 1]; ++k) {
        sum += w.values[k] * x.data()[w.columns[k]];
      }
      y.data()[r] = sum;
    }
    return;
  }
  // A batch: feature-major copies, so each kept weight updates all samples in one contiguous,
  // vectorisable loop (yᵀ[r, :] += w_rc · xᵀ[c, :]) instead of one gather per sample.
  std::vector<float> xt(w.cols * batch), yt(w.rows * batch);
  for (size_t b = 0; b < batch; ++b) {
    for (size_t c = 0; c < w.cols; ++c) xt[c * batch + b] = x.data()[b * w.cols + c];
  }
  for (size_t r = 0; r < w.rows; ++r) {
    float* out = yt.data() + r * batch;
    const float b0 = bias ? bias[r] : 0.0f;
    for (size_t b = 0; b < batch; ++b) out[b] = b0;
    for (uint32_t k = w.row_start[r]; k < w.row_start[r + 1]; ++k) {
      const float v = w.values[k];
      const float* in = xt.data() + size_t(w.columns[k]) * batch;
      for (size_t b = 0; b < batch; ++b) out[b] += v * in[b];
    }
  }
  for (size_t b = 0; b < batch; ++b) {
    for (size_t r = 0; r < w.rows; ++r) y.data()[b * w.rows + r] = yt[r * batch + b];
  }
}

CsrNetwork::CsrNetwork(const Network& net) : net_(net), csr_(net.size()), activations_(net.size()) {
  for (size_t i = 0; i < net_.size(); ++i) {
    const Layer& layer = net_.layer(i);
    if (layer.kind() != "dense" || !layer.param("weight").masked()) continue;
    const Param& weight = layer.param("weight");
    csr_[i] = to_csr(weight.value, weight.mask);
  }
}

const Matrix& CsrNetwork::forward(const Matrix& x) {
  const Matrix* in = &x;
  for (size_t i = 0; i < net_.size(); ++i) {
    Layer& layer = net_.layer(i);
    if (csr_[i].rows) {
      csr_forward(csr_[i], layer.param("bias").value.data(), *in, activations_[i]);
    } else {
      layer.forward(*in, activations_[i], Mode::kInfer, nullptr);
    }
    in = &activations_[i];
  }
  return *in;
}

size_t CsrNetwork::sparse_layers() const {
  size_t n = 0;
  for (const CsrMatrix& m : csr_) n += m.rows != 0;
  return n;
}

}  // namespace nnc
