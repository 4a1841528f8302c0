// The timing file: the one contract every stage's wall-clock output follows (docs/DESIGN.md,
// "Stage contracts"). Timings are kept apart from the deterministic outputs (models, logs,
// records), so those stay byte-identical across runs and machines. Shape (version 1):
//   {"schema": "nncompress timing", "version": 1, "stage": "train" | "compress" | "evaluate",
//    "wall_seconds": W, "cpu_seconds": C, "epoch_seconds": [e1, e2, ...], "details": {...}}
// epoch_seconds is empty for a stage without epochs; details is an object no stage fills today
// (inference speed left evaluate for the speed stage, which writes a table instead).
#ifndef NNCOMPRESS_LIB_IO_TIMING_H_
#define NNCOMPRESS_LIB_IO_TIMING_H_

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnc {

struct Timing {
  std::string stage;
  double wall_seconds = 0, cpu_seconds = 0;
  std::vector<double> epoch_seconds;
  nlohmann::json details = nlohmann::json::object();
};

// Returns: the timing as one line of JSON (fields in the fixed order above).
std::string timing_json(const Timing& timing);

// Returns: the timing in `text`. Throws std::runtime_error("<source>: ...") naming the missing,
// mistyped or unexpected field, a foreign schema or an unknown version or stage.
Timing parse_timing(const std::string& text, const std::string& source);

// Measures a stage's wall and CPU time from construction.
class StageClock {
 public:
  // Returns: the timing of `stage` so far.
  Timing elapsed(const std::string& stage) const;

 private:
  std::chrono::steady_clock::time_point wall_start_ = std::chrono::steady_clock::now();
  std::clock_t cpu_start_ = std::clock();
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_TIMING_H_
