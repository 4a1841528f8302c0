// rer (random edge removal): exactly K = ⌈factor·|W|⌉ weights kept per layer, a mask that
// training cannot undo, and the masked network's gradient by finite differences.
#include <catch2/catch.hpp>
#include <cmath>

#include "lib/nn/loss.h"
#include "tests/compress/scratch_fixture.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

const Shape kMnist{28, 28, 1};

TEST_CASE("rer keeps exactly the budget's count of weights per layer") {
  for (const std::string name : {"fc3", "lenet300", "lenet5", "sig30"})
    for (const double factor : {1.0 / 2, 1.0 / 8, 1.0 / 10, 1.0 / 64, 1.0 / 100}) {
      INFO(name << " at " << factor);
      const Network net = build_scratch("rer", architecture(name), factor, kMnist, 10).net;
      const Network reference = build_network(architecture(name), kMnist, 10, {});
      for (const LayerBudget& b : layer_budgets(net, reference, factor))
        CHECK(b.stored == b.budget);
      CHECK(net.weight_count() == reference.weight_count());  // the mask keeps the shapes
    }
}

TEST_CASE("rer's masks depend on the seed; survivors are the dense draw scaled for kept fan-in") {
  const Architecture arch = tiny_fc();
  const Network a = build_scratch("rer", arch, 0.25, Shape{5, 4, 1}, 3, "lenet", 1).net;
  const Network b = build_scratch("rer", arch, 0.25, Shape{5, 4, 1}, 3, "lenet", 1).net;
  const Network c = build_scratch("rer", arch, 0.25, Shape{5, 4, 1}, 3, "lenet", 2).net;
  const Network dense = build_scratch("dense", arch, 1.0, Shape{5, 4, 1}, 3, "lenet", 1).net;
  CHECK((a.layer(0).param("weight").mask == b.layer(0).param("weight").mask));
  CHECK((a.layer(0).param("weight").mask != c.layer(0).param("weight").mask));
  // Unit i's kept weights: the dense draw times √(fan_in / kept_i) (He et al. 2015 at n = kept).
  const Param& w = a.layer(0).param("weight");
  const Param& d = dense.layer(0).param("weight");
  const size_t rows = w.value.shape(0), columns = w.value.shape(1);
  for (size_t i = 0; i < rows; ++i) {
    double kept = 0;
    for (size_t j = 0; j < columns; ++j) kept += w.mask(i, j);
    const float scale = kept ? static_cast<float>(std::sqrt(columns / kept)) : 0.0f;
    for (size_t j = 0; j < columns; ++j)
      CHECK(w.value(i, j) == w.mask(i, j) * d.value(i, j) * scale);
  }
}

TEST_CASE("rer's masked network passes the finite-difference gradient check") {
  for (const std::string proto : {"lenet", "authors"}) {
    INFO(proto);
    Network net = build_scratch("rer", tiny_fc(), 0.3, Shape{5, 4, 1}, 3, proto).net;
    randomize_biases(net, 4);
    const auto loss = make_loss(protocol(proto).loss);
    require_passes(check_network(net, *loss, random_matrix(6, 20, 3), {0, 1, 2, 2, 1, 0}), 60);
  }
}

}  // namespace
}  // namespace nnc
