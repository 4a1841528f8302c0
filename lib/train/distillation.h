// Dark knowledge (Hinton et al. 2015, "Distilling the Knowledge in a Neural Network"): training a
// student on a mix of the labels and a teacher's outputs on the same examples.
//
// Softmax cross-entropy (on logits z, teacher logits t, temperature T, mix α):
//   L = (1 − α)·CE(e(y), softmax(z)) + α·T²·CE(softmax(t/T), softmax(z/T)),
//   CE(p, q) = −Σ_i p_i log q_i;  ∂L/∂z = (1 − α)·(softmax(z) − e(y)) + α·T·(softmax(z/T) −
//   softmax(t/T)). The T² keeps the soft term's gradient on the scale of the hard one as T grows
//   (Hinton et al., section 2).
// Quadratic cost on sigmoid outputs a (the authors' protocol): the outputs are already
// probabilities, one per class, with no softmax to soften, so the soft target is the teacher's
// output itself and T must be 1:
//   L = (1 − α)·½‖a − e(y)‖² + α·½‖a − t‖²,  ∂L/∂a = a − ((1 − α)·e(y) + α·t).
// Both are averaged over the batch. With α = 0 the loss and its gradient are the hard loss's, bit
// for bit (the trainer's α = 0 run equals plain training).
#ifndef NNCOMPRESS_LIB_TRAIN_DISTILLATION_H_
#define NNCOMPRESS_LIB_TRAIN_DISTILLATION_H_

#include <vector>

#include "lib/nn/loss.h"

namespace nnc {

struct Distillation {
  double temperature = 1.0;  // T: softens both softmaxes of the soft term
  double alpha = 0.0;        // α ∈ [0, 1]: the soft term's weight
};

// Returns: the mean distillation loss of `out` against labels and `teacher` (the teacher's
// outputs on the same rows, same shape); writes *dout = dL/dout (divided by the batch) when dout
// != nullptr. Throws std::runtime_error naming the shapes when teacher and out disagree, when
// α ∉ [0, 1] or T ≤ 0, and for the quadratic cost with T ≠ 1.
double distillation_loss(const Loss& hard, const Distillation& d, const Matrix& out,
                         const std::vector<int>& labels, const Matrix& teacher, Matrix* dout);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_TRAIN_DISTILLATION_H_
