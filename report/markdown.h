// The report's Markdown subset rendered as one self-contained HTML page: headings, paragraphs,
// bullet lists, pipe tables, images on their own line, **bold**, *italic*, `code` and [links](url).
// Images are embedded through a callback, so the page opens with every figure and no other file.
#ifndef NNCOMPRESS_REPORT_MARKDOWN_H_
#define NNCOMPRESS_REPORT_MARKDOWN_H_

#include <functional>
#include <string>

namespace nnc {

// Returns: `text` with &, <, >, " escaped for HTML.
std::string html_escape(const std::string& text);

// Returns: `text` as the content of a pipe-table cell: each '|' written \|, which the tables here
// (and GFM) read as a literal pipe, not as the end of the cell.
std::string table_cell(const std::string& text);

// Returns: a complete HTML document titled `title` for the Markdown `markdown`; each image's src
// is replaced by embed(src) (e.g. a data: URI).
std::string markdown_to_html(const std::string& markdown, const std::string& title,
                             const std::function<std::string(const std::string&)>& embed);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_MARKDOWN_H_
