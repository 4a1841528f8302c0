#include "report/restarts.h"

#include <catch2/catch.hpp>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

MethodTable methods() {
  const std::string path = "tests/report/testdata/methods.csv";
  return method_table_from_csv(read_file(path), path);
}

// Rows of results.csv with the columns restarts_text reads.
std::vector<CsvRow> results(const std::string& rows) {
  return parse_csv("dataset,arch,method,schedule,target_factor,seed,lr_restarts\n" + rows,
                   "results.csv");
}

TEST_CASE("restarts are counted once per training run, a baseline's not again in its chains") {
  const std::string text = restarts_text(results("rect,fc5,dense,none,1,1,0\n"
                                                 "rect,fc5,dense,none,1,2,1\n"
                                                 // seed 1's L2 baseline, restarted twice, under
                                                 // two pruning methods at two factors: one run
                                                 "rect,fc5,mag_l2,halving,1,1,2\n"
                                                 "rect,fc5,mag_l2,halving,1/2,1,2\n"
                                                 "rect,fc5,obd,halving,1/2,1,2\n"
                                                 "rect,fc5,mag_l1,halving,1/2,1,0\n"
                                                 "rect,fc5,hashed,none,0.015625,1,3\n"
                                                 "rect,fc5,hashed,none,0.015625,2,0\n"
                                                 "rect,fc5,unlisted,none,1/8,1,4\n"
                                                 "rect,fc5,nn,none,0.3,1,1\n"),
                                         methods(), "results.csv");
  // Seven networks: dense × 2 seeds, the l2 and l1 baselines of seed 1, hashed × 2 seeds, nn.
  CHECK(text.find("restarted 4 of the 7 networks this run trained") != std::string::npos);
  CHECK(text.find("7 restarts in all") != std::string::npos);
  CHECK(text.find("- rect, fc5, `dense` at 1: seed 2 (1 restart)\n") != std::string::npos);
  CHECK(text.find("- rect, fc5, `dense_l2` baseline: seed 1 (2 restarts)\n") != std::string::npos);
  // The factor as the tables head it, 1/64, though the records wrote 0.015625.
  CHECK(text.find("- rect, fc5, `hashed` at 1/64: seed 1 (3 restarts)\n") != std::string::npos);
  CHECK(text.find("- rect, fc5, `nn` at 0.3: seed 1 (1 restart)\n") != std::string::npos);
  CHECK(text.find("unlisted") == std::string::npos);
}

TEST_CASE("a run without restarts says so; a missing column is named") {
  CHECK(restarts_text(results("rect,fc3,dense,none,1,1,0\n"), methods(), "results.csv") ==
        "**Restarts.** The protocol's backoff restarted none of the 1 network this run trained "
        "(each baseline once, each method trained from scratch at each factor).");
  const auto old = parse_csv(
      "dataset,arch,method,schedule,target_factor,seed\n"
      "rect,fc3,dense,none,1,1\n",
      "results.csv");
  CHECK_THROWS_WITH(restarts_text(old, methods(), "results.csv"),
                    Catch::Contains("results.csv") && Catch::Contains("lr_restarts"));
}

}  // namespace
}  // namespace nnc
