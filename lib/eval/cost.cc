#include "lib/eval/cost.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nnc {
namespace {

bool has_weight(const Layer& layer) {
  for (const Param& p : layer.params()) {
    if (p.is_weight) return true;
  }
  return false;
}

// Returns: how many times each weight is used per sample (1 for dense, H x W for conv).
int64_t positions(const Layer& layer) {
  const Shape out = layer.out_shape();
  return int64_t(out.size() / out.channels);
}

std::vector<const Layer*> weight_layers(const Network& net) {
  std::vector<const Layer*> layers;
  for (size_t i = 0; i < net.size(); ++i) {
    if (has_weight(net.layer(i))) layers.push_back(&net.layer(i));
  }
  return layers;
}

}  // namespace

ModelCost model_cost(const Network& model, const Network& reference) {
  const auto layers = weight_layers(model);
  const auto reference_layers = weight_layers(reference);
  if (layers.size() != reference_layers.size()) {
    throw std::runtime_error("model has " + std::to_string(layers.size()) +
                             " weight layers, its reference architecture " +
                             std::to_string(reference_layers.size()));
  }
  ModelCost cost;
  for (size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = *layers[l];
    const Layer& ref = *reference_layers[l];
    LayerCount count;
    count.name = std::to_string(l + 1) + ":" + layer.kind();
    count.weights = int64_t(ref.virtual_weight_count());
    int64_t stored = 0;
    for (const Param& p : layer.params()) {
      const int64_t n = int64_t(p.value.size()), kept = int64_t(p.stored());
      if (!p.is_weight) {
        cost.stored_params += n;
        continue;
      }
      stored += kept;
    }
    count.stored = stored;
    cost.stored_weights += stored;
    cost.stored_params += stored;
    cost.reference_weights += count.weights;
    for (const Param& p : ref.params()) cost.reference_params += int64_t(p.value.size());
    cost.flops_dense += 2 * count.weights * positions(ref);
    const int64_t used = layer.shares_weights() ? int64_t(layer.virtual_weight_count()) : stored;
    cost.flops_effective += 2 * used * positions(layer);
    cost.layers.push_back(count);
  }
  return cost;
}

void weight_histogram(const Network& model, Record& record) {
  auto each_stored = [&](auto visit) {
    for (size_t i = 0; i < model.size(); ++i) {
      for (const Param& p : model.layer(i).params()) {
        if (!p.is_weight) continue;
        const float* mask = p.masked() ? p.mask.data() : nullptr;
        for (size_t k = 0; k < p.value.size(); ++k) {
          if (!mask || mask[k] != 0.0f) visit(p.value.data()[k]);
        }
      }
    }
  };
  double limit = 0;
  each_stored([&](float w) { limit = std::max(limit, double(std::fabs(w))); });
  record.histogram_limit = limit;
  record.histogram.assign(kHistogramBins, 0);
  if (limit == 0) return;
  each_stored([&](float w) {
    const int bin = int((double(w) + limit) / (2 * limit) * kHistogramBins);
    ++record.histogram[std::clamp(bin, 0, kHistogramBins - 1)];
  });
}

}  // namespace nnc
