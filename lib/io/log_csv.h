// The stage logs' schemas (docs/DESIGN.md, "Stages and their contracts"; TableSchema,
// table_schema.h): the train stage's per-epoch log and the compress stage's log, each defined once
// here and used by its writer
// (lib/train/trainer.h epoch_log_csv, lib/compress/prune_and_retrain.h prune_log_csv) and by
// parse_log, which the tests read the writers' output with (the report's only reader of the logs
// is gnuplot, training_curve.gp). A log opens with a comment line naming its schema and version,
// then its header:
//   # nncompress train log, version 2
//   epoch,lr,loss,train_error,valid_error,selected,restart
// The version sits in a comment so that gnuplot, which skips '#' lines by default and reads the
// columns by header name (report/training_curve.gp), plots the file as before.
#ifndef NNCOMPRESS_LIB_IO_LOG_CSV_H_
#define NNCOMPRESS_LIB_IO_LOG_CSV_H_

#include <string>
#include <vector>

#include "lib/io/table_schema.h"

namespace nnc {

using LogSchema = TableSchema;

// The train stage's log: one row per epoch; selected is 1 on the epoch whose network was kept;
// restart is 0 for the first run and k for the k-th restart at a lower rate (a run that diverged
// or stalled at chance, trainer.h train_with_backoff), whose abandoned epochs come first.
// Version 1 had no restart column.
inline const LogSchema kTrainLog{
    "train log", 2, {"epoch", "lr", "loss", "train_error", "valid_error", "selected", "restart"}};
// The compress stage's log: one quantity per row (prune_and_retrain.h lists the quantities).
inline const LogSchema kCompressLog{"compress log", 1, {"quantity", "index", "value"}};

// Returns: table_header(schema).
inline std::string log_header(const LogSchema& schema) { return table_header(schema); }

// Returns: parse_table(text, schema, source).
inline std::vector<CsvRow> parse_log(const std::string& text, const LogSchema& schema,
                                     const std::string& source) {
  return parse_table(text, schema, source);
}

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_LOG_CSV_H_
