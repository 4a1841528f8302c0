// The compress stage binary: --help, each bad-input class (one-line error, exit 1, no output),
// exact survivor counts along an iterative-halving chain, byte-identical reruns, and the authors'
// schedule (shortened) on a sigmoid baseline: its stored weights, metadata and per-step log.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "lib/io/atomic_file.h"
#include "lib/io/log_csv.h"
#include "lib/io/model_file.h"
#include "lib/io/model_metadata.h"
#include "lib/io/timing.h"
#include "tests/reliability/stage_runner.h"

namespace nnc {
namespace {

const std::string kTmp = std::getenv("TEST_TMPDIR");

// A tiny dataset of 8x8 images (tests/reliability/stage_runner.h).
std::string make_dataset() { return testing::make_dataset(kTmp + "/data"); }

using testing::exists;
using testing::run_stage;
using testing::StageRun;

// Returns: the flags of a compress run writing out/<name>.{model,log.csv,timing.json}.
std::string outputs(const std::string& name) {
  const std::string o = kTmp + "/" + name;
  return " --out " + o + ".model --log " + o + ".log.csv --timing " + o + ".timing.json";
}

size_t stored(const std::string& model_path) {
  size_t n = 0;
  for (const LayerRecord& l : read_model_file(model_path).layers) n += stored_weights(l);
  return n;
}

TEST_CASE("the compress binary prunes to the requested factor and rejects bad input") {
  const std::string data = make_dataset();
  const std::string base = kTmp + "/base.model";
  REQUIRE(
      run_stage("train", "--data " + data + " --arch lenet300 --protocol lenet --regularizer l2 " +
                             "--seed 1 --epochs 2 --out " + base + " --log " + kTmp + "/base.csv")
          .status == 0);
  const size_t reference = 64 * 300 + 300 * 100 + 100 * 3;  // 49500
  const std::string common = " --data " + data + " --seed 3 --retrain-epochs 1";

  SECTION("help") {
    const StageRun r = run_stage("compress", "--help");
    CHECK(r.status == 0);
  }
  SECTION("the test split is never read (it belongs to the evaluate stage)") {
    const std::string no_test = testing::make_dataset_without_test(kTmp + "/no_test");
    const StageRun r =
        run_stage("compress", "--model " + base + " --method mag_l2 --factor 1/2 --data " +
                                  no_test + " --seed 3 --retrain-epochs 1" + outputs("no_test"));
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(read_file(kTmp + "/no_test.log.csv").find("retrain_valid_error,1,") != std::string::npos);
  }
  SECTION("an iterative chain lands on every factor exactly, reproducibly") {
    for (const std::string method : {"mag_l2", "obd", "obd_gn", "random"}) {
      REQUIRE(run_stage("compress", "--model " + base + " --method " + method + " --factor 1/2" +
                                        common + outputs(method + "_2"))
                  .status == 0);
      REQUIRE(run_stage("compress", "--model " + kTmp + "/" + method + "_2.model --method " +
                                        method + " --factor 0.25 --ranking layer" + common +
                                        outputs(method + "_4"))
                  .status == 0);
      CHECK(stored(kTmp + "/" + method + "_2.model") == reference / 2);
      CHECK(stored(kTmp + "/" + method + "_4.model") == reference / 4);
      const std::string log = read_file(kTmp + "/" + method + "_4.log.csv");
      CHECK_NOTHROW(parse_log(log, kCompressLog, method + "_4.log.csv"));
      CHECK(log.find("survivors_before,0,") != std::string::npos);
      CHECK(log.find("step_epoch,1,0\nstep_kept,1,12375\n") != std::string::npos);
      const std::string model = kTmp + "/" + method + "_4.model";
      const ModelMetadata m = parse_metadata(read_model_file(model).metadata, model);
      CHECK(m.stage == "compress");
      CHECK(m.schedule == "halving");
      CHECK(m.epochs_total == 4);  // 2 of training, 1 + 1 of retraining
      CHECK(m.method_keys.count("obd_form") == (method == "mag_l2" || method == "random" ? 0 : 1));
      const std::string timing_file = kTmp + "/" + method + "_4.timing.json";
      CHECK(parse_timing(read_file(timing_file), timing_file).stage == "compress");
      // Same inputs and seed: byte-identical model and log.
      REQUIRE(run_stage("compress", "--model " + kTmp + "/" + method + "_2.model --method " +
                                        method + " --factor 0.25 --ranking layer" + common +
                                        outputs("again"))
                  .status == 0);
      CHECK(read_file(kTmp + "/again.model") == read_file(kTmp + "/" + method + "_4.model"));
      CHECK(read_file(kTmp + "/again.log.csv") == log);
    }
  }
  SECTION("the authors' schedule, shortened, continues a sigmoid baseline's training") {
    const std::string sig = kTmp + "/sig.model";
    REQUIRE(
        run_stage("train", "--data " + data + " --arch sig30 --protocol authors --regularizer l2 " +
                               "--seed 1 --epochs 3 --out " + sig + " --log " + kTmp + "/sig.csv")
            .status == 0);
    const size_t n = 64 * 30 + 30 * 3;  // 2010
    const StageRun r =
        run_stage("compress", "--model " + sig + " --method obd --factor 1/10 --data " + data +
                                  " --seed 3 --schedule authors --authors-patience 1 " +
                                  "--authors-tail 2" + outputs("authors"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(stored(kTmp + "/authors.model") == n - 1809);  // ⌊0.9·2010⌋ removed at step 15
    const ModelFile m = read_model_file(kTmp + "/authors.model");
    // First step after epoch 4 (patience 1 from the input's epoch 3), one per epoch to 18, tail 2.
    const std::map<std::string, std::string> expected = {{"schedule", "authors"},
                                                         {"authors_first_epoch", "3"},
                                                         {"authors_patience", "1"},
                                                         {"authors_tail", "2"},
                                                         {"authors_steps", "15"},
                                                         {"authors_steps_taken", "15"},
                                                         {"epochs_total", "20"},
                                                         {"retrain_epochs", "17"},
                                                         {"method.obd_form", "exact"},
                                                         {"method.obd_sign", "abs"},
                                                         {"retrain_regularizer", "l2"},
                                                         {"factor", "0.10000000000000001"},
                                                         {"method", "obd"}};
    for (const auto& [key, value] : expected) {
      INFO(key);
      CHECK(m.metadata.at(key) == value);
    }
    CHECK_NOTHROW(parse_metadata(m.metadata, "authors.model"));
    const std::string log = read_file(kTmp + "/authors.log.csv");
    for (size_t k = 1; k <= 15; ++k)
      CHECK(log.find("step_epoch," + std::to_string(k) + "," + std::to_string(3 + k) + "\n") !=
            std::string::npos);
    for (const char* row : {"step_kept,1,", "step_valid_before,15,", "step_valid_pruned,15,",
                            "step_valid_retrained,15,", "retrain_train_error,4,",
                            "retrain_valid_error,20,", "step_kept,15,201\n"})
      CHECK(log.find(row) != std::string::npos);
    CHECK(log.find("retrain_valid_error,21,") == std::string::npos);  // stopped after the tail
    CHECK(log.find("retrain_valid_error,3,") == std::string::npos);   // started after the input
    // Deterministic: a rerun writes the same model and log.
    REQUIRE(run_stage("compress", "--model " + sig + " --method obd --factor 1/10 --data " + data +
                                      " --seed 3 --schedule authors --authors-patience 1 " +
                                      "--authors-tail 2" + outputs("authors_again"))
                .status == 0);
    CHECK(read_file(kTmp + "/authors_again.model") == read_file(kTmp + "/authors.model"));
    CHECK(read_file(kTmp + "/authors_again.log.csv") == log);
  }
  SECTION("bad input: one line, exit 1, no output") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"--method prune --factor 1/8",
         "error: unknown method 'prune' (expected mag_l1, mag_l2, obd, obd_gn or random)\n"},
        {"--method obd --factor 0",
         "error: factor '0' is not a number in (0, 1] (e.g. 1/8 or 0.125)\n"},
        {"--method obd --factor 1.5",
         "error: factor '1.5' is not a number in (0, 1] (e.g. 1/8 or 0.125)\n"},
        {"--method obd --factor 1/8 --ranking local",
         "error: unknown ranking 'local' (expected global or layer)\n"},
        {"--method obd --factor 1/8 --schedule gradual",
         "error: unknown schedule 'gradual' (expected halving or authors)\n"},
    };
    for (const auto& [args, message] : cases) {
      const StageRun r =
          run_stage("compress", "--model " + base + " " + args + common + outputs("bad"));
      CHECK(r.status == 1);
      CHECK(r.err == message);
      CHECK_FALSE(exists(kTmp + "/bad.model"));
      CHECK_FALSE(exists(kTmp + "/bad.log.csv"));
    }
    const StageRun missing =
        run_stage("compress", "--model " + kTmp + "/none.model --method obd --factor 1/8" + common +
                                  outputs("bad"));
    CHECK(missing.status == 1);
    CHECK(missing.err.rfind("error: ", 0) == 0);
    CHECK_FALSE(exists(kTmp + "/bad.model"));
  }
}

}  // namespace
}  // namespace nnc
