// The sparse path of a masked dense layer (issue 21): the kept weights of an out x in mask as an
// index, built once per mask, and the kernels that run y = x·Wᵀ + b, dL/dW at the kept positions
// and dL/dx on it, each in work proportional to kept weights × batch.
//
// The weights themselves stay in the layer's dense `value` (read through each entry's flat index)
// and the gradient is written into the dense `grad`: the optimiser, model files and pruning see the
// same tensors as on the dense path, and a pruned weight stays exactly 0.
//
// Layout: the batch is transposed into feature-major scratch (a feature's samples contiguous,
// padded with zeros to a multiple of 8), so each kept weight is one vector FMA over the batch.
// Sums run in a fixed order (bias, then kept weights by ascending column for y; ascending row for
// dx; ascending sample for dW), so reruns give the same bits; that order differs from OpenBLAS's,
// so results differ from the dense path within float rounding (docs/DESIGN.md, "Sparse training").
#ifndef NNCOMPRESS_LIB_NN_SPARSE_DENSE_H_
#define NNCOMPRESS_LIB_NN_SPARSE_DENSE_H_

#include <cstdint>
#include <vector>
#include <xsimd/memory/xsimd_aligned_allocator.hpp>

#include "lib/nn/input_rows.h"
#include "lib/nn/layer.h"

namespace nnc {

// The kept entries of an out x in mask, by row (CSR) and by column (CSC over the columns that
// keep at least one weight, the "used" columns; the others take no part in any product).
struct KeptWeights {
  size_t out = 0, in = 0;
  std::vector<uint32_t> used_columns;  // ascending
  std::vector<int32_t> column_slot;    // per column: its position in used_columns, or -1
  std::vector<uint32_t> used_groups;   // ascending first columns of the 8-column groups in use
  // By row: entries row_start[r] .. row_start[r + 1] of row r, ascending column.
  std::vector<uint32_t> row_start, row_slot, row_flat;  // slot = position in used_columns
  // By used column u: entries col_start[u] .. col_start[u + 1], ascending row.
  std::vector<uint32_t> col_start, col_row, col_flat;  // flat = r·in + c, into value and grad

  // Returns: the number of kept weights.
  size_t kept() const { return row_flat.size(); }
};

// Returns: the index of the kept entries of an out x in mask, given as ascending flat indices
// (Param::kept).
KeptWeights index_kept_weights(const std::vector<uint32_t>& kept, size_t out, size_t in);

// Returns: true when a masked dense layer of this shape, keeping `kept` weights, runs its training
// step faster on the sparse path at this batch size (the rule and its measured basis: DESIGN.md).
bool sparse_dense_pays(size_t kept, size_t out, size_t in, size_t batch);

// Float scratch on 64-byte boundaries: its rows are a multiple of 8 floats long, so every 32-byte
// load and store of the kernels lies within one cache line; from malloc's 16-byte alignment half
// of them split two lines (measured on one thread, 2-core AMD EPYC, 2026-12-05, forward + backward
// of lenet300's first layer at density 0.1, batch 64: 261 -> 233 µs; sig30's, batch 100: 60 -> 53
// µs; medians of 3 alternating rounds; bits identical). A copy is aligned as well.
using AlignedFloats = std::vector<float, xsimd::aligned_allocator<float, 64>>;

// Scratch of the sparse path, kept by the layer across batches (the forward's transposed input
// serves the weight gradient of the same batch).
struct SparseDenseScratch {
  AlignedFloats xt;                       // used columns x padded batch
  AlignedFloats dyt;                      // out x padded batch
  AlignedFloats yt;                       // out x padded batch: the forward's outputs, transposed
  AlignedFloats dxt;                      // in x padded batch: dL/dx, transposed
  std::vector<const float*> rows;         // the batch's samples, where they lie
  std::vector<const uint8_t*> byte_rows;  // the same, when they are bytes (InputRows)
  std::vector<const float*> line_rows;    // the rows of yt or dxt, to transpose them back
};

// Computes y = x·Wᵀ + bias (y resized to batch x out) from the kept entries of w (out x in, dense
// row-major); fills s.xt for sparse_dense_backward of the same batch.
void sparse_dense_forward(const KeptWeights& k, const float* w, const float* bias, const Matrix& x,
                          Matrix& y, SparseDenseScratch& s);

// As sparse_dense_forward for x = rows rows[0..m) of src (src.cols() == k.in), read where they
// lie, floats or bytes: the batch is never gathered, and only the 8-column blocks holding a used
// column are read (the same bits as gathering the rows first and calling sparse_dense_forward).
void sparse_dense_forward_rows(const KeptWeights& k, const float* w, const float* bias,
                               const InputRows& src, const size_t* rows, size_t m, Matrix& y,
                               SparseDenseScratch& s);

// Given dy (batch x out) after sparse_dense_forward(_rows) of the same batch: overwrites grad_w
// (out x in) with dL/dW at the kept entries, leaving the others as they are (the caller keeps them
// 0), and, when dx != null, *dx (resized to batch x in) with dy·W. The bias gradient is the
// caller's (the same loop as the dense path's).
void sparse_dense_backward(const KeptWeights& k, const float* w, const Matrix& dy, float* grad_w,
                           Matrix* dx, SparseDenseScratch& s);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_SPARSE_DENSE_H_
