// lrd (low-rank decomposition): the low-rank layer's gradients by finite differences (rank 0
// included), the largest rank within K = ⌈factor·|W|⌉ per layer, rebuilding from the layer
// registry, stored weights as the evaluate stage counts them, and the clear failure on conv layers.
#include <catch2/catch.hpp>

#include "lib/compress/low_rank.h"
#include "lib/nn/loss.h"
#include "tests/compress/scratch_fixture.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

const Shape kMnist{28, 28, 1};

TEST_CASE("the low-rank layer passes the generic gradient check") {
  for (const size_t rank : {1, 3, 7}) {
    INFO("rank " << rank);
    LowRankDense layer(flat(12), 7, rank);
    randomize_layer(layer, rank);
    // Linear in every param and in x, so a wider step only cuts float rounding.
    CheckOptions options;
    options.eps = 1e-2;
    require_passes(check_layer(layer, random_matrix(4, 12, 2), options), 40);
  }
  SECTION("rank 0: the bias alone, a zero input gradient") {
    LowRankDense layer(flat(5), 3, 0);
    randomize_layer(layer, 4);
    const Matrix x = random_matrix(2, 5, 5);
    Matrix y, dx;
    layer.forward(x, y, Mode::kInfer, nullptr);
    CHECK(y(1, 2) == layer.param("bias").value(2));
    layer.backward(x, y, random_matrix(2, 3, 6), &dx);
    CHECK(xt::amax(xt::abs(dx))() == 0.0f);
  }
}

TEST_CASE("lrd's network passes the finite-difference gradient check") {
  for (const std::string proto : {"lenet", "authors"}) {
    INFO(proto);
    Network net = build_scratch("lrd", tiny_fc(), 0.4, Shape{5, 4, 1}, 3, proto).net;
    randomize_biases(net, 4);
    CHECK(net.layer(0).kind() == "low_rank_dense");
    const auto loss = make_loss(protocol(proto).loss);
    require_passes(check_network(net, *loss, random_matrix(6, 20, 3), {0, 1, 2, 2, 1, 0}), 60);
  }
}

TEST_CASE("lrd pools HashedNets' budget: a rank for every layer where the network affords it") {
  // fc3 at 1/8: K = 98000 and 1250; the floors 54 and 1 fit.
  CHECK(low_rank_ranks({{784, 1000, 98000}, {1000, 10, 1250}}) == std::vector<size_t>{54, 1});
  // fc3 at 1/64: the output layer's own K = 157 < 1010 would leave it at rank 0 (chance).
  CHECK(low_rank_ranks({{784, 1000, 12250}, {1000, 10, 157}}) == std::vector<size_t>{6, 1});
  // Pooled floors that overflow: the highest rank gives up one until they fit.
  CHECK(low_rank_ranks({{10, 10, 45}, {10, 10, 5}}) == std::vector<size_t>{1, 1});
  CHECK(low_rank_ranks({{10, 10, 65}, {10, 10, 5}}) == std::vector<size_t>{2, 1});
  // Rank 1 everywhere overflows: the widest layer drops to 0 first.
  CHECK(low_rank_ranks({{784, 30, 92}, {30, 10, 2}}) == std::vector<size_t>{0, 1});
  CHECK(low_rank_ranks({{784, 30, 10}, {30, 10, 2}}) == std::vector<size_t>{0, 0});
  for (const std::string name : {"fc3", "fc5", "lenet300", "sig30"})
    for (const double factor : {1.0 / 2, 1.0 / 8, 1.0 / 10, 1.0 / 64, 1.0 / 100}) {
      INFO(name << " at " << factor);
      const Network net = build_scratch("lrd", architecture(name), factor, kMnist, 10).net;
      const Network reference = build_network(architecture(name), kMnist, 10, {});
      const std::vector<LayerBudget> budgets = layer_budgets(net, reference, factor);
      REQUIRE(budgets.size() == net.size() - net.size() / 2);  // every other layer is ReLU/sigmoid
      size_t stored = 0, budget = 0, one_rank_each = 0, lowest_rank = SIZE_MAX;
      for (size_t l = 0, w = 0; l < net.size(); ++l) {
        const auto* layer = dynamic_cast<const LowRankDense*>(&net.layer(l));
        if (!layer) continue;
        const size_t width = layer->in_shape().size() + layer->out_shape().size();
        const LayerBudget& b = budgets[w++];
        CHECK(b.stored == layer->rank() * width);
        stored += b.stored;
        budget += b.budget;
        one_rank_each += width;
        lowest_rank = std::min(lowest_rank, layer->rank());
      }
      CHECK(stored <= budget);  // no more than the HashedNet of the same factor stores
      // Every layer keeps a rank when the budget affords one each (sig30 at 1/64 cannot: 373 <
      // 854).
      CHECK((lowest_rank >= 1) == (budget >= one_rank_each));
    }
}

TEST_CASE("a low-rank layer is rebuilt from its kind, attributes and stored values") {
  LowRankDense layer(flat(9), 4, 2);
  randomize_layer(layer, 7);
  std::unique_ptr<Layer> rebuilt = make_layer(layer.kind(), layer.in_shape(), layer.attributes());
  for (size_t p = 0; p < layer.params().size(); ++p) {
    REQUIRE(rebuilt->params()[p].value.shape() == layer.params()[p].value.shape());
    rebuilt->params()[p].value = layer.params()[p].value;
  }
  const Matrix x = random_matrix(3, 9, 8);
  Matrix y1, y2;
  layer.forward(x, y1, Mode::kInfer, nullptr);
  rebuilt->forward(x, y2, Mode::kInfer, nullptr);
  CHECK((y1 == y2));
  CHECK(layer.virtual_weight_count() == 2 * (9 + 4));  // what it stores and computes with
}

TEST_CASE("lrd refuses convolutional architectures by name") {
  CHECK_THROWS_WITH(build_scratch("lrd", architecture("lenet5"), 0.5, kMnist, 10),
                    "lrd: architecture lenet5 has a conv2d layer (1); low-rank decomposition "
                    "covers dense layers only");
}

}  // namespace
}  // namespace nnc
