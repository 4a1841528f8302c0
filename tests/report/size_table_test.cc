#include "report/size_table.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

Record record(const std::string& method, const std::string& factor, int64_t best_bytes,
              const std::string& schedule = "halving") {
  Record r;
  r.ids = {{"dataset", "mnist"}, {"arch", "lenet300"},   {"protocol", "lenet"},
           {"method", method},   {"schedule", schedule}, {"target_factor", factor},
           {"seed", "1"}};
  r.bytes = {{"csr", best_bytes}, {"bitmask", best_bytes + 100}};
  r.bytes_dense = 4000;
  r.bytes_zlib = 2000;
  return r;
}

// Returns: the line of `md` that starts with `prefix` ("" when none).
std::string line_of(const std::string& md, const std::string& prefix) {
  const size_t at = md.find("\n" + prefix);
  if (at == std::string::npos) return "";
  return md.substr(at + 1, md.find('\n', at + 1) - at - 1);
}

TEST_CASE("size table: every factor keeps its column, 1/10 and 1/100 included") {
  const std::string methods_csv = "tests/report/testdata/methods.csv";
  const MethodTable methods = method_table_from_csv(read_file(methods_csv), methods_csv);
  const std::vector<Record> records = {record("dense", "1", 4000, "none"),
                                       record("mag_l1", "1/2", 2000), record("mag_l1", "1/10", 400),
                                       record("mag_l1", "1/100", 40),
                                       record("mag_l1", "1/100", 1, "authors")};
  const std::string md = size_table(records, methods);
  INFO(md);
  CHECK(line_of(md, "| method") == "| method | 1 | 1/2 | 1/10 | 1/100 |");
  CHECK(line_of(md, "| dense") == "| dense | 4000 csr 1.00× / 0.50× | — | — | — |");
  // The authors' schedule's run at 1/100 is left out: halving's 40 bytes stand.
  CHECK(line_of(md, "| mag_l1") ==
        "| mag_l1 | — | 2000 csr 2.00× / 1.00× | 400 csr 10.00× / 5.00× | "
        "40 csr 100.00× / 50.00× |");
}

TEST_CASE("size table: decimal factors are labelled as written") {
  const std::string methods_csv = "tests/report/testdata/methods.csv";
  const MethodTable methods = method_table_from_csv(read_file(methods_csv), methods_csv);
  const std::string md =
      size_table({record("mag_l1", "0.1", 400), record("mag_l1", "0.002", 8)}, methods);
  CHECK(line_of(md, "| method") == "| method | 0.1 | 0.002 |");
  CHECK(size_table({}, methods) == "(no records)");
}

}  // namespace
}  // namespace nnc
