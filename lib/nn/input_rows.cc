#include "lib/nn/input_rows.h"

#include <cstring>

#include "lib/io/pixels.h"

namespace nnc {
namespace {

// Rows ahead whose cache lines gather requests while it converts the current one: the rows of a
// shuffled batch lie anywhere in a set larger than the caches, and the hardware prefetcher only
// follows a row once it has been entered, so each row would otherwise start with a miss.
constexpr size_t kPrefetchRows = 4;

// Requests the cache lines of p[0..bytes), into L1 (locality 3) or L2 only (locality 2).
template <int kLocality = 3>
void request_lines(const void* p, size_t bytes) {
  const char* c = static_cast<const char*>(p);
  for (size_t i = 0; i < bytes; i += 64) __builtin_prefetch(c + i, 0, kLocality);
  __builtin_prefetch(c + bytes - 1, 0, kLocality);  // the last line, when the row starts mid-line
}

}  // namespace

void InputRows::gather(const size_t* idx, size_t n, Matrix& dst) const {
  ensure_shape(dst, n, cols_);
  for (size_t r = 0; r < n; ++r) {
    if (r + kPrefetchRows < n) request_lines(row(idx[r + kPrefetchRows]), row_bytes());
    float* out = dst.data() + r * cols_;
    if (in_bytes()) {
      pixel_values(byte_row(idx[r]), cols_, out);
    } else {
      std::memcpy(out, float_row(idx[r]), cols_ * sizeof(float));
    }
  }
}

void InputRows::prefetch(const size_t* idx, size_t n) const {
  for (size_t r = 0; r < n; ++r) request_lines<2>(row(idx[r]), row_bytes());
}

}  // namespace nnc
