#include "lib/nn/layer.h"

#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "lib/util/registry.h"

namespace nnc {

bool Layer::forward_rows(const InputRows&, const size_t*, size_t, Matrix&, Mode, Rng*) {
  return false;
}

bool Layer::forward_through(const Matrix&, Layer&, Matrix&, Mode, Rng*) { return false; }

bool Layer::backward_through(const Matrix&, Layer&, const Matrix&, Matrix*) { return false; }

void Layer::backward_second_order(const Matrix&, const Matrix&, const Matrix&, const Matrix&,
                                  Matrix*, SecondOrderForm) {
  throw std::runtime_error("layer kind " + kind() + " has no second-order backward pass");
}

size_t Layer::virtual_weight_count() const {
  size_t n = 0;
  for (const Param& p : params_) n += p.is_weight ? p.value.size() : 0;
  return n;
}

Param& Layer::param(const std::string& name) {
  for (Param& p : params_)
    if (p.name == name) return p;
  throw std::runtime_error("layer kind " + kind() + " has no param '" + name + "'");
}

const Param& Layer::param(const std::string& name) const {
  return const_cast<Layer*>(this)->param(name);
}

void check_input(const std::string& kind, const Matrix& x, const Shape& in) {
  if (x.shape(1) != in.size())
    throw std::runtime_error(kind + ": input of shape " + std::to_string(x.shape(0)) + "x" +
                             std::to_string(x.shape(1)) + " does not match in_shape " + in.str() +
                             " (" + std::to_string(in.size()) + " features)");
}

long long attr_int(const Attributes& attrs, const std::string& kind, const std::string& key) {
  const auto it = attrs.find(key);
  if (it == attrs.end())
    throw std::runtime_error("layer kind " + kind + ": missing attribute '" + key + "'");
  char* end = nullptr;
  const long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0')
    throw std::runtime_error("layer kind " + kind + ": attribute '" + key + "' = '" + it->second +
                             "' is not an integer");
  if (v < 0 || v > (1LL << 31))
    throw std::runtime_error("layer kind " + kind + ": attribute '" + key + "' = " + it->second +
                             " out of range [0, 2^31]");
  return v;
}

double attr_double(const Attributes& attrs, const std::string& kind, const std::string& key) {
  const auto it = attrs.find(key);
  if (it == attrs.end())
    throw std::runtime_error("layer kind " + kind + ": missing attribute '" + key + "'");
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0')
    throw std::runtime_error("layer kind " + kind + ": attribute '" + key + "' = '" + it->second +
                             "' is not a number");
  return v;
}

// Defined in builtin_layers.cc: registers dense, conv2d, max_pool, relu, sigmoid, dropout.
void register_builtin_layer_kinds(Registry<LayerFactory>& kinds);

namespace {

// Built on first use, with the built-in kinds, so that a static initialiser elsewhere (hashed
// layers) can register its kinds whatever the order of initialisation.
Registry<LayerFactory>& layer_kinds() {
  static Registry<LayerFactory>* kinds = [] {
    auto* r = new Registry<LayerFactory>("layer kind");
    register_builtin_layer_kinds(*r);
    return r;
  }();
  return *kinds;
}

}  // namespace

void register_layer_kind(const std::string& kind, LayerFactory factory) {
  layer_kinds().add(kind, std::move(factory));
}

std::unique_ptr<Layer> make_layer(const std::string& kind, const Shape& in,
                                  const Attributes& attrs) {
  return layer_kinds().find(kind)(in, attrs);
}

}  // namespace nnc
