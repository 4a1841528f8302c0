// Validity guards: which runs may vote in a claim (docs/DESIGN.md, "Verdicts"). A comparison is
// shown but left out of its claim's tally when one of its sides
//   - did not train: a run whose validation error is at least kUntrainedShare of the chance error
//     on the validation split (always answering its most frequent class) has not left chance;
//   - is over budget: a network trained from scratch that stores more weights than its budget
//     Σ ⌈c·|W_l|⌉ over the reference's weight layers (lib/compress/factor.h) cannot be compared
//     as if equal (sig30's equivalent-size network cannot go below one hidden unit, 794 weights);
//   - rests on a baseline near chance: the run's own baseline (a pruning chain's factor-1 model,
//     else the cell's dense baseline) is not far from chance, its mean validation error not below
//     half the chance error (the baselines table's rule), so nothing compressed from it, or
//     compared with it, says much.
// Decisions read validation errors only: no run is kept or dropped on its test error.
#ifndef NNCOMPRESS_REPORT_VALIDITY_H_
#define NNCOMPRESS_REPORT_VALIDITY_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/eval/record.h"

namespace nnc {

// A run at or above this share of the chance error has not trained (0.9: 81% on ten balanced
// classes, 45% on two).
constexpr double kUntrainedShare = 0.9;

// Why a comparison is left out of its claim ("" = it counts).
namespace left_out {
constexpr const char* kUntrained = "untrained";
constexpr const char* kOverBudget = "over budget";
constexpr const char* kBaselineNearChance = "baseline near chance";
}  // namespace left_out

class ValidityGuard {
 public:
  // No guard: every run trained and meets its budget (unit tests of the statistics alone).
  ValidityGuard() = default;
  // chance: dataset -> chance error on its validation split; reference_layers: architecture ->
  // weights of each weight layer of its reference network.
  ValidityGuard(std::map<std::string, double> chance,
                std::map<std::string, std::vector<int64_t>> reference_layers);

  // Returns: whether a run of `dataset` with this validation error has left chance (true when the
  // dataset's chance error is unknown).
  bool trained(const std::string& dataset, double valid_error) const;
  // Returns: whether a baseline's mean validation error is below half the chance error (true when
  // unknown).
  bool far_from_chance(const std::string& dataset, double valid_error) const;
  // Returns: Σ ⌈factor·|W_l|⌉ over the architecture's reference weight layers, or -1 when the
  // architecture is unknown.
  int64_t budget(const std::string& arch, double factor) const;
  // Returns: whether a from-scratch network storing `stored` weights exceeds its budget (false
  // when the budget is unknown).
  bool over_budget(const std::string& arch, double factor, double stored) const;

 private:
  std::map<std::string, double> chance_;
  std::map<std::string, std::vector<int64_t>> reference_layers_;
};

// Returns: the error of always answering the most frequent class of the manifest's `split`.
// Throws std::runtime_error naming the manifest when it has no class histogram for the split.
double chance_error(const nlohmann::json& manifest, const std::string& split);

// Returns: the guard of a study from its dataset manifests (validation chance) and records (each
// architecture's reference weight layers).
ValidityGuard guard_from(const std::vector<nlohmann::json>& manifests,
                         const std::vector<Record>& records);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_VALIDITY_H_
