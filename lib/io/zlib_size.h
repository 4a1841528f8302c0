// The "gzipped size" yardstick: how small zlib alone makes a byte string, so the report can say
// whether a compressed encoding beats general-purpose compression of the plain float32 weights.
#ifndef NNCOMPRESS_LIB_IO_ZLIB_SIZE_H_
#define NNCOMPRESS_LIB_IO_ZLIB_SIZE_H_

#include <cstdint>
#include <string_view>

namespace nnc {

// Returns: the length of compress2(bytes, level 9) (a zlib stream: 2-byte header, deflate data,
// 4-byte Adler-32). Throws std::runtime_error when zlib fails.
int64_t zlib_size(std::string_view bytes);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_ZLIB_SIZE_H_
