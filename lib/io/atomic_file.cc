#include "lib/io/atomic_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nnc {

namespace {

// Writes `bytes` to "<path>.tmp"; throws (leaving no temporary) on failure.
void write_temporary(const std::string& path, std::string_view bytes) {
  const std::string temporary = path + ".tmp";
  FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  int error = errno;
  if (std::fclose(file) != 0)
    error = errno;
  else if (written)
    return;
  std::remove(temporary.c_str());
  throw std::runtime_error(path + ": cannot write (" + std::strerror(error) + ")");
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view bytes) {
  write_files_atomic({{path, std::string(bytes)}});
}

void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files) {
  size_t written = 0, renamed = 0;
  try {
    for (; written < files.size(); ++written)
      if (!files[written].first.empty())
        write_temporary(files[written].first, files[written].second);
    for (; renamed < files.size(); ++renamed) {
      const std::string& path = files[renamed].first;
      if (!path.empty() && std::rename((path + ".tmp").c_str(), path.c_str()) != 0)
        throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
    }
  } catch (...) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (files[i].first.empty()) continue;
      if (i < renamed)
        std::remove(files[i].first.c_str());
      else if (i < written)
        std::remove((files[i].first + ".tmp").c_str());
    }
    throw;
  }
}

std::string read_file(const std::string& path) {
  struct stat info;
  // An ifstream opens a directory without complaint and reads nothing.
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw std::runtime_error(path + ": cannot read (" + std::strerror(EISDIR) + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read (" + std::strerror(errno) + ")");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace nnc
