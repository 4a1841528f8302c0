// Runs a libFuzzer target's LLVMFuzzerTestOneInput once on every file of the folders given as
// arguments, so the fuzz targets and their seed corpus also build and pass under the normal gcc
// build (`bazel test //tests/fuzz/...`); the fuzzing itself is tests/fuzz/run.sh with clang.
// Returns exit status 0 when every input passed (a failed input aborts), 1 on an unreadable folder.
#include <dirent.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    DIR* dir = ::opendir(argv[i]);
    if (!dir) {
      std::fprintf(stderr, "error: %s: cannot read the corpus folder\n", argv[i]);
      return 1;
    }
    while (const dirent* e = ::readdir(dir)) {
      const std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      const std::string bytes = nnc::read_file(std::string(argv[i]) + "/" + name);
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++inputs;
    }
    ::closedir(dir);
  }
  std::printf("%zu inputs passed\n", inputs);
  return inputs > 0 ? 0 : 1;
}
