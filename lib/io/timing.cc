#include "lib/io/timing.h"

#include <cmath>
#include <set>
#include <stdexcept>

namespace nnc {
namespace {

constexpr const char* kSchema = "nncompress timing";
constexpr int kVersion = 1;

// Rounds to milliseconds, so the files do not carry digits no clock here resolves.
double ms(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

const nlohmann::json& field(const nlohmann::json& j, const char* key, const std::string& source) {
  if (!j.contains(key)) throw std::runtime_error(source + ": timing has no field '" + key + "'");
  return j.at(key);
}

double seconds(const nlohmann::json& j, const char* key, const std::string& source) {
  const nlohmann::json& v = field(j, key, source);
  if (!v.is_number() || v.get<double>() < 0)
    throw std::runtime_error(source + ": timing field '" + key + "' is not a number >= 0");
  return v.get<double>();
}

}  // namespace

std::string timing_json(const Timing& t) {
  nlohmann::ordered_json j;
  j["schema"] = kSchema;
  j["version"] = kVersion;
  j["stage"] = t.stage;
  j["wall_seconds"] = ms(t.wall_seconds);
  j["cpu_seconds"] = ms(t.cpu_seconds);
  j["epoch_seconds"] = nlohmann::json::array();
  for (double s : t.epoch_seconds) j["epoch_seconds"].push_back(ms(s));
  j["details"] = t.details;
  return j.dump() + "\n";
}

Timing parse_timing(const std::string& text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(source + ": not valid JSON");
  }
  if (!j.is_object()) throw std::runtime_error(source + ": timing is not a JSON object");
  static const std::set<std::string> kFields = {
      "schema", "version", "stage", "wall_seconds", "cpu_seconds", "epoch_seconds", "details"};
  for (const auto& item : j.items())
    if (!kFields.count(item.key()))
      throw std::runtime_error(source + ": timing has an unexpected field '" + item.key() + "'");
  if (field(j, "schema", source) != kSchema)
    throw std::runtime_error(source + ": not an nncompress timing file");
  if (field(j, "version", source) != kVersion)
    throw std::runtime_error(source + ": timing version " + j.at("version").dump() +
                             " (this build reads version 1)");
  Timing t;
  const nlohmann::json& stage = field(j, "stage", source);
  t.stage = stage.is_string() ? stage.get<std::string>() : "";
  if (t.stage != "train" && t.stage != "compress" && t.stage != "evaluate")
    throw std::runtime_error(source + ": timing stage " + stage.dump() +
                             " (expected train, compress or evaluate)");
  t.wall_seconds = seconds(j, "wall_seconds", source);
  t.cpu_seconds = seconds(j, "cpu_seconds", source);
  const nlohmann::json& epochs = field(j, "epoch_seconds", source);
  if (!epochs.is_array())
    throw std::runtime_error(source + ": timing field 'epoch_seconds' is not a list");
  for (const auto& e : epochs) {
    if (!e.is_number())
      throw std::runtime_error(source + ": timing field 'epoch_seconds' holds a non-number");
    t.epoch_seconds.push_back(e.get<double>());
  }
  t.details = field(j, "details", source);
  if (!t.details.is_object())
    throw std::runtime_error(source + ": timing field 'details' is not an object");
  return t;
}

Timing StageClock::elapsed(const std::string& stage) const {
  Timing t;
  t.stage = stage;
  t.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
  t.cpu_seconds = static_cast<double>(std::clock() - cpu_start_) / CLOCKS_PER_SEC;
  return t;
}

}  // namespace nnc
