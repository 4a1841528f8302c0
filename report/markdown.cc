#include "report/markdown.h"

#include <sstream>
#include <vector>

namespace nnc {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Replaces paired `marker`s in already-escaped text with <tag>...</tag>.
std::string pair_markup(const std::string& text, const std::string& marker,
                        const std::string& tag) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t open = text.find(marker, at);
    const size_t close =
        open == std::string::npos ? std::string::npos : text.find(marker, open + marker.size());
    if (close == std::string::npos) return out + text.substr(at);
    out += text.substr(at, open - at) + "<" + tag + ">" +
           text.substr(open + marker.size(), close - open - marker.size()) + "</" + tag + ">";
    at = close + marker.size();
  }
}

std::string inline_markup(const std::string& raw) {
  std::string text = html_escape(raw);
  // Links: [text](url).
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t open = text.find('[', at);
    const size_t mid = open == std::string::npos ? open : text.find("](", open);
    const size_t close = mid == std::string::npos ? mid : text.find(')', mid);
    if (close == std::string::npos) break;
    out += text.substr(at, open - at) + "<a href=\"" + text.substr(mid + 2, close - mid - 2) +
           "\">" + text.substr(open + 1, mid - open - 1) + "</a>";
    at = close + 1;
  }
  text = out + text.substr(at);
  text = pair_markup(text, "`", "code");
  text = pair_markup(text, "**", "strong");
  return pair_markup(text, "*", "em");
}

}  // namespace

std::string table_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

namespace {

std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string body = trim(line);
  if (starts_with(body, "|")) body = body.substr(1);
  if (!body.empty() && body.back() == '|') body.pop_back();
  // A cell may hold a literal pipe written \| (as in GFM): only an unescaped '|' ends a cell.
  std::string cell;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '|') {
      cell += body[++i];
    } else if (body[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += body[i];
    }
  }
  cells.push_back(trim(cell));
  return cells;
}

const char kStyle[] =
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45;"
    "color:#222}table{border-collapse:collapse;margin:1em 0;font-size:0.9em}"
    "td,th{border:1px solid #bbb;padding:0.25em 0.6em;text-align:right}"
    "th{background:#eee}td:first-child,th:first-child{text-align:left}"
    "img{max-width:100%}figure{margin:1em 0}figcaption{font-size:0.9em;color:#555}"
    "code{background:#f4f4f4;padding:0 0.2em}";

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string markdown_to_html(const std::string& markdown, const std::string& title,
                             const std::function<std::string(const std::string&)>& embed) {
  std::vector<std::string> lines;
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  std::string body;
  std::string paragraph;
  auto flush_paragraph = [&] {
    if (!trim(paragraph).empty()) body += "<p>" + inline_markup(trim(paragraph)) + "</p>\n";
    paragraph.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim(lines[i]);
    if (line.empty()) {
      flush_paragraph();
    } else if (starts_with(line, "#")) {
      flush_paragraph();
      const size_t level = line.find_first_not_of('#');
      const std::string tag = "h" + std::to_string(level);
      body += "<" + tag + ">" + inline_markup(trim(line.substr(level))) + "</" + tag + ">\n";
    } else if (starts_with(line, "![")) {
      flush_paragraph();
      const size_t mid = line.find("](");
      const std::string alt = line.substr(2, mid - 2);
      const std::string src = line.substr(mid + 2, line.rfind(')') - mid - 2);
      body += "<figure><img src=\"" + embed(src) + "\" alt=\"" + html_escape(alt) +
              "\"><figcaption>" + inline_markup(alt) + "</figcaption></figure>\n";
    } else if (starts_with(line, "- ")) {
      flush_paragraph();
      body += "<ul>\n";
      for (; i < lines.size() && starts_with(trim(lines[i]), "- "); ++i) {
        body += "<li>" + inline_markup(trim(lines[i]).substr(2)) + "</li>\n";
      }
      --i;
      body += "</ul>\n";
    } else if (starts_with(line, "|")) {
      flush_paragraph();
      body += "<table>\n<tr>";
      for (const std::string& cell : table_cells(line))
        body += "<th>" + inline_markup(cell) + "</th>";
      body += "</tr>\n";
      i += 2;  // the header and its |---| separator
      for (; i < lines.size() && starts_with(trim(lines[i]), "|"); ++i) {
        body += "<tr>";
        for (const std::string& cell : table_cells(lines[i])) {
          body += "<td>" + inline_markup(cell) + "</td>";
        }
        body += "</tr>\n";
      }
      --i;
      body += "</table>\n";
    } else {
      paragraph += " " + line;
    }
  }
  flush_paragraph();
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title><style>" + kStyle + "</style></head><body>\n" + body + "</body></html>\n";
}

}  // namespace nnc
