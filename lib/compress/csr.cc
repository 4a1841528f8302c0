#include "lib/compress/csr.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "lib/nn/floats8.h"

namespace nnc {

namespace {

// One sample: a sparse dot product per row. Four partial sums break the chain of dependent adds
// (one FMA latency per kept weight otherwise), which measured 2-3x faster at batch 1.
void csr_forward_one(const CsrMatrix& w, const float* bias, const float* x, float* y) {
  for (size_t r = 0; r < w.rows; ++r) {
    const float* v = w.values.data();
    const uint32_t* col = w.columns.data();
    uint32_t k = w.row_start[r];
    const uint32_t end = w.row_start[r + 1];
    float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
    for (; k + 4 <= end; k += 4) {
      s0 += v[k] * x[col[k]];
      s1 += v[k + 1] * x[col[k + 1]];
      s2 += v[k + 2] * x[col[k + 2]];
      s3 += v[k + 3] * x[col[k + 3]];
    }
    for (; k < end; ++k) s0 += v[k] * x[col[k]];
    y[r] = (bias ? bias[r] : 0.0f) + ((s0 + s1) + (s2 + s3));
  }
}

// Samples [b0, b0 + 8·kVectors) of a batch whose input is feature-major (xt[c·stride + b], stride
// a multiple of 8, zero-padded): each kept weight updates kVectors accumulator registers, so the
// weights stream once per block of samples. Writes only the first `valid` samples. Per output the
// sum is bias, then the kept weights in column order (as the one-sample path was before).
template <size_t kVectors>
void csr_forward_block(const CsrMatrix& w, const float* bias, const float* xt, size_t stride,
                       size_t b0, size_t valid, float* y) {
  for (size_t r = 0; r < w.rows; ++r) {
    Floats8 acc[kVectors];
    const float b = bias ? bias[r] : 0.0f;
    for (size_t j = 0; j < kVectors; ++j) acc[j] = splat8(b);
    for (uint32_t k = w.row_start[r]; k < w.row_start[r + 1]; ++k) {
      const Floats8 v = splat8(w.values[k]);
      const float* in = xt + size_t(w.columns[k]) * stride + b0;
      for (size_t j = 0; j < kVectors; ++j) acc[j] += v * load8(in + 8 * j);
    }
    for (size_t j = 0; j < valid; ++j) y[(b0 + j) * w.rows + r] = acc[j / 8][j % 8];
  }
}

// xt[c·stride + b] = x[b·cols + c], and 0 for the padding samples b ∈ [batch, stride). Eight
// features at a time, so the eight rows of xt being written stay in L1 while the samples go by
// (a plain transposition, one cache line per write, cost more than the 1000x10 layer's product).
void transpose_padded(const float* x, size_t batch, size_t cols, size_t stride, float* xt) {
  for (size_t c0 = 0; c0 < cols; c0 += 8) {
    const size_t c1 = std::min(cols, c0 + 8);
    for (size_t b = 0; b < batch; ++b)
      for (size_t c = c0; c < c1; ++c) xt[c * stride + b] = x[b * cols + c];
    for (size_t c = c0; c < c1; ++c)
      std::fill(xt + c * stride + batch, xt + (c + 1) * stride, 0.0f);
  }
}

// Returns: true when one sparse dot per sample and row (a gather per kept weight and sample) costs
// less than transposing the input for the block kernel (a move per input entry): when the layer
// keeps fewer weights than it has inputs, as a small output layer at a low factor does (1000x10:
// measured 0.49 ns per gather, 0.55 ns per transposed entry).
bool per_sample_is_cheaper(const CsrMatrix& w) { return w.values.size() < w.cols; }

}  // namespace

void csr_forward(const CsrMatrix& w, const float* bias, const Matrix& x, Matrix& y) {
  if (x.shape(1) != w.cols) {
    throw std::runtime_error("csr_forward: input of shape batch x " + std::to_string(x.shape(1)) +
                             " does not fit a " + std::to_string(w.rows) + " x " +
                             std::to_string(w.cols) + " weight");
  }
  const size_t batch = x.shape(0);
  ensure_shape(y, batch, w.rows);
  if (batch == 1 || per_sample_is_cheaper(w)) {
    for (size_t b = 0; b < batch; ++b)
      csr_forward_one(w, bias, x.data() + b * w.cols, y.data() + b * w.rows);
    return;
  }
  // A batch: a feature-major copy of x (the batch contiguous, padded to whole AVX registers), so
  // each kept weight updates a block of samples in one vectorised loop (yᵀ[r, :] += w_rc·xᵀ[c, :])
  // instead of one gather per sample. The copy is kept per thread across calls (no allocation).
  const size_t stride = (batch + 7) / 8 * 8;
  thread_local std::vector<float> xt;
  xt.resize(w.cols * stride);
  transpose_padded(x.data(), batch, w.cols, stride, xt.data());
  size_t b0 = 0;
  for (; b0 + 64 <= batch; b0 += 64)
    csr_forward_block<8>(w, bias, xt.data(), stride, b0, 64, y.data());
  for (; b0 < batch; b0 += 8)
    csr_forward_block<1>(w, bias, xt.data(), stride, b0, std::min<size_t>(8, batch - b0), y.data());
}

}  // namespace nnc
