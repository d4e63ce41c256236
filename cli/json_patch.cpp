// Edits a JSON file's bytes in place, string by string (json_patch.hpp).
#include "json_patch.hpp"

#include <nlohmann/json.hpp>

namespace tessera::cli {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  JsonSpan value() {
    skip_space();
    JsonSpan span;
    span.begin = at_;
    const char c = at_ < text_.size() ? text_[at_] : '\0';
    if (c == '{' || c == '[') {
      span.kind = c;
      members(span, c == '{' ? '}' : ']');
    } else if (c == '"') {
      span.kind = '"';
      skip_string();
    } else {
      span.kind = 'v';
      while (at_ < text_.size() && std::string_view(",]} \t\r\n").find(text_[at_]) == std::string_view::npos) ++at_;
    }
    span.end = at_;
    return span;
  }

 private:
  void members(JsonSpan& span, char close) {
    ++at_;
    std::size_t index = 0;
    for (;;) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] == close) break;
      if (text_[at_] == ',') {
        ++at_;
        continue;
      }
      JsonMember member;
      if (close == '}') {
        member.name_begin = at_;
        skip_string();
        const std::string_view literal = text_.substr(member.name_begin, at_ - member.name_begin);
        // Most names have no escapes: only those are decoded by the JSON reader.
        member.name = literal.find('\\') == std::string_view::npos ? std::string(literal.substr(1, literal.size() - 2))
                                                                   : nlohmann::json::parse(literal).get<std::string>();
        skip_space();
        ++at_;  // the ':'
      } else {
        member.name = std::to_string(index++);
        skip_space();
        member.name_begin = at_;
      }
      member.value = value();
      span.members.push_back(std::move(member));
    }
    ++at_;  // the closing bracket
  }

  void skip_string() {
    ++at_;  // the opening quote
    while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
    ++at_;
  }

  void skip_space() {
    while (at_ < text_.size() && std::string_view(" \t\r\n").find(text_[at_]) != std::string_view::npos) ++at_;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

std::vector<std::string> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(token);
      token.clear();
    } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
      token += pointer[++i] == '1' ? '/' : '~';
    } else {
      token += pointer[i];
    }
  }
  return tokens;
}

// The spaces and tabs that open the line `offset` is on.
std::string indent_of_line(std::string_view text, std::size_t offset) {
  const std::size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t start = line == std::string_view::npos ? 0 : line + 1;
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return std::string(text.substr(start, end - start));
}

// `tokens` [from, end) as nested objects around the string `value`, opened at indentation `indent`.
std::string nested_value(const std::vector<std::string>& tokens, std::size_t from, const std::string& value,
                         const std::string& indent) {
  if (from == tokens.size()) return json_string_literal(value);
  const std::string inner = indent + "  ";
  return "{\n" + inner + json_string_literal(tokens[from]) + ": " + nested_value(tokens, from + 1, value, inner) +
         "\n" + indent + "}";
}

// Adds `entry` (a member "name": value, or an array item) after the last one in `container`, on its own
// line when the container's entries are, else after ", ".
void add_entry(std::string& text, const JsonSpan& container, const std::string& entry) {
  if (container.members.empty()) {
    text.insert(container.begin + 1, entry);
    return;
  }
  const auto& last = container.members.back();
  const bool own_lines = text.find('\n', container.begin) < container.members.front().name_begin;
  text.insert(last.value.end, own_lines ? ",\n" + indent_of_line(text, last.name_begin) + entry : ", " + entry);
}

// Adds member `tokens[from]` (and what nests below it) to the object `object`.
void add_member(std::string& text, const JsonSpan& object, const std::vector<std::string>& tokens, std::size_t from,
                const std::string& value) {
  const std::size_t line_of = object.members.empty() ? object.begin : object.members.back().name_begin;
  add_entry(
      text, object,
      json_string_literal(tokens[from]) + ": " + nested_value(tokens, from + 1, value, indent_of_line(text, line_of)));
}

}  // namespace

const JsonSpan* JsonSpan::find(std::string_view pointer) const {
  const JsonSpan* span = this;
  for (const auto& token : pointer_tokens(pointer)) {
    const JsonSpan* next = nullptr;
    for (const auto& member : span->members) {
      if (member.name == token) next = &member.value;
    }
    if (!next) return nullptr;
    span = next;
  }
  return span;
}

JsonSpan locate_json(std::string_view text) { return Scanner(text).value(); }

bool append_json_string(std::string& text, std::string_view pointer, const std::string& value) {
  const JsonSpan root = locate_json(text);
  const JsonSpan* array = root.find(pointer);
  if (!array || array->kind != '[') return false;
  add_entry(text, *array, json_string_literal(value));
  return true;
}

std::string json_string_literal(const std::string& value) { return nlohmann::json(value).dump(); }

bool set_json_string(std::string& text, std::string_view pointer, const std::string& value,
                     const std::string& keep_as) {
  const JsonSpan root = locate_json(text);
  const auto tokens = pointer_tokens(pointer);
  const JsonSpan* span = &root;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const JsonSpan* next = nullptr;
    for (const auto& member : span->members) {
      if (member.name == tokens[i]) next = &member.value;
    }
    if (next) {
      span = next;
      continue;
    }
    if (span->kind == '{') {
      add_member(text, *span, tokens, i, value);
      return true;
    }
    if (span->kind == '"' && !keep_as.empty() && i + 1 == tokens.size()) {
      // A text in one language gets a second: {"en": the string as written, "fr": the new one}.
      const std::string indent = indent_of_line(text, span->begin);
      const std::string original(text.substr(span->begin, span->end - span->begin));
      text.replace(span->begin, span->end - span->begin,
                   "{\n" + indent + "  " + json_string_literal(keep_as) + ": " + original + ",\n" + indent + "  " +
                       json_string_literal(tokens[i]) + ": " + json_string_literal(value) + "\n" + indent + "}");
      return true;
    }
    return false;
  }
  if (span->kind != '"') return false;
  const std::string_view literal = std::string_view(text).substr(span->begin, span->end - span->begin);
  if (nlohmann::json::parse(literal).get<std::string>() == value) return true;
  text.replace(span->begin, span->end - span->begin, json_string_literal(value));
  return true;
}

}  // namespace tessera::cli
