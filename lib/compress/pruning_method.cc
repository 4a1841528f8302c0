#include "lib/compress/pruning_method.h"

#include <map>
#include <stdexcept>

namespace nnc {
namespace {

std::map<std::string, PruningMethod>& registry() {
  static std::map<std::string, PruningMethod> methods;
  return methods;
}

}  // namespace

bool register_pruning_method(PruningMethod method) {
  const std::string name = method.name;
  if (!registry().emplace(name, std::move(method)).second) {
    throw std::runtime_error("pruning method '" + name + "' registered twice");
  }
  return true;
}

const PruningMethod& pruning_method(const std::string& name) {
  auto it = registry().find(name);
  if (it != registry().end()) return it->second;
  std::string known;
  size_t i = 0;
  for (const auto& [key, method] : registry()) {
    known += (i == 0 ? "" : i + 1 == registry().size() ? " or " : ", ") + key;
    ++i;
  }
  throw std::runtime_error("unknown method '" + name + "' (expected " + known + ")");
}

std::vector<size_t> prune_network(Network& net, const PruneRequest& r, Rng& rng) {
  return prune_network(net, r, target_weight_count(net, r.factor), rng);
}

std::vector<size_t> prune_network(Network& net, const PruneRequest& r, size_t keep, Rng& rng) {
  if (!r.method) throw std::runtime_error("prune_network: no method");
  return prune_to_count(net, r.method->saliency(net, r, rng), keep, r.ranking);
}

}  // namespace nnc
