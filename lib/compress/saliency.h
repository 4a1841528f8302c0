// Saliency: how much each weight matters, the criterion a pruning method ranks weights by.
//
// Three interchangeable criteria (Baktash et al. 2019, Sec. 3):
//  - magnitude |w_k| (used by mag_l1 and mag_l2, which differ only in the training regulariser);
//  - OBD s_k = ½·h_kk·w_k² (LeCun et al. 1990, eq. 7), from the diagonal Hessian in the param's
//    `curvature` (filled by obd_curvature, obd.h), or ½·|h_kk|·w_k² (the seed paper's code: the
//    exact diagonal can be negative, and ½·h·w² would prune exactly those weights first);
//  - random: a uniform draw per weight, the control every comparison needs.
// A saliency set has one tensor per weight param (Param::is_weight) of the network, in the order of
// weight_params(), each of the shape of its param; larger = more important.
#ifndef NNCOMPRESS_LIB_COMPRESS_SALIENCY_H_
#define NNCOMPRESS_LIB_COMPRESS_SALIENCY_H_

#include <string>
#include <vector>
#include <xtensor/xarray.hpp>

#include "lib/nn/network.h"
#include "lib/nn/random.h"

namespace nnc {

using Saliencies = std::vector<xt::xarray<float>>;

// Returns: the network's weight params (biases excluded), in layer order.
std::vector<Param*> weight_params(Network& net);
std::vector<const Param*> weight_params(const Network& net);

// Returns: |w| per weight.
Saliencies magnitude_saliency(const Network& net);

// Whether OBD's saliency uses the curvature as it is or its absolute value.
enum class CurvatureSign { kSigned, kAbs };

// Returns: ½·h_kk·w_k² per weight (OBD eq. 7), ½·|h_kk|·w_k² with kAbs. Throws std::runtime_error
// naming the param when a weight param's curvature is missing or not of its value's shape (run
// obd_curvature first).
Saliencies obd_saliency(const Network& net, CurvatureSign sign = CurvatureSign::kSigned);

// Returns: an independent uniform [0, 1) draw per weight, from rng (weights in layer order,
// elements row-major), so the same seed prunes the same weights.
Saliencies random_saliency(const Network& net, Rng& rng);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_SALIENCY_H_
