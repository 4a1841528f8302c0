// TableSchema: a CSV table that crosses a stage boundary, described once — its name, version and
// columns — and used by its writer (table_header) and its readers (parse_table, read_table). A
// table opens with a comment line naming its schema and version, then its header:
//   # nncompress summary, version 1
//   dataset,arch,protocol,method,...
// The version sits in a comment so that gnuplot, which skips '#' lines by default and reads the
// columns by header name (report/*.gp), plots the file as before. The stage logs (log_csv.h) and
// the aggregate and speed tables (lib/eval/tables.h) are such tables.
#ifndef NNCOMPRESS_LIB_IO_TABLE_SCHEMA_H_
#define NNCOMPRESS_LIB_IO_TABLE_SCHEMA_H_

#include <string>
#include <vector>

#include "lib/io/csv.h"

namespace nnc {

struct TableSchema {
  std::string name;  // "train log", "summary"
  int version;
  std::vector<std::string> columns;
};

// Returns: the schema's two opening lines (the version comment, the header), each ending in '\n'.
std::string table_header(const TableSchema& schema);

// Returns: the rows of a table of `schema`, keyed by column. Throws std::runtime_error with one
// line "<source>: ..." for another schema or version, a missing or unexpected column, or a ragged
// row.
std::vector<CsvRow> parse_table(const std::string& text, const TableSchema& schema,
                                const std::string& source);

// Returns: the rows of the table file at `path` (see parse_table; errors name the path).
std::vector<CsvRow> read_table(const std::string& path, const TableSchema& schema);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_TABLE_SCHEMA_H_
