#include "report/markdown.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

TEST_CASE("markdown_to_html renders the report's subset and embeds images") {
  const std::string md =
      "# Title\n\nSome **bold** and `code` & <angle>.\n\n- one\n- two\n\n"
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n![Caption](figures/x.svg)\n";
  const std::string html =
      markdown_to_html(md, "T", [](const std::string& src) { return "data:" + src; });
  CHECK_THAT(html, Catch::Contains("<h1>Title</h1>"));
  CHECK_THAT(html, Catch::Contains("<strong>bold</strong>"));
  CHECK_THAT(html, Catch::Contains("<code>code</code> &amp; &lt;angle&gt;"));
  CHECK_THAT(html, Catch::Contains("<li>one</li>\n<li>two</li>"));
  CHECK_THAT(html, Catch::Contains("<tr><th>a</th><th>b</th></tr>\n<tr><td>1</td><td>2</td></tr>"));
  CHECK_THAT(html, Catch::Contains("<img src=\"data:figures/x.svg\" alt=\"Caption\">"));
}

TEST_CASE("a table cell keeps a pipe written with table_cell") {
  CHECK(table_cell("½·|h|·w²") == "½·\\|h\\|·w²");
  const std::string md = "| a | b |\n|---|---|\n| " + table_cell("x|y") + " | 2 |\n";
  const std::string html = markdown_to_html(md, "T", [](const std::string& s) { return s; });
  CHECK_THAT(html, Catch::Contains("<tr><td>x|y</td><td>2</td></tr>"));
}

}  // namespace
}  // namespace nnc
