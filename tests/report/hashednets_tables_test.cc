#include "report/hashednets_tables.h"

#include <catch2/catch.hpp>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

struct Fixture {
  MethodTable methods = method_table_from_csv(read_file(kMethods), kMethods);
  std::vector<Cell> cells = cells_from_summary(read_csv(kSummary), kSummary);
  std::vector<CsvRow> published = read_csv("tests/report/testdata/published.csv");
  static constexpr const char* kMethods = "tests/report/testdata/methods.csv";
  static constexpr const char* kSummary = "tests/report/testdata/hashednets_summary.csv";
};

// Every seed trained.
int none(const Cell&) { return 0; }

// Returns: the line of `md` that starts with `prefix` ("" when none).
std::string line_of(const std::string& md, const std::string& prefix) {
  const size_t at = md.find("\n" + prefix);
  if (at == std::string::npos) return "";
  return md.substr(at + 1, md.find('\n', at + 1) - at - 1);
}

TEST_CASE("hashednets tables: a row per dataset, a column per method, the best in bold") {
  const Fixture f;
  const std::string md = hashednets_tables(
      f.cells, f.methods, f.published,
      {{"mnist", "rect", "convex"}, {{"fc3", {Factor::one_in(8), Factor::one_in(64)}}}}, none);
  INFO(md);
  CHECK(md.find("**fc3 at 1/8**") != std::string::npos);
  CHECK(md.find("**fc3 at 1/64**") != std::string::npos);
  // Table order of the fixture's method table: nn, hashed, mag_l1; the published column last.
  CHECK(line_of(md, "| dataset") ==
        "| dataset | dense (1) | nn | hashed | mag_l1 | HashedNets, published† |");
  // The halving chain's 1.40 is the row's best; the authors' schedule's 1.00 plays no part.
  CHECK(line_of(md, "| mnist") ==
        "| mnist | 1.50 ± 0.10 (3) | 2.10 ± 0.11 (3) | 1.60 ± 0.12 (3) | **1.40 ± 0.09 (3)** | "
        "1.5‡ |");
  // A dataset whose piece lacks a method gets "—"; no published number: an empty cell.
  CHECK(line_of(md, "| rect") ==
        "| rect | 2.00 ± 0.30 (3) | **2.20 ± 0.20 (3)** | 2.50 ± 0.30 (3) | — |  |");
  // A dataset with no cells at all keeps its row.
  CHECK(line_of(md, "| convex") == "| convex | — | — | — | — |  |");
}

TEST_CASE("hashednets tables: a table has the columns of the methods run at its factor") {
  const Fixture f;
  const std::string md = hashednets_tables(f.cells, f.methods, f.published,
                                           {{"mnist"}, {{"fc3", {Factor::one_in(64)}}}}, none);
  // No published number at 1/64: no published column, and the note says why.
  CHECK(line_of(md, "| dataset") == "| dataset | dense (1) | hashed |");
  CHECK(line_of(md, "|---") == "|---|---|---|");
  CHECK(line_of(md, "| mnist") == "| mnist | 1.50 ± 0.10 (3) | **3.00 ± 0.20 (3)** |");
  CHECK(md.find("so no table has a published column") != std::string::npos);
  CHECK(md.find("†") == std::string::npos);
}

TEST_CASE("hashednets tables: a cell with seeds at chance is marked and never in bold") {
  const Fixture f;
  // mag_l1 at 1/8 on mnist, the row's lowest mean, has one seed that never left chance: marked,
  // and the bold goes to the best cell whose every seed trained (hashed).
  const auto one_failed = [](const Cell& c) { return c.method == "mag_l1" ? 1 : 0; };
  const std::string md = hashednets_tables(f.cells, f.methods, f.published,
                                           {{"mnist"}, {{"fc3", {Factor::one_in(8)}}}}, one_failed);
  CHECK(line_of(md, "| mnist") ==
        "| mnist | 1.50 ± 0.10 (3) | 2.10 ± 0.11 (3) | **1.60 ± 0.12 (3)** | 1.40 ± 0.09 (3) ⚠ 1 "
        "at chance | 1.5‡ |");
}

TEST_CASE("hashednets tables: no network, no tables") {
  const Fixture f;
  CHECK(hashednets_tables(f.cells, f.methods, f.published, {{"mnist"}, {}}, none) ==
        "(this run has no network to lay out)");
}

}  // namespace
}  // namespace nnc
