// Typed, problem-collecting reads of untrusted JSON objects (see json_reader.hpp).
#include "json_reader.hpp"

#include <algorithm>

#include "tessera/package.hpp"
#include "tessera/utf8.hpp"

namespace tessera::course {

namespace detail {

std::string json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::number_float:
      return "a decimal number";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 64 || text.front() == '-' || text.back() == '-') return false;
  char previous = 0;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string pointer, std::vector<Problem>& problems,
                           const Limits& limits, std::string_view what, std::string_view doc)
    : object_(value.is_object() ? &value : nullptr),
      pointer_(std::move(pointer)),
      problems_(problems),
      limits_(limits),
      what_(what),
      doc_(doc) {
  if (!object_) {
    error(pointer_.empty() ? "/" : pointer_, "expected " + what_ + " as a JSON object, found " + json_type_name(value));
  }
}

ObjectReader::~ObjectReader() {
  if (!object_) return;
  // Named one by one up to a few, then counted: an object of a million stray members must not cost a
  // problem each (docs/limits.md, the memory bound).
  constexpr std::size_t named_at_most = 10;
  std::size_t unknown = 0;
  for (const auto& [key, unused] : object_->items()) {
    if (read_.count(key) != 0) continue;
    if (++unknown <= named_at_most) {
      warning(at(key), "unknown field '" + key + "' in " + what_ + " is ignored",
              "check its spelling against " + doc_ + ", or remove it");
    }
  }
  if (unknown > named_at_most) {
    warning(pointer_.empty() ? "/" : pointer_,
            std::to_string(unknown - named_at_most) + " more unknown fields in " + what_ + " are ignored",
            "check their spelling against " + doc_ + ", or remove them");
  }
}

void ObjectReader::error(std::string where, std::string message, std::string hint) {
  problems_.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
}

void ObjectReader::warning(std::string where, std::string message, std::string hint) {
  problems_.push_back(warning_at(std::move(where), std::move(message), std::move(hint)));
}

const nlohmann::json* ObjectReader::member(std::string_view key, Need need) {
  if (!object_) return nullptr;
  read_.insert(std::string(key));
  const auto found = object_->find(key);
  if (found == object_->end()) {
    if (need == Need::required) {
      error(pointer_.empty() ? "/" : pointer_, what_ + " is missing the required field '" + std::string(key) + "'",
            "add \"" + std::string(key) + "\" (see " + doc_ + ")");
    }
    return nullptr;
  }
  return &*found;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need, std::size_t max_length) {
  const nlohmann::json* value = member(key, need);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    error(at(key), "'" + std::string(key) + "' must be a string, found " + json_type_name(*value));
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  const std::size_t limit = max_length ? max_length : limits_.max_string_bytes;
  if (text.size() > limit) {
    error(at(key),
          "'" + std::string(key) + "' is " + std::to_string(text.size()) + " bytes long; the limit is " +
              std::to_string(limit),
          "shorten it");
    return std::nullopt;
  }
  if (need == Need::required && text.empty()) {
    error(at(key), "'" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> ObjectReader::slug(std::string_view key, Need need) {
  auto text = string(key, need, 64);
  if (text && !is_slug(*text)) {
    error(at(key), "'" + *text + "' is not a valid id",
          "use lower-case letters, digits and single hyphens, e.g. \"module-1\" (at most 64 characters)");
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Need need, std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = member(key, need);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    error(at(key), "'" + std::string(key) + "' must be a whole number, found " + json_type_name(*value));
    return std::nullopt;
  }
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    error(at(key), "'" + std::string(key) + "' must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) {
    error(at(key), "'" + std::string(key) + "' is " + std::to_string(number) + "; it must be between " +
                       std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const nlohmann::json* value = member(key, need);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    error(at(key), "'" + std::string(key) + "' must be true or false, found " + json_type_name(*value));
    return std::nullopt;
  }
  return value->get<bool>();
}

namespace {
thread_local TextSink* open_sink = nullptr;
}  // namespace

TextSink::TextSink() : outer_(open_sink) { open_sink = this; }
TextSink::~TextSink() { open_sink = outer_; }

void TextSink::note(const std::string& pointer) {
  if (open_sink) open_sink->pointers_.push_back(pointer);
}

Text ObjectReader::text(std::string_view key, Need need, const std::string& default_language) {
  Text result;
  const nlohmann::json* value = member(key, need);
  if (!value) return result;
  const std::string where = at(key);
  TextSink::note(where);
  auto add = [&](const std::string& language, const nlohmann::json& entry, const std::string& entry_where) {
    if (!entry.is_string()) {
      error(entry_where, "text must be a string, found " + json_type_name(entry));
      return;
    }
    const auto& s = entry.get_ref<const std::string&>();
    if (s.size() > limits_.max_string_bytes) {
      error(entry_where, "text is " + std::to_string(s.size()) + " bytes long; the limit is " +
                             std::to_string(limits_.max_string_bytes));
      return;
    }
    result.by_language[language] = s;
  };
  if (value->is_string()) {
    add(default_language, *value, where);
  } else if (value->is_object()) {
    for (const auto& [language, entry] : value->items()) {
      add(language, entry, pointer_append(where, language));
    }
    if (!default_language.empty() && result.by_language.count(default_language) == 0 && !value->empty()) {
      error(where, "'" + std::string(key) + "' has no text in the default language '" + default_language + "'",
            "add \"" + default_language + "\": \"…\" — learners without a matching language see it");
    }
  } else {
    error(where, "'" + std::string(key) + "' must be a string or an object of strings per language, found " +
                     json_type_name(*value));
    return result;
  }
  if (need == Need::required) {
    const bool empty =
        result.by_language.empty() || std::all_of(result.by_language.begin(), result.by_language.end(),
                                                  [](const auto& entry) { return entry.second.empty(); });
    if (empty) error(where, "'" + std::string(key) + "' must not be empty");
  }
  return result;
}

const nlohmann::json* ObjectReader::array(std::string_view key, Need need) {
  const nlohmann::json* value = member(key, need);
  if (!value) return nullptr;
  if (!value->is_array()) {
    error(at(key), "'" + std::string(key) + "' must be an array, found " + json_type_name(*value));
    return nullptr;
  }
  if (value->size() > limits_.max_array_items) {
    error(at(key), "'" + std::string(key) + "' has " + std::to_string(value->size()) + " items; the limit is " +
                       std::to_string(limits_.max_array_items));
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::file_path(std::string_view key, Need need) {
  auto path = string(key, need, package::max_path_bytes);
  if (!path) return path;
  if (auto why = package::path_problem(*path)) {
    error(at(key), "'" + utf8::printable(*path) + "' is not a path inside the package: " + *why,
          "use a relative path with '/' such as \"media/intro.png\" — no leading '/', '..', '\\\\' or URL");
    return std::nullopt;
  }
  return path;
}

}  // namespace detail
}  // namespace tessera::course
