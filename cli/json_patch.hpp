// Edits a JSON file's bytes in place: finds where each value sits in the text (by JSON pointer) and sets
// one string, leaving every other byte as it was, so a file keeps its layout, escapes and member order and an
// edit shows in a diff as exactly the string it changed (the translators' `tessera strings import`).
//
// Does NOT: check the text. Callers pass text the strict reader (tessera/json_text.hpp) has accepted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::cli {

// Where one value sits in the text: [begin, end) in bytes; an object's or array's members with their names
// (an array's are "0", "1", …), each with where its own name starts.
struct JsonMember;
struct JsonSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  char kind = 0;                    // '{', '[', '"', or 'v' for a number, true, false or null
  std::vector<JsonMember> members;  // (std::vector allows a type completed below)

  // The value at an RFC 6901 pointer below this one, or null.
  [[nodiscard]] const JsonSpan* find(std::string_view pointer) const;
};

struct JsonMember {
  std::string name;
  std::size_t name_begin = 0;  // an array item's: where its value starts
  JsonSpan value;
};

// The spans of accepted JSON text.
[[nodiscard]] JsonSpan locate_json(std::string_view text);

// `text` with the string at `pointer` set to `value`. The string is written only when its value changes
// (so an unchanged string keeps its own escapes); a member an object lacks is added after its last member,
// on its own line when the object is written over several lines; missing objects on the way are added too;
// a string where an object is needed becomes {`keep_as`: the string, …} (a course text in one language that
// gets a second). False, `text` untouched, when the pointer needs an array item that is not there, or goes
// through a number, or ends on something that is not a string.
[[nodiscard]] bool set_json_string(std::string& text, std::string_view pointer, const std::string& value,
                                   const std::string& keep_as = {});

// `text` with `value` added at the end of the array at `pointer`; false when there is no array there.
[[nodiscard]] bool append_json_string(std::string& text, std::string_view pointer, const std::string& value);

// The JSON string literal of `value` (UTF-8 kept, only what JSON requires escaped).
[[nodiscard]] std::string json_string_literal(const std::string& value);

}  // namespace tessera::cli
