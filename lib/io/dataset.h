// Datasets in the study's canonical on-disk form, loaded with their pixels as stored bytes (train,
// compress and evaluate read those) or as float tensors (the speed stages, tests).
//
// A dataset is a folder (e.g. bazel-bin/data/mnist) holding, for each split in {train, valid,
// test}, <split>-images-idx3-ubyte and <split>-labels-idx1-ubyte (uncompressed ubyte IDX, see
// idx.h), plus manifest.json (counts, class histograms, sha256 of inputs and outputs; written by
// //data).
#ifndef NNCOMPRESS_LIB_IO_DATASET_H_
#define NNCOMPRESS_LIB_IO_DATASET_H_

#include <cstddef>
#include <string>
#include <vector>
#include <xtensor/xtensor.hpp>

#include "lib/io/idx.h"

namespace nnc {

// One split of a dataset in the canonical on-disk form.
struct Split {
  xt::xtensor<float, 2> images;  // n x (rows*cols), pixel/255 in [0,1], row-major pixels
  std::vector<int> labels;       // n labels in [0, classes)
  size_t rows = 0, cols = 0;     // image geometry (28x28 for every dataset here)
  size_t classes = 0;            // 10, or 2 for rect/convex (from the manifest or max label+1)
};

// One split as stored, its pixels still unsigned bytes, which the train, compress and evaluate
// stages read where they lie (InputRows, lib/nn/input_rows.h): a 50000-image split would take
// 157 MB as floats, and a shuffled epoch would move four times the memory.
struct ByteSplit {
  IdxImages images;         // the first `count` images (cut to the limit)
  std::vector<int> labels;  // count labels in [0, classes)
  size_t classes = 0;       // as Split::classes
};

// Returns: the split, as load_split reads and checks it, with its pixels left as bytes.
ByteSplit load_byte_split(const std::string& dir, const std::string& split, size_t limit = 0);

// Writes images [start, start + n) of `images` into dst (resized to n x rows*cols) as pixel/255:
// the one conversion every loader uses, so a batch converted alone equals its rows of a Split.
// Throws std::runtime_error naming the range when it runs past images.count.
void pixels_to_floats(const IdxImages& images, size_t start, size_t n, xt::xtensor<float, 2>& dst);

// Reads <dir>/<split>-images-idx3-ubyte and <dir>/<split>-labels-idx1-ubyte (split: "train",
// "valid" or "test"); limit > 0 keeps only the first `limit` samples (smoke profiles).
// Returns: the split; `classes` is the manifest's "classes" when <dir>/manifest.json exists, else
// the largest label of the whole file + 1 (so a small `limit` does not shrink it).
// Throws std::runtime_error naming the file on any IDX error (see idx.h), an image/label count
// mismatch, an empty split, an unknown split name, or a label outside [0, classes).
Split load_split(const std::string& dir, const std::string& split, size_t limit = 0);

// Returns: the canonical file name of a split's images ("<split>-images-idx3-ubyte") or labels
// ("<split>-labels-idx1-ubyte"), the names //data writes.
std::string split_images_file(const std::string& split);
std::string split_labels_file(const std::string& split);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_DATASET_H_
