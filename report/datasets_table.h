// The report's Data table: each dataset's split sizes and classes, and what it was made from,
// from its manifest (data/dataset_writer.h, checked on read by report/input_json.h).
#ifndef NNCOMPRESS_REPORT_DATASETS_TABLE_H_
#define NNCOMPRESS_REPORT_DATASETS_TABLE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnc {

// Returns: a Markdown table, a row per manifest (in the order given): name, train / valid / test
// counts, classes and "made from". A generated dataset (provenance.variant) names its generator's
// command, `make_variant --variant <variant> --seed <seed>`, then the raw files it drew on, if any
// (the digit variants' MNIST, bg_img's photographs); a converted one names its provenance.source.
// Raw files are given as "<file> `<first 12 hex digits of sha256>…`". A dataset of no raw file
// (rect, convex) says so rather than leave the cell empty. "(no dataset manifests)" when none.
std::string datasets_table(const std::vector<nlohmann::json>& manifests);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_DATASETS_TABLE_H_
