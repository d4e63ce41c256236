// BytesMemo: the answers of a pure function of large inputs, remembered by those exact bytes (per thread).
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace tessera::detail {

// For work a batch repeats on the same bytes (a course's package, an issuer's proof options): the answer is a
// pure function of the key, so remembering it changes no result. A few entries, all dropped when full, so
// memory stays bounded by `MaxEntries` keys and answers.
template <class Value, std::size_t MaxEntries = 8>
class BytesMemo {
 public:
  template <class Compute>
  const Value& get(const std::string& key, Compute compute) {
    if (const auto hit = entries_.find(key); hit != entries_.end()) return hit->second;
    if (entries_.size() >= MaxEntries) entries_.clear();
    return entries_.emplace(key, compute()).first->second;
  }

 private:
  std::map<std::string, Value> entries_;
};

}  // namespace tessera::detail
