#include "lib/compress/scratch_method.h"

#include <stdexcept>

namespace nnc {
namespace {

std::map<std::string, ScratchMethod>& registry() {
  static std::map<std::string, ScratchMethod> methods;
  return methods;
}

ScratchNetwork dense(const ScratchRequest& r, Rng& rng) {
  if (r.factor != 1.0) throw std::runtime_error("method dense stores every weight: factor must be 1");
  return {initialized_network(*r.reference, r, rng), {}};
}

const bool registered = register_scratch_method({"dense", dense});

}  // namespace

bool register_scratch_method(ScratchMethod method) {
  const std::string name = method.name;
  if (!registry().emplace(name, std::move(method)).second)
    throw std::runtime_error("method '" + name + "' registered twice");
  return true;
}

const ScratchMethod& scratch_method(const std::string& name) {
  const auto it = registry().find(name);
  if (it != registry().end()) return it->second;
  std::string known;
  size_t i = 0;
  for (const auto& entry : registry()) {
    known += (i == 0 ? "" : i + 1 == registry().size() ? " or " : ", ") + entry.first;
    ++i;
  }
  throw std::runtime_error("unknown method '" + name + "' (expected " + known + ")");
}

Network initialized_network(const Architecture& arch, const ScratchRequest& r, Rng& rng) {
  Network net = build_network(arch, r.input, r.classes, r.protocol->units);
  initialize(net, r.protocol->init, rng);
  return net;
}

}  // namespace nnc
