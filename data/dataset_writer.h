// Writes a dataset in the canonical on-disk form read by lib/io/dataset.h: per split (train,
// valid, test) an images and a labels IDX file, plus manifest.json with the counts, the class
// histogram of each split, the sha256 of every input and output file, and how it was made.
#ifndef NNCOMPRESS_DATA_DATASET_WRITER_H_
#define NNCOMPRESS_DATA_DATASET_WRITER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data/variants.h"

namespace nnc {

// Writes <dir>/{train,valid,test}-{images-idx3,labels-idx1}-ubyte and <dir>/manifest.json for
// dataset `name` with `classes` classes. `inputs` are the raw files it was made from (their sha256
// goes into the manifest under the last two path components, so sandbox paths do not leak in);
// `how` (seed, recipe, validation hold-out) is copied into the manifest's "provenance".
// The manifest has sorted keys and no timestamps: same data, same bytes.
// Throws std::runtime_error naming the file if a label is >= classes or a write fails.
void write_dataset(const std::string& dir, const std::string& name, size_t classes,
                   const LabelledImages& train, const LabelledImages& valid,
                   const LabelledImages& test, const std::vector<std::string>& inputs,
                   const nlohmann::json& how);

}  // namespace nnc

#endif  // NNCOMPRESS_DATA_DATASET_WRITER_H_
