#include "lib/compress/scratch_method.h"

#include <stdexcept>

#include "lib/util/registry.h"

namespace nnc {
namespace {

Registry<ScratchMethod>& registry() {
  static Registry<ScratchMethod> methods("method");
  return methods;
}

ScratchNetwork dense(const ScratchRequest& r, Rng& rng) {
  if (r.factor != 1.0)
    throw std::runtime_error("method dense stores every weight: factor must be 1");
  return {initialized_network(*r.reference, r, rng), {}};
}

const bool registered = register_scratch_method({"dense", dense});

}  // namespace

bool register_scratch_method(ScratchMethod method) {
  const std::string name = method.name;
  registry().add(name, std::move(method));
  return true;
}

const ScratchMethod& scratch_method(const std::string& name) { return registry().find(name); }

Network initialized_network(const Architecture& arch, const ScratchRequest& r, Rng& rng) {
  Network net = build_network(arch, r.input, r.classes, r.protocol->units);
  initialize(net, r.protocol->init, rng);
  return net;
}

}  // namespace nnc
