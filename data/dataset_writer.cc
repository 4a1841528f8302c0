#include "data/dataset_writer.h"

#include <stdexcept>

#include "lib/io/atomic_file.h"
#include "lib/io/dataset.h"
#include "lib/io/sha256.h"

namespace nnc {
namespace {

std::string last_two_components(const std::string& path) {
  const size_t last = path.find_last_of('/');
  if (last == std::string::npos || last == 0) return path;
  const size_t before = path.find_last_of('/', last - 1);
  return before == std::string::npos ? path : path.substr(before + 1);
}

}  // namespace

void write_dataset(const std::string& dir, const std::string& name, size_t classes,
                   const LabelledImages& train, const LabelledImages& valid,
                   const LabelledImages& test, const std::vector<std::string>& inputs,
                   const nlohmann::json& how) {
  nlohmann::json manifest = {
      {"name", name},
      {"classes", classes},
      {"rows", train.images.rows},
      {"cols", train.images.cols},
      {"format",
       "uncompressed unsigned-byte IDX (LeCun); images n x rows x cols, labels n; read "
       "with nnc::load_split (lib/io/dataset.h)"},
      {"provenance", how}};
  for (const std::string& input : inputs)
    manifest["inputs"][last_two_components(input)] = sha256_file_hex(input);

  const std::pair<const char*, const LabelledImages*> splits[] = {
      {"train", &train}, {"valid", &valid}, {"test", &test}};
  for (const auto& [split, data] : splits) {
    const std::string images_file = split_images_file(split),
                      labels_file = split_labels_file(split);
    std::vector<size_t> histogram(classes, 0);
    for (uint8_t label : data->labels) {
      if (label >= classes)
        throw std::runtime_error(dir + "/" + labels_file + ": label " + std::to_string(label) +
                                 " outside [0, " + std::to_string(classes) + ")");
      ++histogram[label];
    }
    check_idx_counts(dir + "/" + images_file, data->images, dir + "/" + labels_file, data->labels);
    write_idx_images(dir + "/" + images_file, data->images);
    write_idx_labels(dir + "/" + labels_file, data->labels);
    manifest["splits"][split] = {
        {"count", data->labels.size()},
        {"class_histogram", histogram},
        {"images", {{"file", images_file}, {"sha256", sha256_file_hex(dir + "/" + images_file)}}},
        {"labels", {{"file", labels_file}, {"sha256", sha256_file_hex(dir + "/" + labels_file)}}}};
  }

  write_file_atomic(dir + "/manifest.json", manifest.dump(2) + "\n");
}

}  // namespace nnc
