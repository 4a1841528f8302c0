// Regularizer: a weight penalty as a policy the trainer calls, never a flag inside it.
// The seed paper's code adds η·λ·sign(w)/n (L1) or η·λ·w/n (L2) to each step, n the training-set
// size; here a regulariser adds strength·∂R/∂w to the gradient of every weight (never biases),
// with strength = λ/n, so the SGD step η·grad reproduces those terms exactly.
#ifndef NNCOMPRESS_LIB_TRAIN_REGULARIZER_H_
#define NNCOMPRESS_LIB_TRAIN_REGULARIZER_H_

#include <memory>
#include <string>

#include "lib/nn/param.h"

namespace nnc {

class Regularizer {
 public:
  virtual ~Regularizer() = default;
  // Returns: "none", "l1" or "l2".
  virtual std::string name() const = 0;
  // Adds strength·∂R/∂w to p.grad (p.is_weight only; the caller skips biases), visiting p.kept
  // only when p.kept_pass(kKeptPassDensity): the same bytes, as a pruned weight and its grad are +0
  // (Param's contract) and adding strength·∂R/∂w = ±0 there leaves +0.
  void add_gradient(Param& p, float strength) const { add_gradient(p, strength, kKeptPassDensity); }
  // As above with the threshold given (tests force either pass with 0 and 2).
  virtual void add_gradient(Param& p, float strength, double kept_pass_density) const = 0;
};

// Returns: the regulariser named none | l1 (R = Σ|w|) | l2 (R = ½Σw²); throws
// std::runtime_error("unknown regularizer '<name>' (expected none, l1 or l2)") otherwise.
std::unique_ptr<Regularizer> make_regularizer(const std::string& name);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_REGULARIZER_H_
