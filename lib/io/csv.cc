#include "lib/io/csv.h"

#include <sstream>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

}  // namespace

std::vector<CsvRow> parse_csv(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  std::string line;
  size_t number = 1;
  // Comment lines before the header (a log's schema and version, lib/io/log_csv.h), as gnuplot.
  bool more = false;
  while ((more = bool(std::getline(in, line))) && line.rfind('#', 0) == 0) ++number;
  if (!more) throw std::runtime_error(source + ": empty CSV (no header)");
  const std::vector<std::string> header = split(line);
  std::vector<CsvRow> rows;
  for (++number; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = split(line);
    if (fields.size() != header.size()) {
      throw std::runtime_error(source + ": line " + std::to_string(number) + " has " +
                               std::to_string(fields.size()) + " fields, the header has " +
                               std::to_string(header.size()));
    }
    CsvRow row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CsvRow> read_csv(const std::string& path) { return parse_csv(read_file(path), path); }

const std::string& csv_field(const CsvRow& row, const std::string& column,
                             const std::string& source) {
  auto it = row.find(column);
  if (it == row.end()) throw std::runtime_error(source + ": no column '" + column + "'");
  return it->second;
}

double csv_number(const CsvRow& row, const std::string& column, const std::string& source) {
  const std::string& text = csv_field(row, column, source);
  try {
    size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size()) return value;
  } catch (const std::logic_error&) {
  }
  throw std::runtime_error(source + ": column '" + column + "' holds '" + text + "', not a number");
}

}  // namespace nnc
