#include "lib/compress/prune.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include "lib/compress/factor.h"
#include "lib/nn/param.h"

namespace nnc {
namespace {

bool alive(const Param& p, size_t k) { return !p.masked() || p.mask.data()[k] != 0.0f; }

// One competing weight; `before` is the total order of the ranking rules in prune.h.
struct Candidate {
  float saliency;
  uint32_t tensor, index;
};

bool before(const Candidate& a, const Candidate& b) {
  const bool a_nan = std::isnan(a.saliency), b_nan = std::isnan(b.saliency);
  if (a_nan != b_nan) return b_nan;
  if (!a_nan && a.saliency != b.saliency) return a.saliency > b.saliency;
  if (a.tensor != b.tensor) return a.tensor < b.tensor;
  return a.index < b.index;
}

// Moves the best `n` candidates to the front (in no particular order); the set is unique because
// `before` is a strict total order.
void select_best(std::vector<Candidate>& c, size_t n) {
  if (n < c.size()) std::nth_element(c.begin(), c.begin() + n, c.end(), before);
}

}  // namespace

Ranking parse_ranking(const std::string& name) {
  if (name == "global") return Ranking::kGlobal;
  if (name == "layer") return Ranking::kPerLayer;
  throw std::runtime_error("unknown ranking '" + name + "' (expected global or layer)");
}

size_t target_weight_count(const Network& net, double factor) {
  check_factor(factor);
  return static_cast<size_t>(std::llround(factor * static_cast<double>(net.weight_count())));
}

std::vector<size_t> survivors_per_tensor(const Network& net) {
  std::vector<size_t> out;
  for (const Param* p : weight_params(net)) out.push_back(p->stored());
  return out;
}

std::vector<size_t> per_layer_quotas(size_t keep, const std::vector<size_t>& sizes,
                                     const std::vector<size_t>& available) {
  const size_t n = sizes.size();
  std::vector<size_t> quota(n, 0);
  std::vector<bool> fixed(n, false);
  size_t rest = keep;
  for (size_t t = 0; t < n; ++t)
    if (available[t] > 0) {
      quota[t] = 1;
      --rest;
      if (available[t] == 1) fixed[t] = true;
    } else {
      fixed[t] = true;
    }
  // Hamilton apportionment of `rest` over the open tensors; a tensor whose share exceeds what it
  // has left is capped and the apportionment repeats over the others.
  while (rest > 0) {
    double total = 0.0;
    for (size_t t = 0; t < n; ++t)
      if (!fixed[t]) total += static_cast<double>(sizes[t]);
    if (total == 0.0) break;
    std::vector<size_t> add(n, 0);
    std::vector<std::pair<double, size_t>> remainders;
    size_t given = 0;
    for (size_t t = 0; t < n; ++t) {
      if (fixed[t]) continue;
      const double share = static_cast<double>(rest) * static_cast<double>(sizes[t]) / total;
      add[t] = static_cast<size_t>(std::floor(share));
      given += add[t];
      remainders.push_back({share - std::floor(share), t});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; given < rest && i < remainders.size(); ++i, ++given)
      ++add[remainders[i].second];
    bool capped = false;
    for (size_t t = 0; t < n; ++t)
      if (!fixed[t] && quota[t] + add[t] >= available[t]) {
        rest -= available[t] - quota[t];
        quota[t] = available[t];
        fixed[t] = true;
        capped = true;
      }
    if (!capped) {
      for (size_t t = 0; t < n; ++t) quota[t] += add[t];
      rest = 0;
    }
  }
  return quota;
}

std::vector<size_t> prune_to_count(Network& net, const Saliencies& saliency, size_t keep,
                                   Ranking ranking) {
  std::vector<Param*> params = weight_params(net);
  if (saliency.size() != params.size())
    throw std::runtime_error("prune_to_count: " + std::to_string(saliency.size()) +
                             " saliency tensors for " + std::to_string(params.size()) +
                             " weight params");
  for (size_t t = 0; t < params.size(); ++t)
    if (saliency[t].shape() != params[t]->value.shape())
      throw std::runtime_error("prune_to_count: saliency of shape " + shape_string(saliency[t]) +
                               " for weight param #" + std::to_string(t) + " of shape " +
                               shape_string(params[t]->value));

  std::vector<size_t> available = survivors_per_tensor(net), sizes;
  for (const Param* p : params) sizes.push_back(p->value.size());
  const size_t alive_total = std::accumulate(available.begin(), available.end(), size_t{0});
  if (keep >= alive_total) return available;
  const size_t nonempty =
      std::count_if(available.begin(), available.end(), [](size_t a) { return a > 0; });
  keep = std::max(keep, nonempty);  // never empty a layer (see prune.h)

  // Candidates per tensor; the tensor's best goes into `chosen` first (the one-per-layer floor).
  std::vector<std::vector<Candidate>> per_tensor(params.size());
  for (size_t t = 0; t < params.size(); ++t) {
    const float* s = saliency[t].data();
    for (size_t k = 0; k < params[t]->value.size(); ++k)
      if (alive(*params[t], k))
        per_tensor[t].push_back({s[k], static_cast<uint32_t>(t), static_cast<uint32_t>(k)});
  }
  std::vector<Candidate> chosen;
  if (ranking == Ranking::kPerLayer) {
    const std::vector<size_t> quota = per_layer_quotas(keep, sizes, available);
    for (size_t t = 0; t < params.size(); ++t) {
      select_best(per_tensor[t], quota[t]);
      chosen.insert(chosen.end(), per_tensor[t].begin(), per_tensor[t].begin() + quota[t]);
    }
  } else {
    std::vector<Candidate> rest;
    for (auto& c : per_tensor) {
      if (c.empty()) continue;
      const auto best = std::min_element(c.begin(), c.end(), before);
      std::iter_swap(c.begin(), best);
      chosen.push_back(c.front());
      rest.insert(rest.end(), c.begin() + 1, c.end());
    }
    const size_t more = keep - chosen.size();
    select_best(rest, more);
    chosen.insert(chosen.end(), rest.begin(), rest.begin() + more);
  }

  std::vector<xt::xarray<float>> masks;
  for (const Param* p : params) masks.push_back(xt::zeros<float>(p->value.shape()));
  for (const Candidate& c : chosen) masks[c.tensor].data()[c.index] = 1.0f;
  for (size_t t = 0; t < params.size(); ++t) params[t]->set_mask(masks[t]);
  return survivors_per_tensor(net);
}

}  // namespace nnc
