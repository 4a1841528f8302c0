// run_compressed: inference from a compressed model file (lib/io/compressed_file.h) on a dataset's
// test split, printing {"file", "encoding", "test_error", "test_samples", "sparse_layers"} as one
// JSON line. Not a stage of the graph: it shows that the files evaluate writes hold the whole
// model (tests/e2e/compressed_files_check.sh compares its error with each record's), and it is the
// compressed files' reader in the bad-input table.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <xtensor/xview.hpp>

#include "lib/compress/compressed_network.h"
#include "lib/io/compressed_file.h"
#include "lib/io/dataset.h"
#include "pipeline/flags.h"
#include "pipeline/stage_main.h"

namespace nnc {
namespace {

// Returns: the fraction of `split`'s images the file's network misclassifies, 1000 at a time.
double test_error(CompressedNetwork& net, const Split& split) {
  const size_t n = split.labels.size(), batch = 1000;
  size_t wrong = 0;
  for (size_t start = 0; start < n; start += batch) {
    const size_t end = std::min(n, start + batch);
    const Matrix x = xt::view(split.images, xt::range(start, end), xt::all());
    const Matrix& y = net.forward(x);
    for (size_t i = 0; i < end - start; ++i) {
      const auto row = xt::view(y, i, xt::all());
      wrong += size_t(std::distance(row.begin(), std::max_element(row.begin(), row.end()))) !=
               size_t(split.labels[start + i]);
    }
  }
  return n ? double(wrong) / double(n) : 0.0;
}

int run(const std::string& file, const std::string& data, size_t limit) {
  const CompressedModel model = read_compressed_file(file);
  CompressedNetwork net(model, file);
  const Split test = load_split(data, "test", limit);
  if (test.images.shape(1) != net.network().in_shape().size())
    throw std::runtime_error(data + ": test images have " + std::to_string(test.images.shape(1)) +
                             " pixels, the model takes " + net.network().in_shape().str());
  const nlohmann::json out = {{"file", file},
                              {"encoding", encoding_name(model.encoding)},
                              {"test_error", test_error(net, test)},
                              {"test_samples", test.labels.size()},
                              {"sparse_layers", net.sparse_layers()}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  std::string file, data;
  size_t limit = 0;
  CLI::App app{"run_compressed: a compressed model file + a dataset -> its test error (JSON)."};
  app.add_option("--file", file, "compressed model file (.csr, .bitmask, .hashed)")->required();
  app.add_option("--data", data, "dataset folder (reads test-*-ubyte)")->required();
  app.add_option("--limit-test", limit, "keep only the first N test samples; 0 = all")
      ->check(nnc::kNonNegativeInteger);
  return nnc::run_stage(app, argc, argv, [&] { return nnc::run(file, data, limit); });
}
