#include "lib/compress/equivalent_size.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "lib/compress/factor.h"

namespace nnc {
namespace {

using K = LayerSpec::Kind;

// Returns: (budget − count) / budget, how far below the budget a count lands; infinity above it
// (a network over its budget is never preferred to one within it).
double miss(size_t count, double budget) {
  const double c = static_cast<double>(count);
  return c > budget ? std::numeric_limits<double>::infinity() : (budget - c) / budget;
}

}  // namespace

size_t architecture_weights(const Architecture& arch, const Shape& input, size_t classes) {
  // Walk the shapes as build_network does, counting weights without allocating them.
  Shape s = input;
  size_t weights = 0;
  for (const LayerSpec& l : arch.hidden) {
    switch (l.kind) {
      case K::kDense:
        weights += s.size() * l.size;
        s = flat(l.size);
        break;
      case K::kConv:
        if (l.kernel == 0 || l.kernel > s.height || l.kernel > s.width)
          throw std::runtime_error("architecture " + arch.name + ": conv kernel " +
                                   std::to_string(l.kernel) + " does not fit input " + s.str());
        weights += l.kernel * l.kernel * s.channels * l.size;
        s = Shape{s.height - l.kernel + 1, s.width - l.kernel + 1, l.size};
        break;
      case K::kMaxPool:
        s = Shape{s.height / l.size, s.width / l.size, s.channels};
        break;
    }
  }
  return weights + s.size() * classes;
}

EquivalentSize equivalent_size(const Architecture& arch, const Shape& input, size_t classes,
                               double factor) {
  check_factor(factor, "equivalent size");
  const size_t reference = architecture_weights(arch, input, classes);
  const double budget = factor * static_cast<double>(reference);
  auto count = [&](const Architecture& a) { return architecture_weights(a, input, classes); };

  // Common scale: the largest s whose rounded widths stay within the budget.
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (static_cast<double>(count(scale_widths(arch, mid))) <= budget ? lo : hi) = mid;
  }
  Architecture best = scale_widths(arch, lo);

  // Integer rounding of s·width can land more than 1% below the budget; then every width but the
  // last takes the floor or the ceiling of s·width, and the last is the largest the budget affords
  // (the weight count is affine in one width, count = a + b·w); the combination nearest the budget
  // from below wins.
  std::vector<size_t> free_layers;
  for (size_t i = 0; i < arch.hidden.size(); ++i)
    if (arch.hidden[i].kind != K::kMaxPool) free_layers.push_back(i);
  if (miss(count(best), budget) > 0.01 && !free_layers.empty()) {
    const size_t last = free_layers.back();
    free_layers.pop_back();
    const double s = 0.5 * (lo + hi);
    for (size_t combo = 0; combo < (size_t{1} << free_layers.size()); ++combo) {
      Architecture a = arch;
      for (size_t j = 0; j < free_layers.size(); ++j) {
        const double w = s * static_cast<double>(arch.hidden[free_layers[j]].size);
        const double r = (combo >> j) & 1 ? std::ceil(w) : std::floor(w);
        a.hidden[free_layers[j]].size = static_cast<size_t>(std::max(1.0, r));
      }
      LayerSpec& l = a.hidden[last];
      l.size = 1;
      const double a1 = static_cast<double>(count(a));
      l.size = 2;
      const double b = static_cast<double>(count(a)) - a1;
      l.size = static_cast<size_t>(std::max(1.0, std::floor(1.0 + (budget - a1) / b)));
      if (miss(count(a), budget) < miss(count(best), budget)) best = a;
    }
  }
  EquivalentSize out;
  out.arch = best;
  out.arch.name = arch.name;
  out.weights = count(best);
  out.budget = static_cast<size_t>(std::llround(budget));
  out.achieved = static_cast<double>(out.weights) / static_cast<double>(reference);
  return out;
}

}  // namespace nnc
