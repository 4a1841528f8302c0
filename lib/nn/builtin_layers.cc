// Registers the built-in layer kinds with make_layer (see layer.h).
#include "lib/nn/activation.h"
#include "lib/nn/conv2d.h"
#include "lib/nn/dense.h"
#include "lib/nn/dropout.h"
#include "lib/nn/max_pool.h"
#include "lib/util/registry.h"

namespace nnc {

void register_builtin_layer_kinds(Registry<LayerFactory>& kinds) {
  kinds.add("dense", [](const Shape& in, const Attributes& a) -> std::unique_ptr<Layer> {
    if (attr_int(a, "dense", "in") != static_cast<long long>(in.size()))
      throw std::runtime_error("dense: attribute in=" + a.at("in") + " but input has " +
                               std::to_string(in.size()) + " features");
    return std::make_unique<Dense>(in, attr_int(a, "dense", "out"));
  });
  kinds.add("conv2d", [](const Shape& in, const Attributes& a) -> std::unique_ptr<Layer> {
    return std::make_unique<Conv2d>(in, attr_int(a, "conv2d", "filters"),
                                    attr_int(a, "conv2d", "kernel"));
  });
  kinds.add("max_pool", [](const Shape& in, const Attributes& a) -> std::unique_ptr<Layer> {
    return std::make_unique<MaxPool>(in, attr_int(a, "max_pool", "size"));
  });
  kinds.add("relu", [](const Shape& in, const Attributes&) -> std::unique_ptr<Layer> {
    return std::make_unique<Relu>(in);
  });
  kinds.add("sigmoid", [](const Shape& in, const Attributes&) -> std::unique_ptr<Layer> {
    return std::make_unique<Sigmoid>(in);
  });
  kinds.add("dropout", [](const Shape& in, const Attributes& a) -> std::unique_ptr<Layer> {
    return std::make_unique<Dropout>(in, attr_double(a, "dropout", "rate"));
  });
}

}  // namespace nnc
