#include "report/claims.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

Cell cell(const std::string& arch, const std::string& method, double factor, double error,
          double stored) {
  Cell c;
  c.dataset = "mnist";
  c.arch = arch;
  c.method = method;
  c.target_factor = factor;
  c.n = 1;
  c.error = error;
  c.stored_weights = stored;
  return c;
}

const Claim& find(const std::vector<Claim>& claims, const std::string& key) {
  for (const Claim& c : claims) {
    if (c.key == key) return c;
  }
  FAIL("no claim " << key);
  return claims.front();
}

TEST_CASE("claims count the comparisons where they hold, and say when they are not tested") {
  const std::vector<Cell> cells = {
      cell("fc3", "hashed", 0.5, 0.020, 400), cell("fc3", "mag_l2", 0.5, 0.015, 400),
      cell("fc3", "obd", 0.5, 0.030, 400),    cell("fc3", "hashed", 1.0 / 16, 0.030, 50),
      cell("fc3", "mag_l1", 1.0 / 16, 0.040, 50), cell("fc3", "obd", 1.0 / 16, 0.050, 50),
      cell("lenet5", "nn", 1.0 / 8, 0.012, 45),   cell("lenet5", "nn", 1.0 / 2, 0.009, 300),
  };
  const auto claims = evaluate_claims(cells);
  const Claim& pruning = find(claims, "claim.pruning_vs_hashed");
  REQUIRE(pruning.comparisons.size() == 2);
  CHECK(pruning.holds() == 1);  // 1.5% < 2.0% at 1/2; 4.0% > 3.0% at 1/16
  CHECK(pruning.verdict() == "partly holds");

  const Claim& obd = find(claims, "claim.obd_vs_magnitude");
  REQUIRE(obd.comparisons.size() == 1);  // only 1/16 is high compression
  CHECK(obd.verdict() == "holds");

  const Claim& conv = find(claims, "claim.conv_vs_hashed");
  REQUIRE(conv.comparisons.size() == 2);
  // At 1/2 (400 weights) the best conv net with <= 400 weights is lenet5 nn 1/2 (0.9%): holds.
  // At 1/16 (50 weights) only lenet5 nn 1/8 (45 weights, 1.2%) fits: holds against 3.0%.
  CHECK(conv.holds() == 2);

  CHECK(evaluate_claims({}).front().verdict() == "not tested");
}

TEST_CASE("factor labels and percentages") {
  CHECK(factor_label(1) == "1");
  CHECK(factor_label(0.125) == "1/8");
  CHECK(factor_label(0.3) == "0.3");
  CHECK(percent(0.0159) == "1.59");
}

}  // namespace
}  // namespace nnc
