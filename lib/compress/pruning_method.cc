#include "lib/compress/pruning_method.h"

#include <stdexcept>

#include "lib/compress/obd.h"

namespace nnc {
namespace {

const std::vector<PruningMethod>& table() {
  static const std::vector<PruningMethod> methods = {
      {"mag_l1", SaliencyKind::kMagnitude, "l1"},
      {"mag_l2", SaliencyKind::kMagnitude, "l2"},
      {"obd", SaliencyKind::kObd, ""},
      {"random", SaliencyKind::kRandom, ""},
  };
  return methods;
}

}  // namespace

const PruningMethod& pruning_method(const std::string& name) {
  for (const PruningMethod& m : table())
    if (m.name == name) return m;
  throw std::runtime_error("unknown method '" + name + "' (expected mag_l1, mag_l2, obd or random)");
}

std::vector<size_t> prune_network(Network& net, const PruneRequest& r, Rng& rng) {
  if (!r.method) throw std::runtime_error("prune_network: no method");
  const size_t keep = target_weight_count(net, r.factor);
  Saliencies s;
  switch (r.method->saliency) {
    case SaliencyKind::kMagnitude:
      s = magnitude_saliency(net);
      break;
    case SaliencyKind::kRandom:
      s = random_saliency(net, rng);
      break;
    case SaliencyKind::kObd:
      if (!r.train_images || !r.train_labels || !r.loss)
        throw std::runtime_error("prune_network: obd needs the training set and the loss");
      obd_curvature(net, *r.loss, *r.train_images, *r.train_labels, r.obd_form);
      s = obd_saliency(net);
      break;
  }
  return prune_to_count(net, s, keep, r.ranking);
}

}  // namespace nnc
