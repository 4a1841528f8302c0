#include "lib/io/model_metadata.h"

#include <cmath>
#include <stdexcept>
#include <variant>

#include "lib/util/format_double.h"

namespace nnc {
namespace {

constexpr const char* kVersionKey = "metadata_version";
constexpr const char* kMethodPrefix = "method.";
// Written and checked by lib/nn/model_io.h with the network it describes, so not a field here.
constexpr const char* kInputShape = "input_shape";

// Which models hold a core key.
enum class Presence { kAlways, kCompressed, kAuthors };

using Member =
    std::variant<std::string ModelMetadata::*, uint64_t ModelMetadata::*, double ModelMetadata::*>;

struct CoreKey {
  const char* name;
  Member member;  // its field, whose type is the key's type
  Presence presence;
};

using M = ModelMetadata;
// The core keys, each once: the writer and the reader both walk this table.
const CoreKey kCoreKeys[] = {
    {"stage", &M::stage, Presence::kAlways},
    {"architecture", &M::architecture, Presence::kAlways},
    {"protocol", &M::protocol, Presence::kAlways},
    {"regularizer", &M::regularizer, Presence::kAlways},
    {"lambda", &M::lambda, Presence::kAlways},
    {"seed", &M::seed, Presence::kAlways},
    {"method", &M::method, Presence::kAlways},
    {"factor", &M::factor, Presence::kAlways},
    {"epochs", &M::epochs, Presence::kAlways},
    {"epochs_total", &M::epochs_total, Presence::kAlways},
    {"lr0", &M::lr0, Presence::kAlways},
    {"lr_restarts", &M::lr_restarts, Presence::kAlways},
    {"selected_epoch", &M::selected_epoch, Presence::kAlways},
    {"classes", &M::classes, Presence::kAlways},
    {"limit_train", &M::limit_train, Presence::kAlways},
    {"dataset_manifest_sha256", &M::dataset_manifest_sha256, Presence::kAlways},
    {"schedule", &M::schedule, Presence::kCompressed},
    {"ranking", &M::ranking, Presence::kCompressed},
    {"compress_seed", &M::compress_seed, Presence::kCompressed},
    {"retrain_regularizer", &M::retrain_regularizer, Presence::kCompressed},
    {"retrain_epochs", &M::retrain_epochs, Presence::kCompressed},
    {"prune_history", &M::prune_history, Presence::kCompressed},
    {"stored_weights", &M::stored_weights, Presence::kCompressed},
    {"input_model_sha256", &M::input_model_sha256, Presence::kCompressed},
    {"authors_first_epoch", &M::authors_first_epoch, Presence::kAuthors},
    {"authors_patience", &M::authors_patience, Presence::kAuthors},
    {"authors_tail", &M::authors_tail, Presence::kAuthors},
    {"authors_steps", &M::authors_steps, Presence::kAuthors},
    {"authors_steps_taken", &M::authors_steps_taken, Presence::kAuthors},
};

bool holds(Presence presence, const ModelMetadata& m) {
  switch (presence) {
    case Presence::kAlways:
      return true;
    case Presence::kCompressed:
      return m.stage == "compress";
    case Presence::kAuthors:
      return m.stage == "compress" && m.schedule == "authors";
  }
  return false;
}

const CoreKey* core_key(const std::string& name) {
  for (const CoreKey& key : kCoreKeys)
    if (name == key.name) return &key;
  return nullptr;
}

// Builds the one-line errors of parse_metadata.
struct Failure {
  const std::string& origin;
  std::runtime_error operator()(const std::string& problem) const {
    return std::runtime_error(origin + ": model metadata " + problem);
  }
};

uint64_t parse_count(const std::string& key, const std::string& text, const Failure& fail) {
  if (!text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == text.npos)
    return std::stoull(text);
  throw fail("key '" + key + "' is '" + text + "', not a count");
}

double parse_number(const std::string& key, const std::string& text, const Failure& fail) {
  try {
    size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::logic_error&) {
  }
  throw fail("key '" + key + "' is '" + text + "', not a finite number");
}

// Sets key's field of `m` from its text; throws when the text is not of the key's type.
void set_field(const CoreKey& key, const std::string& text, ModelMetadata& m, const Failure& fail) {
  if (auto s = std::get_if<std::string M::*>(&key.member)) m.*(*s) = text;
  if (auto u = std::get_if<uint64_t M::*>(&key.member)) m.*(*u) = parse_count(key.name, text, fail);
  if (auto d = std::get_if<double M::*>(&key.member)) m.*(*d) = parse_number(key.name, text, fail);
}

std::string field_text(const CoreKey& key, const ModelMetadata& m) {
  if (auto s = std::get_if<std::string M::*>(&key.member)) return m.*(*s);
  if (auto u = std::get_if<uint64_t M::*>(&key.member)) return std::to_string(m.*(*u));
  return format_double(m.*std::get<double M::*>(key.member));
}

void check_version(const std::map<std::string, std::string>& entries, const Failure& fail) {
  const auto version = entries.find(kVersionKey);
  if (version == entries.end())
    throw fail("has no '" + std::string(kVersionKey) + "': version 1, from before the schema (" +
               "this build reads version " + std::to_string(kModelMetadataVersion) + ")");
  if (version->second != std::to_string(kModelMetadataVersion))
    throw fail("version '" + version->second + "' (this build reads version " +
               std::to_string(kModelMetadataVersion) + ")");
}

// Checks that the stage and schedule, which decide what else the model holds, are known ones.
void check_kinds(const std::map<std::string, std::string>& entries, const Failure& fail) {
  const auto stage = entries.find("stage");
  if (stage != entries.end() && stage->second != "train" && stage->second != "compress")
    throw fail("key 'stage' is '" + stage->second + "' (expected train or compress)");
  const auto schedule = entries.find("schedule");
  if (schedule != entries.end() && schedule->second != "halving" && schedule->second != "authors")
    throw fail("key 'schedule' is '" + schedule->second + "' (expected halving or authors)");
}

}  // namespace

std::map<std::string, std::string> metadata_entries(const ModelMetadata& meta) {
  std::map<std::string, std::string> entries;
  entries[kVersionKey] = std::to_string(kModelMetadataVersion);
  for (const CoreKey& key : kCoreKeys)
    if (holds(key.presence, meta)) entries[key.name] = field_text(key, meta);
  for (const auto& [key, value] : meta.method_keys) entries[kMethodPrefix + key] = value;
  return entries;
}

ModelMetadata parse_metadata(const std::map<std::string, std::string>& entries,
                             const std::string& origin) {
  const Failure fail{origin};
  check_version(entries, fail);
  check_kinds(entries, fail);
  ModelMetadata m;
  const std::string prefix = kMethodPrefix;
  for (const auto& [key, value] : entries) {
    if (key == kVersionKey || key == kInputShape) continue;
    if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
      m.method_keys[key.substr(prefix.size())] = value;
    } else if (const CoreKey* core = core_key(key)) {
      set_field(*core, value, m, fail);
    } else {
      throw fail("has an unexpected key '" + key + "' (a method's own keys go under '" + prefix +
                 "')");
    }
  }
  for (const CoreKey& key : kCoreKeys) {
    const bool held = entries.count(key.name) > 0;
    if (holds(key.presence, m) && !held) throw fail("has no key '" + std::string(key.name) + "'");
    if (!holds(key.presence, m) && held)
      throw fail("has an unexpected key '" + std::string(key.name) + "' (a model of stage " +
                 m.stage + (m.schedule.empty() ? "" : ", schedule " + m.schedule) + ")");
  }
  return m;
}

}  // namespace nnc
