#include "report/result_tables.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

MethodTable methods() {
  const std::string path = "tests/report/testdata/methods.csv";
  return method_table_from_csv(read_file(path), path);
}

// The fixture's cells: sig30 on mnist (dense, hashed and mag_l2 at 1/10 and 1/100 under halving,
// mag_l2 and obd under the authors' schedule) and a dense baseline on rot.
std::vector<Cell> all_cells() {
  const std::string path = "tests/report/testdata/summary.csv";
  return cells_from_summary(read_csv(path), path);
}

std::vector<Cell> halving_cells() {
  std::vector<Cell> cells;
  for (const Cell& c : all_cells())
    if (!is_authors_schedule(c.schedule)) cells.push_back(c);
  return cells;
}

TEST_CASE("results tables: a table per network, a column per factor, the epochs' range") {
  const std::string md = results_tables(halving_cells(), methods());
  CHECK(md.find("**mnist, sig30** — test error %") != std::string::npos);
  CHECK(md.find("| method | 1 | 1/10 | 1/100 | epochs |\n|---|---|---|---|---|\n"
                "| dense | 5.00 ± 0.10 (3) | — | — | 50 |\n"
                "| hashed | — | 9.00 ± 0.20 (3) | — | 80 |\n"
                "| mag_l2 | — | 7.00 ± 0.30 (3) | 20.00 ± 0.40 (3) | 80–110 |\n") !=
        std::string::npos);
  CHECK(md.find("**rot, sig30**") != std::string::npos);
  CHECK(results_tables({}, methods()) == "(this run produced no results)");
}

TEST_CASE("pruning methods without a halving chain are named under the results tables") {
  nlohmann::json profile = {{"methods", {{"sig30", {"dense", "hashed", "mag_l2", "obd"}}}},
                            {"halving_methods", {{"sig30", {"mag_l2"}}}}};
  CHECK(chainless_text(methods(), profile) ==
        "Run on the seed paper's schedule only (this profile gives them no halving chain, for its "
        "budget): obd; their rows are in the table under *The authors' schedule beside iterative "
        "halving*.\n");
  profile["halving_methods"]["sig30"].push_back("obd");
  CHECK(chainless_text(methods(), profile).empty());
}

TEST_CASE("winners: the lowest test error at each compressed factor") {
  CHECK(winners_table(halving_cells()) ==
        "| dataset | arch | factor | lowest error | error % |\n|---|---|---|---|---|\n"
        "| mnist | sig30 | 1/10 | mag_l2 | 7.00 |\n"
        "| mnist | sig30 | 1/100 | mag_l2 | 20.00 |\n");
  CHECK(winners_table({all_cells().front()}) == "(no compressed models in this run)");
}

TEST_CASE("published numbers: our cells within a factor 2 of the published factor") {
  const std::vector<CsvRow> published = {{{"source", "P"},
                                          {"dataset", "mnist"},
                                          {"arch", "sig30"},
                                          {"method", "mag_l2"},
                                          {"factor", "1/12"},
                                          {"error_percent", "8"}},
                                         {{"source", "Q"},
                                          {"dataset", "mnist"},
                                          {"arch", "sig30"},
                                          {"method", "obd"},
                                          {"factor", "1/12"},
                                          {"error_percent", "8"}}};  // no halving obd cell: no row
  const std::string md = published_table(published, halving_cells());
  CHECK(md.find("| P | sig30 | mag_l2 | 1/12 | 8.00 | 7.00 (1/10) | -1.00 |\n") !=
        std::string::npos);
  CHECK(md.find("| Q |") == std::string::npos);
  CHECK(published_table({published[1]}, halving_cells()) ==
        "None of the 1 published number of report/published.csv is at a network, dataset and "
        "method this profile runs.");
}

TEST_CASE("baselines: a dense baseline not below half the chance error is flagged") {
  nlohmann::json mnist = {{"name", "mnist"}}, rot = {{"name", "rot"}};
  mnist["splits"]["test"]["class_histogram"] = {50, 50};  // chance 50%
  rot["splits"]["test"]["class_histogram"] = {50, 50};
  const std::string md = baselines_table(halving_cells(), methods(), {mnist, rot});
  CHECK(md.find("| mnist | sig30 | dense | 5.00 ± 0.10 (3) | 50.00 | yes |") != std::string::npos);
  CHECK(md.find("| rot | sig30 | dense | 60.00 ± 1.00 (3) | 50.00 | **no** |") !=
        std::string::npos);
  CHECK(baselines_table({}, methods(), {}) == "(no dense baselines in this run)");
}

TEST_CASE("schedules: the authors' schedule beside halving and its literal lengths") {
  const std::string md = schedules_table(all_cells());
  CHECK(md.find("| mnist | sig30 | mag_l2 | 1/10 | 7.00 ± 0.30 (3) | 80 | 6.00 ± 0.10 (3) | 150 "
                "| 5.50 (1) | 400 | -0.50 |\n") != std::string::npos);
  CHECK(md.find("| mnist | sig30 | obd | 1/100 | — | — | 30.00 ± 0.50 (3) | 150 | — | — | — |\n") !=
        std::string::npos);
  CHECK(schedules_table(halving_cells()) == "(this run used iterative halving only)");
}

}  // namespace
}  // namespace nnc
