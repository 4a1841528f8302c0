// The model metadata schema (lib/io/model_metadata.h): a round trip through the file's string map,
// and the one-line error naming the file and the key for each way a map can be wrong.
#include "lib/io/model_metadata.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

ModelMetadata trained() {
  ModelMetadata m;
  m.architecture = "fc3";
  m.protocol = "hashednets";
  m.regularizer = "l2";
  m.lambda = 0.1;
  m.seed = 7;
  m.method = "hashed";
  m.factor = 1.0 / 64;
  m.epochs = m.epochs_total = 12;
  m.lr0 = 0.1;
  m.lr_restarts = 2;
  m.selected_epoch = 9;
  m.classes = 10;
  m.method_keys["hash_seed"] = "42";
  return m;
}

ModelMetadata compressed_by_authors() {
  ModelMetadata m = trained();
  m.stage = "compress";
  m.method = "obd";
  m.schedule = "authors";
  m.ranking = "global";
  m.prune_history = "13:0.5:0.1:0.2:0.15";
  m.epochs_total = 30;
  m.authors_steps = m.authors_steps_taken = 15;
  m.method_keys["obd_form"] = "exact";
  return m;
}

// Returns: the error parse_metadata throws for `entries` ("" when it throws none).
std::string error_of(const std::map<std::string, std::string>& entries) {
  try {
    parse_metadata(entries, "m.model");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("model metadata reads back as written") {
  for (const ModelMetadata& m : {trained(), compressed_by_authors()}) {
    const auto entries = metadata_entries(m);
    CHECK(entries.at("metadata_version") == "3");
    const ModelMetadata back = parse_metadata(entries, "m.model");
    CHECK(metadata_entries(back) == entries);
    CHECK(back.factor == m.factor);  // doubles read back exactly
    CHECK(back.lambda == m.lambda);
    CHECK(back.epochs_total == m.epochs_total);
    CHECK(back.lr_restarts == m.lr_restarts);
    CHECK(back.method_keys == m.method_keys);
  }
  const auto entries = metadata_entries(trained());
  CHECK(entries.at("method.hash_seed") == "42");
  CHECK(entries.count("schedule") == 0);  // compress-stage keys only in compressed models
  CHECK(metadata_entries(compressed_by_authors()).at("authors_steps") == "15");
}

TEST_CASE("a method's own keys are open; the file layer's input_shape passes") {
  auto entries = metadata_entries(trained());
  entries["method.rank_of_layer_2"] = "17";
  entries["input_shape"] = "28x28x1";
  CHECK(parse_metadata(entries, "m.model").method_keys.at("rank_of_layer_2") == "17");
}

TEST_CASE("bad model metadata: one line naming the file and the key") {
  const auto good = metadata_entries(compressed_by_authors());
  auto with = [&](const std::string& key, const std::string& value) {
    auto e = good;
    e[key] = value;
    return e;
  };
  auto without = [&](const std::string& key) {
    auto e = good;
    e.erase(key);
    return e;
  };
  CHECK(error_of(good).empty());
  CHECK(error_of(without("seed")) == "m.model: model metadata has no key 'seed'");
  CHECK(error_of(without("authors_tail")) == "m.model: model metadata has no key 'authors_tail'");
  CHECK(error_of(with("seed", "seven")) ==
        "m.model: model metadata key 'seed' is 'seven', not a count");
  CHECK(error_of(with("epochs", "-1")) ==
        "m.model: model metadata key 'epochs' is '-1', not a count");
  CHECK(error_of(with("factor", "1/2")) ==
        "m.model: model metadata key 'factor' is '1/2', not a finite number");
  CHECK(error_of(with("lambda", "nan")) ==
        "m.model: model metadata key 'lambda' is 'nan', not a finite number");
  CHECK(error_of(with("hash_seed", "42")) ==
        "m.model: model metadata has an unexpected key 'hash_seed' (a method's own keys go under "
        "'method.')");
  CHECK(error_of(with("method.", "x")).find("unexpected key 'method.'") != std::string::npos);
  CHECK(error_of(with("stage", "evaluate")) ==
        "m.model: model metadata key 'stage' is 'evaluate' (expected train or compress)");
  CHECK(error_of(with("schedule", "gradual")) ==
        "m.model: model metadata key 'schedule' is 'gradual' (expected halving or authors)");
  CHECK(error_of(with("schedule", "halving")) ==
        "m.model: model metadata has an unexpected key 'authors_first_epoch' (a model of stage "
        "compress, schedule halving)");
  CHECK(error_of(with("stage", "train")) ==
        "m.model: model metadata has an unexpected key 'schedule' (a model of stage train, "
        "schedule authors)");
}

TEST_CASE("model metadata of another version: one line") {
  auto entries = metadata_entries(trained());
  entries["metadata_version"] = "2";
  CHECK(error_of(entries) == "m.model: model metadata version '2' (this build reads version 3)");
  entries.erase("metadata_version");
  entries["format"] = "nncompress model";  // what version 1 wrote
  CHECK(error_of(entries) ==
        "m.model: model metadata has no 'metadata_version': version 1, from before the schema "
        "(this build reads version 3)");
}

}  // namespace
}  // namespace nnc
