#include "report/input_json.h"

#include <algorithm>
#include <stdexcept>

namespace nnc {
namespace {

enum class Kind { kString, kInteger, kObject, kStrings, kIntegers };

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::kString:
      return "a string";
    case Kind::kInteger:
      return "an integer";
    case Kind::kObject:
      return "an object";
    case Kind::kStrings:
      return "an array of strings";
    case Kind::kIntegers:
      return "an array of integers";
  }
  return "";
}

bool is(const nlohmann::json& j, Kind kind) {
  const auto all = [&](bool (nlohmann::json::*test)() const noexcept) {
    if (!j.is_array()) return false;
    for (const auto& item : j)
      if (!(item.*test)()) return false;
    return true;
  };
  switch (kind) {
    case Kind::kString:
      return j.is_string();
    case Kind::kInteger:
      return j.is_number_integer();
    case Kind::kObject:
      return j.is_object();
    case Kind::kStrings:
      return all(&nlohmann::json::is_string);
    case Kind::kIntegers:
      return all(&nlohmann::json::is_number_integer);
  }
  return false;
}

// A JSON document and what to call it in errors ("<source>: <what> field '<path>' ...").
struct Doc {
  const nlohmann::json& json;
  std::string source, what;

  // Returns: the field at the dotted `path`; throws when it is missing or not of `kind`.
  const nlohmann::json& need(const std::string& path, Kind kind) const {
    const nlohmann::json* at = &json;
    for (size_t start = 0; start <= path.size();) {
      const size_t dot = std::min(path.find('.', start), path.size());
      const std::string key = path.substr(start, dot - start);
      if (!at->is_object() || !at->contains(key))
        throw std::runtime_error(source + ": " + what + " has no field '" + path + "'");
      at = &(*at)[key];
      start = dot + 1;
    }
    if (!is(*at, kind))
      throw std::runtime_error(source + ": " + what + " field '" + path + "' is not " +
                               kind_name(kind));
    return *at;
  }

  // Checks that every value of the object at `path` is of `kind`.
  void need_each(const std::string& path, Kind kind) const {
    for (const auto& [key, value] : need(path, Kind::kObject).items())
      if (!is(value, kind))
        throw std::runtime_error(source + ": " + what + " field '" + path + "." + key +
                                 "' is not " + kind_name(kind));
  }
};

nlohmann::json parse(const std::string& text, const std::string& source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(source + ": not valid JSON");
  }
}

}  // namespace

nlohmann::json parse_manifest(const std::string& text, const std::string& source) {
  const nlohmann::json json = parse(text, source);
  const Doc doc{json, source, "manifest"};
  doc.need("name", Kind::kString);
  doc.need("classes", Kind::kInteger);
  if (json.contains("inputs")) doc.need_each("inputs", Kind::kString);  // none for synthetic data
  // The Data table names a generated dataset's generator command (variant and seed), else the
  // converted source (report/datasets_table.h).
  if (json.contains("provenance") && json["provenance"].contains("variant")) {
    doc.need("provenance.variant", Kind::kString);
    doc.need("provenance.seed", Kind::kInteger);
  } else if (json.contains("provenance") && json["provenance"].contains("source")) {
    doc.need("provenance.source", Kind::kString);
  }
  for (const char* split : {"train", "valid", "test"}) {
    doc.need(std::string("splits.") + split + ".count", Kind::kInteger);
    doc.need(std::string("splits.") + split + ".class_histogram", Kind::kIntegers);
  }
  return json;
}

nlohmann::json parse_profile_params(const std::string& text, const std::string& source) {
  const nlohmann::json json = parse(text, source);
  const Doc doc{json, source, "profile"};
  doc.need("datasets", Kind::kStrings);
  doc.need_each("methods", Kind::kStrings);
  doc.need_each("scratch_steps", Kind::kIntegers);
  doc.need_each("halving_methods", Kind::kStrings);
  if (json.contains("scratch_lr")) doc.need_each("scratch_lr", Kind::kString);  // optional
  return json;
}

}  // namespace nnc
