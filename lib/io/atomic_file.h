// Writing outputs all-or-nothing: a stage that fails must leave no partial file behind, because a
// partial file in Bazel's (possibly shared) cache would poison every later run that reads it.
#ifndef NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_
#define NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_

#include <string>
#include <string_view>

namespace nnc {

// Writes `bytes` to "<path>.tmp" then renames it to `path` (rename is atomic on POSIX).
// Throws std::runtime_error("<path>: cannot write (...)") and removes the temporary on failure.
void write_file_atomic(const std::string& path, std::string_view bytes);

// Returns: the whole file at `path`. Throws std::runtime_error("<path>: cannot read (...)").
std::string read_file(const std::string& path);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_
