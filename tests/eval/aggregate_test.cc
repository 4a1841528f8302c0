#include "lib/eval/aggregate.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

#include "lib/eval/tables.h"
#include "lib/io/model_metadata.h"
#include "lib/util/factor.h"

namespace nnc {
namespace {

Record run(const std::string& method, const std::string& factor, int seed, double error,
           double valid_error = 0.02) {
  Record r;
  r.ids = {{"dataset", "mnist"}, {"arch", "lenet300"},      {"protocol", "lenet"},
           {"method", method},   {"target_factor", factor}, {"seed", std::to_string(seed)}};
  r.test_error = error;
  r.test_samples = 10000;
  r.valid_error = valid_error;
  r.valid_samples = 12000;
  r.training_epochs = 10 + 2 * seed;
  r.arch_kind = "fc";
  r.reference_weights = 1000;
  r.stored_weights = static_cast<int64_t>(1000 * Factor::parse(factor).value());
  r.reference_params = 1010;
  r.stored_params = r.stored_weights + 10;
  r.bytes = {{"bitmask", 700}, {"csr", 900}};
  r.bytes_dense = 4040;
  r.layers = {{"fc1", 1000, r.stored_weights}};
  return r;
}

// Returns: the lines of a table after its "# nncompress <table>, version N" line.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  REQUIRE(!out.empty());
  CHECK(out.front().rfind("# nncompress ", 0) == 0);
  out.erase(out.begin());
  return out;
}

TEST_CASE("summary gives n, mean and sample std per cell, independent of record order") {
  std::vector<Record> records = {run("obd", "1/8", 2, 0.04, 0.05), run("obd", "1/8", 1, 0.02, 0.03),
                                 run("obd", "1/2", 1, 0.01), run("dense", "1", 1, 0.015)};
  const auto summary = lines(summary_csv(records));
  REQUIRE(summary.size() == 4);  // header + 3 cells (after the version line)
  CHECK(summary[0].substr(summary[0].rfind("flops")) ==
        "flops_effective_mean,valid_error_mean,valid_error_std,training_epochs_mean,arch_kind");
  CHECK(summary[1] == "mnist,lenet300,lenet,dense,none,1,1,1,0.015,0,1,1000,700,0,0.02,0,12,fc");
  CHECK(summary[2] == "mnist,lenet300,lenet,obd,none,1/2,2,1,0.01,0,0.5,500,700,0,0.02,0,12,fc");
  // mean 0.03, sample std sqrt(((0.01)^2 + (0.01)^2) / 1) = 0.0141421; valid 0.04 ± 0.0141421;
  // epochs (12 + 14) / 2 = 13.
  CHECK(summary[3] ==
        "mnist,lenet300,lenet,obd,none,1/8,8,2,0.03,0.0141421,0.125,125,700,0,0.04,0.0141421,13,"
        "fc");

  std::vector<Record> reversed(records.rbegin(), records.rend());
  CHECK(summary_csv(reversed) == summary_csv(records));
  CHECK(results_csv(reversed) == results_csv(records));
  const auto results = lines(results_csv(records));
  REQUIRE(results.size() == 5);
  CHECK(results[0].substr(results[0].rfind("flops")) ==
        "flops_effective,valid_error,training_epochs,lr_restarts,arch_kind");
  // The last run: obd 1/8 seed 2, validation error 0.05 after 14 epochs; its record carries no
  // model metadata, so no restart count.
  const std::string tail = ",0.05,14,,fc";
  CHECK(results[4].substr(results[4].size() - tail.size()) == tail);
}

TEST_CASE("every table reads back under its schema, factors as written") {
  Record r = run("obd", "1/512", 1, 0.02);
  r.histogram = {1, 2};
  r.histogram_limit = 0.5;
  ModelMetadata pruned;  // the metadata evaluate copies from a compressed model
  pruned.stage = "compress";
  pruned.schedule = "halving";
  pruned.prune_history = "3:0.5:0.1:0.2:0.1";
  r.provenance["model_metadata"] = nlohmann::json(metadata_entries(pruned));
  const std::vector<Record> records = {r, run("obd", "0.002", 1, 0.03)};
  const auto results = parse_table(results_csv(records), kResultsTable, "results.csv");
  REQUIRE(results.size() == 2);
  CHECK(results[0].at("target_factor") == "0.002");
  CHECK(results[0].at("target_ratio") == "500");
  CHECK(results[1].at("target_factor") == "1/512");
  CHECK(results[1].at("target_ratio") == "512");
  CHECK(parse_table(summary_csv(records), kSummaryTable, "summary.csv").size() == 2);
  CHECK(parse_table(layers_csv(records), kLayersTable, "layers.csv").size() == 2);
  CHECK(parse_table(histograms_csv(records), kHistogramsTable, "histograms.csv").size() == 2);
  const auto steps = parse_table(steps_csv(records), kStepsTable, "steps.csv");
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].at("target_factor") == "1/512");
  // Another table's file is refused with one line naming it.
  CHECK_THROWS_WITH(parse_table(layers_csv(records), kResultsTable, "layers.csv"),
                    "layers.csv: not an nncompress results (first line '# nncompress layers, "
                    "version 1')");
}

TEST_CASE("results give the restarts of the training run behind each model, from its metadata") {
  ModelMetadata trained;
  trained.architecture = "lenet300";
  trained.lr_restarts = 2;
  ModelMetadata compressed = trained;  // compress keeps its input's training keys
  compressed.stage = "compress";
  compressed.schedule = "halving";
  Record scratch = run("hashed", "1/8", 1, 0.05), pruned = run("obd", "1/8", 1, 0.04);
  scratch.provenance["model_metadata"] = nlohmann::json(metadata_entries(trained));
  pruned.provenance["model_metadata"] = nlohmann::json(metadata_entries(compressed));
  scratch.provenance["model_metadata"]["lr_restarts"] = "3";
  const auto rows = parse_table(results_csv({scratch, pruned}), kResultsTable, "results.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("method") == "hashed");
  CHECK(rows[0].at("lr_restarts") == "3");
  CHECK(rows[1].at("lr_restarts") == "2");
}

TEST_CASE("one method at one factor under two schedules makes two cells") {
  Record halving = run("obd", "1/10", 1, 0.02), authors = run("obd", "1/10", 1, 0.03);
  halving.ids["schedule"] = "halving";
  authors.ids["schedule"] = "authors";
  const auto summary = lines(summary_csv({halving, authors}));
  REQUIRE(summary.size() == 3);
  CHECK(summary[1].rfind("mnist,lenet300,lenet,obd,authors,1/10,10,1,0.03,", 0) == 0);
  CHECK(summary[2].rfind("mnist,lenet300,lenet,obd,halving,1/10,10,1,0.02,", 0) == 0);
}

TEST_CASE("records round-trip through JSON and a missing field is named") {
  const Record r = run("hashed", "1/4", 3, 0.05);
  const Record back = record_from_json(to_json(r), "r.json");
  CHECK(to_json(back) == to_json(r));
  auto json = to_json(r);
  for (const char* key : {"test_error", "valid_error", "training_epochs", "arch_kind"}) {
    auto missing = json;
    missing.erase(key);
    CHECK_THROWS_WITH(record_from_json(missing, "r.json"),
                      Catch::Contains("r.json") && Catch::Contains(key));
  }
  // The model metadata evaluate copies into the provenance is read under the schema.
  json["provenance"]["model_metadata"] = {{"metadata_version", "1"}};
  CHECK_THROWS_WITH(record_from_json(json, "r.json"),
                    Catch::StartsWith("r.json: model metadata version '1'"));
}

}  // namespace
}  // namespace nnc
