// speed: the speed stage. Times inference from compressed model files (lib/io/compressed_file.h)
// at batch 1 and batch 64 on real test images, in thread CPU time, and writes one CSV row per
// (file, batch): median and quartiles of samples/s over the repeats. A timing, not a result: the
// numbers differ from run to run, so nothing deterministic reads this file (the report may).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>
#include <xtensor/xview.hpp>

#include "lib/compress/compressed_network.h"
#include "lib/eval/inference_speed.h"
#include "lib/io/atomic_file.h"
#include "lib/io/compressed_file.h"
#include "lib/io/dataset.h"
#include "lib/util/format_double.h"
#include "pipeline/stage_main.h"

extern "C" char* openblas_get_corename(void);

namespace nnc {
namespace {

constexpr size_t kBatches[] = {1, 64};

// One compressed file and the record of the run it encodes (written beside it by evaluate).
struct Run {
  std::string file, record;
};

// Returns: the run of a --run flag "<compressed file>=<record>".
Run parse_run(const std::string& flag) {
  const size_t eq = flag.find('=');
  if (eq == std::string::npos) throw std::runtime_error("--run " + flag + ": want FILE=RECORD");
  return {flag.substr(0, eq), flag.substr(eq + 1)};
}

// Returns: the test images of each dataset "<name>=<dir>", cut to the largest batch.
std::map<std::string, Matrix> load_images(const std::vector<std::string>& flags) {
  std::map<std::string, Matrix> images;
  for (const auto& flag : flags) {
    const size_t eq = flag.find('=');
    if (eq == std::string::npos) throw std::runtime_error("--data " + flag + ": want NAME=DIR");
    const std::string dir = flag.substr(eq + 1);
    Split test = load_split(dir, "test", kBatches[1]);
    if (test.labels.size() < kBatches[1])
      throw std::runtime_error(dir + ": fewer test images than the largest batch");
    images[flag.substr(0, eq)] = std::move(test.images);
  }
  return images;
}

// Returns: N of a target factor written "1/N" or as a decimal (the record's target_factor).
double ratio_of(const std::string& factor, const std::string& origin) {
  try {
    if (factor.rfind("1/", 0) == 0) return std::stod(factor.substr(2));
    return 1.0 / std::stod(factor);
  } catch (const std::exception&) {
    throw std::runtime_error(origin + ": target_factor '" + factor + "' is not a factor");
  }
}

// Returns: the record's ids (dataset, arch, method, schedule, target_factor).
nlohmann::json read_ids(const std::string& record) {
  try {
    const auto ids = nlohmann::json::parse(read_file(record)).at("ids");
    for (const char* key : {"dataset", "arch", "method", "schedule", "target_factor"})
      if (!ids.contains(key) || !ids[key].is_string())
        throw std::runtime_error(std::string("ids has no string '") + key + "'");
    return ids;
  } catch (const std::exception& e) {
    throw std::runtime_error(record + ": " + e.what());
  }
}

// Returns: which OpenBLAS kernels ran: the pinned OPENBLAS_CORETYPE, else OpenBLAS's choice.
std::string openblas_kernel() {
  const char* pinned = std::getenv("OPENBLAS_CORETYPE");
  return pinned ? pinned : openblas_get_corename();
}

// A CSV row's place: rows of one series (method, encoding, batch) in order of ratio, consecutive,
// so the figure's lines join them.
using RowKey =
    std::tuple<std::string, std::string, std::string, std::string, std::string, size_t, double>;
using Rows = std::map<RowKey, std::string>;

// Adds the CSV rows of one run, one per batch size, to `rows`.
void time_run(Rows& rows, const Run& run, const std::map<std::string, Matrix>& images, int repeats,
              double min_seconds, const std::string& kernel) {
  const nlohmann::json ids = read_ids(run.record);
  const CompressedModel model = read_compressed_file(run.file);
  CompressedNetwork net(model, run.file);
  const std::string dataset = ids["dataset"];
  const auto it = images.find(dataset);
  if (it == images.end()) throw std::runtime_error(run.record + ": no --data for " + dataset);
  if (it->second.shape(1) != net.network().in_shape().size())
    throw std::runtime_error(run.file + ": the model takes " + net.network().in_shape().str() +
                             ", " + dataset + "'s images have " +
                             std::to_string(it->second.shape(1)) + " pixels");
  const std::string factor = ids["target_factor"];
  const std::string arch = ids["arch"], method = ids["method"], schedule = ids["schedule"];
  const std::string encoding = encoding_name(model.encoding);
  const double ratio = ratio_of(factor, run.record);
  for (size_t batch : kBatches) {
    const Matrix x = xt::view(it->second, xt::range(0, batch), xt::all());
    const SpeedQuartiles q =
        time_forward([&](const Matrix& in) { net.forward(in); }, x, repeats, min_seconds);
    std::ostringstream row;
    row << dataset << "," << arch << "," << method << "," << schedule << "," << encoding << ","
        << factor << "," << format_double(ratio) << "," << batch << "," << format_double(q.median)
        << "," << format_double(q.q1) << "," << format_double(q.q3) << "," << q.repeats << ","
        << kernel << "\n";
    rows[{dataset, arch, method, schedule, encoding, batch, ratio}] = row.str();
  }
}

int run(const std::vector<std::string>& run_flags, const std::vector<std::string>& data,
        const std::string& out, int repeats, double min_seconds) {
  const auto images = load_images(data);
  const std::string kernel = openblas_kernel();
  std::string csv =
      "dataset,arch,method,schedule,encoding,target_factor,ratio,batch,samples_per_s_median,"
      "samples_per_s_q1,samples_per_s_q3,repeats,openblas_kernel\n";
  Rows rows;
  for (const auto& flag : run_flags)
    time_run(rows, parse_run(flag), images, repeats, min_seconds, kernel);
  for (const auto& [key, row] : rows) csv += row;
  write_files_atomic({{out, csv}});
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  std::vector<std::string> runs, data;
  std::string out;
  int repeats = 15;
  double min_seconds = 0.004;
  CLI::App app{"speed: compressed model files -> samples/s at batch 1 and 64 (CSV)."};
  app.add_option("--run", runs, "FILE=RECORD: a compressed model file and its run's record");
  app.add_option("--data", data, "NAME=DIR: a dataset's folder (reads test-*-ubyte)")->required();
  app.add_option("--out", out, "the CSV to write")->required();
  app.add_option("--repeats", repeats, "timed repeats per file and batch")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-seconds", min_seconds, "thread CPU seconds one repeat lasts at least")
      ->check(CLI::PositiveNumber);
  return nnc::run_stage(app, argc, argv,
                        [&] { return nnc::run(runs, data, out, repeats, min_seconds); });
}
