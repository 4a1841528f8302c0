#include "lib/eval/run_key.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

namespace nnc {
namespace {

std::map<std::string, std::string> ids(const std::string& method, const std::string& factor,
                                       const std::string& seed = "1") {
  return {{"dataset", "mnist"}, {"arch", "lenet300"},      {"protocol", "lenet"},
          {"method", method},   {"target_factor", factor}, {"seed", seed}};
}

TEST_CASE("a run key reads a record's identifiers and prints them in one line") {
  auto with_schedule = ids("obd", "1/512", "3");
  with_schedule["schedule"] = "authors";
  const RunKey key = run_key_of(with_schedule, "r.json");
  CHECK(to_string(key) == "mnist lenet300 lenet obd authors at 1/512 seed 3");
  CHECK(run_key_of(ids("dense", "1"), "r.json").cell.schedule == "none");
}

TEST_CASE("run keys are equal by value and ordered as the tables list them") {
  CHECK(run_key_of(ids("obd", "1/8"), "a") == run_key_of(ids("obd", "0.125"), "b"));
  std::vector<RunKey> keys = {
      run_key_of(ids("obd", "1/100"), "-"), run_key_of(ids("obd", "1/10", "2"), "-"),
      run_key_of(ids("dense", "1"), "-"), run_key_of(ids("obd", "1/10"), "-")};
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> printed;
  for (const RunKey& k : keys) printed.push_back(to_string(k));
  CHECK(printed == std::vector<std::string>{"mnist lenet300 lenet dense none at 1 seed 1",
                                            "mnist lenet300 lenet obd none at 1/10 seed 1",
                                            "mnist lenet300 lenet obd none at 1/10 seed 2",
                                            "mnist lenet300 lenet obd none at 1/100 seed 1"});
}

TEST_CASE("a missing or bad identifier is named with the source") {
  auto missing = ids("obd", "1/8");
  missing.erase("protocol");
  CHECK_THROWS_WITH(run_key_of(missing, "r.json"),
                    "r.json: record has no identifier 'protocol' (evaluate --id protocol=...)");
  CHECK_THROWS_WITH(run_key_of(ids("obd", "1/0"), "r.json"),
                    Catch::StartsWith("r.json: identifier target_factor: factor '1/0'"));
  CHECK_THROWS_WITH(run_key_of(ids("obd", "1/8", "x"), "r.json"),
                    "r.json: identifier seed 'x' is not an integer");
}

}  // namespace
}  // namespace nnc
