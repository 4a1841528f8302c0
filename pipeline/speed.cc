// speed: the speed stage. Times inference from compressed model files (lib/io/compressed_file.h)
// at batch 1 and batch 64 on real test images, in thread CPU time, and writes one CSV row per
// (file, batch): median, quartiles and maximum of samples/s over the repeats, taken round-robin
// over the files. A timing, not a result: the numbers differ from run to run, so nothing
// deterministic reads this file (the report may).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>
#include <xtensor/xview.hpp>

#include "lib/compress/compressed_network.h"
#include "lib/eval/inference_speed.h"
#include "lib/eval/record.h"
#include "lib/eval/run_key.h"
#include "lib/eval/tables.h"
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

// Returns: which OpenBLAS kernels ran: the pinned OPENBLAS_CORETYPE, else OpenBLAS's choice.
std::string openblas_kernel() {
  const char* pinned = std::getenv("OPENBLAS_CORETYPE");
  return pinned ? pinned : openblas_get_corename();
}

// A CSV row's place: rows of one series (method, encoding, batch) in order of ratio, consecutive,
// so the figure's lines join them: the run's dataset, arch, method, schedule, then the encoding,
// the batch and the run's factor, descending.
struct RowKey {
  RunKey run;
  std::string encoding;
  size_t batch = 0;
  bool operator<(const RowKey& o) const {
    const auto series = [](const RowKey& k) {
      const CellKey& c = k.run.cell;
      return std::tie(c.dataset, c.arch, c.method, c.schedule, k.encoding, k.batch);
    };
    if (series(*this) != series(o)) return series(*this) < series(o);
    return run.cell.factor > o.run.cell.factor;
  }
};
using Rows = std::map<RowKey, std::string>;

// One compressed file under timing: what its rows say, and per batch size the passes of one repeat
// and the samples/s of each repeat so far.
struct Timed {
  Run run;
  std::string dataset;
  std::string prefix;  // the row's columns up to the batch
  RowKey key;          // the row's place, batch left 0
  long passes[std::size(kBatches)] = {};
  std::vector<double> rates[std::size(kBatches)];
};

// Returns: the network of `run`'s file. Throws when it does not take the dataset's images.
CompressedNetwork load_network(const Run& run, const std::string& dataset, const Matrix& images) {
  CompressedNetwork net(read_compressed_file(run.file), run.file);
  if (images.shape(1) != net.network().in_shape().size())
    throw std::runtime_error(run.file + ": the model takes " + net.network().in_shape().str() +
                             ", " + dataset + "'s images have " + std::to_string(images.shape(1)) +
                             " pixels");
  return net;
}

// Returns: the first `batch` images.
Matrix first(const Matrix& images, size_t batch) {
  return xt::view(images, xt::range(0, batch), xt::all());
}

// Returns: the timing of one run, its passes per repeat calibrated (no repeat timed yet).
Timed calibrate(const Run& run, const std::map<std::string, Matrix>& images, double min_seconds) {
  const RunKey key = run_key_of(read_record(run.record).ids, run.record);
  const std::string& dataset = key.cell.dataset;
  const auto it = images.find(dataset);
  if (it == images.end()) throw std::runtime_error(run.record + ": no --data for " + dataset);
  CompressedNetwork net = load_network(run, dataset, it->second);
  const CellKey& c = key.cell;
  const std::string encoding = encoding_name(read_compressed_file(run.file).encoding);
  Timed t;
  t.run = run;
  t.dataset = dataset;
  t.prefix = dataset + "," + c.arch + "," + c.method + "," + c.schedule + "," + encoding + "," +
             c.factor.label() + "," + format_double(c.factor.ratio()) + ",";
  t.key = {key, encoding, 0};
  for (size_t b = 0; b < std::size(kBatches); ++b)
    t.passes[b] = calibrate_passes([&](const Matrix& in) { net.forward(in); },
                                   first(it->second, kBatches[b]), min_seconds);
  return t;
}

int run(const std::vector<std::string>& run_flags, const std::vector<std::string>& data,
        const std::string& out, int repeats, double min_seconds) {
  const auto images = load_images(data);
  const std::string kernel = openblas_kernel();
  std::vector<Timed> timed;
  for (const auto& flag : run_flags)
    timed.push_back(calibrate(parse_run(flag), images, min_seconds));
  // Round-robin: repeat r of every file before repeat r + 1 of any, so a slow stretch of the
  // machine (a neighbour's burst) lands on every file alike instead of on a few consecutive ones.
  // Each repeat rebuilds the network from its file (untimed, as is one warm-up pass), which holds
  // one network in memory at a time.
  for (int r = 0; r < repeats; ++r) {
    for (Timed& t : timed) {
      const Matrix& all = images.at(t.dataset);
      CompressedNetwork net = load_network(t.run, t.dataset, all);
      const Forward forward = [&](const Matrix& in) { net.forward(in); };
      for (size_t b = 0; b < std::size(kBatches); ++b) {
        const Matrix x = first(all, kBatches[b]);
        forward(x);
        t.rates[b].push_back(samples_per_second(forward, x, t.passes[b]));
      }
    }
  }
  Rows rows;
  for (const Timed& t : timed) {
    for (size_t b = 0; b < std::size(kBatches); ++b) {
      const SpeedQuartiles q = quartiles(t.rates[b]);
      RowKey key = t.key;
      key.batch = kBatches[b];
      rows[key] = t.prefix + std::to_string(kBatches[b]) + "," + format_double(q.median) + "," +
                  format_double(q.q1) + "," + format_double(q.q3) + "," + format_double(q.max) +
                  "," + std::to_string(q.repeats) + "," + kernel + "\n";
    }
  }
  std::string csv = table_header(kSpeedTable);
  for (const auto& [key, row] : rows) csv += row;
  write_files_atomic({{out, csv}});
  return 0;
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  std::vector<std::string> runs, data;
  std::string out;
  int repeats = 21;
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
