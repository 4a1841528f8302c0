// The stage logs' schemas (lib/io/log_csv.h): the header a writer starts with reads back, and a log
// of another schema or version, or with a missing or unexpected column, fails in one line naming
// the file and the column.
#include "lib/io/log_csv.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

// Returns: the error parse_log throws for `text` as a train log ("" when it throws none).
std::string error_of(const std::string& text) {
  try {
    parse_log(text, kTrainLog, "a.log.csv");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("a log reads back by column name under its schema's header") {
  CHECK(log_header(kTrainLog) ==
        "# nncompress train log, version 2\n"
        "epoch,lr,loss,train_error,valid_error,selected,restart\n");
  CHECK(log_header(kCompressLog) == "# nncompress compress log, version 1\nquantity,index,value\n");
  const auto rows =
      parse_log(log_header(kTrainLog) + "1,0.1,2.3,0.5,0.6,0,0\n2,0.1,2,0.4,0.5,1,0\n", kTrainLog,
                "a.log.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].at("selected") == "1");
  CHECK(parse_log(log_header(kCompressLog) + "valid_error_input,,0.5\n", kCompressLog, "c")
            .at(0)
            .at("index")
            .empty());
}

TEST_CASE("a bad log: one line naming the file and what is wrong") {
  const std::string marker = "# nncompress train log, version 2\n";
  CHECK(error_of("epoch,lr,loss,train_error,valid_error,selected\n1,0.1,2,0.5,0.6,1\n") ==
        "a.log.csv: not an nncompress train log (first line "
        "'epoch,lr,loss,train_error,valid_error,selected')");
  CHECK(error_of(log_header(kCompressLog)).find("not an nncompress train log") !=
        std::string::npos);
  CHECK(error_of("# nncompress train log, version 1\nepoch\n") ==
        "a.log.csv: train log version '1' (this build reads version 2)");
  CHECK(error_of(marker + "epoch,lr,loss,train_error,selected,restart\n") ==
        "a.log.csv: train log has no column 'valid_error'");
  CHECK(error_of(marker + "epoch,lr,loss,train_error,valid_error,selected,restart,test_error\n") ==
        "a.log.csv: train log has an unexpected column 'test_error'");
  CHECK(error_of(marker + "lr,epoch,loss,train_error,valid_error,selected,restart\n") ==
        "a.log.csv: train log columns out of the schema's order");
  CHECK(error_of(marker + "epoch,lr,loss,train_error,valid_error,selected,restart\n1,0.1\n") ==
        "a.log.csv: line 3 has 2 fields, the header has 7");
  CHECK(error_of("").find("not an nncompress train log") != std::string::npos);
}

}  // namespace
}  // namespace nnc
