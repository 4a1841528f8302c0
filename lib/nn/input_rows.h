// InputRows: the rows a network reads its inputs from, where they lie — a float matrix, or stored
// image bytes standing for their pixel values (lib/io/pixels.h). A training set kept as bytes moves
// a quarter of the memory its floats would through every epoch's randomly ordered batches, and on
// MNIST-sized sets that traffic, not the arithmetic, bounds a sparse or small network's step.
// Either way a row reads as the same floats, so results do not depend on the form.
#ifndef NNCOMPRESS_LIB_NN_INPUT_ROWS_H_
#define NNCOMPRESS_LIB_NN_INPUT_ROWS_H_

#include <cstdint>

#include "lib/io/idx.h"
#include "lib/nn/layer.h"

namespace nnc {

class InputRows {
 public:
  InputRows() = default;  // no rows
  // The rows of a float matrix (implicit: most callers hold one). It must outlive the reads.
  InputRows(const Matrix& floats)  // NOLINT(google-explicit-constructor)
      : floats_(floats.data()), rows_(floats.shape(0)), cols_(floats.shape(1)) {}
  // rows x cols bytes, row-major, each read as pixel_value(byte). They must outlive the reads.
  InputRows(const uint8_t* bytes, size_t rows, size_t cols)
      : bytes_(bytes), rows_(rows), cols_(cols) {}
  // The pixels of stored images as they lie, one row per image (they must outlive the reads).
  explicit InputRows(const IdxImages& images)
      : InputRows(images.pixels.data(), images.count, images.rows * images.cols) {}

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }
  // Returns: whether the rows are bytes (byte_row) rather than floats (float_row).
  bool in_bytes() const { return bytes_ != nullptr; }
  const float* float_row(size_t r) const { return floats_ + r * cols_; }
  const uint8_t* byte_row(size_t r) const { return bytes_ + r * cols_; }
  // Returns: where row r starts, floats or bytes.
  const void* row(size_t r) const {
    return in_bytes() ? static_cast<const void*>(byte_row(r)) : float_row(r);
  }

  // Writes rows idx[0..n) into dst (resized to n x cols) as floats.
  void gather(const size_t* idx, size_t n, Matrix& dst) const;
  // Asks the memory system for rows idx[0..n) into the second-level cache and returns at once (a
  // hint: nothing is read or written). Training calls it for the next batch before working on the
  // current one, whose work then hides the misses of a shuffled batch's rows.
  void prefetch(const size_t* idx, size_t n) const;

 private:
  size_t row_bytes() const { return cols_ * (in_bytes() ? 1 : sizeof(float)); }

  const float* floats_ = nullptr;
  const uint8_t* bytes_ = nullptr;
  size_t rows_ = 0, cols_ = 0;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_INPUT_ROWS_H_
