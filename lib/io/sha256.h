// SHA-256 digests as lowercase hex: how every input and output of the pipeline is pinned
// (dataset manifests, model checksums, evaluation provenance).
#ifndef NNCOMPRESS_LIB_IO_SHA256_H_
#define NNCOMPRESS_LIB_IO_SHA256_H_

#include <string>
#include <string_view>

namespace nnc {

// Returns: the SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// Returns: the SHA-256 of the file at `path` as 64 lowercase hex digits.
// Throws std::runtime_error("<path>: cannot read ...") if the file cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_SHA256_H_
