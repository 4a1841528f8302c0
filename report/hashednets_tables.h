// HashedNets' own results laid out as Chen et al. (ICML 2015, section 6) laid out their Tables 1
// and 2: one table per network and compression factor, a row per dataset, a column per method,
// test error as mean ± std over seeds, the lowest mean of each row in bold; the dense reference
// beside them and the published HashedNets number where one could be had offline.
#ifndef NNCOMPRESS_REPORT_HASHEDNETS_TABLES_H_
#define NNCOMPRESS_REPORT_HASHEDNETS_TABLES_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lib/io/csv.h"
#include "report/methods.h"
#include "report/summary_cells.h"

namespace nnc {

struct HashedNetsLayout {
  std::vector<std::string> datasets;                   // the rows, in the grid's order
  std::map<std::string, std::vector<Factor>> factors;  // network -> its tables' factors
};

// Returns: the Markdown tables. Columns are the table's compressed methods (table order) that have
// a cell at the network and factor; a dataset without cells keeps its row, filled with "—" (its
// piece was not built). `published` rows (report/published.csv) of a hashed-family method at the
// network, dataset and factor fill the published column; it stays empty otherwise.
// `untrained(cell)` counts the cell's seeds that never left chance (report/validity.h): such a
// cell is marked with that count and never set in bold, and the row's bold goes to the lowest
// mean among the cells whose every seed trained.
std::string hashednets_tables(const std::vector<Cell>& cells, const MethodTable& methods,
                              const std::vector<CsvRow>& published, const HashedNetsLayout& layout,
                              const std::function<int(const Cell&)>& untrained);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_HASHEDNETS_TABLES_H_
