#include "report/datasets_table.h"

namespace nnc {
namespace {

std::string split_count(const nlohmann::json& m, const char* split) {
  if (m.contains("splits") && m["splits"].contains(split))
    return std::to_string(m["splits"][split].value("count", 0));
  return "—";
}

// Returns: the raw inputs as "<file> `<sha256 prefix>…`", comma-separated; "" when none. The
// manifest keys them by their last two path components (folder/file): the folder is the raw
// repository, named by the generator or source beside it.
std::string raw_inputs(const nlohmann::json& m) {
  std::string inputs;
  if (!m.contains("inputs") || !m["inputs"].is_object()) return inputs;
  for (const auto& [name, sha256] : m["inputs"].items()) {
    inputs += (inputs.empty() ? "" : ", ") + name.substr(name.find('/') + 1) + " `" +
              (sha256.is_string() ? sha256.get<std::string>().substr(0, 12) : "?") + "…`";
  }
  return inputs;
}

// Returns: what the dataset was made from: the generator and its seed, or the converted source,
// then its raw files.
std::string made_from(const nlohmann::json& m) {
  const nlohmann::json how = m.value("provenance", nlohmann::json::object());
  const std::string inputs = raw_inputs(m);
  if (how.contains("variant")) {
    // The generator is the whole of a synthetic dataset's recipe: its command and seed are what
    // regenerates it bit for bit (the manifest's sha256 of each output checks that).
    const std::string command = "`make_variant --variant " + how["variant"].get<std::string>() +
                                " --seed " + std::to_string(how["seed"].get<int64_t>()) + "`";
    return inputs.empty() ? command + " (drawn by the generator: no raw file)"
                          : command + " from " + inputs;
  }
  const std::string source = how.value("source", std::string());
  if (source.empty()) return inputs.empty() ? "—" : inputs;
  return inputs.empty() ? source : source + ": " + inputs;
}

}  // namespace

std::string datasets_table(const std::vector<nlohmann::json>& manifests) {
  if (manifests.empty()) return "(no dataset manifests)";
  std::string md =
      "| dataset | train | valid | test | classes | made from (raw files by sha256) |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& m : manifests) {
    md += "| " + m.value("name", std::string("?")) + " | " + split_count(m, "train") + " | " +
          split_count(m, "valid") + " | " + split_count(m, "test") + " | " +
          std::to_string(m.value("classes", 0)) + " | " + made_from(m) + " |\n";
  }
  return md;
}

}  // namespace nnc
