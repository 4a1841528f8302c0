#include "lib/compress/pruning_method.h"

#include <stdexcept>

#include "lib/util/registry.h"

namespace nnc {
namespace {

Registry<PruningMethod>& registry() {
  static Registry<PruningMethod> methods("method");
  return methods;
}

}  // namespace

bool register_pruning_method(PruningMethod method) {
  const std::string name = method.name;
  registry().add(name, std::move(method));
  return true;
}

const PruningMethod& pruning_method(const std::string& name) { return registry().find(name); }

std::vector<size_t> prune_network(Network& net, const PruneRequest& r, Rng& rng) {
  return prune_network(net, r, target_weight_count(net, r.factor), rng);
}

std::vector<size_t> prune_network(Network& net, const PruneRequest& r, size_t keep, Rng& rng) {
  if (!r.method) throw std::runtime_error("prune_network: no method");
  return prune_to_count(net, r.method->saliency(net, r, rng), keep, r.ranking);
}

}  // namespace nnc
