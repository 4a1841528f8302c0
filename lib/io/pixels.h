// Pixel values: byte b of a stored image stands for b/255 in [0, 1], the float nearest the
// quotient, float(b) / 255.0f. The one conversion of the tree: a split loaded as floats
// (dataset.h) and a batch read from its bytes where they lie (lib/nn/input_rows.h) use it, so the
// two give the same bits.
#ifndef NNCOMPRESS_LIB_IO_PIXELS_H_
#define NNCOMPRESS_LIB_IO_PIXELS_H_

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace nnc {

// Returns: b/255 correctly rounded.
inline float pixel_value(uint8_t b) { return static_cast<float>(b) / 255.0f; }

// Returns: pixel_value of p[0..8) as one AVX register. A vector division costs several times a
// product, so: q = b·fl(1/255), then q + fma(−q, 255, b)·fl(1/255), one Newton step on the exact
// residual, which gives the correctly rounded quotient for every byte (all 256 tested).
inline __m256 pixel_values8(const uint8_t* p) {
  const __m256 b = _mm256_cvtepi32_ps(
      _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
  const __m256 inv = _mm256_set1_ps(1.0f / 255.0f), d = _mm256_set1_ps(255.0f);
  const __m256 q = _mm256_mul_ps(b, inv);
  return _mm256_fmadd_ps(_mm256_fnmadd_ps(q, d, b), inv, q);
}

// Writes pixel_value(src[i]) to dst[i] for i < n.
void pixel_values(const uint8_t* src, size_t n, float* dst);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_PIXELS_H_
