#include "lib/io/table_schema.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

std::string marker(const TableSchema& schema) {
  return "# nncompress " + schema.name + ", version ";
}

std::vector<std::string> split_header(const std::string& line) {
  std::vector<std::string> columns;
  std::istringstream in(line);
  for (std::string column; std::getline(in, column, ',');) columns.push_back(column);
  return columns;
}

// Throws naming the first column the schema has and the header lacks, or the other way round.
void check_columns(const std::string& header, const TableSchema& schema,
                   const std::string& source) {
  const std::vector<std::string> columns = split_header(header);
  const auto has = [](const std::vector<std::string>& v, const std::string& c) {
    return std::find(v.begin(), v.end(), c) != v.end();
  };
  for (const std::string& c : schema.columns)
    if (!has(columns, c))
      throw std::runtime_error(source + ": " + schema.name + " has no column '" + c + "'");
  for (const std::string& c : columns)
    if (!has(schema.columns, c))
      throw std::runtime_error(source + ": " + schema.name + " has an unexpected column '" + c +
                               "'");
  if (columns != schema.columns)
    throw std::runtime_error(source + ": " + schema.name + " columns out of the schema's order");
}

}  // namespace

std::string table_header(const TableSchema& schema) {
  std::string header = marker(schema) + std::to_string(schema.version) + "\n";
  for (size_t i = 0; i < schema.columns.size(); ++i) header += (i ? "," : "") + schema.columns[i];
  return header + "\n";
}

std::vector<CsvRow> parse_table(const std::string& text, const TableSchema& schema,
                                const std::string& source) {
  const size_t first_end = text.find('\n');
  const std::string first = text.substr(0, first_end);
  const std::string expected = marker(schema);
  if (first.compare(0, expected.size(), expected) != 0)
    throw std::runtime_error(source + ": not an nncompress " + schema.name + " (first line '" +
                             first + "')");
  const std::string version = first.substr(expected.size());
  if (version != std::to_string(schema.version))
    throw std::runtime_error(source + ": " + schema.name + " version '" + version +
                             "' (this build reads version " + std::to_string(schema.version) + ")");
  const std::string rest = first_end == std::string::npos ? "" : text.substr(first_end + 1);
  check_columns(rest.substr(0, rest.find('\n')), schema, source);
  return parse_csv(text, source);
}

std::vector<CsvRow> read_table(const std::string& path, const TableSchema& schema) {
  return parse_table(read_file(path), schema, path);
}

}  // namespace nnc
