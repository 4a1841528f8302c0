// The report generator: fills the literate template with values computed from this run and writes
// report.md and a self-contained report.html (figures embedded).
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "lib/eval/tables.h"
#include "lib/io/atomic_file.h"
#include "lib/io/csv.h"
#include "report/input_json.h"
#include "report/markdown.h"
#include "report/methods.h"
#include "report/report_values.h"
#include "report/template.h"

namespace {

std::string base64(const std::string& bytes) {
  static const char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n =
        (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += {kTable[n >> 18], kTable[(n >> 12) & 63], kTable[(n >> 6) & 63], kTable[n & 63]};
  }
  if (i + 1 == bytes.size()) {
    const uint32_t n = uint8_t(bytes[i]) << 16;
    out += {kTable[n >> 18], kTable[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += {kTable[n >> 18], kTable[(n >> 12) & 63], kTable[(n >> 6) & 63], '='};
  }
  return out;
}

// Returns: the name a figure file gets in report/out/figures (see paper.sh): its base name, or
// "<dataset>_contact.png" for a dataset's contact sheet (every dataset's is called contact.png).
std::string figure_file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string base = path.substr(slash + 1);
  if (base != "contact.png" || slash == std::string::npos) return base;
  const size_t parent = path.find_last_of('/', slash - 1);
  return path.substr(parent + 1, slash - parent - 1) + "_" + base;
}

// Bazel's workspace status files: "KEY value" lines.
std::map<std::string, std::string> read_status(const std::string& path) {
  std::map<std::string, std::string> info;
  std::istringstream in(nnc::read_file(path));
  for (std::string line; std::getline(in, line);) {
    const size_t space = line.find(' ');
    if (space != std::string::npos) info[line.substr(0, space)] = line.substr(space + 1);
  }
  return info;
}

// The generator's command line.
struct Flags {
  std::string template_path, summary_path, results_path, methods_path, published_path,
      profile_json_path, profile, out_md, out_html, status;
  std::vector<std::string> records, timings, manifests, figures;
};

void add_flags(CLI::App& app, Flags& f) {
  app.add_option("--template", f.template_path, "the literate template (Markdown, {{key}})")
      ->required();
  app.add_option("--summary", f.summary_path, "summary.csv of the study")->required();
  app.add_option("--results", f.results_path,
                 "results.csv of the study (the claims' per-seed runs)")
      ->required();
  app.add_option("--methods", f.methods_path, "the methods table (CSV: groups, labels, order)")
      ->required();
  app.add_option("--profile-json", f.profile_json_path, "the study's parameters (JSON)")
      ->required();
  app.add_option("--published", f.published_path, "published numbers (CSV)")->required();
  app.add_option("--profile", f.profile, "profile name shown in the report")->required();
  app.add_option("--record", f.records, "evaluation record (JSON), repeatable");
  app.add_option("--timing", f.timings, "timing file (JSON), repeatable");
  app.add_option("--manifest", f.manifests, "dataset manifest (JSON), repeatable");
  app.add_option("--figure", f.figures, "GROUP=PATH of a figure (SVG or PNG), repeatable");
  app.add_option("--status", f.status, "Bazel workspace status file (commit)");
  app.add_option("--out-md", f.out_md, "output: report.md")->required();
  app.add_option("--out-html", f.out_html, "output: report.html")->required();
}

// Returns: every input the report reads, each validated by its reader.
nnc::ReportInputs read_inputs(const Flags& f) {
  nnc::ReportInputs in;
  in.profile = f.profile;
  in.summary = nnc::read_table(f.summary_path, nnc::kSummaryTable);
  in.results = nnc::read_table(f.results_path, nnc::kResultsTable);
  in.methods = nnc::method_table_from_csv(nnc::read_file(f.methods_path), f.methods_path);
  in.published = nnc::read_csv(f.published_path);
  for (const auto& path : f.records) in.records.push_back(nnc::read_record(path));
  for (const auto& path : f.timings)
    in.timings.push_back(nnc::parse_timing(nnc::read_file(path), path));
  in.profile_params =
      nnc::parse_profile_params(nnc::read_file(f.profile_json_path), f.profile_json_path);
  in.profile_params_source = f.profile_json_path;
  for (const auto& path : f.manifests)
    in.manifests.push_back(nnc::parse_manifest(nnc::read_file(path), path));
  if (!f.status.empty()) in.build_info = read_status(f.status);
  return in;
}

// Returns: each figure's name in the report ("figures/<file>") -> its path, from the GROUP=PATH
// specs, after listing each name under its group in `in.figures`.
std::map<std::string, std::string> add_figures(const std::vector<std::string>& specs,
                                               nnc::ReportInputs& in) {
  std::map<std::string, std::string> files;
  for (const auto& spec : specs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error("--figure '" + spec + "': want GROUP=PATH");
    const std::string path = spec.substr(eq + 1);
    const std::string name = "figures/" + figure_file_name(path);
    in.figures[spec.substr(0, eq)].push_back(name);
    files[name] = path;
  }
  return files;
}

// Returns: the HTML page of `markdown`, each figure embedded as a data: URI.
std::string html_page(const std::string& markdown,
                      const std::map<std::string, std::string>& figure_files) {
  return nnc::markdown_to_html(
      markdown, "Neural-network compression: a reproduction", [&](const std::string& src) {
        auto it = figure_files.find(src);
        if (it == figure_files.end())
          throw std::runtime_error("report names unknown figure " + src);
        const bool svg = src.size() > 4 && src.substr(src.size() - 4) == ".svg";
        return std::string(svg ? "data:image/svg+xml;base64," : "data:image/png;base64,") +
               base64(nnc::read_file(it->second));
      });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Fills the report template from this run's results; writes report.md and a "
      "self-contained report.html."};
  Flags flags;
  add_flags(app, flags);
  CLI11_PARSE(app, argc, argv);
  try {
    nnc::ReportInputs in = read_inputs(flags);
    const std::map<std::string, std::string> figure_files = add_figures(flags.figures, in);
    const std::string markdown =
        nnc::fill_template(nnc::read_file(flags.template_path), nnc::report_values(in));
    const std::string html = html_page(markdown, figure_files);
    nnc::write_file_atomic(flags.out_md, markdown);
    nnc::write_file_atomic(flags.out_html, html);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
