// The one reader of untrusted JSON text: every document that comes from outside is read here, so every part
// of Tessera (and every other careful reader) sees the same single value, or none (docs/crypto.md).
//
// Refused, each with what, where and how to fix: more bytes than the caller allows; a NUL byte anywhere;
// invalid UTF-8; anything that is not exactly one JSON value (RFC 8259), text after it included; a member
// name twice in one object, at any depth (I-JSON, RFC 7493 §2.3); nesting deeper than the caller allows; a
// number beyond a double (1e400); an integer beyond ±(2^53−1), which JavaScript, RFC 8785 and C++ would each
// read differently (I-JSON §2.2: such numbers are written as strings). Integers within that range are kept
// exactly (as nlohmann's integer types), other numbers as the nearest double. A leading UTF-8 byte order mark
// is skipped (RFC 8259 §8.1 allows it). Never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tessera/problem.hpp"

namespace tessera::json_text {

struct Limits {
  std::size_t max_bytes = 0;  // the whole text
  std::size_t max_depth = 0;  // arrays and objects inside one another; [[1]] is 2 deep, a bare 1 is 0
};

// Every kind of untrusted JSON text Tessera reads, with its limits, in one place.
inline constexpr Limits course_file{8u << 20, 48};           // course.json, catalog.json (course::Limits may lower)
inline constexpr Limits manifest_file{8u << 20, 8};          // a package's manifest.json
inline constexpr Limits credential_document{16u << 20, 64};  // proofs, credentials, DID documents, status lists
inline constexpr Limits jcs_input{16u << 20, 512};           // any JSON given to `tessera jcs`
inline constexpr Limits key_file{4096, 4};                   // learner, publisher and issuer key files
inline constexpr Limits record_line{1u << 20, 64};           // one event line of a JSON Lines record
inline constexpr Limits record_events{64u << 20, 65};        // a whole record as one array of events (hosts)
inline constexpr Limits item_file{1u << 20, 48};             // `tessera score`'s item and response
inline constexpr Limits story_data{64u << 10, 8};            // a Twee story's StoryData passage
inline constexpr Limits host_message{1u << 20, 64};          // small JSON a host hands over: an action, a list
inline constexpr Limits verifier_options{64u << 20, 72};     // the verifier page's options: package, status list
inline constexpr Limits review_log{64u << 20, 4};            // `tessera fsrs`'s bare review log
inline constexpr Limits reminder_facts{64u << 20, 56};       // reminders' facts: the credentials' course.json inside

// The largest integer every reader holds exactly (IEEE-754 doubles: JavaScript, RFC 8785).
inline constexpr std::int64_t max_exact_integer = (std::int64_t{1} << 53) - 1;

enum class Failure {
  too_large,
  nul_byte,
  invalid_utf8,
  syntax,
  ended_early,  // the text stops inside the value (a cut-off file, a torn write)
  trailing_text,
  duplicate_name,
  too_deep,
  number_out_of_range,
};

// Why and where reading stopped.
struct TextError {
  Failure failure = Failure::syntax;
  std::size_t offset = 0;  // in bytes from the start of the text, counting from 0
  std::size_t line = 1;    // counting from first_line
  std::size_t column = 1;  // in characters from the start of the line, counting from 1
  std::string pointer;     // RFC 6901 pointer of the member or number concerned ("" when about the text)
  Problem problem;         // the same for people: where = the pointer, or "line L, column C"

  // One sentence with its place, for reports that hold sentences (the verifier's checks).
  [[nodiscard]] std::string sentence() const {
    return problem.message + (problem.where.empty() ? "" : " at " + problem.where) + ".";
  }
};

template <typename Json>
struct Reading {
  Json value;                      // null when reading failed
  std::optional<TextError> error;  // set when reading failed
  explicit operator bool() const { return !error; }
};

// The member `key` of `value`, or null when `value` is not an object or has no such member: a reference, never
// a copy and never a throw (json::value throws on a non-object and on a member of another type), for reading
// documents that come from outside.
[[nodiscard]] inline const nlohmann::json& member(const nlohmann::json& value, std::string_view key) {
  static const nlohmann::json null_value;
  if (!value.is_object()) return null_value;
  const auto found = value.find(key);
  return found == value.end() ? null_value : *found;
}

// Reads `text` as exactly one JSON value within `limits`. `subject` names the text in messages
// ("course.json", "the manifest"); `first_line` is the line the text starts on in its file (a record's line,
// a Twee passage), so lines are counted as the file's. ordered_json keeps members in the text's order.
[[nodiscard]] Reading<nlohmann::json> parse(std::string_view text, const Limits& limits,
                                            std::string_view subject = "the JSON text", std::size_t first_line = 1);
[[nodiscard]] Reading<nlohmann::ordered_json> parse_ordered(std::string_view text, const Limits& limits,
                                                            std::string_view subject = "the JSON text");

// parse() for callers that only report the problem.
[[nodiscard]] Result<nlohmann::json> read(std::string_view text, const Limits& limits,
                                          std::string_view subject = "the JSON text", std::size_t first_line = 1);

}  // namespace tessera::json_text
