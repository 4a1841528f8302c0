// Loss: the training objectives, as functions of the network output and integer labels, averaged
// over the batch:
//  - softmax cross-entropy on logits: L = -mean_b log softmax(z_b)[y_b];
//  - quadratic cost of the seed paper's code (Nielsen's network2): L = mean_b ½‖a_b − e(y_b)‖²
//    with e(y) the one-hot vector, on sigmoid outputs a.
#ifndef NNCOMPRESS_LIB_NN_LOSS_H_
#define NNCOMPRESS_LIB_NN_LOSS_H_

#include <memory>
#include <string>
#include <vector>

#include "lib/nn/layer.h"

namespace nnc {

class Loss {
 public:
  virtual ~Loss() = default;
  // Returns: "softmax_cross_entropy" or "quadratic".
  virtual std::string name() const = 0;
  // Returns: the mean loss over the batch; writes *dout = dL/dout (already divided by the batch)
  // when dout != nullptr. labels has one entry per row of out, each in [0, out columns).
  // Throws std::runtime_error naming the shapes when they disagree or a label is out of range.
  virtual double evaluate(const Matrix& out, const std::vector<int>& labels,
                          Matrix* dout) const = 0;
  // Writes *d2out = the diagonal of d²L/dout² per sample (not divided by the batch: OBD sums
  // saliencies over samples). Softmax cross-entropy uses the Gauss-Newton diagonal p(1-p).
  virtual void second_derivative(const Matrix& out, const std::vector<int>& labels,
                                 Matrix* d2out) const = 0;
};

// Returns: a loss by name ("softmax_cross_entropy" | "quadratic"); throws for another name.
std::unique_ptr<Loss> make_loss(const std::string& name);

// Returns: the index of the largest entry of each row (the predicted class; first on ties).
std::vector<int> predicted_classes(const Matrix& out);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_LOSS_H_
