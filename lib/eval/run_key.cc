#include "lib/eval/run_key.h"

#include <stdexcept>
#include <tuple>

namespace nnc {
namespace {

auto names(const CellKey& k) {
  return std::tie(k.dataset, k.arch, k.protocol, k.method, k.schedule);
}

const std::string& required(const std::map<std::string, std::string>& ids, const char* key,
                            const std::string& source) {
  const auto it = ids.find(key);
  if (it == ids.end() || it->second.empty())
    throw std::runtime_error(source + ": record has no identifier '" + key + "' (evaluate --id " +
                             key + "=...)");
  return it->second;
}

}  // namespace

bool operator<(const CellKey& a, const CellKey& b) {
  if (names(a) != names(b)) return names(a) < names(b);
  return a.factor > b.factor;
}

bool operator==(const CellKey& a, const CellKey& b) {
  return names(a) == names(b) && a.factor == b.factor;
}

bool operator<(const RunKey& a, const RunKey& b) {
  if (!(a.cell == b.cell)) return a.cell < b.cell;
  return a.seed < b.seed;
}

bool operator==(const RunKey& a, const RunKey& b) { return a.cell == b.cell && a.seed == b.seed; }

std::string to_string(const CellKey& k) {
  return k.dataset + " " + k.arch + " " + k.protocol + " " + k.method + " " + k.schedule + " at " +
         k.factor.label();
}

std::string to_string(const RunKey& k) {
  return to_string(k.cell) + " seed " + std::to_string(k.seed);
}

RunKey run_key_of(const std::map<std::string, std::string>& ids, const std::string& source) {
  RunKey key;
  key.cell.dataset = required(ids, "dataset", source);
  key.cell.arch = required(ids, "arch", source);
  key.cell.protocol = required(ids, "protocol", source);
  key.cell.method = required(ids, "method", source);
  const std::string& factor = required(ids, "target_factor", source);
  const std::string& seed = required(ids, "seed", source);
  const auto schedule = ids.find("schedule");
  if (schedule != ids.end() && !schedule->second.empty()) key.cell.schedule = schedule->second;
  try {
    key.cell.factor = Factor::parse(factor);
  } catch (const std::exception& e) {
    throw std::runtime_error(source + ": identifier target_factor: " + e.what());
  }
  if (seed.find_first_not_of("0123456789") != std::string::npos || seed.size() > 18)
    throw std::runtime_error(source + ": identifier seed '" + seed + "' is not an integer");
  key.seed = std::stoll(seed);
  return key;
}

}  // namespace nnc
