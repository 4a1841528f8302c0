// obd_gn: Optimal Brain Damage as LeCun et al. (1990) ran it: the Gauss-Newton diagonal Hessian
// (h_kk ≥ 0) of the training loss over the training set, saliency ½·h_kk·w² (eq. 7); retrains with
// the baseline's own regulariser.
#include "lib/compress/obd.h"

namespace nnc {
namespace {

const bool registered = register_pruning_method(
    obd_method("obd_gn", SecondOrderForm::kGaussNewton, CurvatureSign::kSigned));

}  // namespace
}  // namespace nnc
