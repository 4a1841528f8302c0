// Converts MNIST-format raw files (MNIST, Fashion-MNIST; plain or gzip IDX) into the canonical
// dataset form: train = the first (60000 - valid_count) training images, valid = the last
// valid_count training images (a fixed hold-out, original order), test = the test set.
#include <CLI/CLI.hpp>
#include <iostream>

#include "data/dataset_writer.h"
#include "data/raw_files.h"
#include "lib/io/idx.h"

namespace {

nnc::LabelledImages read_pair(const std::string& images_path, const std::string& labels_path) {
  nnc::LabelledImages s{nnc::read_idx_images(images_path), nnc::read_idx_labels(labels_path)};
  nnc::check_idx_counts(images_path, s.images, labels_path, s.labels);
  return s;
}

// Returns: samples [first, first + n) of `s`.
nnc::LabelledImages slice(const nnc::LabelledImages& s, size_t first, size_t n) {
  nnc::LabelledImages out;
  out.images = s.images;
  out.images.count = n;
  const size_t pixels = s.images.rows * s.images.cols;
  out.images.pixels.assign(s.images.pixels.begin() + first * pixels,
                           s.images.pixels.begin() + (first + n) * pixels);
  out.labels.assign(s.labels.begin() + first, s.labels.begin() + first + n);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Convert MNIST-format raw files into the canonical train/valid/test dataset form");
  std::string name, source, out_dir;
  std::vector<std::string> raw;
  size_t valid_count = 12000, classes = 10;
  app.add_option("--name", name, "dataset name (manifest)")->required();
  app.add_option("--source", source, "where the raw files come from (manifest)")->required();
  app.add_option("--raw", raw,
                 "the raw files: train-images*, train-labels*, t10k-images*, t10k-labels*")
      ->required();
  app.add_option("--valid_count", valid_count, "last training samples held out as valid");
  app.add_option("--classes", classes);
  app.add_option("--out_dir", out_dir)->required();
  CLI11_PARSE(app, argc, argv);
  try {
    const std::string train_images = nnc::find_raw_file(raw, "train-images"),
                      train_labels = nnc::find_raw_file(raw, "train-labels"),
                      test_images = nnc::find_raw_file(raw, "t10k-images"),
                      test_labels = nnc::find_raw_file(raw, "t10k-labels");
    const nnc::LabelledImages train = read_pair(train_images, train_labels);
    const nnc::LabelledImages test = read_pair(test_images, test_labels);
    if (valid_count == 0 || valid_count >= train.images.count)
      throw std::runtime_error(train_images + ": cannot hold out " + std::to_string(valid_count) +
                               " of " + std::to_string(train.images.count) + " training samples");
    const size_t keep = train.images.count - valid_count;
    const nlohmann::json how = {
        {"source", source},
        {"validation", "valid = the last " + std::to_string(valid_count) + " of the " +
                           std::to_string(train.images.count) +
                           " original training samples (indices " + std::to_string(keep) + ".." +
                           std::to_string(train.images.count - 1) +
                           ", original order); train = the first " + std::to_string(keep) +
                           "; test = the original test set"},
        {"seed", nullptr}};
    nnc::write_dataset(out_dir, name, classes, slice(train, 0, keep),
                       slice(train, keep, valid_count), test,
                       {train_images, train_labels, test_images, test_labels}, how);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
