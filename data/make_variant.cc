// Generates one Larochelle et al. (2007) variant (see data/variants.h) in the canonical dataset
// form: seeded and byte-deterministic (same flags and inputs, same bytes).
#include <CLI/CLI.hpp>
#include <iostream>

#include "data/dataset_writer.h"
#include "data/raw_files.h"
#include "data/variants.h"
#include "lib/io/idx.h"
#include "lib/io/png.h"

namespace {

// Returns: MNIST train followed by MNIST test, the pool the digit variants draw from.
nnc::LabelledImages read_digit_pool(const std::vector<std::string>& raw) {
  const std::vector<std::string> files = {
      nnc::find_raw_file(raw, "train-images"), nnc::find_raw_file(raw, "train-labels"),
      nnc::find_raw_file(raw, "t10k-images"), nnc::find_raw_file(raw, "t10k-labels")};
  nnc::LabelledImages pool{nnc::read_idx_images(files[0]), nnc::read_idx_labels(files[1])};
  nnc::check_idx_counts(files[0], pool.images, files[1], pool.labels);
  const nnc::IdxImages test_images = nnc::read_idx_images(files[2]);
  const std::vector<uint8_t> test_labels = nnc::read_idx_labels(files[3]);
  nnc::check_idx_counts(files[2], test_images, files[3], test_labels);
  if (test_images.rows != pool.images.rows || test_images.cols != pool.images.cols)
    throw std::runtime_error(files[2] + ": image size differs from " + files[0]);
  pool.images.count += test_images.count;
  pool.images.pixels.insert(pool.images.pixels.end(), test_images.pixels.begin(),
                            test_images.pixels.end());
  pool.labels.insert(pool.labels.end(), test_labels.begin(), test_labels.end());
  return pool;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Generate one MNIST variation (Larochelle et al. 2007) as a canonical dataset");
  std::string variant, out_dir;
  uint64_t seed = 0;
  std::vector<std::string> mnist, photos;
  std::vector<size_t> sizes;
  app.add_option("--variant", variant, "basic, rot, bg_rand, bg_img, bg_img_rot, rect or convex")
      ->required();
  app.add_option("--seed", seed, "generator seed (recorded in the manifest)")->required();
  app.add_option("--mnist", mnist,
                 "MNIST train-images*, train-labels*, t10k-images*, t10k-labels* (digit variants)");
  app.add_option("--photo", photos, "background photographs, PNG (bg_img, bg_img_rot)");
  app.add_option("--sizes", sizes, "train valid test counts (default: the published sizes)")
      ->expected(3);
  app.add_option("--out_dir", out_dir)->required();
  CLI11_PARSE(app, argc, argv);
  try {
    nnc::SplitSizes split_sizes = nnc::published_sizes(variant);
    if (!sizes.empty()) split_sizes = {sizes[0], sizes[1], sizes[2]};
    const size_t classes = nnc::variant_classes(variant);
    nnc::LabelledImages pool;
    std::vector<std::string> inputs;
    if (classes == 10) {
      if (mnist.size() != 4) throw std::runtime_error(variant + ": needs --mnist with 4 files");
      pool = read_digit_pool(mnist);
      inputs = mnist;
    }
    std::vector<nnc::GreyImage> photo_images;
    if (variant == "bg_img" || variant == "bg_img_rot") {
      for (const std::string& p : photos) photo_images.push_back(nnc::read_png_grey(p));
      inputs.insert(inputs.end(), photos.begin(), photos.end());
    }
    const nnc::VariantData data =
        nnc::generate_variant(variant, split_sizes, seed, pool, photo_images);
    nnc::write_dataset(out_dir, variant, classes, data.train, data.valid, data.test, inputs,
                       data.recipe);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
