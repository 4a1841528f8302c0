// The edges every method meets (issue 8): factors 1 and 1/500 for every method (and 1/512 for the
// pruning methods; compress for those, train_nn / train_hashed --method nn|hashed --factor F for
// nn and hashed), a layer pruned to nothing (never: the pruning mechanism keeps at least one
// weight per tensor), and each stage's evaluation of the result. Runs the real stage binaries on a
// tiny dataset.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "lib/io/atomic_file.h"
#include "lib/io/model_file.h"
#include "tests/reliability/stage_runner.h"

namespace nnc {
namespace {

using testing::Flags;

// lenet300 on 8x8 inputs with 3 classes: 64*300 + 300*100 + 100*3 weights.
constexpr size_t kReferenceWeights = 64 * 300 + 300 * 100 + 100 * 3;

// Returns: `factor` usable in a file name ("1/500" -> "1_500").
std::string file_name(std::string factor) {
  std::replace(factor.begin(), factor.end(), '/', '_');
  return factor;
}

// Runs evaluate (or the evaluate_<method> binary given) on `model`. Returns: the record.
nlohmann::json evaluate(const std::string& model, const std::string& data,
                        const std::string& binary = "evaluate") {
  const std::string out = model + ".json";
  const testing::StageRun r =
      testing::run_stage(binary, {{"--model", {model}}, {"--data", {data}}, {"--out", {out}}});
  INFO(model << ": " << r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(read_file(out));
}

// Returns: the stored weights of each layer of `model` that has weights.
std::vector<size_t> stored_per_layer(const std::string& model) {
  std::vector<size_t> stored;
  for (const LayerRecord& l : read_model_file(model).layers)
    if (total_weights(l) > 0) stored.push_back(stored_weights(l));
  return stored;
}

struct Fixture {
  std::string t = testing::tmp_dir(), data = testing::make_dataset(t + "/data");
  std::string dense = t + "/dense.model";
  Fixture() {
    const testing::StageRun r = testing::run_stage("train", train_flags(dense));
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
  Flags train_flags(const std::string& out) const {
    return {{"--data", {data}},       {"--arch", {"lenet300"}}, {"--protocol", {"lenet"}},
            {"--seed", {"1"}},        {"--epochs", {"2"}},      {"--out", {out}},
            {"--log", {out + ".csv"}}};
  }
};

TEST_CASE("pruning methods at factors 1, 1/500 and 1/512, both rankings: exact counts") {
  const Fixture f;
  for (const std::string method : {"mag_l1", "mag_l2", "obd", "obd_gn", "random"}) {
    for (const std::string ranking : {"global", "layer"}) {
      for (const std::string factor : {"1", "1/500", "1/512"}) {
        const std::string out =
            f.t + "/" + method + "_" + ranking + "_" + file_name(factor) + ".model";
        const testing::StageRun r =
            testing::run_stage("compress", {{"--model", {f.dense}},
                                            {"--data", {f.data}},
                                            {"--method", {method}},
                                            {"--factor", {factor}},
                                            {"--ranking", {ranking}},
                                            {"--seed", {"1"}},
                                            {"--retrain-epochs", {"1"}},
                                            {"--out", {out}},
                                            {"--log", {out + ".csv"}},
                                            {"--timing", {out + ".timing.json"}}});
        INFO(method << " " << ranking << " " << factor << ": " << r.err);
        REQUIRE(r.status == 0);
        const std::vector<size_t> stored = stored_per_layer(out);
        REQUIRE(stored.size() == 3);
        size_t total = 0;
        for (const size_t s : stored) {
          CHECK(s >= 1);  // a layer pruned to nothing would cut the network in two
          total += s;
        }
        const nlohmann::json record = evaluate(out, f.data);
        CHECK(record.at("stored_weights").get<size_t>() == total);
        CHECK(std::isfinite(record.at("test_error").get<double>()));
        if (factor == "1") {
          CHECK(total == kReferenceWeights);  // factor 1 is the identity
        } else if (factor == "1/500") {
          // round(49500 / 500) = 99 survivors. Per layer: one each, the other 96 in proportion to
          // the tensors' sizes (37.2, 58.2, 0.6: largest remainder), see prune.h.
          CHECK(total == 99);
          if (ranking == "layer") CHECK(stored == std::vector<size_t>{38, 59, 2});
        } else {
          // round(49500 / 512) = 97: one each, the other 94 split 36.5, 57.0, 0.6.
          CHECK(total == 97);
          if (ranking == "layer") CHECK(stored == std::vector<size_t>{37, 58, 2});
        }
      }
    }
  }
}

TEST_CASE("a request below one weight per tensor keeps exactly one weight in every tensor") {
  const Fixture f;
  // 1/49500 of the reference asks for one weight in all; each of the 3 tensors keeps one.
  const std::string out = f.t + "/one.model";
  const testing::StageRun r =
      testing::run_stage("compress", {{"--model", {f.dense}},
                                      {"--data", {f.data}},
                                      {"--method", {"mag_l2"}},
                                      {"--factor", {"1/49500"}},
                                      {"--seed", {"1"}},
                                      {"--retrain-epochs", {"1"}},
                                      {"--out", {out}},
                                      {"--log", {out + ".csv"}},
                                      {"--timing", {out + ".timing.json"}}});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(stored_per_layer(out) == std::vector<size_t>{1, 1, 1});
  CHECK(std::isfinite(evaluate(out, f.data).at("test_error").get<double>()));
}

TEST_CASE("nn and hashed at factors 1 and 1/500 train, store what they claim and evaluate") {
  const Fixture f;
  for (const std::string method : {"nn", "hashed"}) {
    for (const std::string factor : {"1", "1/500"}) {
      const std::string out = f.t + "/" + method + "_" + file_name(factor) + ".model";
      Flags flags = f.train_flags(out);
      flags["--method"] = {method};
      flags["--factor"] = {factor};
      const testing::StageRun r = testing::run_stage("train_" + method, flags);
      INFO(method << " " << factor << ": " << r.err);
      REQUIRE(r.status == 0);
      const nlohmann::json record =
          evaluate(out, f.data, method == "hashed" ? "evaluate_hashed" : "evaluate");
      const size_t stored = record.at("stored_weights").get<size_t>();
      CHECK(record.at("reference_weights").get<size_t>() == kReferenceWeights);
      CHECK(std::isfinite(record.at("test_error").get<double>()));
      for (const size_t s : stored_per_layer(out)) CHECK(s >= 1);
      if (factor == "1") {
        CHECK(stored == kReferenceWeights);
      } else if (method == "hashed") {
        // K = ceil(c |V|) per layer: ceil(38.4) + ceil(60) + ceil(0.6).
        CHECK(stored == 39 + 60 + 1);
      } else {
        // Widths 1 and 8 (64*1 + 1*8 + 8*3 = 96 weights) are the largest within the budget of
        // 99.2 (equivalent_size.h); every layer keeps at least one unit.
        CHECK(stored == 96);
      }
    }
  }
}

}  // namespace
}  // namespace nnc
