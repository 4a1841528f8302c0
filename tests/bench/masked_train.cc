// Masked training benchmark (issue 21, one thread): for sig30, sig100, lenet300 and fc3 under
// their protocols (batch, loss, momentum, units; the L2 regulariser's gradient as in the trainer;
// no dropout), samples/s of one training step (forward + loss + backward + regulariser + SGD
// update) of a network whose every dense weight keeps a random fraction d of its entries, at
// d = 1, 0.5, 0.25, 0.1, 0.03, 0.01, 0.002:
//  - dense: today's masked step (every dense layer forced onto OpenBLAS's GEMMs);
//  - sparse: every masked dense layer forced onto the kept-weight kernels (to place the crossover);
//  - new: the step as training runs it (each layer picks its path by sparse_dense_pays);
//  - limit: the new step's dense layers' forward and backward timed alone on the step's own
//    inputs (GEMMs or kept-weight kernels, whichever each layer runs), as samples/s, and the share
//    of it the whole new step reaches; what is missing to 100% is everything else (activations,
//    loss, bias sums, the regulariser and the O(weights) SGD update and mask passes);
//  - the FMAs those kernels run (y, dL/dW and, above the first layer, dL/dx: weights × batch each,
//    kept weights on the sparse path, all on the dense one) per CPU second, beside this core's
//    vector-FMA peak (independent FMA chains on registers): what a kernel reaches per FMA, and so
//    how far a density's FMAs alone allow the step to go.
// With --rows, every step (and the first layer's kernels in the limit) reads its batch as the
// pipeline's training does (Network::forward_rows): bytes, 100 or so shuffled rows of a 50000-row
// set (39 MB, MNIST's size) with MNIST's share of zero pixels (81 %), read where they lie by a
// sparse first layer and gathered into floats for a dense one; without it, from one float batch
// that stays in cache.
// The four are timed in alternation, run after run, in thread CPU seconds, so that load from other
// processes on a shared machine hits them alike; medians of the runs. A random mask keeps about
// as many input columns as weights at low density; magnitude pruning of MNIST nets empties whole
// border-pixel columns, which the kernels skip, so real masks run at least as fast.
// Run: bazel run //tests/bench:masked_train [-- --runs 7 --arch sig30 --density 0.1 --rows]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "lib/nn/architecture.h"
#include "lib/nn/dense.h"
#include "lib/nn/floats8.h"
#include "lib/nn/gemm.h"
#include "lib/nn/input_rows.h"
#include "lib/nn/loss.h"
#include "lib/nn/sparse_dense.h"
#include "lib/train/protocol.h"
#include "lib/train/regularizer.h"
#include "lib/train/sgd.h"
#include "tests/bench/pipeline_kernel.h"
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

// Keeps max(1, round(d·n)) random entries of every weight tensor (the never-empty-layer rule of
// lib/compress/prune.h).
void mask_at_density(Network& net, double d, Rng& rng) {
  for (Param* p : net.params()) {
    if (!p->is_weight) continue;
    const size_t n = p->value.size();
    const size_t keep = std::max<size_t>(1, static_cast<size_t>(std::llround(d * n)));
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    for (size_t i = 0; i < keep; ++i) std::swap(order[i], order[i + rng.below(n - i)]);
    xt::xarray<float> mask = xt::zeros<float>(p->value.shape());
    for (size_t i = 0; i < keep; ++i) mask.data()[order[i]] = 1.0f;
    p->set_mask(mask);
  }
}

void set_paths(Network& net, DensePath path) {
  for (size_t i = 0; i < net.size(); ++i)
    if (auto* d = dynamic_cast<Dense*>(&net.layer(i))) d->set_path(path);
}

struct Row {
  double dense, sparse, fresh, limit, share, gfma;
};

// Returns: the FMAs of one step's dense-layer kernels in `net` at this batch, on the path each
// layer picks (sparse_dense_pays): y and dL/dW, and dL/dx above the first layer.
double kernel_fmas(Network& net, size_t batch) {
  double fmas = 0.0;
  for (size_t i = 0; i < net.size(); ++i) {
    auto* d = dynamic_cast<Dense*>(&net.layer(i));
    if (!d) continue;
    const Param& w = d->params()[0];
    const size_t all = w.value.size(), kept = w.stored();
    const size_t work =
        sparse_dense_pays(kept, w.value.shape(0), w.value.shape(1), batch) ? kept : all;
    fmas += static_cast<double>(work * batch) * (i == 0 ? 2.0 : 3.0);
  }
  return fmas;
}

// Returns: this core's vector-FMA peak in FMAs per CPU second, the best of 5 rounds (the clock
// ramps up in the first): 12 independent chains of 8-float FMAs held in registers (enough to
// cover two pipes' latency), no loads. The empty asm names every chain as read and written, so
// none is folded or spilled (an array of them was kept in memory).
double fma_peak() {
  const Floats8 m = splat8(0.999999f), c = splat8(1e-7f);
  Floats8 a0 = splat8(1.0f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0,
          a9 = a0, a10 = a0, a11 = a0;
  const size_t iters = 50000000;
  double best = 0.0;
  for (int r = 0; r < 5; ++r) {
    const double t0 = thread_cpu_seconds();
    for (size_t i = 0; i < iters; ++i) {
      a0 = a0 * m + c, a1 = a1 * m + c, a2 = a2 * m + c, a3 = a3 * m + c, a4 = a4 * m + c;
      a5 = a5 * m + c, a6 = a6 * m + c, a7 = a7 * m + c, a8 = a8 * m + c, a9 = a9 * m + c;
      a10 = a10 * m + c, a11 = a11 * m + c;
      asm volatile(""
                   : "+x"(a0), "+x"(a1), "+x"(a2), "+x"(a3), "+x"(a4), "+x"(a5), "+x"(a6), "+x"(a7),
                     "+x"(a8), "+x"(a9), "+x"(a10), "+x"(a11));
    }
    best = std::max(best, static_cast<double>(iters) * 12 * 8 / (thread_cpu_seconds() - t0));
  }
  return best;
}

// A byte training set of MNIST's size and share of zero pixels, and a shuffled order through it.
struct ByteSet {
  static constexpr size_t kRows = 50000, kCols = 784;
  std::vector<uint8_t> bytes;
  std::vector<size_t> order;
  size_t at = 0;

  explicit ByteSet(Rng& rng) : bytes(kRows * kCols), order(kRows) {
    for (uint8_t& b : bytes)
      b = rng.uniform() < 0.81f ? 0 : static_cast<uint8_t>(1 + rng.below(255));
    for (size_t i = 0; i < kRows; ++i) order[i] = i;
    for (size_t i = 0; i + 1 < kRows; ++i) std::swap(order[i], order[i + rng.below(kRows - i)]);
  }
  InputRows rows() const { return InputRows(bytes.data(), kRows, kCols); }
  // Returns: the next batch's row indices (wrapping around the order), having requested the rows
  // of the batch after it as training does (InputRows::prefetch).
  const size_t* next(size_t batch) {
    if (at + batch > kRows) at = 0;
    at += batch;
    if (at + batch <= kRows) rows().prefetch(order.data() + at, batch);
    return order.data() + at - batch;
  }
};

// Returns: the row of one network at one density; its steps read `rows` when given (--rows), else
// one float batch.
Row bench(const std::string& arch, const std::string& protocol_name, double density, int runs,
          ByteSet* rows) {
  const bool from_rows = rows != nullptr;
  const Protocol& pr = protocol(protocol_name);
  const size_t batch = pr.batch;
  Rng rng(1);
  UnitOptions units = pr.units;
  units.dropout_input = units.dropout_hidden = 0.0;
  Network dense = build_network(architecture(arch), Shape{28, 28, 1}, 10, units);
  initialize(dense, pr.init, rng);
  mask_at_density(dense, density, rng);
  Network sparse = dense, fresh = dense;
  set_paths(dense, DensePath::kDense);
  set_paths(sparse, DensePath::kSparse);
  const auto loss = make_loss(pr.loss);
  const auto l2 = make_regularizer("l2");
  Matrix xb({batch, 784});
  for (float& v : xb) v = rng.uniform();
  std::vector<int> labels(batch);
  for (int& l : labels) l = static_cast<int>(rng.below(10));
  struct Stepper {
    Network* net;
    Sgd sgd;
    Matrix dout;
  };
  std::vector<Stepper> steppers = {{&dense, Sgd(pr.momentum), {}},
                                   {&sparse, Sgd(pr.momentum), {}},
                                   {&fresh, Sgd(pr.momentum), {}}};
  const InputRows set_rows = from_rows ? rows->rows() : InputRows();
  auto step = [&](Stepper& s) {
    const Matrix& out =
        from_rows ? s.net->forward_rows(set_rows, rows->next(batch), batch, Mode::kTrain, nullptr)
                  : s.net->forward(xb, Mode::kTrain, nullptr);
    loss->evaluate(out, labels, &s.dout);
    s.net->backward(s.dout);
    for (Param* p : s.net->params())
      if (p->is_weight) l2->add_gradient(*p, 1e-5f);
    s.sgd.step(*s.net, 1e-4);
  };
  // The limit: each dense layer of `fresh` on its inputs and output gradients of one step.
  std::vector<size_t> dense_layers;
  for (size_t i = 0; i < fresh.size(); ++i)
    if (dynamic_cast<Dense*>(&fresh.layer(i))) dense_layers.push_back(i);
  std::vector<Matrix> ins(fresh.size()), outs(fresh.size()), dys(fresh.size()), dxs(fresh.size());
  {
    Network probe = fresh;
    Matrix a = xb;
    for (size_t i = 0; i < probe.size(); ++i) {
      ins[i] = a;
      probe.layer(i).forward(ins[i], outs[i], Mode::kTrain, nullptr);
      a = outs[i];
    }
    for (size_t i = 0; i < probe.size(); ++i) {
      dys[i] = outs[i];
      for (float& v : dys[i]) v = 0.01f * (v - 0.5f);
    }
  }
  auto kernels = [&] {
    for (const size_t i : dense_layers) {
      Layer& l = fresh.layer(i);
      if (i == 0 && from_rows) {
        const size_t* idx = rows->next(batch);
        if (!l.forward_rows(set_rows, idx, batch, outs[i], Mode::kTrain, nullptr)) {
          set_rows.gather(idx, batch, ins[i]);
          l.forward(ins[i], outs[i], Mode::kTrain, nullptr);
        }
      } else {
        l.forward(ins[i], outs[i], Mode::kTrain, nullptr);
      }
      l.backward(ins[i], outs[i], dys[i], i == 0 ? nullptr : &dxs[i]);
    }
  };
  const size_t r_dense = calibrate([&] { step(steppers[0]); }, 0.1);
  const size_t r_sparse = calibrate([&] { step(steppers[1]); }, 0.1);
  const size_t r_fresh = calibrate([&] { step(steppers[2]); }, 0.1);
  const size_t r_limit = calibrate(kernels, 0.1);
  std::vector<double> d, s, f, lim, share;
  for (int r = 0; r < runs; ++r) {
    d.push_back(rate(r_dense, batch, [&] { step(steppers[0]); }));
    s.push_back(rate(r_sparse, batch, [&] { step(steppers[1]); }));
    f.push_back(rate(r_fresh, batch, [&] { step(steppers[2]); }));
    lim.push_back(rate(r_limit, batch, kernels));
    share.push_back(f.back() / lim.back());
  }
  const double gfma = median(lim) / static_cast<double>(batch) * kernel_fmas(fresh, batch) / 1e9;
  return {median(d), median(s), median(f), median(lim), median(share), gfma};
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  nnc::run_with_pipeline_kernel(argv);
  int runs = 5;
  bool from_rows = false;  // --rows
  std::vector<double> densities = {1.0, 0.5, 0.25, 0.1, 0.03, 0.01, 0.002};
  std::vector<std::pair<std::string, std::string>> archs = {
      {"sig30", "authors"}, {"sig100", "authors"}, {"lenet300", "lenet"}, {"fc3", "hashednets"}};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--arch") && i + 1 < argc) {
      const std::string a = argv[++i];
      archs.erase(std::remove_if(archs.begin(), archs.end(), [&](auto& p) { return p.first != a; }),
                  archs.end());
    } else if (!std::strcmp(argv[i], "--density") && i + 1 < argc) {
      densities = {std::atof(argv[++i])};
    } else if (!std::strcmp(argv[i], "--rows")) {
      from_rows = true;
    } else {
      std::fprintf(stderr, "masked_train: unknown flag or missing value: '%s'\n", argv[i]);
      return 2;
    }
  }
  const char* bad = nullptr;
  if (archs.empty()) bad = "--arch names none of sig30, sig100, lenet300, fc3";
  if (runs < 1) bad = "--runs takes at least 1";
  if (densities[0] <= 0.0 || densities[0] > 1.0) bad = "--density takes a value in (0, 1]";
  if (bad) {
    std::fprintf(stderr, "masked_train: %s\n", bad);
    return 2;
  }
  nnc::set_gemm_threads(1);
  nnc::Rng set_rng(2);
  std::unique_ptr<nnc::ByteSet> rows;  // one set for every row of the table
  if (from_rows) rows = std::make_unique<nnc::ByteSet>(set_rng);
  std::printf(
      "masked training step, samples per CPU second, one thread, median of %d alternating runs;\n"
      "%s; kept-weight kernels: lib/nn/sparse_dense.cc\n"
      "(GCC vector extension, 8 floats per FMA); this core's vector-FMA peak: %.1f GFMA/s\n",
      runs, nnc::kernel_line().c_str(), nnc::fma_peak() / 1e9);
  std::printf("batches: %s\n", from_rows ? "shuffled rows of a 50000-row byte set (--rows)"
                                         : "one float batch, in cache (--rows: the pipeline's)");
  std::printf(
      "| arch     | protocol (batch)  | density | dense step | sparse step | new step | new/dense"
      " | new limit | of limit | limit GFMA/s |\n");
  std::printf(
      "|----------|-------------------|---------|------------|-------------|----------|----------"
      "|-----------|----------|--------------|\n");
  for (const auto& [arch, prot] : archs) {
    for (const double d : densities) {
      const nnc::Row r = nnc::bench(arch, prot, d, runs, rows.get());
      std::printf(
          "| %-8s | %-10s (%4zu) | %7.3f | %10.0f | %11.0f | %8.0f | %8.2fx | %9.0f | %7.1f%% "
          "| %12.1f |\n",
          arch.c_str(), prot.c_str(), nnc::protocol(prot).batch, d, r.dense, r.sparse, r.fresh,
          r.fresh / r.dense, r.limit, 100.0 * r.share, r.gfma);
      std::fflush(stdout);
    }
  }
  return 0;
}
