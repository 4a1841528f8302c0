// Prints, as one JSON object, the epochs each named protocol trains (lib/train/protocol.cc): its
// training epochs, its retraining epochs per halving step, and the most epochs the seed paper's
// schedule trains after a baseline at its literal lengths (authors_max_epochs,
// lib/compress/schedule.h). The cost projection (paper_cost.py) reads it, so the epochs a profile
// leaves to its protocol are written down once, in the protocol table.
// Usage: protocol_epochs PROTOCOL... > protocol_epochs.json
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>

#include "lib/compress/schedule.h"
#include "lib/train/protocol.h"

int main(int argc, char** argv) {
  try {
    nlohmann::json out = nlohmann::json::object();
    for (int i = 1; i < argc; ++i) {
      const nnc::Protocol& p = nnc::protocol(argv[i]);
      out[p.name] = {{"epochs", p.epochs},
                     {"retrain_epochs", p.retrain_epochs},
                     {"authors_max_epochs", nnc::authors_max_epochs(p.epochs)}};
    }
    std::printf("%s\n", out.dump().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "protocol_epochs: %s\n", e.what());
    return 1;
  }
  return 0;
}
