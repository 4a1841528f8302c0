#include "report/template.h"

#include <stdexcept>

namespace nnc {
namespace {

// Calls visit(key) for each placeholder and literal(text) for the text between them.
template <typename Literal, typename Visit>
void scan(const std::string& text, Literal literal, Visit visit) {
  size_t at = 0;
  while (true) {
    const size_t open = text.find("{{", at);
    if (open == std::string::npos) {
      literal(text.substr(at));
      return;
    }
    const size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      throw std::runtime_error("template: unterminated '{{' at offset " + std::to_string(open));
    }
    literal(text.substr(at, open - at));
    visit(text.substr(open + 2, close - open - 2));
    at = close + 2;
  }
}

}  // namespace

std::set<std::string> template_keys(const std::string& text) {
  std::set<std::string> keys;
  scan(
      text, [](const std::string&) {}, [&](const std::string& key) { keys.insert(key); });
  return keys;
}

std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& values) {
  std::string out;
  scan(
      text, [&](const std::string& literal) { out += literal; },
      [&](const std::string& key) {
        auto it = values.find(key);
        if (it == values.end()) {
          throw std::runtime_error("template names '" + key + "', which this run did not produce");
        }
        out += it->second;
      });
  return out;
}

}  // namespace nnc
