#include "lib/io/zlib_size.h"

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace nnc {

int64_t zlib_size(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::vector<Bytef> out(size);
  const int status = compress2(out.data(), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                               static_cast<uLong>(bytes.size()), 9);
  if (status != Z_OK)
    throw std::runtime_error("zlib compress2 failed (" + std::to_string(status) + ")");
  return static_cast<int64_t>(size);
}

}  // namespace nnc
