// The equivalent-size solver: within 1% of the stored-weight budget wherever integer widths allow
// it (every architecture with two or more hidden widths, at 1/2 ... 1/64), the nearest achievable
// count otherwise, and the factor it reports is the one it reached.
#include "lib/compress/equivalent_size.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace nnc {
namespace {

const Shape kMnist{28, 28, 1};

TEST_CASE("the weight count agrees with the network the architecture builds") {
  for (const std::string& name : architecture_names()) {
    const Architecture& a = architecture(name);
    CHECK(architecture_weights(a, kMnist, 10) == build_network(a, kMnist, 10, {}).weight_count());
  }
  CHECK(architecture_weights(architecture("lenet300"), kMnist, 10) == 266200);
}

TEST_CASE("multi-layer architectures hit the budget within 1% at every factor to 1/64") {
  for (const std::string name : {"fc5", "lenet300", "lenet5"})
    for (int k = 1; k <= 6; ++k) {
      const double factor = 1.0 / (1 << k);
      const EquivalentSize e = equivalent_size(architecture(name), kMnist, 10, factor);
      const size_t reference = architecture_weights(architecture(name), kMnist, 10);
      INFO(name << " at 1/" << (1 << k) << ": " << e.weights << " weights for budget " << e.budget);
      CHECK(std::abs(static_cast<double>(e.weights) - factor * reference) <=
            0.01 * factor * reference);
      CHECK(e.weights == build_network(e.arch, kMnist, 10, {}).weight_count());
      CHECK(e.achieved == Approx(static_cast<double>(e.weights) / reference));
      CHECK(e.arch.name == name);
    }
}

TEST_CASE("one hidden layer gets the nearest integer width") {
  // fc3: each unit costs 784 + 10 weights, so 1/64 of 794000 (12406.25) is 15.6 units -> 16.
  const EquivalentSize e = equivalent_size(architecture("fc3"), kMnist, 10, 1.0 / 64);
  CHECK(e.arch.hidden[0].size == 16);
  CHECK(e.weights == 16 * 794);
  for (int k = 1; k <= 4; ++k) {
    const EquivalentSize f = equivalent_size(architecture("fc3"), kMnist, 10, 1.0 / (1 << k));
    CHECK(std::abs(static_cast<double>(f.weights) - 794000.0 / (1 << k)) <= 794.0 / 2);
  }
  // When width 1 already exceeds the budget, widths stay 1 and the achieved factor says so.
  const EquivalentSize tiny = equivalent_size(architecture("sig30"), kMnist, 10, 1.0 / 500);
  CHECK(tiny.arch.hidden[0].size == 1);
  CHECK(tiny.achieved == Approx(794.0 / 23820));
}

TEST_CASE("factor 1 is the reference and bad factors are rejected") {
  const EquivalentSize e = equivalent_size(architecture("lenet5"), kMnist, 10, 1.0);
  for (size_t i = 0; i < e.arch.hidden.size(); ++i)
    CHECK(e.arch.hidden[i].size == architecture("lenet5").hidden[i].size);
  CHECK(e.achieved == 1.0);
  CHECK_THROWS_WITH(equivalent_size(architecture("fc3"), kMnist, 10, 0.0),
                    "equivalent size: factor 0 is not in (0, 1]");
}

}  // namespace
}  // namespace nnc
