// Registry<T>: a table from names to T (layer kinds, pruning methods) that libraries fill, usually
// from a static initialiser, so that a binary knows exactly the entries it links. One idiom gives
// every such table the same two errors: a name registered twice, and an unknown name, which lists
// the names this binary does know (a typo in a flag then shows its fix).
#ifndef NNCOMPRESS_LIB_UTIL_REGISTRY_H_
#define NNCOMPRESS_LIB_UTIL_REGISTRY_H_

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nnc {

template <typename T>
class Registry {
 public:
  // `what` names an entry in error messages: "layer kind", "method".
  explicit Registry(std::string what) : what_(std::move(what)) {}

  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Adds `value` under `name`. Throws std::runtime_error("<what> '<name>' registered twice").
  void add(const std::string& name, T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!entries_.emplace(name, std::move(value)).second)
      throw std::runtime_error(what_ + " '" + name + "' registered twice");
  }

  // Returns: the entry registered as `name`; the reference stays valid for the registry's life
  // (entries are never removed, and std::map never moves them). Throws std::runtime_error(
  // "unknown <what> '<name>' (expected a, b or c)"), listing the registered names, otherwise.
  const T& find(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(name);
    if (it != entries_.end()) return it->second;
    throw std::runtime_error("unknown " + what_ + " '" + name + "' (" + expected_locked() + ")");
  }

  // Returns: true when `name` is registered.
  bool contains(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.count(name) != 0;
  }

  // Returns: every registered name, sorted.
  std::vector<std::string> names() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto& entry : entries_) out.push_back(entry.first);
    return out;
  }

 private:
  // Returns: "expected a, b or c" over the registered names; the caller holds mutex_.
  std::string expected_locked() const {
    if (entries_.empty()) return "none registered";
    std::string list;
    size_t i = 0;
    for (const auto& entry : entries_) {
      list += (i == 0 ? "" : i + 1 == entries_.size() ? " or " : ", ") + entry.first;
      ++i;
    }
    return "expected " + list;
  }

  const std::string what_;
  // Registration may run on any thread at any time (a static initialiser, a test), so every
  // access locks; lookups happen once per object built, never per training step.
  mutable std::mutex mutex_;
  std::map<std::string, T> entries_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_UTIL_REGISTRY_H_
