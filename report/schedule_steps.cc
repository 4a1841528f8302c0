#include "report/schedule_steps.h"

#include <map>
#include <sstream>
#include <stdexcept>

#include "report/numbers.h"
#include "report/summary_cells.h"

namespace nnc {
namespace {

struct Tally {
  int runs = 0, steps = 0, by_accuracy = 0;
  double epochs = 0;
};

// Returns: the epochs of the steps of a history "epoch:factor:...;epoch:factor:...".
std::vector<long> step_epochs(const std::string& history, const std::string& run) {
  std::vector<long> epochs;
  std::istringstream steps(history);
  for (std::string step; std::getline(steps, step, ';');) {
    try {
      epochs.push_back(std::stol(step.substr(0, step.find(':'))));
    } catch (const std::exception&) {
      throw std::runtime_error(run + ": prune_history step '" + step + "' has no epoch");
    }
  }
  return epochs;
}

std::string metadata(const Record& r, const char* key) {
  const nlohmann::json& meta = r.provenance.value("model_metadata", nlohmann::json::object());
  return meta.contains(key) && meta.at(key).is_string() ? meta.at(key).get<std::string>() : "";
}

}  // namespace

std::string schedule_steps_text(const std::vector<Record>& records) {
  std::map<std::string, Tally> tallies;
  for (const Record& r : records) {
    const auto schedule = r.ids.find("schedule");
    const std::string patience = metadata(r, "authors_patience");
    if (schedule == r.ids.end() || !is_authors_schedule(schedule->second) || patience.empty())
      continue;  // not a pruning run of the authors' schedule
    const std::string run = r.ids.at("method") + " " + r.ids.at("target_factor");
    Tally& t = tallies[schedule->second];
    ++t.runs;
    t.epochs += static_cast<double>(r.training_epochs);
    long previous = 0;
    for (long epoch : step_epochs(metadata(r, "prune_history"), run)) {
      ++t.steps;
      if (epoch - previous < std::stol(patience)) ++t.by_accuracy;
      previous = epoch;
    }
  }
  std::string text;
  for (const auto& [schedule, t] : tallies) {
    text += (text.empty() ? "" : "; ") + ("`" + schedule + "`: ") + count_of(t.runs, "runs") +
            ", " + count_of(t.steps, "steps") + ", " + std::to_string(t.by_accuracy) +
            " fired by training accuracy and " + std::to_string(t.steps - t.by_accuracy) +
            " by patience, " + fixed(t.epochs / t.runs, 0) +
            " training epochs per run (mean, baseline included)";
  }
  return text.empty() ? "this run has no run of the authors' schedule" : text;
}

}  // namespace nnc
