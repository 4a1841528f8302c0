#include "lib/train/protocol.h"

#include <stdexcept>
#include <vector>

namespace nnc {
namespace {

using LK = LrSchedule::Kind;

const std::vector<Protocol>& table() {
  static const std::vector<Protocol> protocols = {
      // name, units{activation, sigmoid_output, dropout in, dropout hidden}, loss, init, batch,
      // epochs, lr{kind, lr0, decay, power}, momentum, select_on_valid, λ, retrain lr factor,
      // retrain epochs, lr backoff{retries, factor, stall epochs, stall fraction},
      // distillation{T, α}, lr0 by architecture (protocol.h)
      {"hashednets",
       {"relu", false, 0.25, 0.25},
       "softmax_cross_entropy",
       "he",
       50,
       50,
       {LK::kInverseTime, 0.1, 1e-4, 1.0},
       0.9,
       true,
       1.0,
       1.0,
       10,
       {4, 0.31622776601683794, 10, 0.99},  // 1/√10; a stall checked after epoch 10
       {4.0, 0.9},
       {}},
      {"lenet",
       {"relu", false, 0.0, 0.0},
       "softmax_cross_entropy",
       "he",
       64,
       20,
       {LK::kInverseTime, 0.05, 1e-4, 0.75},
       0.9,
       false,
       1.0,
       0.1,
       10,
       {},
       {4.0, 0.9},
       {{"lenet5", 0.01}}},
      {"authors",
       {"sigmoid", true, 0.0, 0.0},
       "quadratic",
       "nielsen",
       100,
       50,
       {LK::kInverseSqrtEpoch, 3.0},
       0.0,
       false,
       1.0,
       1.0,
       50,
       {},
       {1.0, 0.9},
       {{"sig100", 1.0}}},
  };
  return protocols;
}

}  // namespace

Protocol protocol(const std::string& name, const std::string& architecture) {
  Protocol p = protocol(name);
  for (const ArchitectureRate& rate : p.lr0_by_architecture)
    if (rate.architecture == architecture) p.lr.lr0 = rate.lr0;
  return p;
}

const Protocol& protocol(const std::string& name) {
  for (const Protocol& p : table())
    if (p.name == name) return p;
  throw std::runtime_error("unknown protocol '" + name +
                           "' (expected hashednets, lenet or authors)");
}

}  // namespace nnc
