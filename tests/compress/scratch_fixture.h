// Building a method trained from scratch as the train stage does, and the per-layer budget every
// such method keeps to: stored weights <= K = ⌈factor·|W|⌉ of the reference layer (HashedNets').
#ifndef NNCOMPRESS_TESTS_COMPRESS_SCRATCH_FIXTURE_H_
#define NNCOMPRESS_TESTS_COMPRESS_SCRATCH_FIXTURE_H_

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/compress/factor.h"
#include "lib/compress/scratch_method.h"
#include "lib/io/model_file.h"
#include "lib/nn/model_io.h"

namespace nnc {

// A small fully connected reference: 20 inputs (5x4), hidden 16 and 12, 3 classes.
inline Architecture tiny_fc() {
  return {"tiny", {{LayerSpec::Kind::kDense, 16}, {LayerSpec::Kind::kDense, 12}}};
}

// Returns: method's network for reference `arch` at `factor`, initialised from `seed`.
inline ScratchNetwork build_scratch(const std::string& method, const Architecture& arch,
                                    double factor, const Shape& input, size_t classes,
                                    const std::string& protocol_name = "lenet", uint64_t seed = 1) {
  ScratchRequest r;
  r.reference = &arch;
  r.input = input;
  r.classes = classes;
  r.protocol = &protocol(protocol_name);
  r.factor = factor;
  Rng rng(seed);
  return scratch_method(method).build(r, rng);
}

// Draws every bias from N(0, 0.1²): He initialisation's zero biases put ReLU units of a sparse
// layer exactly at their kink, where finite differences cannot check them.
inline void randomize_biases(Network& net, uint64_t seed) {
  Rng rng(seed);
  for (Param* p : net.params())
    if (!p->is_weight)
      for (float& v : p->value) v = static_cast<float>(0.1 * rng.normal());
}

struct LayerBudget {
  size_t stored = 0;  // weights the model's layer stores (mask survivors, every weight tensor)
  size_t budget = 0;  // ⌈factor·|W|⌉ of the reference layer
};

// Returns: one entry per weight layer of `net`, paired in order with the reference's.
inline std::vector<LayerBudget> layer_budgets(const Network& net, const Network& reference,
                                              double factor) {
  std::vector<LayerBudget> out;
  std::vector<size_t> reference_sizes;
  for (size_t l = 0; l < reference.size(); ++l)
    for (const Param& p : reference.layer(l).params())
      if (p.is_weight) reference_sizes.push_back(p.value.size());
  for (size_t l = 0; l < net.size(); ++l) {
    LayerBudget b;
    bool has_weight = false;
    for (const Param& p : net.layer(l).params())
      if (p.is_weight) b.stored += p.stored(), has_weight = true;
    if (!has_weight) continue;
    b.budget = weight_budget(factor, reference_sizes.at(out.size()), "test");
    out.push_back(b);
  }
  return out;
}

// Catch2 checks of a method trained on a teacher (dark knowledge): `method` distills, `base` does
// not, and at `factor` of lenet300 on MNIST both build the same network (model bytes and metadata).
inline void check_distills_base_network(const std::string& method, const std::string& base,
                                        double factor) {
  CHECK(scratch_method(method).distills);
  CHECK_FALSE(scratch_method(base).distills);
  const Shape mnist{28, 28, 1};
  const ScratchNetwork a = build_scratch(method, architecture("lenet300"), factor, mnist, 10);
  const ScratchNetwork b = build_scratch(base, architecture("lenet300"), factor, mnist, 10);
  CHECK(serialize_model(to_model_file(a.net, {})) == serialize_model(to_model_file(b.net, {})));
  CHECK(a.metadata == b.metadata);
}

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_COMPRESS_SCRATCH_FIXTURE_H_
