#include "report/input_json.h"

#include <catch2/catch.hpp>
#include <string>

namespace nnc {
namespace {

nlohmann::json manifest() {
  nlohmann::json m = {{"name", "mnist"}, {"classes", 10}, {"inputs", {{"mnist/a.gz", "abc"}}}};
  for (const char* split : {"train", "valid", "test"})
    m["splits"][split] = {{"count", 3}, {"class_histogram", {1, 2}}};
  return m;
}

TEST_CASE("a dataset manifest is checked field by field, one line naming file and field") {
  CHECK(parse_manifest(manifest().dump(), "m.json") == manifest());
  auto missing = manifest();
  missing["splits"]["test"].erase("count");
  CHECK_THROWS_WITH(parse_manifest(missing.dump(), "m.json"),
                    "m.json: manifest has no field 'splits.test.count'");
  auto mistyped = manifest();
  mistyped["splits"]["valid"]["class_histogram"] = {1, "two"};
  CHECK_THROWS_WITH(parse_manifest(mistyped.dump(), "m.json"),
                    "m.json: manifest field 'splits.valid.class_histogram' is not an array of "
                    "integers");
  auto input = manifest();
  input["inputs"]["mnist/b.gz"] = 3;
  CHECK_THROWS_WITH(parse_manifest(input.dump(), "m.json"),
                    "m.json: manifest field 'inputs.mnist/b.gz' is not a string");
  CHECK_THROWS_WITH(parse_manifest("{", "m.json"), "m.json: not valid JSON");
  auto synthetic = manifest();  // a dataset made without input files has no 'inputs'
  synthetic.erase("inputs");
  CHECK(parse_manifest(synthetic.dump(), "m.json") == synthetic);
  // A generated dataset's generator and seed, which the Data table names, are checked too.
  auto generated = synthetic;
  generated["provenance"] = {{"variant", "rect"}, {"seed", 6}};
  CHECK(parse_manifest(generated.dump(), "m.json") == generated);
  generated["provenance"].erase("seed");
  CHECK_THROWS_WITH(parse_manifest(generated.dump(), "m.json"),
                    "m.json: manifest has no field 'provenance.seed'");
  auto converted = manifest();
  converted["provenance"] = {{"source", 3}, {"seed", nullptr}};
  CHECK_THROWS_WITH(parse_manifest(converted.dump(), "m.json"),
                    "m.json: manifest field 'provenance.source' is not a string");
}

TEST_CASE("the study's parameters are checked where the report reads them") {
  const nlohmann::json good = {{"datasets", {"mnist"}},
                               {"methods", {{"sig30", {"dense", "obd"}}}},
                               {"scratch_steps", {{"sig30", {1, 2}}}},
                               {"halving_methods", {{"sig30", {"mag_l2"}}}}};
  CHECK(parse_profile_params(good.dump(), "p.json") == good);
  auto bad = good;
  bad["methods"]["sig30"] = "dense";
  CHECK_THROWS_WITH(parse_profile_params(bad.dump(), "p.json"),
                    "p.json: profile field 'methods.sig30' is not an array of strings");
  bad = good;
  bad["scratch_lr"] = {{"sig30", 1}};
  CHECK_THROWS_WITH(parse_profile_params(bad.dump(), "p.json"),
                    "p.json: profile field 'scratch_lr.sig30' is not a string");
  bad = good;
  bad.erase("scratch_steps");
  CHECK_THROWS_WITH(parse_profile_params(bad.dump(), "p.json"),
                    "p.json: profile has no field 'scratch_steps'");
}

}  // namespace
}  // namespace nnc
