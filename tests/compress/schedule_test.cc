// The authors' schedule and factor parsing: the authors'
// schedule removes ⌊r·(k/15)^(1/16)·N⌋ and its trigger obeys epoch 50 / accuracy 0.99 / 25 epochs
// by default and whatever AuthorsSchedule says otherwise.
#include "lib/compress/schedule.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "lib/compress/factor.h"

namespace nnc {
namespace {

TEST_CASE("factors parse as fractions or decimals in (0, 1]") {
  CHECK(parse_factor("1/8") == 0.125);
  CHECK(parse_factor("0.125") == 0.125);
  CHECK(parse_factor("1") == 1.0);
  CHECK(parse_factor("1/500") == 1.0 / 500);
  for (const char* bad : {"0", "2", "1/0", "-1/8", "abc", "", "1/8x", "3/2", "nan"})
    CHECK_THROWS_WITH(parse_factor(bad), std::string("factor '") + bad +
                                             "' is not a number in (0, 1] (e.g. 1/8 or 0.125)");
  CHECK(check_factor(1.0 / 512) == 1.0 / 512);
  CHECK_THROWS_WITH(check_factor(0.0), "factor 0 is not in (0, 1]");
  CHECK_THROWS_WITH(check_factor(1.5, "hashed"), "hashed: factor 1.5 is not in (0, 1]");
  CHECK_THROWS_WITH(authors_kept_count(100, 2.0, 1),
                    "authors' schedule: factor 2 is not in (0, 1]");
}

TEST_CASE("the authors' step k keeps N - floor(r (k/15)^(1/16) N) weights") {
  const size_t n = 49500;
  for (const double target : {0.1, 1.0 / 512, 1.0})
    for (size_t k = 1; k <= 15; ++k) {
      const double removed = std::floor((1 - target) * std::pow(k / 15.0, 0.0625) * n);
      CHECK(authors_kept_count(n, target, k) == n - static_cast<size_t>(removed));
    }
  CHECK(authors_kept_count(n, 0.1, 15) == 4950);
  CHECK(authors_kept_count(n, 1.0, 7) == n);  // target 1 removes nothing
  AuthorsSchedule three;
  three.steps = 3;
  CHECK(authors_kept_count(1000, 0.5, 3, three) == 500);
  CHECK_THROWS_WITH(authors_kept_count(n, 0.1, 16), "authors' schedule: step 16 is not in [1, 15]");
  CHECK_THROWS_WITH(authors_kept_count(n, 0.1, 0), "authors' schedule: step 0 is not in [1, 15]");
}

TEST_CASE("the authors' trigger prunes from epoch 50 on accuracy or after 25 epochs") {
  AuthorsTrigger t;
  CHECK_FALSE(t.prune_after(10, 0.0));   // accurate, but before epoch 50
  CHECK(t.prune_after(50, 0.5));         // epoch 50: 25 epochs have passed since the start
  CHECK_FALSE(t.prune_after(51, 0.05));  // 95% accuracy: wait
  CHECK(t.prune_after(52, 0.005));       // 99.5%: prune
  CHECK_FALSE(t.prune_after(76, 0.5));
  CHECK(t.prune_after(77, 0.5));  // 25 epochs after the last step
  size_t epoch = 77;
  while (t.steps_taken() < 15) t.prune_after(++epoch, 0.0);
  CHECK_FALSE(t.prune_after(++epoch, 0.0));  // never a 16th step
  CHECK_FALSE(t.finished(epoch));
  CHECK_FALSE(t.finished(epoch - 2 + 50));
  CHECK(t.finished(epoch - 1 + 50));
  AuthorsTrigger unmeasured;
  CHECK(unmeasured.prune_after(50, 0.5));
  CHECK_FALSE(unmeasured.prune_after(51, -1));  // an unmeasured error (−1) is not an accuracy
}

TEST_CASE("the trigger follows the schedule it is given") {
  AuthorsSchedule s;
  s.steps = 2;
  s.first_epoch = 3;
  s.patience = 2;
  s.tail = 1;
  s.accuracy = 0.9;
  AuthorsTrigger t(s);
  CHECK_FALSE(t.prune_after(2, 0.0));  // before first_epoch
  CHECK(t.prune_after(3, 0.5));        // 3 >= 0 + patience
  CHECK_FALSE(t.prune_after(4, 0.2));  // 80% accurate, 1 epoch since
  CHECK(t.prune_after(5, 0.5));        // patience
  CHECK_FALSE(t.finished(5));
  CHECK(t.finished(6));
}

TEST_CASE("the most epochs the authors' schedule trains after its baseline") {
  // The seed paper's values after 50 epochs: step 1 at epoch 51 (51 >= 0 + 25), steps 2..15 each
  // 25 epochs later (epoch 401), then the 50-epoch tail: 451 epochs in all, 401 after the baseline.
  CHECK(authors_max_epochs(50) == 401);
  AuthorsSchedule s;
  s.patience = 1;
  s.tail = 5;
  CHECK(authors_max_epochs(50, s) == 1 + 14 + 5);
  // A baseline shorter than the patience: the first step waits for it (epoch 25).
  CHECK(authors_max_epochs(2) == 23 + 14 * 25 + 50);
}

}  // namespace
}  // namespace nnc
