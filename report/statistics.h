// The statistics behind a comparison of two methods: a one-sided paired t-test at 5% on the
// per-seed differences d_s = error_worse - error_better, t = mean(d) / (sd(d) / sqrt(n)):
//   holds          t > t_{0.95, n-1}   (the expected winner significantly better)
//   fails          t < -t_{0.95, n-1}  (significantly worse)
//   inconclusive   otherwise; with sd(d) = 0, a nonzero mean is significant in its direction and
//                  a zero mean is inconclusive
//   too few seeds  fewer than kMinSeeds paired seeds
#ifndef NNCOMPRESS_REPORT_STATISTICS_H_
#define NNCOMPRESS_REPORT_STATISTICS_H_

#include <string>
#include <vector>

namespace nnc {

// Fewer paired seeds than this and a comparison is not tested: with two, the t-test's single
// degree of freedom makes almost nothing significant, and one seed has no spread at all.
constexpr int kMinSeeds = 3;

struct MeanSd {
  double mean = 0, sd = 0;
};

// Returns: the mean and the sample standard deviation of `x` (sd 0 for fewer than two values,
// both 0 for none).
MeanSd mean_sd(const std::vector<double>& x);

// Returns: t_{0.95, df}, the one-sided 5% critical value of Student's t (tabulated for df 1..30;
// 1.645, the normal quantile, beyond). Throws std::invalid_argument for df < 1.
double t_quantile_95(int df);

// The paired test of one comparison.
struct PairedTest {
  int n = 0;                              // paired seeds
  double mean = 0, sd = 0;                // of d_s = error_worse - error_better
  double half_width = 0;                  // of the 90% two-sided CI: t_{0.95, n-1} * sd / sqrt(n)
  std::string verdict = "too few seeds";  // holds | fails | inconclusive | too few seeds
};

// Returns: the one-sided paired t-test at 5% of the differences `d` (see the header comment).
PairedTest paired_t_test(const std::vector<double>& d);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_STATISTICS_H_
