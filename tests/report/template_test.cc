#include "report/template.h"

#include <catch2/catch.hpp>

#include "lib/io/atomic_file.h"
#include "report/report_values.h"

namespace nnc {
namespace {

TEST_CASE("fill_template replaces every key and rejects a key the run did not produce") {
  CHECK(fill_template("a {{x}} b {{y}}", {{"x", "1"}, {"y", "2"}}) == "a 1 b 2");
  CHECK(template_keys("{{x}} {{y}} {{x}}") == std::set<std::string>{"x", "y"});
  CHECK_THROWS_WITH(fill_template("{{x}} {{typed_in}}", {{"x", "1"}}),
                    Catch::Contains("'typed_in'") && Catch::Contains("did not produce"));
  CHECK_THROWS_WITH(template_keys("text {{open"), Catch::Contains("unterminated"));
}

ReportInputs tiny_run() {
  ReportInputs in;
  in.profile = "test";
  const std::string header =
      "dataset,arch,protocol,method,target_factor,target_ratio,n,test_error_mean,"
      "test_error_std,factor_mean,stored_weights_mean,bytes_best_mean,flops_effective_mean\n";
  in.summary = parse_csv(header +
                             "mnist,lenet300,lenet,dense,1,1,1,0.02,0,1,1000,4000,2000\n"
                             "mnist,lenet300,lenet,hashed,0.5,2,1,0.03,0,0.5,500,2000,2000\n"
                             "mnist,lenet300,lenet,mag_l2,0.5,2,1,0.025,0,0.5,500,3000,1000\n",
                         "summary.csv");
  return in;
}

TEST_CASE("the real report template names only values a run produces and fills completely") {
  const std::string text = read_file("report/paper.md.in");
  const auto values = report_values(tiny_run());
  for (const std::string& key : template_keys(text)) {
    INFO("template key " << key);
    CHECK(values.count(key) == 1);
  }
  const std::string filled = fill_template(text, values);
  CHECK(filled.find("{{") == std::string::npos);
  CHECK(filled.find("}}") == std::string::npos);
  // The claim computed from the summary, not typed in: mag_l2 (2.5%) beats hashed (3%) at 1/2.
  CHECK(values.at("claim.pruning_vs_hashed.summary") == "holds in 1 of 1 comparisons");
}

}  // namespace
}  // namespace nnc
