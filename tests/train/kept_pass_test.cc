// The passes over kept entries only (Param::kept_pass: the regulariser's gradient, the SGD
// update) leave the same bytes as the passes over every entry: the same network, masks and batches
// trained both ways give identical value, grad and velocity after every step, at several densities
// (an empty row and column, a fully pruned tensor, a mask change mid-run), momentum 0 and 0.9,
// L1 and L2; pruned entries stay +0 throughout.
#include <catch2/catch.hpp>
#include <cstring>

#include "lib/nn/activation.h"
#include "lib/nn/dense.h"
#include "lib/nn/loss.h"
#include "lib/train/regularizer.h"
#include "lib/train/sgd.h"
#include "tests/train/synthetic.h"

namespace nnc {
namespace {

// Returns: a mask of p's shape keeping each entry of `keep` (all ones when empty) with probability
// density (seeded), with row 0 and column 0 emptied when empty_edges.
xt::xarray<float> random_mask(const Param& p, double density, uint64_t seed, bool empty_edges,
                              const xt::xarray<float>& keep = {}) {
  Rng rng(seed);
  xt::xarray<float> m = xt::zeros<float>(p.value.shape());
  const size_t in = p.value.shape(1);
  for (size_t i = 0; i < m.size(); ++i) {
    const bool edge = empty_edges && (i / in == 0 || i % in == 0);
    const bool kept = keep.dimension() == 0 || keep.data()[i] != 0.0f;
    m.data()[i] = kept && !edge && rng.uniform() < density ? 1.0f : 0.0f;
  }
  return m;
}

// Returns: 40 -> 24 -> 16 -> 10 sigmoid layers with random weights, weight l masked at density[l]
// (layer 0 with an empty row and column).
Network masked_network(const double (&density)[3]) {
  Network net(flat(40));
  const size_t widths[] = {40, 24, 16, 10};
  for (size_t l = 0; l < 3; ++l) {
    net.add(std::make_unique<Dense>(flat(widths[l]), widths[l + 1]));
    if (l < 2) net.add(std::make_unique<Sigmoid>(flat(widths[l + 1])));
  }
  Rng rng(5);
  std::vector<Param*> params = net.params();
  for (Param* p : params)
    for (float& v : p->value) v = static_cast<float>(rng.normal());
  for (size_t l = 0; l < 3; ++l)
    params[2 * l]->set_mask(random_mask(*params[2 * l], density[l], 10 + l, l == 0));
  return net;
}

bool same_bytes(const xt::xarray<float>& a, const xt::xarray<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Returns: the number of pruned entries of p (and of velocity v, when non-empty) not +0.
size_t pruned_not_zero(const Param& p, const xt::xarray<float>& v) {
  size_t bad = 0;
  const uint32_t zero = 0;
  for (size_t i = 0; p.masked() && i < p.value.size(); ++i) {
    if (p.mask.data()[i] != 0.0f) continue;
    bad += std::memcmp(&p.value.data()[i], &zero, 4) != 0;
    bad += std::memcmp(&p.grad.data()[i], &zero, 4) != 0;
    bad += v.size() && std::memcmp(&v.data()[i], &zero, 4) != 0;
  }
  return bad;
}

// Trains copies of net for 6 steps, one with every pass over all entries (threshold 0), one over
// kept entries only (threshold 2), pruning half the kept weights of the first two tensors before
// step 4, and checks the bytes after every step.
void check_passes_agree(const Network& net, double momentum, const std::string& regularizer) {
  const SyntheticSet data = synthetic_blobs(30, 40, 10, 3);
  const auto loss = make_loss("softmax_cross_entropy");
  const auto reg = make_regularizer(regularizer);
  Network all = net, kept = net;
  Sgd sgd_all(momentum, 0.0), sgd_kept(momentum, 2.0);
  auto step = [&](Network& n, Sgd& sgd, double threshold) {
    Matrix dout;
    loss->evaluate(n.forward(data.images, Mode::kTrain, nullptr), data.labels, &dout);
    n.backward(dout);
    for (Param* p : n.params())
      if (p->is_weight) reg->add_gradient(*p, 0.01f, threshold);
    sgd.step(n, 0.5);
  };
  for (int s = 1; s <= 6; ++s) {
    INFO("step " << s);
    if (s == 4)
      for (Network* n : {&all, &kept})
        for (size_t l = 0; l < 2; ++l) {
          Param& w = *n->params()[2 * l];
          w.set_mask(random_mask(w, 0.5, 20 + l, false, w.mask));
        }
    step(all, sgd_all, 0.0);
    step(kept, sgd_kept, 2.0);
    const std::vector<Param*> a = all.params(), k = kept.params();
    for (size_t i = 0; i < a.size(); ++i) {
      INFO("param " << i);
      CHECK(same_bytes(a[i]->value, k[i]->value));
      CHECK(same_bytes(a[i]->grad, k[i]->grad));
      if (momentum != 0.0) CHECK(same_bytes(sgd_all.velocity()[i], sgd_kept.velocity()[i]));
      const xt::xarray<float> none = xt::xarray<float>::from_shape({0});
      CHECK(pruned_not_zero(*k[i], momentum != 0.0 ? sgd_kept.velocity()[i] : none) == 0);
      CHECK(pruned_not_zero(*a[i], momentum != 0.0 ? sgd_all.velocity()[i] : none) == 0);
    }
  }
}

TEST_CASE("passes over kept entries leave the bytes of passes over every entry") {
  // Dense layers below a density of 0.25 run the sparse path (its backward keeps pruned grads
  // +0 without a fill), the others the dense path (masked by mask_grad).
  const double densities[][3] = {{0.3, 0.05, 0.5}, {0.1, 0.6, 0.0}, {1.0, 0.02, 0.2}};
  for (const auto& d : densities)
    for (const double momentum : {0.0, 0.9})
      for (const std::string regularizer : {"l1", "l2"}) {
        INFO("densities " << d[0] << " " << d[1] << " " << d[2] << ", momentum " << momentum << ", "
                          << regularizer);
        check_passes_agree(masked_network(d), momentum, regularizer);
      }
}

TEST_CASE("a param keeps its kept entries' flat indices and passes over them below a density") {
  Param p{"weight", true, xt::zeros<float>({2, 3}), xt::zeros<float>({2, 3})};
  CHECK_FALSE(p.kept_pass(2.0));  // unmasked: every entry
  p.set_mask(xt::xarray<float>({{0, 1, 0}, {1, 0, 1}}));
  CHECK(p.kept == std::vector<uint32_t>{1, 3, 5});
  CHECK(p.kept_pass(0.51));
  CHECK_FALSE(p.kept_pass(0.5));  // strictly below
  p.set_mask(xt::zeros<float>({2, 3}));
  CHECK(p.kept.empty());
  CHECK(p.kept_pass(0.01));
}

}  // namespace
}  // namespace nnc
