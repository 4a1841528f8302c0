// Property tests of the shared pruning mechanism: exact survivor counts with ties, determinism,
// factor 1 as the identity, masks that hold through gradient steps, global versus per-layer
// ranking on a constructed case, and tiny factors that would empty a layer.
#include "lib/compress/prune.h"

#include <catch2/catch.hpp>
#include <numeric>

#include "lib/nn/activation.h"
#include "lib/nn/dense.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

Network mlp(const std::vector<size_t>& widths) {
  Network net(flat(widths[0]));
  for (size_t i = 1; i < widths.size(); ++i) {
    net.add(std::make_unique<Dense>(flat(widths[i - 1]), widths[i]));
    if (i + 1 < widths.size()) net.add(std::make_unique<Relu>(flat(widths[i])));
  }
  return net;
}

size_t total(const std::vector<size_t>& v) {
  return std::accumulate(v.begin(), v.end(), size_t{0});
}

void fill_weights(Network& net, float value) {
  for (Param* p : weight_params(net)) p->value.fill(value);
}

TEST_CASE("pruning keeps exactly the requested count, breaking ties by tensor then index") {
  Network net = mlp({4, 3, 2});  // 12 + 6 weights, all tied
  fill_weights(net, 0.5f);
  for (size_t keep : {2u, 5u, 12u, 13u, 17u}) {
    Network copy = net;
    const std::vector<size_t> s =
        prune_to_count(copy, magnitude_saliency(copy), keep, Ranking::kGlobal);
    CHECK(total(s) == keep);
    CHECK(copy.stored_weight_count() == keep);
  }
  // With every weight tied, the survivors are the floor (first weight of each tensor) and then the
  // earliest indices: keep 5 -> the first 4 of tensor 0 plus the first of tensor 1.
  prune_to_count(net, magnitude_saliency(net), 5, Ranking::kGlobal);
  const std::vector<Param*> w = weight_params(net);
  for (size_t k = 0; k < 12; ++k) CHECK(w[0]->mask.data()[k] == (k < 4 ? 1.0f : 0.0f));
  for (size_t k = 0; k < 6; ++k) CHECK(w[1]->mask.data()[k] == (k == 0 ? 1.0f : 0.0f));
}

TEST_CASE("per-layer ranking keeps an exact total and tensors' shares of it") {
  Network net = mlp({10, 8, 5});  // 80 + 40 weights
  randomize_params(net, 3);
  const std::vector<size_t> s =
      prune_to_count(net, magnitude_saliency(net), 30, Ranking::kPerLayer);
  CHECK(s == std::vector<size_t>{20, 10});
  CHECK(per_layer_quotas(7, {100, 10, 1}, {100, 10, 1}) == std::vector<size_t>{5, 1, 1});
  // A capped tensor passes its excess on.
  CHECK(per_layer_quotas(20, {50, 50}, {5, 50}) == std::vector<size_t>{5, 15});
}

TEST_CASE("pruning is deterministic and the same random seed prunes the same weights") {
  Network a = mlp({6, 5, 3}), b;
  randomize_params(a, 7);
  b = a;
  Rng ra(11), rb(11);
  prune_to_count(a, random_saliency(a, ra), 9, Ranking::kGlobal);
  prune_to_count(b, random_saliency(b, rb), 9, Ranking::kGlobal);
  for (size_t t = 0; t < 2; ++t) CHECK((weight_params(a)[t]->mask == weight_params(b)[t]->mask));
}

TEST_CASE("factor 1 is the identity") {
  Network net = mlp({6, 5, 3});
  randomize_params(net, 5);
  const Network before = net;
  const size_t keep = target_weight_count(net, 1.0);
  CHECK(keep == net.weight_count());
  prune_to_count(net, magnitude_saliency(net), keep, Ranking::kGlobal);
  for (size_t l = 0; l < net.size(); ++l)
    for (size_t p = 0; p < net.layer(l).params().size(); ++p) {
      CHECK_FALSE(net.layer(l).params()[p].masked());
      CHECK((net.layer(l).params()[p].value == before.layer(l).params()[p].value));
    }
}

TEST_CASE("the most salient weights survive and pruned weights are never revived") {
  Network net = mlp({5, 4, 3});
  randomize_params(net, 9);
  const Saliencies s = magnitude_saliency(net);
  prune_to_count(net, s, 10, Ranking::kGlobal);
  // Every survivor is at least as large as every pruned weight (apart from each tensor's floor).
  float smallest_kept = 1e9f, largest_pruned = 0.0f;
  for (const Param* p : weight_params(net))
    for (size_t k = 0; k < p->value.size(); ++k)
      if (p->mask.data()[k] != 0.0f) {
        smallest_kept = std::min(smallest_kept, std::fabs(p->value.data()[k]));
      }
  for (size_t t = 0; t < s.size(); ++t)
    for (size_t k = 0; k < s[t].size(); ++k)
      if (weight_params(net)[t]->mask.data()[k] == 0.0f)
        largest_pruned = std::max(largest_pruned, s[t].data()[k]);
  CHECK(smallest_kept >= largest_pruned);
  // Asking for more survivors than there are changes nothing.
  const std::vector<size_t> again =
      prune_to_count(net, magnitude_saliency(net), 20, Ranking::kGlobal);
  CHECK(total(again) == 10);
}

TEST_CASE("pruned weights stay exactly 0 through backward passes and masked updates") {
  Network net = mlp({6, 5, 3});
  randomize_params(net, 13);
  prune_to_count(net, magnitude_saliency(net), 12, Ranking::kGlobal);
  const auto loss = make_loss("softmax_cross_entropy");
  const Matrix x = random_matrix(4, 6, 14);
  const std::vector<int> labels = {0, 1, 2, 1};
  for (int step = 0; step < 5; ++step) {
    Matrix dout;
    loss->evaluate(net.forward(x, Mode::kTrain, nullptr), labels, &dout);
    net.backward(dout);
    for (Param* p : net.params()) {
      p->value -= 0.5f * p->grad;  // a plain SGD step, then the optimiser's re-masking
      p->apply_mask();
    }
  }
  for (const Param* p : weight_params(net))
    for (size_t k = 0; k < p->value.size(); ++k)
      if (p->mask.data()[k] == 0.0f) {
        CHECK(p->value.data()[k] == 0.0f);
        CHECK(p->grad.data()[k] == 0.0f);
      }
  CHECK(net.stored_weight_count() == 12);
}

TEST_CASE("global and per-layer ranking differ as expected on a constructed case") {
  // Tensor 0 (large weights) and tensor 1 (small weights), same size: keeping half globally keeps
  // tensor 0 whole and only tensor 1's floor; per layer keeps half of each.
  Network net = mlp({4, 4, 4});
  std::vector<Param*> w = weight_params(net);
  for (size_t k = 0; k < 16; ++k) {
    w[0]->value.data()[k] = 10.0f + static_cast<float>(k);
    w[1]->value.data()[k] = 0.01f * static_cast<float>(k + 1);
  }
  Network global = net, layer = net;
  CHECK(prune_to_count(global, magnitude_saliency(global), 16, Ranking::kGlobal) ==
        std::vector<size_t>{15, 1});
  CHECK(prune_to_count(layer, magnitude_saliency(layer), 16, Ranking::kPerLayer) ==
        std::vector<size_t>{8, 8});
  // Per layer, each tensor keeps its own largest half.
  for (size_t k = 0; k < 16; ++k)
    CHECK(weight_params(layer)[1]->mask.data()[k] == (k >= 8 ? 1.0f : 0.0f));
  // Global: tensor 1's floor is its largest weight.
  CHECK(weight_params(global)[1]->mask.data()[15] == 1.0f);
}

TEST_CASE("factor 1/500 keeps one weight per layer instead of emptying a layer") {
  Network net = mlp({784, 300, 100, 10});  // lenet300: 266200 weights
  randomize_params(net, 17);
  // Make the last layer's weights tiny so global ranking would empty it.
  weight_params(net)[2]->value *= 1e-6f;
  const size_t keep = target_weight_count(net, 1.0 / 500);
  CHECK(keep == 532);
  for (Ranking r : {Ranking::kGlobal, Ranking::kPerLayer}) {
    Network copy = net;
    const std::vector<size_t> s = prune_to_count(copy, magnitude_saliency(copy), keep, r);
    CHECK(total(s) == keep);
    for (size_t n : s) CHECK(n >= 1);
    CHECK(copy.forward(random_matrix(2, 784, 1), Mode::kInfer, nullptr).shape(1) == 10);
  }
  // Below one weight per tensor, each tensor keeps exactly one.
  Network tiny = net;
  CHECK(prune_to_count(tiny, magnitude_saliency(tiny), 1, Ranking::kGlobal) ==
        std::vector<size_t>{1, 1, 1});
}

TEST_CASE("bad inputs are rejected with one-line messages") {
  Network net = mlp({3, 2});
  CHECK_THROWS_WITH(parse_ranking("local"), "unknown ranking 'local' (expected global or layer)");
  CHECK_THROWS_WITH(target_weight_count(net, 0.0), "factor 0 is not in (0, 1]");
  CHECK_THROWS_WITH(target_weight_count(net, 1.5), "factor 1.5 is not in (0, 1]");
  Saliencies wrong = {xt::zeros<float>({3, 2})};
  CHECK_THROWS_WITH(prune_to_count(net, wrong, 1, Ranking::kGlobal),
                    "prune_to_count: saliency of shape [3,2] for weight param #0 of shape [2,3]");
  CHECK_THROWS_WITH(obd_saliency(net), Catch::Contains("has no curvature"));
}

}  // namespace
}  // namespace nnc
