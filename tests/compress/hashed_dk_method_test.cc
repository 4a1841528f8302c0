// hashed_dk (dark knowledge on the HashedNet): the network is hashed's, it is marked as trained on
// a teacher, each layer stores exactly K = ⌈factor·|V|⌉ weights, and its gradient under the
// distillation loss passes finite differences.
#include <catch2/catch.hpp>

#include "tests/compress/scratch_fixture.h"
#include "tests/nn/gradient_check.h"
#include "tests/train/teacher_loss.h"

namespace nnc {
namespace {

const Shape kMnist{28, 28, 1};

TEST_CASE("hashed_dk builds hashed's network and trains on a teacher") {
  check_distills_base_network("hashed_dk", "hashed", 0.125);
}

TEST_CASE("hashed_dk stores exactly K weights per layer") {
  for (const std::string name : {"fc3", "lenet300", "lenet5", "sig30"})
    for (const double factor : {1.0 / 2, 1.0 / 8, 1.0 / 10, 1.0 / 64, 1.0 / 100}) {
      INFO(name << " at " << factor);
      const Network net = build_scratch("hashed_dk", architecture(name), factor, kMnist, 10).net;
      const Network reference = build_network(architecture(name), kMnist, 10, {});
      for (const LayerBudget& b : layer_budgets(net, reference, factor))
        CHECK(b.stored == b.budget);
    }
}

TEST_CASE("hashed_dk's network passes the finite-difference check of the distillation loss") {
  Network net = build_scratch("hashed_dk", tiny_fc(), 0.25, Shape{5, 4, 1}, 3, "lenet").net;
  const TeacherLoss loss("softmax_cross_entropy", protocol("lenet").distillation,
                         random_matrix(6, 3, 9, 2.0));
  require_passes(check_network(net, loss, random_matrix(6, 20, 3), {0, 1, 2, 2, 1, 0}), 40);
}

}  // namespace
}  // namespace nnc
