#include "lib/nn/architecture.h"

#include <cmath>
#include <stdexcept>

#include "lib/nn/activation.h"
#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/dropout.h"
#include "lib/nn/max_pool.h"

namespace nnc {
namespace {

using K = LayerSpec::Kind;

const std::vector<Architecture>& table() {
  static const std::vector<Architecture> archs = {
      {"fc3", {{K::kDense, 1000}}},
      {"fc5", {{K::kDense, 1000}, {K::kDense, 1000}, {K::kDense, 1000}}},
      {"lenet300", {{K::kDense, 300}, {K::kDense, 100}}},
      {"lenet5",
       {{K::kConv, 20, 5},
        {K::kMaxPool, 2},
        {K::kConv, 50, 5},
        {K::kMaxPool, 2},
        {K::kDense, 500}}},
      {"sig30", {{K::kDense, 30}}, true},
      {"sig100", {{K::kDense, 100}}, true},
  };
  return archs;
}

std::unique_ptr<Layer> activation_layer(const std::string& name, const Shape& shape) {
  if (name == "relu") return std::make_unique<Relu>(shape);
  if (name == "sigmoid") return std::make_unique<Sigmoid>(shape);
  throw std::runtime_error("unknown activation '" + name + "' (expected relu or sigmoid)");
}

}  // namespace

const Architecture& architecture(const std::string& name) {
  for (const Architecture& a : table())
    if (a.name == name) return a;
  std::string names;
  for (const Architecture& a : table()) names += (names.empty() ? "" : ", ") + a.name;
  throw std::runtime_error("unknown architecture '" + name + "' (expected " + names + ")");
}

std::vector<std::string> architecture_names() {
  std::vector<std::string> names;
  for (const Architecture& a : table()) names.push_back(a.name);
  return names;
}

Architecture scale_widths(const Architecture& arch, double factor) {
  Architecture out = arch;
  for (LayerSpec& l : out.hidden)
    if (l.kind != K::kMaxPool)
      l.size = std::max<size_t>(1, static_cast<size_t>(std::lround(l.size * factor)));
  return out;
}

Network build_network(const Architecture& arch, const Shape& input, size_t classes,
                      const UnitOptions& units) {
  const std::string act = arch.sigmoid_units ? "sigmoid" : units.activation;
  Network net(input);
  if (units.dropout_input > 0)
    net.add(std::make_unique<Dropout>(net.out_shape(), units.dropout_input));
  for (size_t i = 0; i < arch.hidden.size(); ++i) {
    const LayerSpec& l = arch.hidden[i];
    switch (l.kind) {
      case K::kDense:
        net.add(std::make_unique<Dense>(net.out_shape(), l.size));
        net.add(activation_layer(act, net.out_shape()));
        if (units.dropout_hidden > 0)
          net.add(std::make_unique<Dropout>(net.out_shape(), units.dropout_hidden));
        break;
      case K::kConv: {
        net.add(std::make_unique<Conv2d>(net.out_shape(), l.size, l.kernel));
        // max-pool commutes with a monotone activation, so pooling first is 4x less work.
        const bool pool_next = i + 1 < arch.hidden.size() && arch.hidden[i + 1].kind == K::kMaxPool;
        if (pool_next) net.add(std::make_unique<MaxPool>(net.out_shape(), arch.hidden[++i].size));
        net.add(activation_layer(act, net.out_shape()));
        break;
      }
      case K::kMaxPool:
        net.add(std::make_unique<MaxPool>(net.out_shape(), l.size));
        break;
    }
  }
  net.add(std::make_unique<Dense>(net.out_shape(), classes));
  if (units.sigmoid_output) net.add(std::make_unique<Sigmoid>(net.out_shape()));
  return net;
}

void initialize(Network& net, const std::string& scheme, Rng& rng) {
  if (scheme != "he" && scheme != "nielsen")
    throw std::runtime_error("unknown initialisation '" + scheme + "' (expected he or nielsen)");
  for (Param* p : net.params()) {
    const double fan_in = p->value.dimension() == 2 ? static_cast<double>(p->value.shape(1)) : 1.0;
    if (p->is_weight) {
      const double sd = scheme == "he" ? std::sqrt(2.0 / fan_in) : 1.0 / std::sqrt(fan_in);
      for (float& v : p->value) v = static_cast<float>(sd * rng.normal());
    } else {
      for (float& v : p->value) v = scheme == "he" ? 0.0f : static_cast<float>(rng.normal());
    }
    p->apply_mask();
  }
}

}  // namespace nnc
