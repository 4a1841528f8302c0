#include "report/statistics.h"

#include <cmath>
#include <stdexcept>

namespace nnc {
namespace {

// t_{0.95, df} for df = 1..30 (any statistics table); beyond, the normal quantile.
constexpr double kT95[] = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
                           1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725,
                           1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697};
constexpr double kNormal95 = 1.645;

}  // namespace

MeanSd mean_sd(const std::vector<double>& x) {
  if (x.empty()) return {};
  double mean = 0;
  for (double v : x) mean += v;
  mean /= double(x.size());
  double squares = 0;
  for (double v : x) squares += (v - mean) * (v - mean);
  return {mean, x.size() > 1 ? std::sqrt(squares / double(x.size() - 1)) : 0.0};
}

double t_quantile_95(int df) {
  constexpr int kTabulated = sizeof kT95 / sizeof kT95[0];
  if (df < 1) throw std::invalid_argument("t_quantile_95: df must be at least 1");
  return df <= kTabulated ? kT95[df - 1] : kNormal95;
}

PairedTest paired_t_test(const std::vector<double>& d) {
  PairedTest t;
  t.n = static_cast<int>(d.size());
  const MeanSd m = mean_sd(d);
  t.mean = m.mean;
  t.sd = m.sd;
  if (t.n >= 2) t.half_width = t_quantile_95(t.n - 1) * t.sd / std::sqrt(double(t.n));
  if (t.n < kMinSeeds) return t;
  // With no spread the t statistic is ±infinity (or 0/0): the sign of the mean decides.
  if (t.sd == 0) {
    t.verdict = t.mean > 0 ? "holds" : t.mean < 0 ? "fails" : "inconclusive";
    return t;
  }
  const double statistic = t.mean / (t.sd / std::sqrt(double(t.n)));
  const double critical = t_quantile_95(t.n - 1);
  t.verdict = statistic > critical ? "holds" : statistic < -critical ? "fails" : "inconclusive";
  return t;
}

}  // namespace nnc
