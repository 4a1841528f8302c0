#include "report/provenance_tables.h"

#include <set>
#include <stdexcept>

#include "report/markdown.h"
#include "report/numbers.h"

namespace nnc {

std::string methods_table(const MethodTable& table, const nlohmann::json& profile,
                          const std::string& source) {
  std::set<std::string> ran;
  try {
    for (const auto& [arch, names] : profile.at("methods").items())
      for (const auto& name : names) ran.insert(name.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(source +
                             ": bad 'methods' (architecture -> method names): " + e.what());
  }
  std::string md = "| method | kind | family | what it is |\n|---|---|---|---|\n";
  for (const MethodInfo& m : table.all())
    if (ran.count(m.name))
      md += "| `" + m.name + "` | " + m.kind + " | " + m.family + " | " + table_cell(m.label) +
            " |\n";
  return md;
}

std::string cost_table(const std::vector<Timing>& timings) {
  struct Sum {
    int actions = 0;
    size_t epochs = 0;
    double cpu = 0, wall = 0;
  };
  std::map<std::string, Sum> stages;
  Sum total;
  for (const Timing& t : timings) {
    for (Sum* s : {&stages[t.stage], &total}) {
      s->actions += 1;
      s->epochs += t.epoch_seconds.size();
      s->cpu += t.cpu_seconds;
      s->wall += t.wall_seconds;
    }
  }
  if (stages.empty()) return "(no timing files)";
  std::string md =
      "| stage | actions | epochs | CPU seconds | wall seconds |\n|---|---|---|---|---|\n";
  std::vector<std::pair<std::string, Sum>> rows(stages.begin(), stages.end());
  rows.emplace_back("total", total);  // last, below the stages it sums
  for (const auto& [stage, s] : rows) {
    md += "| " + stage + " | " + std::to_string(s.actions) + " | " + std::to_string(s.epochs) +
          " | " + fixed(s.cpu, 1) + " | " + fixed(s.wall, 1) + " |\n";
  }
  return md;
}

std::string provenance_table(const std::vector<Record>& records,
                             const std::map<std::string, std::string>& build_info) {
  std::map<std::string, std::string> rows;
  for (const auto& [key, value] : build_info)
    if (!value.empty()) rows[key] = value;  // Bazel writes BUILD_EMBED_LABEL even when unset
  if (!records.empty()) {
    for (const auto& [key, value] : records.front().provenance.items()) {
      if (value.is_string()) {
        rows[key] = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        rows[key] = value.dump();
      }
    }
  }
  if (rows.empty()) return "(no provenance recorded)";
  std::string md = "| item | value |\n|---|---|\n";
  for (const auto& [key, value] : rows) md += "| " + key + " | `" + value + "` |\n";
  return md;
}

std::string speed_kernel(const std::vector<Record>& records) {
  if (records.empty()) return "not recorded";
  const nlohmann::json& p = records.front().provenance;
  const auto it = p.find("openblas_coretype");
  return it != p.end() && it->is_string() ? "`" + it->get<std::string>() + "`" : "not recorded";
}

}  // namespace nnc
