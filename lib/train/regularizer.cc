#include "lib/train/regularizer.h"

#include <stdexcept>

namespace nnc {
namespace {

class NoRegularizer : public Regularizer {
 public:
  std::string name() const override { return "none"; }
  void add_gradient(Param&, float, double) const override {}
};

class L1 : public Regularizer {
 public:
  std::string name() const override { return "l1"; }
  void add_gradient(Param& p, float strength, double kept_pass_density) const override {
    const float* w = p.value.data();
    float* g = p.grad.data();
    // sign(0) = 0, so a pruned (zero) weight gets no push.
    for_each_entry(p, p.kept_pass(kept_pass_density), [=](size_t i) {
      g[i] += strength * static_cast<float>((w[i] > 0) - (w[i] < 0));
    });
  }
};

class L2 : public Regularizer {
 public:
  std::string name() const override { return "l2"; }
  void add_gradient(Param& p, float strength, double kept_pass_density) const override {
    const float* w = p.value.data();
    float* g = p.grad.data();
    for_each_entry(p, p.kept_pass(kept_pass_density), [=](size_t i) { g[i] += strength * w[i]; });
  }
};

}  // namespace

std::unique_ptr<Regularizer> make_regularizer(const std::string& name) {
  if (name == "none") return std::make_unique<NoRegularizer>();
  if (name == "l1") return std::make_unique<L1>();
  if (name == "l2") return std::make_unique<L2>();
  throw std::runtime_error("unknown regularizer '" + name + "' (expected none, l1 or l2)");
}

}  // namespace nnc
