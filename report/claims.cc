#include "report/claims.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace nnc {
namespace {

bool is_conv(const std::string& arch) { return arch == "lenet5"; }

// Cells indexed by (dataset, arch, method, target factor).
class CellIndex {
 public:
  explicit CellIndex(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) by_key_[{c.dataset, c.arch, c.method, c.target_factor}] = &c;
  }
  const Cell* find(const Cell& like, const std::string& method) const {
    auto it = by_key_.find({like.dataset, like.arch, method, like.target_factor});
    return it == by_key_.end() ? nullptr : it->second;
  }
  // Returns: the lowest-error cell among `methods` at like's dataset, arch and factor.
  const Cell* best(const Cell& like, const std::vector<std::string>& methods) const {
    const Cell* best = nullptr;
    for (const std::string& m : methods) {
      const Cell* c = find(like, m);
      if (c && (!best || c->error < best->error)) best = c;
    }
    return best;
  }

 private:
  std::map<std::tuple<std::string, std::string, std::string, double>, const Cell*> by_key_;
};

std::string context(const Cell& c) {
  return c.dataset + " " + c.arch + " at " + factor_label(c.target_factor);
}

std::string label(const Cell& c) { return c.method; }

Comparison compare(const Cell& winner, const Cell& loser, const std::string& ctx) {
  return {ctx, label(winner), label(loser), winner.error, loser.error};
}

const std::vector<std::string> kPruning = {"mag_l1", "mag_l2", "obd"};
const std::vector<std::string> kMagnitude = {"mag_l1", "mag_l2"};

}  // namespace

std::string factor_label(double factor) {
  if (factor >= 1) return "1";
  const double inverse = 1.0 / factor;
  char buffer[32];
  if (std::fabs(inverse - std::round(inverse)) < 1e-6) {
    std::snprintf(buffer, sizeof buffer, "1/%.0f", inverse);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g", factor);
  }
  return buffer;
}

std::string percent(double error) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", 100.0 * error);
  return buffer;
}

std::vector<Cell> cells_from_summary(const std::vector<CsvRow>& rows, const std::string& source) {
  std::vector<Cell> cells;
  for (const CsvRow& row : rows) {
    Cell c;
    c.dataset = row.at("dataset");
    c.arch = row.at("arch");
    c.method = row.at("method");
    c.target_factor = csv_number(row, "target_factor", source);
    c.n = static_cast<int>(csv_number(row, "n", source));
    c.error = csv_number(row, "test_error_mean", source);
    c.error_std = csv_number(row, "test_error_std", source);
    c.stored_weights = csv_number(row, "stored_weights_mean", source);
    cells.push_back(c);
  }
  return cells;
}

int Claim::holds() const {
  return static_cast<int>(std::count_if(comparisons.begin(), comparisons.end(),
                                        [](const Comparison& c) { return c.holds(); }));
}

std::string Claim::verdict() const {
  const int n = static_cast<int>(comparisons.size()), k = holds();
  if (n == 0) return "not tested";
  if (k == n) return "holds";
  if (2 * k > n) return "mostly holds";
  if (k > 0) return "partly holds";
  return "does not hold";
}

std::string Claim::summary() const {
  if (comparisons.empty()) return "not tested: this run has no cells this claim compares";
  return verdict() + " in " + std::to_string(holds()) + " of " +
         std::to_string(comparisons.size()) + " comparisons";
}

std::string Claim::evidence_table() const {
  if (comparisons.empty()) return "(no comparable cells in this run)";
  std::string md = "| cell | expected better | error % | expected worse | error % | holds |\n"
                   "|---|---|---|---|---|---|\n";
  for (const Comparison& c : comparisons) {
    md += "| " + c.context + " | " + c.winner_label + " | " + percent(c.winner_error) + " | " +
          c.loser_label + " | " + percent(c.loser_error) + " | " + (c.holds() ? "yes" : "no") +
          " |\n";
  }
  return md;
}

std::vector<Claim> evaluate_claims(const std::vector<Cell>& cells) {
  const CellIndex index(cells);
  Claim pruning{"claim.pruning_vs_hashed",
                "Iterative pruning is substantially better than HashedNets: at every factor, the "
                "best of magnitude (L1, L2) and OBD pruning has lower test error than a HashedNet of "
                "the same architecture.",
                {}};
  Claim obd{"claim.obd_vs_magnitude",
            "When compression is high, OBD deteriorates below simple magnitude pruning: at factors "
            "1/16 and beyond, the better magnitude method has lower test error than OBD.",
            {}};
  Claim magnitude{"claim.magnitude_competitive",
                  "Simple magnitude pruning is competitive: at every factor, the better magnitude "
                  "method has lower test error than both the equivalent-size dense network and the "
                  "HashedNet.",
                  {}};
  Claim conv{"claim.conv_vs_hashed",
             "HashedNets' compression is not advantageous against a carefully chosen convolutional "
             "network: the best LeNet-5 (dense or equivalent size) storing no more weights than a "
             "fully-connected HashedNet has lower test error.",
             {}};

  for (const Cell& c : cells) {
    if (c.method == "hashed") {
      if (const Cell* best = index.best(c, kPruning)) {
        pruning.comparisons.push_back(compare(*best, c, context(c)));
      }
      if (!is_conv(c.arch)) {
        const Cell* best_conv = nullptr;
        for (const Cell& other : cells) {
          if (other.dataset == c.dataset && is_conv(other.arch) &&
              (other.method == "nn" || other.method == "dense") &&
              other.stored_weights <= c.stored_weights &&
              (!best_conv || other.error < best_conv->error)) {
            best_conv = &other;
          }
        }
        if (best_conv) {
          Comparison cmp = compare(*best_conv, c, context(c));
          cmp.winner_label = "lenet5 " + best_conv->method + " " +
                             factor_label(best_conv->target_factor) + " (" +
                             std::to_string(static_cast<long>(best_conv->stored_weights)) + " w)";
          cmp.loser_label = c.arch + " hashed (" +
                            std::to_string(static_cast<long>(c.stored_weights)) + " w)";
          conv.comparisons.push_back(cmp);
        }
      }
    }
    if (c.method == "obd" && c.target_factor <= 1.0 / 16 + 1e-12) {
      if (const Cell* best = index.best(c, kMagnitude)) {
        obd.comparisons.push_back(compare(*best, c, context(c)));
      }
    }
    if (c.method == "nn" || c.method == "hashed") {
      if (const Cell* best = index.best(c, kMagnitude)) {
        magnitude.comparisons.push_back(compare(*best, c, context(c)));
      }
    }
  }
  return {pruning, obd, magnitude, conv};
}

}  // namespace nnc
