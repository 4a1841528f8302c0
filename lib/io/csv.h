// Reading the pipeline's own CSV tables (results.csv, summary.csv, training logs): comma-separated,
// one header line, no quoting (no field the pipeline writes contains a comma).
#ifndef NNCOMPRESS_LIB_IO_CSV_H_
#define NNCOMPRESS_LIB_IO_CSV_H_

#include <map>
#include <string>
#include <vector>

namespace nnc {

// One CSV row, by column name.
using CsvRow = std::map<std::string, std::string>;

// Returns: the rows of the CSV text, keyed by the header's column names; '#' lines before the
// header are skipped.
// Throws std::runtime_error("<source>: line N has K fields, the header has M") on ragged rows.
std::vector<CsvRow> parse_csv(const std::string& text, const std::string& source);

// Returns: the rows of the CSV file at `path` (see parse_csv).
std::vector<CsvRow> read_csv(const std::string& path);

// Returns: row[column]. Throws std::runtime_error("<source>: no column '<column>'") when missing.
const std::string& csv_field(const CsvRow& row, const std::string& column,
                             const std::string& source);

// Returns: row[column] as a number. Throws std::runtime_error naming `source`, the column and the
// text when the column is missing or not a number.
double csv_number(const CsvRow& row, const std::string& column, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_CSV_H_
