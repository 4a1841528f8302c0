#include "report/claims.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "lib/io/atomic_file.h"
#include "report/claim_markdown.h"
#include "report/methods.h"
#include "report/numbers.h"
#include "report/statistics.h"
#include "report/tally.h"

namespace nnc {
namespace {

MethodTable fixture() {
  const std::string path = "tests/report/testdata/methods.csv";
  return method_table_from_csv(read_file(path), path);
}

// Appends one run per test error (seeds 1, 2, ...) of `method` at `factor`; the validation error
// is the test error plus `valid_offset`.
void add(std::vector<Run>& runs, const std::string& arch, const std::string& method,
         const std::string& factor, const std::vector<double>& errors, double valid_offset = 0,
         double stored = 100) {
  for (size_t i = 0; i < errors.size(); ++i) {
    Run r;
    r.dataset = "mnist";
    r.arch = arch;
    r.arch_kind = arch == "lenet5" ? "conv" : "fc";
    r.method = method;
    r.target_factor = Factor::parse(factor);
    r.seed = long(i) + 1;
    r.test_error = errors[i];
    r.valid_error = errors[i] + valid_offset;
    r.stored_weights = stored;
    runs.push_back(r);
  }
}

// By value: the tests look claims up in temporaries.
Claim find(const std::vector<Claim>& claims, const std::string& key) {
  for (const Claim& c : claims) {
    if (c.key == key) return c;
  }
  FAIL("no claim " << key);
  return claims.front();
}

TEST_CASE("the paired t-test: significant either way, inconclusive, too few seeds, no spread") {
  CHECK(t_quantile_95(1) == Approx(6.314));
  CHECK(t_quantile_95(30) == Approx(1.697));
  CHECK(t_quantile_95(31) == Approx(1.645));
  // d = 1, 2, 3: mean 2, sd 1, t = 2 / (1 / sqrt 3) = 3.46 > 2.920.
  const PairedTest holds = paired_t_test({0.01, 0.02, 0.03});
  CHECK(holds.verdict == "holds");
  CHECK(holds.half_width == Approx(2.920 * 0.01 / std::sqrt(3.0)));
  CHECK(paired_t_test({-0.01, -0.02, -0.03}).verdict == "fails");
  CHECK(paired_t_test({0.03, -0.02, 0.01}).verdict == "inconclusive");
  CHECK(paired_t_test({0.01, 0.02}).verdict == "too few seeds");
  CHECK(paired_t_test({0.01, 0.01, 0.01}).verdict == "holds");
  CHECK(paired_t_test({-0.01, -0.01, -0.01}).verdict == "fails");
  CHECK(paired_t_test({0, 0, 0}).verdict == "inconclusive");
}

TEST_CASE("a claim holds, fails, is inconclusive or has too few seeds on per-seed runs") {
  const MethodTable methods = fixture();
  std::vector<Run> runs;
  // lenet300 at 1/2: magnitude 1.0-1.2% against hashed 2.0-2.2% on every seed.
  add(runs, "lenet300", "mag_l2", "1/2", {0.010, 0.011, 0.012});
  add(runs, "lenet300", "hashed", "1/2", {0.020, 0.022, 0.021});
  auto claims = evaluate_claims(runs, methods);
  const Claim holds = find(claims, "claim.pruning_vs_hashed");
  REQUIRE(holds.comparisons.size() == 1);
  CHECK(verdict(holds) == "holds");
  CHECK(verdict(holds, "mnist") == "holds");
  CHECK(claim_summary(holds) ==
        "holds: 1 of 1 comparisons significant in its favour, 0 against, 0 inconclusive (paired "
        "t, one-sided 5%, 3 seeds; 6 runs)");
  CHECK(evidence_table(holds).find("| 3 | +1.00 [") != std::string::npos);
  CHECK(by_dataset_table(holds).find("| mnist | holds | 1 | 0 | 0 | 0 |") != std::string::npos);

  // The equivalent-size network beats magnitude pruning seed for seed, HashedNets does not: claim 3
  // is mixed.
  add(runs, "lenet300", "nn", "1/2", {0.005, 0.006, 0.008});
  claims = evaluate_claims(runs, methods);
  const Claim magnitude = find(claims, "claim.magnitude_competitive");
  REQUIRE(magnitude.comparisons.size() == 2);  // against nn and against hashed
  CHECK(verdict(magnitude) == "mixed");

  std::vector<Run> noisy;
  add(noisy, "lenet300", "mag_l1", "1/2", {0.010, 0.030, 0.015});
  add(noisy, "lenet300", "nn", "1/2", {0.020, 0.012, 0.016});
  CHECK(verdict(find(evaluate_claims(noisy, methods), "claim.magnitude_competitive")) ==
        "inconclusive");

  std::vector<Run> fails;
  add(fails, "lenet300", "mag_l1", "1/2", {0.020, 0.021, 0.022});
  add(fails, "lenet300", "nn", "1/2", {0.010, 0.011, 0.013});
  CHECK(verdict(find(evaluate_claims(fails, methods), "claim.magnitude_competitive")) == "fails");

  std::vector<Run> two_seeds;
  add(two_seeds, "lenet300", "mag_l1", "1/2", {0.010, 0.011});
  add(two_seeds, "lenet300", "hashed", "1/2", {0.020, 0.022});
  const Claim few = find(evaluate_claims(two_seeds, methods), "claim.pruning_vs_hashed");
  CHECK(verdict(few) == "too few seeds");
  CHECK(few.comparisons.front().test.verdict == "too few seeds");
  CHECK(verdict(find(evaluate_claims({}, methods), "claim.conv_vs_hashed")) == "not tested");
}

TEST_CASE("the best of several methods is picked on validation error, never on test error") {
  std::vector<Run> runs;
  // mag_l1 has the lower test error but the higher validation error: mag_l2 is picked, and loses.
  add(runs, "lenet300", "mag_l1", "1/2", {0.010, 0.011, 0.012}, +0.02);
  add(runs, "lenet300", "mag_l2", "1/2", {0.030, 0.031, 0.033}, -0.02);
  add(runs, "lenet300", "hashed", "1/2", {0.020, 0.021, 0.022});
  const Claim claim = find(evaluate_claims(runs, fixture()), "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);
  CHECK(claim.comparisons.front().better_label.rfind("mag_l2 (picked on validation", 0) == 0);
  CHECK(verdict(claim) == "fails");
}

TEST_CASE("claim 2 reports the crossover of every OBD method against magnitude pruning") {
  std::vector<Run> runs;
  // Magnitude wins significantly at 1/8 and 1/16 but not at 1/2 and 1/4 against obd: crossover
  // 1/8. Against obd_gn it loses at 1/16: no crossover.
  add(runs, "lenet300", "mag_l1", "1/2", {0.010, 0.011, 0.012});
  add(runs, "lenet300", "obd", "1/2", {0.009, 0.010, 0.013});
  add(runs, "lenet300", "mag_l1", "1/4", {0.012, 0.013, 0.014});
  add(runs, "lenet300", "obd", "1/4", {0.013, 0.012, 0.015});
  add(runs, "lenet300", "mag_l1", "1/8", {0.015, 0.016, 0.017});
  add(runs, "lenet300", "obd", "1/8", {0.020, 0.022, 0.021});
  add(runs, "lenet300", "mag_l1", "1/16", {0.020, 0.021, 0.022});
  add(runs, "lenet300", "obd", "1/16", {0.030, 0.032, 0.031});
  add(runs, "lenet300", "obd_gn", "1/16", {0.010, 0.011, 0.012});
  const Claim claim = find(evaluate_claims(runs, fixture()), "claim.obd_vs_magnitude");
  CHECK(claim.comparisons.size() == 5);
  CHECK(claim.note == "crossover: mnist lenet300 obd 1/8, mnist lenet300 obd_gn none");
  CHECK(verdict(claim) == "mixed");  // one series holds, one fails
  CHECK(claim_summary(claim).find("1 of 2 series") != std::string::npos);

  std::vector<Run> two_seeds;
  add(two_seeds, "lenet300", "mag_l1", "1/16", {0.020, 0.021});
  add(two_seeds, "lenet300", "obd", "1/16", {0.030, 0.032});
  const Claim untested = find(evaluate_claims(two_seeds, fixture()), "claim.obd_vs_magnitude");
  CHECK(untested.note == "crossover: mnist lenet300 obd untested");
  CHECK(verdict(untested) == "too few seeds");
}

TEST_CASE("claim 4 picks the conv net on validation among those storing no more weights") {
  std::vector<Run> runs;
  add(runs, "fc3", "hashed", "1/8", {0.030, 0.031, 0.032}, 0, 500);
  add(runs, "lenet5", "nn", "1/2", {0.005, 0.006, 0.007}, 0, 2000);  // too many weights
  add(runs, "lenet5", "nn", "1/8", {0.012, 0.013, 0.014}, 0, 450);
  const Claim claim = find(evaluate_claims(runs, fixture()), "claim.conv_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);
  CHECK(claim.comparisons.front().better_label == "lenet5 nn 1/8, 450 w");
  CHECK(verdict(claim) == "holds");
}

TEST_CASE("method groups come from the table; a method not in it is ignored") {
  const MethodTable methods = fixture();
  CHECK(methods.pruning() == std::vector<std::string>{"mag_l1", "mag_l2", "obd", "obd_gn"});
  CHECK(methods.magnitude() == std::vector<std::string>{"mag_l1", "mag_l2"});
  CHECK(methods.obd() == std::vector<std::string>{"obd", "obd_gn"});
  CHECK(methods.rank("hashed") < methods.rank("mag_l1"));
  std::vector<Run> runs;
  add(runs, "lenet300", "mystery", "1/2", {0.001, 0.001, 0.001});  // not in the table
  add(runs, "lenet300", "mag_l1", "1/2", {0.010, 0.011, 0.012});
  add(runs, "lenet300", "hashed", "1/2", {0.020, 0.022, 0.021});
  const Claim claim = find(evaluate_claims(runs, methods), "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);
  CHECK(claim.comparisons.front().better_label == "mag_l1");
}

TEST_CASE("a pruning method joins a claim only when its row names the claim's side") {
  // A saliency-based pruning method added to the table without claim sides: in no group, so
  // claim 1's best pruning method stays mag_l1 although the newcomer has the lower errors.
  const std::string path = "tests/report/testdata/methods.csv";
  const std::string newcomer = "saliency,pruning,saliency,dense_l2,saliency pruning,9,9,\n";
  const MethodTable methods = method_table_from_csv(read_file(path) + newcomer, path);
  CHECK(methods.pruning() == std::vector<std::string>{"mag_l1", "mag_l2", "obd", "obd_gn"});
  std::vector<Run> runs;
  add(runs, "lenet300", "saliency", "1/2", {0.001, 0.001, 0.001});
  add(runs, "lenet300", "mag_l1", "1/2", {0.030, 0.031, 0.032});
  add(runs, "lenet300", "hashed", "1/2", {0.020, 0.022, 0.021});
  Claim claim = find(evaluate_claims(runs, methods), "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);
  CHECK(claim.comparisons.front().better_label.rfind("mag_l1", 0) == 0);
  // Its row saying "pruning" puts it in claim 1's group, where it is picked on validation.
  const std::string joined = "saliency,pruning,saliency,dense_l2,saliency pruning,9,9,pruning\n";
  claim = find(evaluate_claims(runs, method_table_from_csv(read_file(path) + joined, path)),
               "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);
  CHECK(claim.comparisons.front().better_label.rfind("saliency", 0) == 0);
}

TEST_CASE("a bad methods table is a one-line error naming the file and the problem") {
  const std::string header = "name,kind,family,baseline,label,color,order,claims\n";
  CHECK_THROWS_WITH(method_table_from_csv("name,kind,family,baseline,label,color\nx,baseline,"
                                          "dense,,x,1\n",
                                          "m.csv"),
                    Catch::Contains("m.csv") && Catch::Contains("'order'"));
  CHECK_THROWS_WITH(method_table_from_csv(header + "x,compressed,dense,,x,1,1,\n", "m.csv"),
                    Catch::Contains("m.csv") && Catch::Contains("kind 'compressed'"));
  CHECK_THROWS_WITH(method_table_from_csv(header + "x,scratch,,,x,1,1,\n", "m.csv"),
                    Catch::Contains("m.csv: method 'x': no family"));
  CHECK_THROWS_WITH(method_table_from_csv(header + "x,scratch,lottery,,x,1,1,nn winner\n", "m.csv"),
                    Catch::Contains("m.csv: method 'x': claims 'winner'"));
  CHECK_THROWS_WITH(method_table_from_csv(header, "m.csv"), Catch::Contains("m.csv: no methods"));
}

TEST_CASE("results rows become runs; a missing column is named") {
  const std::string header =
      "dataset,arch,arch_kind,method,schedule,target_factor,seed,test_error,valid_error,stored_"
      "weights,"
      "training_epochs\n";
  const auto runs =
      runs_from_results(parse_csv(header + "mnist,lenet5,conv,nn,none,0.125,2,0.01,0.012,450,20\n" +
                                      "mnist,sig30,fc,obd,authors,0.1,2,0.01,0.012,450,20\n",
                                  "r.csv"),
                        "r.csv");
  REQUIRE(runs.size() == 2);  // the authors' schedule's runs too: the claims' other setting
  CHECK(runs[1].schedule == "authors");
  CHECK(runs[0].arch_kind == "conv");
  CHECK(runs[0].seed == 2);
  CHECK(runs[0].valid_error == 0.012);
  CHECK_THROWS_WITH(runs_from_results(parse_csv("dataset,arch\nmnist,fc3\n", "r.csv"), "r.csv"),
                    Catch::Contains("r.csv") && Catch::Contains("'arch_kind'"));
}

// The guard of the tests below: chance error 0.9 on mnist's validation split; sig30's reference
// has weight layers of 784·30 and 30·10 (budget at 1/32: 735 + 10 = 745 weights).
ValidityGuard mnist_guard() { return ValidityGuard({{"mnist", 0.9}}, {{"sig30", {23520, 300}}}); }

TEST_CASE("a run at chance is shown but left out of the tally, and counted") {
  std::vector<Run> runs;
  add(runs, "sig30", "mag_l2", "1/8", {0.050, 0.051, 0.052});
  add(runs, "sig30", "hashed", "1/8", {0.080, 0.081, 0.082});
  add(runs, "sig30", "mag_l2", "1/16", {0.060, 0.061, 0.062});
  add(runs, "sig30", "hashed", "1/16", {0.100, 0.899, 0.101});  // seed 2 never left chance
  const Claim unguarded = find(evaluate_claims(runs, fixture()), "claim.pruning_vs_hashed");
  CHECK(verdict(unguarded) == "holds");
  const Claim claim =
      find(evaluate_claims(runs, fixture(), mnist_guard()), "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 2);  // ascending factor: 1/16, then 1/8
  CHECK(claim.comparisons[0].left_out == "untrained");
  CHECK(claim.comparisons[1].left_out == "");
  CHECK(verdict(claim) == "holds");
  CHECK(claim_summary(claim).find("1 of 1 comparisons") != std::string::npos);
  CHECK(claim_summary(claim).find("6 runs") != std::string::npos);
  CHECK(claim_summary(claim).find("1 comparison left out: 1 untrained") != std::string::npos);
  CHECK(evidence_table(claim).find("*untrained* (left out)") != std::string::npos);
  CHECK(by_dataset_table(claim).find("| mnist | holds | 1 | 0 | 0 | 0 | 1 | 6 |") !=
        std::string::npos);

  // Every comparison left out: the claim is not tested, and says why.
  std::vector<Run> dead;
  add(dead, "sig30", "mag_l2", "1/8", {0.050, 0.051, 0.052});
  add(dead, "sig30", "hashed", "1/8", {0.890, 0.899, 0.901});
  const Claim none =
      find(evaluate_claims(dead, fixture(), mnist_guard()), "claim.pruning_vs_hashed");
  CHECK(verdict(none) == "not tested");
  CHECK(claim_summary(none) ==
        "not tested: no comparison may vote; 1 comparison left out: 1 untrained");
}

TEST_CASE("a network over its budget and a baseline near chance are left out and counted") {
  std::vector<Run> runs;
  // nn at 1/32 stores one hidden unit, 794 weights, over the budget of 745: left out. At 1/8 it
  // stores 2382 of 2978: compared.
  add(runs, "sig30", "mag_l2", "1/32", {0.10, 0.11, 0.12});
  add(runs, "sig30", "nn", "1/32", {0.30, 0.31, 0.32}, 0, 794);
  add(runs, "sig30", "mag_l2", "1/8", {0.05, 0.051, 0.052});
  add(runs, "sig30", "nn", "1/8", {0.07, 0.071, 0.072}, 0, 2382);
  const ValidityGuard guard = mnist_guard();
  CHECK(guard.budget("sig30", 0.03125) == 745);
  CHECK(guard.over_budget("sig30", 0.03125, 794));
  CHECK_FALSE(guard.over_budget("sig30", 0.125, 2978));
  Claim claim = find(evaluate_claims(runs, fixture(), guard), "claim.magnitude_competitive");
  REQUIRE(claim.comparisons.size() == 2);
  CHECK(claim.comparisons[0].left_out == "over budget");
  CHECK(claim.comparisons[1].left_out == "");
  CHECK(claim_summary(claim).find("1 comparison left out: 1 over budget") != std::string::npos);

  // mag_l2's own baseline (its chain at factor 1) at 50% validation error, not below half of
  // chance: every mag_l2 comparison rests on it and is left out.
  add(runs, "sig30", "mag_l2", "1", {0.50, 0.50, 0.50});
  claim = find(evaluate_claims(runs, fixture(), guard), "claim.magnitude_competitive");
  CHECK(claim.comparisons[1].left_out == "baseline near chance");
  CHECK(verdict(claim) == "not tested");
}

TEST_CASE("claim 2 judges a series at its highest compression where both sides trained") {
  std::vector<Run> runs;
  // At 1/16 OBD never left chance (left out); at 1/8 magnitude wins on every seed.
  add(runs, "sig30", "mag_l1", "1/8", {0.015, 0.016, 0.017});
  add(runs, "sig30", "obd", "1/8", {0.020, 0.022, 0.021});
  add(runs, "sig30", "mag_l1", "1/16", {0.020, 0.021, 0.022});
  add(runs, "sig30", "obd", "1/16", {0.89, 0.89, 0.89});
  const Claim claim =
      find(evaluate_claims(runs, fixture(), mnist_guard()), "claim.obd_vs_magnitude");
  REQUIRE(claim.comparisons.size() == 2);
  CHECK(verdict(claim) == "holds");
  CHECK(claim.note == "crossover: mnist sig30 obd 1/8");
}

TEST_CASE("the claims are judged per setting: the authors' schedule or iterative halving") {
  std::vector<Run> runs;
  add(runs, "sig30", "hashed", "1/10", {0.080, 0.081, 0.082});
  add(runs, "sig30", "mag_l2", "1/10", {0.050, 0.051, 0.052});  // halving: wins
  add(runs, "sig30", "mag_l2", "1/10", {0.090, 0.091, 0.092});  // authors: loses
  for (size_t i = 3; i < 6; ++i) runs[i].schedule = "halving";
  for (size_t i = 6; i < 9; ++i) runs[i].schedule = "authors";
  const auto verdict_in = [&](const std::string& schedule) {
    const Claim c = find(evaluate_claims(runs, fixture(), ValidityGuard(), schedule),
                         "claim.pruning_vs_hashed");
    CHECK(c.setting == schedule);
    REQUIRE(c.comparisons.size() == 1);
    return verdict(c);
  };
  CHECK(verdict_in("halving") == "holds");
  CHECK(verdict_in("authors") == "fails");
}

TEST_CASE("a verdict without one dataset shows how much that dataset weighs") {
  std::vector<Run> runs;
  add(runs, "sig30", "mag_l2", "1/8", {0.050, 0.051, 0.052});
  add(runs, "sig30", "hashed", "1/8", {0.080, 0.081, 0.082});
  std::vector<Run> rot;
  add(rot, "sig30", "mag_l2", "1/8", {0.50, 0.51, 0.52});
  add(rot, "sig30", "hashed", "1/8", {0.40, 0.41, 0.42});
  for (Run& r : rot) r.dataset = "rot";
  runs.insert(runs.end(), rot.begin(), rot.end());
  const Claim claim = find(evaluate_claims(runs, fixture()), "claim.pruning_vs_hashed");
  CHECK(verdict(claim) == "mixed");
  CHECK(verdict_without(claim, "rot") == "holds");
  CHECK(verdict_without(claim, "mnist") == "fails");
}

TEST_CASE("a comparison's cell names its factor as 1/N when it is exactly 1/N") {
  std::vector<Run> runs;
  add(runs, "sig30", "mag_l2", "1/500", {0.050, 0.051, 0.052});
  add(runs, "sig30", "hashed", "0.002", {0.080, 0.081, 0.082});
  add(runs, "sig30", "hashed", "1/512", {0.080, 0.081, 0.082});
  const Claim claim = find(evaluate_claims(runs, fixture()), "claim.pruning_vs_hashed");
  REQUIRE(claim.comparisons.size() == 1);  // 0.002 is 1/500: one cell; 1/512 has no pruning
  CHECK(claim.comparisons.front().context == "mnist sig30 at 1/500");  // not "0.002"
}

TEST_CASE("numbers: percent, percentage points, fixed decimals, shortest, counts") {
  CHECK(percent(0.0159) == "1.59");
  CHECK(signed_points(0.0125) == "+1.25");
  CHECK(signed_points(-0.0125) == "-1.25");
  CHECK(fixed(20.4, 0) == "20");
  CHECK(fixed(2.0 / 3, 2) == "0.67");
  CHECK(shortest(0.00001) == "1e-05");
  CHECK(shortest(3) == "3");
  CHECK(count_of(1, "runs") == "1 run");
  CHECK(count_of(2, "runs") == "2 runs");
  CHECK(count_of(1, "series") == "1 series");
}

}  // namespace
}  // namespace nnc
