#include "report/validity.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "lib/compress/factor.h"

namespace nnc {

ValidityGuard::ValidityGuard(std::map<std::string, double> chance,
                             std::map<std::string, std::vector<int64_t>> reference_layers)
    : chance_(std::move(chance)), reference_layers_(std::move(reference_layers)) {}

bool ValidityGuard::trained(const std::string& dataset, double valid_error) const {
  const auto it = chance_.find(dataset);
  return it == chance_.end() || valid_error < kUntrainedShare * it->second;
}

bool ValidityGuard::far_from_chance(const std::string& dataset, double valid_error) const {
  const auto it = chance_.find(dataset);
  return it == chance_.end() || valid_error < it->second / 2;
}

int64_t ValidityGuard::budget(const std::string& arch, double factor) const {
  const auto it = reference_layers_.find(arch);
  if (it == reference_layers_.end()) return -1;
  int64_t total = 0;
  for (int64_t weights : it->second)
    total += static_cast<int64_t>(weight_budget(factor, static_cast<size_t>(weights), arch));
  return total;
}

bool ValidityGuard::over_budget(const std::string& arch, double factor, double stored) const {
  const int64_t k = budget(arch, factor);
  return k >= 0 && stored > static_cast<double>(k);
}

double chance_error(const nlohmann::json& manifest, const std::string& split) {
  const std::string name = manifest.value("name", std::string("a dataset"));
  try {
    double total = 0, most = 0;
    for (const auto& count : manifest.at("splits").at(split).at("class_histogram")) {
      total += count.get<double>();
      most = std::max(most, count.get<double>());
    }
    return total > 0 ? 1.0 - most / total : 1.0;
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("manifest of " + name + ": no class histogram for split '" + split +
                             "'");
  }
}

ValidityGuard guard_from(const std::vector<nlohmann::json>& manifests,
                         const std::vector<Record>& records) {
  std::map<std::string, double> chance;
  for (const auto& m : manifests) chance[m.value("name", std::string())] = chance_error(m, "valid");
  std::map<std::string, std::vector<int64_t>> layers;
  for (const Record& r : records) {
    const auto arch = r.ids.find("arch");
    if (arch == r.ids.end() || layers.count(arch->second)) continue;
    for (const LayerCount& l : r.layers) layers[arch->second].push_back(l.weights);
  }
  return ValidityGuard(std::move(chance), std::move(layers));
}

}  // namespace nnc
