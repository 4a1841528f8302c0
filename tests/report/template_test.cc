#include "report/template.h"

#include <catch2/catch.hpp>

#include "lib/io/atomic_file.h"
#include "report/report_values.h"

namespace nnc {
namespace {

TEST_CASE("fill_template replaces every key and rejects a key the run did not produce") {
  CHECK(fill_template("a {{x}} b {{y}}", {{"x", "1"}, {"y", "2"}}) == "a 1 b 2");
  CHECK(template_keys("{{x}} {{y}} {{x}}") == std::set<std::string>{"x", "y"});
  CHECK_THROWS_WITH(fill_template("{{x}} {{typed_in}}", {{"x", "1"}}),
                    Catch::Contains("'typed_in'") && Catch::Contains("did not produce"));
  CHECK_THROWS_WITH(template_keys("text {{open"), Catch::Contains("unterminated"));
}

ReportInputs tiny_run() {
  ReportInputs in;
  in.profile = "test";
  const std::string header =
      "dataset,arch,protocol,method,schedule,target_factor,target_ratio,n,test_error_mean,"
      "test_error_std,factor_mean,stored_weights_mean,bytes_best_mean,flops_effective_mean,"
      "valid_error_mean,valid_error_std,training_epochs_mean,arch_kind\n";
  in.summary = parse_csv(
      header +
          "mnist,lenet300,lenet,dense,none,1,1,3,0.02,0,1,1000,4000,2000,0.02,0,10,fc\n"
          "mnist,lenet300,lenet,hashed,none,0.5,2,3,0.03,0,0.5,500,2000,2000,0.03,0,10,fc\n"
          "mnist,lenet300,lenet,mag_l2,halving,0.5,2,3,0.025,0,0.5,500,3000,1000,0.025,0,12,fc\n",
      "summary.csv");
  std::string results =
      "dataset,arch,arch_kind,method,schedule,target_factor,seed,test_error,valid_error,stored_"
      "weights,training_epochs,lr_restarts\n";
  for (const char* seed : {"1", "2", "3"}) {
    results += std::string("mnist,lenet300,fc,hashed,none,0.5,") + seed + ",0.03,0.03,500,10,0\n";
    results +=
        std::string("mnist,lenet300,fc,mag_l2,halving,0.5,") + seed + ",0.025,0.025,500,12,0\n";
  }
  in.results = parse_csv(results, "results.csv");
  const std::string methods = "tests/report/testdata/methods.csv";
  in.methods = method_table_from_csv(read_file(methods), methods);
  in.profile_params = {{"archs", {{"lenet300", "lenet"}}},
                       {"datasets", {"mnist"}},
                       {"methods", {{"lenet300", {"dense", "hashed", "mag_l2"}}}},
                       {"scratch_steps", {{"lenet300", {1}}}},
                       {"halving_methods", {{"lenet300", {"mag_l2"}}}}};
  for (const char* stage : {"train", "evaluate", "compress"})
    in.timings.push_back(Timing{stage, 2.0, 1.0, {}, nlohmann::json::object()});
  return in;
}

TEST_CASE("the real report templates name only values a run produces and fill completely") {
  const auto values = report_values(tiny_run());
  for (const char* path : {"report/paper.md.in", "report/hashednets.md.in"}) {
    const std::string text = read_file(path);
    for (const std::string& key : template_keys(text)) {
      INFO(path << ": template key " << key);
      CHECK(values.count(key) == 1);
    }
    const std::string filled = fill_template(text, values);
    CHECK(filled.find("{{") == std::string::npos);
    CHECK(filled.find("}}") == std::string::npos);
  }
  // The HashedNets layout: the run's one network at its from-scratch factor.
  CHECK(values.at("hashednets.tables")
            .find("| mnist | 2.00 ± 0.00 (3) | 3.00 ± 0.00 (3) | **2.50 ± 0.00 (3)** |\n") !=
        std::string::npos);
  // The claim computed from the runs, not typed in: mag_l2 (2.5%) beats hashed (3%) at 1/2 on
  // every seed (no spread: significant in its direction).
  CHECK(values.at("halving.claim.pruning_vs_hashed.verdict") == "holds");
  // The cost table: one row per stage, the total last.
  const std::string& cost = values.at("cost.table");
  const size_t compress_row = cost.find("| compress | 1 | 0 | 1.0 | 2.0 |"),
               train_row = cost.find("| train |"),
               total_row = cost.find("| total | 3 | 0 | 3.0 | 6.0 |");
  REQUIRE(compress_row != std::string::npos);
  REQUIRE(train_row != std::string::npos);
  REQUIRE(total_row != std::string::npos);
  CHECK(compress_row < train_row);
  CHECK(train_row < total_row);
  // The backoff's restarts, counted from the runs: none in this fixture's six networks.
  CHECK(values.at("hashednets.restarts").find("restarted none of the 6 networks") !=
        std::string::npos);
  // The speed section names the kernel the records were evaluated with, not a fixed one.
  CHECK(values.at("speed.kernel") == "not recorded");
  ReportInputs native = tiny_run();
  native.records.emplace_back();
  native.records.back().ids = {{"dataset", "mnist"}, {"arch", "lenet300"}, {"protocol", "lenet"},
                               {"method", "dense"},  {"schedule", "none"}, {"target_factor", "1"},
                               {"seed", "1"}};
  native.records.back().provenance = {{"openblas_coretype", "Zen"}};
  CHECK(report_values(native).at("speed.kernel") == "`Zen`");
  // The published numbers: only the rows the run can fill (the fixture's run is lenet300 on
  // mnist), or one sentence when none.
  ReportInputs unpublished = tiny_run();
  unpublished.published = {{{"source", "X"},
                            {"dataset", "rot"},
                            {"arch", "fc5"},
                            {"method", "hashed"},
                            {"factor", "0.125"},
                            {"error_percent", "9"}}};
  CHECK(report_values(unpublished).at("published.table") ==
        "None of the 1 published number of report/published.csv is at a network, dataset and "
        "method this profile runs.");
  // The methods table lists the run's methods only.
  CHECK(values.at("methods.table").find("| `mag_l2` |") != std::string::npos);
  CHECK(values.at("methods.table").find("| `obd` |") == std::string::npos);
  CHECK(values.at("halving.claim.pruning_vs_hashed.by_dataset").find("| mnist | holds |") !=
        std::string::npos);
}

}  // namespace
}  // namespace nnc
