// Finding the four MNIST-format raw files (train/t10k images/labels) in a list of paths, so a
// dataset action can take a whole pinned repository (@mnist_raw//:files) as one input.
#ifndef NNCOMPRESS_DATA_RAW_FILES_H_
#define NNCOMPRESS_DATA_RAW_FILES_H_

#include <stdexcept>
#include <string>
#include <vector>

namespace nnc {

// Returns: the one path in `files` whose file name starts with `stem` (e.g. "train-images"),
// ignoring any ".gz". Throws std::runtime_error naming `stem` if there is none or more than one.
inline std::string find_raw_file(const std::vector<std::string>& files, const std::string& stem) {
  std::string found;
  for (const std::string& path : files) {
    const size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.compare(0, stem.size(), stem) != 0) continue;
    if (!found.empty())
      throw std::runtime_error("two raw files match " + stem + ": " + found + " and " + path);
    found = path;
  }
  if (found.empty()) throw std::runtime_error("no raw file named " + stem + "* among the inputs");
  return found;
}

}  // namespace nnc

#endif  // NNCOMPRESS_DATA_RAW_FILES_H_
