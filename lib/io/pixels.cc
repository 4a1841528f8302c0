#include "lib/io/pixels.h"

namespace nnc {

void pixel_values(const uint8_t* src, size_t n, float* dst) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(dst + i, pixel_values8(src + i));
  for (; i < n; ++i) dst[i] = pixel_value(src[i]);
}

}  // namespace nnc
