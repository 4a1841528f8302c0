#include "lib/io/table_schema.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

const TableSchema kSteps{"steps", 1, {"target_factor", "epoch", "valid_error"}};

// Returns: the error read_table throws for a file holding `text` ("" when it throws none).
std::string error_of(const std::string& text) {
  const std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/steps.csv";
  write_files_atomic({{path, text}});
  try {
    read_table(path, kSteps);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    CHECK(what.find('\n') == std::string::npos);  // one line
    return what.substr(0, path.size()) == path ? "<file>" + what.substr(path.size()) : what;
  }
  return "";
}

TEST_CASE("a table file reads back under its schema") {
  CHECK(table_header(kSteps) == "# nncompress steps, version 1\ntarget_factor,epoch,valid_error\n");
  CHECK(error_of(table_header(kSteps) + "1/512,3,0.1\n") == "");
}

TEST_CASE("a table file of another schema or version, or lacking a column, fails naming it") {
  CHECK(error_of("# nncompress steps, version 2\ntarget_factor,epoch,valid_error\n") ==
        "<file>: steps version '2' (this build reads version 1)");
  CHECK(error_of("# nncompress layers, version 1\ntarget_factor,epoch,valid_error\n") ==
        "<file>: not an nncompress steps (first line '# nncompress layers, version 1')");
  CHECK(error_of("# nncompress steps, version 1\ntarget_factor,valid_error\n") ==
        "<file>: steps has no column 'epoch'");
  CHECK(error_of("target_factor,epoch,valid_error\n") ==
        "<file>: not an nncompress steps (first line 'target_factor,epoch,valid_error')");
}

}  // namespace
}  // namespace nnc
