// Writing outputs all-or-nothing: a stage that fails must leave no partial file behind, because a
// partial file in Bazel's (possibly shared) cache would poison every later run that reads it.
#ifndef NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_
#define NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnc {

// Writes `bytes` to "<path>.tmp" then renames it to `path` (rename is atomic on POSIX).
// Throws std::runtime_error("<path>: cannot write (...)") and removes the temporary on failure.
void write_file_atomic(const std::string& path, std::string_view bytes);

// Writes several files all-or-nothing as a group (a stage's model, log and timing): every file
// goes to "<path>.tmp" first, and only when all are written are they renamed into place, so an
// unwritable second output never leaves the first one behind. Entries with an empty path are
// skipped (optional outputs). Throws like write_file_atomic, after removing every temporary and
// every file already renamed.
void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files);

// Returns: the whole file at `path`. Throws std::runtime_error("<path>: cannot read (...)"), also
// for a directory.
std::string read_file(const std::string& path);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_ATOMIC_FILE_H_
