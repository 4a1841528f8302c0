// The tables that cross a stage boundary after evaluation (docs/DESIGN.md, "Stages and their
// contracts"): the aggregate stage's results, summary, layers, histograms and steps tables and the
// speed stage's timings, each defined once here (lib/io/table_schema.h) and used by its writer
// (lib/eval/aggregate.h, pipeline/speed.cc) and its readers (report/make_report.cc; gnuplot reads
// the columns by header name). A row's run is the columns of RunKey (lib/eval/run_key.h):
// target_factor as written (1/512, 0.002), target_ratio its inverse as a number.
#ifndef NNCOMPRESS_LIB_EVAL_TABLES_H_
#define NNCOMPRESS_LIB_EVAL_TABLES_H_

#include "lib/io/table_schema.h"

namespace nnc {

// results.csv: one row per run. lr_restarts: the restarts of the training run behind the model
// (its metadata's, lib/io/model_metadata.h: a compressed model carries its baseline's), empty for
// a record without the model's metadata. Version 1 had no lr_restarts.
inline const TableSchema kResultsTable{
    "results", 2, {"dataset",           "arch",          "protocol",         "method",
                   "schedule",          "target_factor", "target_ratio",     "seed",
                   "test_error",        "factor",        "factor_with_bias", "stored_weights",
                   "reference_weights", "bytes_dense",   "bytes_csr",        "bytes_bitmask",
                   "bytes_hashed",      "bytes_best",    "bytes_zlib",       "flops_dense",
                   "flops_effective",   "valid_error",   "training_epochs",  "lr_restarts",
                   "arch_kind"}};

// summary.csv: one row per cell, means and standard deviations over seeds.
inline const TableSchema kSummaryTable{
    "summary",
    1,
    {"dataset", "arch", "protocol", "method", "schedule", "target_factor", "target_ratio", "n",
     "test_error_mean", "test_error_std", "factor_mean", "stored_weights_mean", "bytes_best_mean",
     "flops_effective_mean", "valid_error_mean", "valid_error_std", "training_epochs_mean",
     "arch_kind"}};

// layers.csv: one row per weight layer of every run.
inline const TableSchema kLayersTable{
    "layers",
    1,
    {"dataset", "arch", "protocol", "method", "schedule", "target_factor", "target_ratio", "seed",
     "layer", "weights", "stored", "kept"}};

// histograms.csv: one row per histogram bin of every run.
inline const TableSchema kHistogramsTable{
    "histograms",
    1,
    {"dataset", "arch", "protocol", "method", "schedule", "target_factor", "target_ratio", "seed",
     "weight", "count"}};

// steps.csv: the validation error before and after every pruning step of every run.
inline const TableSchema kStepsTable{
    "steps",
    1,
    {"dataset", "arch", "protocol", "method", "schedule", "target_factor", "target_ratio", "seed",
     "step", "epoch", "factor", "point", "valid_error"}};

// speed.csv: samples/s quartiles per compressed file and batch (a timing: not deterministic).
inline const TableSchema kSpeedTable{
    "speed",
    1,
    {"dataset", "arch", "method", "schedule", "encoding", "target_factor", "ratio", "batch",
     "samples_per_s_median", "samples_per_s_q1", "samples_per_s_q3", "samples_per_s_max", "repeats",
     "openblas_kernel"}};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_EVAL_TABLES_H_
