// OBD's diagonal Hessian (LeCun, Denker & Solla 1990, "Optimal Brain Damage"): h_kk = Σ_samples
// ∂²L_sample/∂θ_k², computed by the second-order backpropagation of eq. 8-9 (Network::
// backward_second_order) over a data set, in one of two forms:
//  - Gauss-Newton (the default; eq. 9 without the f'' term, the Levenberg-Marquardt approximation):
//    the diagonal of JᵀHJ with H the loss's diagonal second derivative at the output; h_kk ≥ 0;
//  - exact: also keeps f''(a)·∂L/∂x (eq. 9 as written, and the seed paper's code).
// Like OBD itself, both drop the off-diagonal terms of the Hessian with respect to each layer's
// pre-activations; on a network whose output second derivative is diagonal and that has one hidden
// layer the exact form is the exact Hessian diagonal (tests/compress/obd_test.cc checks this).
#ifndef NNCOMPRESS_LIB_COMPRESS_OBD_H_
#define NNCOMPRESS_LIB_COMPRESS_OBD_H_

#include <string>
#include <vector>

#include "lib/nn/loss.h"
#include "lib/nn/network.h"

namespace nnc {

// Returns: nothing; sets every param's `curvature` (weights and biases) to the diagonal Hessian of
// Σ_b L(net(images_b), labels_b) over all rows of images (a sum over samples, not a mean), in
// `batch`-row chunks with the network in inference mode (no dropout). Masked entries get 0.
// Throws std::runtime_error naming the sizes when images and labels disagree, or when a layer has no
// second-order pass.
void obd_curvature(Network& net, const Loss& loss, const Matrix& images,
                   const std::vector<int>& labels, SecondOrderForm form, size_t batch = 500);


}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_OBD_H_
