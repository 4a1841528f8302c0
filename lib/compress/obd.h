// OBD's diagonal Hessian (LeCun, Denker & Solla 1990, "Optimal Brain Damage"): h_kk = Σ_samples
// ∂²L_sample/∂θ_k², computed by the second-order backpropagation of eq. 8-9 (Network::
// backward_second_order) over a data set, in one of two forms:
//  - Gauss-Newton (eq. 9 without the f'' term, the Levenberg-Marquardt approximation LeCun et al.
//    used): the diagonal of JᵀHJ with H the loss's diagonal second derivative at the output;
//    h_kk ≥ 0;
//  - exact: also keeps f''(a)·∂L/∂x (eq. 9 as written, and the seed paper's code). On sigmoid nets
//    some h_kk are negative (~5%), so the seed paper's code ranks by ½·|h_kk|·w².
// Like OBD itself, both drop the off-diagonal terms of the Hessian with respect to each layer's
// pre-activations; on a network whose output second derivative is diagonal and that has one hidden
// layer the exact form is the exact Hessian diagonal (tests/compress/obd_test.cc checks this).
// The two pruning methods built on it, obd (exact, |h|) and obd_gn (Gauss-Newton, h), register
// themselves from obd_method.cc and obd_gn_method.cc.
#ifndef NNCOMPRESS_LIB_COMPRESS_OBD_H_
#define NNCOMPRESS_LIB_COMPRESS_OBD_H_

#include <string>
#include <vector>

#include "lib/compress/pruning_method.h"
#include "lib/compress/saliency.h"
#include "lib/nn/loss.h"
#include "lib/nn/network.h"

namespace nnc {

// Returns: nothing; sets every param's `curvature` (weights and biases) to the diagonal Hessian of
// Σ_b L(net(images_b), labels_b) over all rows of images (a sum over samples, not a mean), in
// `batch`-row chunks with the network in inference mode (no dropout). Masked entries get 0.
// Throws std::runtime_error naming the sizes when images and labels disagree, or when a layer has
// no second-order pass.
void obd_curvature(Network& net, const Loss& loss, const InputRows& images,
                   const std::vector<int>& labels, SecondOrderForm form, size_t batch = 500);

// Returns: the pruning method `name` ranking by OBD's saliency with the curvature of `form` over
// the request's training set and loss (recomputed at every call, so at every pruning step), taken
// as it is or as |h| per `sign`; it retrains with the baseline's regulariser and records
// obd_form (exact | gauss_newton) and obd_sign (abs | signed) in its metadata. Its saliency throws
// std::runtime_error when the request lacks the training set or the loss.
PruningMethod obd_method(const std::string& name, SecondOrderForm form, CurvatureSign sign);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_OBD_H_
