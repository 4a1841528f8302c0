// Driving the real stage binaries (pipeline/{train,compress,evaluate,aggregate}, data deps of the
// test) on a tiny synthetic dataset, and checking what a failed run leaves behind.
#ifndef NNCOMPRESS_TESTS_RELIABILITY_STAGE_RUNNER_H_
#define NNCOMPRESS_TESTS_RELIABILITY_STAGE_RUNNER_H_

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/idx.h"
#include "lib/nn/random.h"

namespace nnc {
namespace testing {

inline std::string tmp_dir() { return std::getenv("TEST_TMPDIR"); }

inline std::string make_dir(const std::string& path) {
  ::mkdir(path.c_str(), 0755);
  return path;
}

// Writes a dataset of 8x8 images to `dir` (class c lights row 2c, plus noise; 3 classes) with the
// given sample counts per split. Returns: dir.
inline std::string make_dataset(const std::string& dir, size_t train = 90, size_t valid = 30,
                                size_t test = 30) {
  make_dir(dir);
  Rng rng(1);
  for (const auto& [split, n] :
       {std::pair<std::string, size_t>{"train", train}, {"valid", valid}, {"test", test}}) {
    IdxImages images{n, 8, 8, std::vector<uint8_t>(n * 64)};
    std::vector<uint8_t> labels(n);
    for (size_t i = 0; i < n; ++i) {
      labels[i] = static_cast<uint8_t>(rng.below(3));
      for (size_t p = 0; p < 64; ++p)
        images.pixels[i * 64 + p] =
            static_cast<uint8_t>((p / 8 == 2u * labels[i] ? 200 : 0) + rng.below(50));
    }
    write_idx_images(dir + "/" + split_images_file(split), images);
    write_idx_labels(dir + "/" + split_labels_file(split), labels);
  }
  return dir;
}

// Writes make_dataset's dataset to `dir` without its test split, which only the evaluate stage may
// read: train and compress must run just the same without it. Returns: dir.
inline std::string make_dataset_without_test(const std::string& dir) {
  make_dataset(dir);
  std::remove((dir + "/" + split_images_file("test")).c_str());
  std::remove((dir + "/" + split_labels_file("test")).c_str());
  return dir;
}

// Returns: a copy of the dataset folder `from` at `to` (files copied, so they can be damaged).
inline std::string copy_dataset(const std::string& from, const std::string& to) {
  make_dir(to);
  for (const char* split : {"train", "valid", "test"})
    for (const std::string& name : {split_images_file(split), split_labels_file(split)})
      write_file_atomic(to + "/" + name, read_file(from + "/" + name));
  return to;
}

// Returns: the names in folder `dir` (no "." or ".."), sorted; empty if dir does not exist.
inline std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Removes `path` and everything under it.
inline void remove_tree(const std::string& path) {
  for (const std::string& name : files_in(path)) remove_tree(path + "/" + name);
  std::remove(path.c_str());
}

// Returns: how many lines of `text` start with "error: ".
inline size_t error_lines(const std::string& text) {
  size_t n = 0;
  for (size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
    n += text.compare(at, 7, "error: ") == 0;
    if (text.find('\n', at) == std::string::npos) break;
  }
  return n;
}

struct StageRun {
  int status = -1;  // exit status, or -1 if the process did not exit normally (a crash)
  std::string err;  // all of stderr
  // Returns: the last line of stderr (the error line of a failed stage).
  std::string last_line() const {
    std::string e = err;
    while (!e.empty() && e.back() == '\n') e.pop_back();
    return e.substr(e.find_last_of('\n') == std::string::npos ? 0 : e.find_last_of('\n') + 1);
  }
};

// Flags of a stage invocation: flag -> values (a flag may repeat, e.g. --id); "" holds positionals.
using Flags = std::map<std::string, std::vector<std::string>>;

// Returns: `base` with every flag of `changes` replaced (an empty value list removes the flag).
inline Flags with(Flags base, const Flags& changes) {
  for (const auto& [flag, values] : changes) {
    if (values.empty())
      base.erase(flag);
    else
      base[flag] = values;
  }
  return base;
}

// Runs `pipeline/<stage> <args>` through the shell (one OpenBLAS thread, as in the build); its
// stdout goes to <tmp>/stdout.txt.
inline StageRun run_stage(const std::string& stage, const std::string& args) {
  const std::string err_path = tmp_dir() + "/stderr.txt";
  const int rc = std::system(("OPENBLAS_NUM_THREADS=1 pipeline/" + stage + " " + args + " 2>" +
                              err_path + " >" + tmp_dir() + "/stdout.txt")
                                 .c_str());
  StageRun run;
  run.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  run.err = read_file(err_path);
  return run;
}

// Runs pipeline/<stage> with `flags`, each value quoted for the shell.
inline StageRun run_stage(const std::string& stage, const Flags& flags) {
  std::string args;
  for (const auto& [flag, values] : flags)
    for (const std::string& v : values) args += (flag.empty() ? " '" : " " + flag + " '") + v + "'";
  return run_stage(stage, args);
}

// Returns: true when `path` names an existing file or folder.
inline bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace testing
}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_RELIABILITY_STAGE_RUNNER_H_
