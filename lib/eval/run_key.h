// RunKey: what identifies a run of the study — dataset, network, protocol, method, schedule,
// factor and seed — as one value type, compared, ordered and printed here only. A CellKey is the
// same without the seed: the cell the aggregate tables average over seeds. Records carry their key
// as identifiers (evaluate --id KEY=VALUE); run_key_of reads it back.
#ifndef NNCOMPRESS_LIB_EVAL_RUN_KEY_H_
#define NNCOMPRESS_LIB_EVAL_RUN_KEY_H_

#include <cstdint>
#include <map>
#include <string>

#include "lib/util/factor.h"

namespace nnc {

struct CellKey {
  std::string dataset, arch, protocol, method;
  // "none" for baselines and methods trained from scratch, "halving" or "authors" for pruning: it
  // tells two runs of one method at one factor apart.
  std::string schedule = "none";
  Factor factor;  // the target factor
};

struct RunKey {
  CellKey cell;
  int64_t seed = 0;
};

// Cells and runs are ordered as the tables list them: by dataset, arch, protocol, method,
// schedule, then factor descending (1, 1/2, 1/4, ... reads as "more and more compressed"), then
// seed. Equal means equal in every field (factors by exact value).
bool operator<(const CellKey& a, const CellKey& b);
bool operator==(const CellKey& a, const CellKey& b);
bool operator<(const RunKey& a, const RunKey& b);
bool operator==(const RunKey& a, const RunKey& b);

// Returns: "<dataset> <arch> <protocol> <method> <schedule> at <factor>" ("mnist lenet300 lenet
// mag_l2 halving at 1/8"), and the same with " seed <seed>" for a run.
std::string to_string(const CellKey& key);
std::string to_string(const RunKey& key);

// Returns: the run key of a record's identifiers (dataset, arch, protocol, method, target_factor,
// seed; schedule optional, "none" when absent). Throws std::runtime_error("<source>: ...") naming
// the missing identifier, a factor outside (0, 1] or a seed that is not a non-negative integer.
RunKey run_key_of(const std::map<std::string, std::string>& ids, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_RUN_KEY_H_
