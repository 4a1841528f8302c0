#include "report/provenance_tables.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

TEST_CASE("methods table: the methods the profile ran, in table order") {
  const std::string path = "tests/report/testdata/methods.csv";
  const MethodTable table = method_table_from_csv(read_file(path), path);
  const nlohmann::json profile = {{"methods", {{"sig30", {"obd", "dense"}}, {"lenet5", {"nn"}}}}};
  CHECK(methods_table(table, profile, "p.json") ==
        "| method | kind | family | what it is |\n|---|---|---|---|\n"
        "| `dense` | baseline | dense | dense |\n"
        "| `nn` | scratch | nn | equivalent size |\n"
        "| `obd` | pruning | obd | OBD |\n");
  CHECK_THROWS_WITH(methods_table(table, {{"methods", {1}}}, "p.json"),
                    Catch::StartsWith("p.json: bad 'methods'"));
}

TEST_CASE("cost table: a row per stage, the total last") {
  const std::vector<Timing> timings = {
      {"train", 4.0, 3.0, {1.0, 2.0}}, {"evaluate", 1.0, 0.5, {}}, {"train", 2.0, 1.0, {1.0}}};
  CHECK(cost_table(timings) ==
        "| stage | actions | epochs | CPU seconds | wall seconds |\n|---|---|---|---|---|\n"
        "| evaluate | 1 | 0 | 0.5 | 1.0 |\n"
        "| train | 2 | 3 | 4.0 | 6.0 |\n"
        "| total | 3 | 3 | 4.5 | 7.0 |\n");
  CHECK(cost_table({}) == "(no timing files)");
}

TEST_CASE(
    "provenance: the build's status (not its empty items) and the first record's; the kernel") {
  Record r;
  r.provenance = {{"openblas_coretype", "Haswell"}, {"threads", 1}, {"nested", {{"a", 1}}}};
  CHECK(provenance_table({r}, {{"commit", "abc"}, {"BUILD_EMBED_LABEL", ""}}) ==
        "| item | value |\n|---|---|\n"
        "| commit | `abc` |\n"
        "| openblas_coretype | `Haswell` |\n"
        "| threads | `1` |\n");
  CHECK(provenance_table({}, {}) == "(no provenance recorded)");
  CHECK(speed_kernel({r}) == "`Haswell`");
  CHECK(speed_kernel({}) == "not recorded");
}

}  // namespace
}  // namespace nnc
