// obd as the seed paper's authors ran it: the exact diagonal Hessian of the training loss (f''
// terms kept) by second-order backpropagation over the training set, saliency ½·|h_kk|·w² (the
// exact diagonal is negative for ~5% of a sigmoid net's weights, which ½·h·w² would prune first);
// retrains with the baseline's own regulariser.
#include "lib/compress/obd.h"

namespace nnc {
namespace {

const bool registered =
    register_pruning_method(obd_method("obd", SecondOrderForm::kExact, CurvatureSign::kAbs));

}  // namespace
}  // namespace nnc
