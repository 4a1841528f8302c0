// The threshold of Param::kept_pass (kKeptPassDensity): per-step CPU time of the passes a masked
// weight gets after its backward (the L2 regulariser's gradient and the SGD update, momentum 0 and
// 0.9) over every entry against over its kept entries only, for the first weights of sig30
// (30 x 784) and lenet300 (300 x 784) keeping a random fraction d, at d = 0.6 … 0.05. The two are
// timed in alternation, run after run, in thread CPU seconds; medians of the runs. The kept-only
// pass is a scalar gather, the other vectorised: it pays below the density where the ratio
// crosses 1.
// Run: bazel run //tests/bench:kept_pass [-- --runs 7]
#include <cstdio>
#include <cstring>
#include <string>

#include "lib/nn/dense.h"
#include "lib/nn/random.h"
#include "lib/train/regularizer.h"
#include "lib/train/sgd.h"
#include "tests/bench/thread_clock.h"

namespace nnc {
namespace {

// A copy of the network stepped with one threshold (0: passes over every entry; 2: over the kept
// entries only).
struct Passes {
  Network net;
  Sgd sgd;
  double threshold;
};

// Prints µs per step of both passes for one out x in weight at this density and momentum.
void print_row(size_t out, size_t in, double density, double momentum, int runs) {
  Network net(flat(in));
  net.add(std::make_unique<Dense>(flat(in), out));
  Rng rng(1);
  Param& w = *net.params()[0];
  xt::xarray<float> mask = xt::zeros<float>(w.value.shape());
  for (float& v : w.value) v = static_cast<float>(rng.normal());
  for (float& g : w.grad) g = static_cast<float>(rng.normal()) * 1e-6f;
  for (float& m : mask) m = rng.uniform() < density ? 1.0f : 0.0f;
  w.set_mask(mask);
  const auto l2 = make_regularizer("l2");
  Passes all{net, Sgd(momentum, 0.0), 0.0}, kept{net, Sgd(momentum, 2.0), 2.0};
  auto step = [&](Passes& p) {
    Param& q = *p.net.params()[0];
    l2->add_gradient(q, 1e-5f, p.threshold);
    p.sgd.step(p.net, 1e-4);
  };
  const size_t r_all = calibrate([&] { step(all); }, 0.05);
  const size_t r_kept = calibrate([&] { step(kept); }, 0.05);
  std::vector<double> a, k, ratio;
  for (int r = 0; r < runs; ++r) {
    a.push_back(1e6 / rate(r_all, 1, [&] { step(all); }));
    k.push_back(1e6 / rate(r_kept, 1, [&] { step(kept); }));
    ratio.push_back(k.back() / a.back());
  }
  std::printf("| %3zu x %3zu | %7.2f | %8.1f | %9.2f | %9.2f | %10.2f |\n", out, in, density,
              momentum, median(a), median(k), median(ratio));
  std::fflush(stdout);
}

}  // namespace
}  // namespace nnc

int main(int argc, char** argv) {
  int runs = 7;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
  std::printf(
      "L2 gradient + SGD step of one masked weight, µs per step (thread CPU), median of %d "
      "alternating runs\n",
      runs);
  std::printf("| out x in  | density | momentum | all (µs) | kept (µs) | kept / all |\n");
  std::printf("|-----------|---------|----------|----------|-----------|------------|\n");
  for (const auto& [out, in] : {std::pair<size_t, size_t>{30, 784}, {300, 784}})
    for (const double momentum : {0.0, 0.9})
      for (const double d : {0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05})
        nnc::print_row(out, in, d, momentum, runs);
  return 0;
}
