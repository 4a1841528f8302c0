// The train stage binary: --help, each bad-input class (one-line error, exit 1, no output),
// divergence, and byte-identical outputs from two runs with the same seed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "lib/io/atomic_file.h"
#include "lib/io/log_csv.h"
#include "lib/io/model_file.h"
#include "lib/io/model_metadata.h"
#include "tests/reliability/stage_runner.h"

namespace nnc {
namespace {

const std::string kTmp = std::getenv("TEST_TMPDIR");

// A tiny dataset of 8x8 images (tests/reliability/stage_runner.h).
std::string make_dataset() { return testing::make_dataset(kTmp + "/data"); }

using testing::exists;
using testing::StageRun;

StageRun run_train(const std::string& args) { return testing::run_stage("train", args); }

std::string base_args(const std::string& data, const std::string& out) {
  return "--data " + data + " --arch lenet300 --protocol lenet --seed 3 --epochs 2 --out " + out +
         ".model --log " + out + ".csv --timing " + out + ".timing.json";
}

TEST_CASE("train --help lists the flags") {
  const StageRun r = run_train("--help");
  CHECK(r.status == 0);
  CHECK(read_file(kTmp + "/stdout.txt").find("--regularizer") != std::string::npos);
}

TEST_CASE("train never reads the test split") {
  // Only the evaluate stage may see the test set; a folder without it must train just the same.
  const std::string data = testing::make_dataset_without_test(kTmp + "/no_test");
  const StageRun r = run_train(base_args(data, kTmp + "/no_test_run"));
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(exists(kTmp + "/no_test_run.model"));
}

TEST_CASE("train runs, and two runs with one seed give identical bytes") {
  const std::string data = make_dataset();
  const StageRun a = run_train(base_args(data, kTmp + "/a") + " --progress");
  INFO(a.err);
  REQUIRE(a.status == 0);
  CHECK(a.err.find("samples/s") != std::string::npos);
  CHECK(a.err.find("ETA") != std::string::npos);
  // Without --progress and not at a terminal (as inside Bazel): only the one summary line.
  const StageRun quiet = run_train(base_args(data, kTmp + "/quiet"));
  REQUIRE(quiet.status == 0);
  CHECK(quiet.err.find("samples/s") == std::string::npos);
  CHECK(std::count(quiet.err.begin(), quiet.err.end(), '\n') == 1);
  REQUIRE(run_train(base_args(data, kTmp + "/b")).status == 0);
  CHECK(read_file(kTmp + "/a.model") == read_file(kTmp + "/b.model"));
  CHECK(read_file(kTmp + "/a.csv") == read_file(kTmp + "/b.csv"));
  CHECK(exists(kTmp + "/a.timing.json"));
  const ModelFile m = read_model_file(kTmp + "/a.model");
  CHECK(parse_metadata(m.metadata, "a.model").architecture == "lenet300");
  CHECK(m.metadata.at("input_shape") == "8x8x1");
  CHECK(parse_log(read_file(kTmp + "/a.csv"), kTrainLog, "a.csv").size() == 2);
  CHECK(m.layers.back().attributes.at("out") == "3");
  REQUIRE(run_train(base_args(data, kTmp + "/c") + " --seed 4").status == 0);
  CHECK(read_file(kTmp + "/a.model") != read_file(kTmp + "/c.model"));
}

TEST_CASE("each bad input gives one error line, exit 1 and no output") {
  const std::string data = make_dataset();
  const std::string out = kTmp + "/bad";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {" --arch fc4", "error: unknown architecture 'fc4'"},
      {" --protocol adam", "error: unknown protocol 'adam'"},
      {" --regularizer l3", "error: unknown regularizer 'l3'"},
      {" --seed x", "error: "},
      {" --epochs two", "error: "},
      {" --data " + kTmp + "/missing", "error: " + kTmp + "/missing/train-images"},
      {" --lr 1e30", "error: training diverged: loss is"},
  };
  for (const auto& [extra, message] : cases) {
    const StageRun r = run_train(base_args(data, out) + extra);
    INFO(extra << " -> " << r.err);
    CHECK(r.status == 1);
    CHECK(r.err.rfind(message, 0) == 0);  // no progress lines: stderr is not a terminal
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(exists(out + ".model"));
    CHECK_FALSE(exists(out + ".csv"));
    CHECK_FALSE(exists(out + ".timing.json"));
  }
}

}  // namespace
}  // namespace nnc
