// The equivalent-size solver: never over the stored-weight budget unless width 1 everywhere is,
// within 1% below it wherever integer widths allow it (every architecture with two or more hidden
// widths, at 1/2 ... 1/64), the largest count within it otherwise, and the factor it reports is
// the one it reached.
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
      CHECK(static_cast<double>(e.weights) <= factor * reference);
      CHECK(static_cast<double>(e.weights) >= 0.99 * factor * reference);
      CHECK(e.weights == build_network(e.arch, kMnist, 10, {}).weight_count());
      CHECK(e.achieved == Approx(static_cast<double>(e.weights) / reference));
      CHECK(e.arch.name == name);
    }
}

TEST_CASE("one hidden layer gets the largest integer width within the budget") {
  // fc3: each unit costs 784 + 10 weights, so 1/64 of 794000 (12406.25) is 15.6 units -> 15.
  const EquivalentSize e = equivalent_size(architecture("fc3"), kMnist, 10, 1.0 / 64);
  CHECK(e.arch.hidden[0].size == 15);
  CHECK(e.weights == 15 * 794);
  for (int k = 1; k <= 4; ++k) {
    const EquivalentSize f = equivalent_size(architecture("fc3"), kMnist, 10, 1.0 / (1 << k));
    CHECK(static_cast<double>(f.weights) <= 794000.0 / (1 << k));
    CHECK(static_cast<double>(f.weights) > 794000.0 / (1 << k) - 794.0);
  }
  // sig30 at 1/8: 2977.5 weights afford 3 units (2382), not the nearest 4 (3176).
  CHECK(equivalent_size(architecture("sig30"), kMnist, 10, 1.0 / 8).weights == 3 * 794);
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
