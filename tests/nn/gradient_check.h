// The generic finite-difference checker used for every layer, every loss and whole networks.
//
// Each analytic derivative is compared with the central difference (f(θ+ε) − f(θ−ε)) / 2ε of a
// scalar objective evaluated in float with the sum accumulated in double. A coordinate passes when
// |analytic − numeric| ≤ tol · max(1, |analytic|, |numeric|). Where the function has a kink within
// ε (ReLU at 0, max-pool ties), the difference at ε and at ε/2 disagree; such coordinates are
// counted as `kinks` and skipped (callers bound how many may be skipped).
#ifndef NNCOMPRESS_TESTS_NN_GRADIENT_CHECK_H_
#define NNCOMPRESS_TESTS_NN_GRADIENT_CHECK_H_

#include <string>
#include <vector>

#include "lib/nn/layer.h"
#include "lib/nn/loss.h"
#include "lib/nn/network.h"

namespace nnc {

struct CheckOptions {
  double eps = 1e-3;
  double tol = 1e-3;
  Mode mode = Mode::kInfer;     // kTrain checks dropout with a fixed random stream
  size_t max_per_tensor = 300;  // coordinates sampled per tensor (all when smaller)
  uint64_t seed = 1;
};

struct CheckReport {
  size_t checked = 0, kinks = 0, failures = 0;
  double max_error = 0.0;  // of the checked coordinates, relative as in the pass rule
  std::string worst;       // "<tensor>[i]: analytic a numeric n"
};

// Checks layer.backward (input gradient and every param's grad) for the objective
// L = Σ r ∘ layer.forward(x) with r fixed and random. Masked params are not checked here.
CheckReport check_layer(Layer& layer, const Matrix& x, const CheckOptions& options = {});

// Checks Loss::evaluate's dL/dout against differences of the loss value.
CheckReport check_loss(const Loss& loss, const Matrix& out, const std::vector<int>& labels,
                       const CheckOptions& options = {});

// Checks Network::backward's param grads for L = loss(net.forward(x), labels); a masked entry must
// have grad exactly 0 (it is counted as a failure otherwise) and is not perturbed.
CheckReport check_network(Network& net, const Loss& loss, const Matrix& x,
                          const std::vector<int>& labels, const CheckOptions& options = {});

// Returns: a batch x n matrix of normal(0, scale) samples with |v| ≥ 0.05·scale (away from ReLU's
// kink), from seed.
Matrix random_matrix(size_t batch, size_t n, uint64_t seed, double scale = 1.0);

// Fills every param of net with normal(0, 1/sqrt(fan-in)) samples (biases normal(0, 0.1)).
void randomize_params(Network& net, uint64_t seed);

// Fills every param of `layer` with N(0, 0.25) draws, so a check is not satisfied by zero weights.
void randomize_layer(Layer& layer, uint64_t seed);

// Fills every param of net, weights and biases alike, with N(0, sd²) draws in param order.
void fill_normal(Network& net, uint64_t seed, double sd);

// Catch2 checks of a report: no failures, at least `min_checked` coordinates compared, and at most
// 5% of them skipped as kinks.
void require_passes(const CheckReport& report, size_t min_checked);

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_NN_GRADIENT_CHECK_H_
