#include "lib/io/dataset.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "lib/io/idx.h"
#include "lib/io/pixels.h"

namespace nnc {

std::string split_images_file(const std::string& split) { return split + "-images-idx3-ubyte"; }
std::string split_labels_file(const std::string& split) { return split + "-labels-idx1-ubyte"; }

ByteSplit load_byte_split(const std::string& dir, const std::string& split, size_t limit) {
  if (split != "train" && split != "valid" && split != "test")
    throw std::runtime_error(dir + ": unknown split '" + split +
                             "' (expected train, valid or test)");
  const std::string images_path = dir + "/" + split_images_file(split);
  const std::string labels_path = dir + "/" + split_labels_file(split);
  IdxImages raw = read_idx_images(images_path);
  const std::vector<uint8_t> raw_labels = read_idx_labels(labels_path);
  check_idx_counts(images_path, raw, labels_path, raw_labels);
  // No stage has anything to learn from or measure on zero samples (an error rate would be 0/0).
  if (raw.count == 0)
    throw std::runtime_error(images_path + ": empty " + split + " split (0 images)");

  ByteSplit out;
  const size_t max_label =
      raw_labels.empty() ? 0 : *std::max_element(raw_labels.begin(), raw_labels.end());
  out.classes = max_label + 1;
  const std::string manifest_path = dir + "/manifest.json";
  std::ifstream manifest_in(manifest_path);
  if (manifest_in) {
    nlohmann::json manifest;
    try {
      manifest = nlohmann::json::parse(manifest_in);
      out.classes = manifest.at("classes").get<size_t>();
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(manifest_path + ": bad manifest: " + e.what());
    }
    if (max_label >= out.classes)
      throw std::runtime_error(labels_path + ": label " + std::to_string(max_label) +
                               " outside [0, " + std::to_string(out.classes) +
                               ") declared by manifest.json");
  }

  const size_t n = limit > 0 ? std::min(limit, raw.count) : raw.count;
  out.images = std::move(raw);
  out.images.count = n;
  out.images.pixels.resize(n * out.images.rows * out.images.cols);
  out.labels.assign(raw_labels.begin(), raw_labels.begin() + n);
  return out;
}

void pixels_to_floats(const IdxImages& images, size_t start, size_t n, xt::xtensor<float, 2>& dst) {
  const size_t pixels = images.rows * images.cols;
  if (start + n > images.count)
    throw std::runtime_error("pixels_to_floats: images [" + std::to_string(start) + ", " +
                             std::to_string(start + n) + ") of " + std::to_string(images.count));
  if (dst.shape(0) != n || dst.shape(1) != pixels)
    dst = xt::xtensor<float, 2>::from_shape({n, pixels});
  pixel_values(images.pixels.data() + start * pixels, n * pixels, dst.data());
}

Split load_split(const std::string& dir, const std::string& split, size_t limit) {
  ByteSplit bytes = load_byte_split(dir, split, limit);
  Split out;
  out.rows = bytes.images.rows;
  out.cols = bytes.images.cols;
  out.classes = bytes.classes;
  pixels_to_floats(bytes.images, 0, bytes.images.count, out.images);
  out.labels = std::move(bytes.labels);
  return out;
}

}  // namespace nnc
