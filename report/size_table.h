// The size table: bytes on disk of each model, its smallest compressed file (written by the
// evaluate stage) against the dense float32 reference and zlib of the dense params.
#ifndef NNCOMPRESS_REPORT_SIZE_TABLE_H_
#define NNCOMPRESS_REPORT_SIZE_TABLE_H_

#include <string>
#include <vector>

#include "lib/eval/record.h"
#include "report/methods.h"

namespace nnc {

// Returns: one Markdown table per network, methods as rows (table order), target factors as
// columns (descending, labelled as the records write them: 1/10, 1/100, 0.002). The sizes do not
// depend on the dataset or seed, so the first dataset's seed-1 runs stand for all; the seed
// paper's schedule is left out (its models at a factor are the size of halving's). A cell is
// "<bytes> <encoding> <dense / bytes>× / <zlib / bytes>×"; "—" where a method has no run.
// "(no records)" when there are none. Throws std::runtime_error naming a record whose
// identifiers are missing or malformed.
std::string size_table(const std::vector<Record>& records, const MethodTable& table);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_SIZE_TABLE_H_
