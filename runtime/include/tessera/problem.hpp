// Errors as values: a Problem says what is wrong, where (JSON pointer or line), and how to fix it.
// Every runtime API that takes untrusted input reports through these; none throws to its caller.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tessera {

enum class Severity { error, warning };

struct Problem {
  Severity severity = Severity::error;
  std::string where;    // RFC 6901 JSON pointer ("/modules/2/blocks/0/alt"), "line N" for line formats, or
                        // "byte N" (byte_at) for binary input
  std::string message;  // what is wrong, in one sentence
  std::string hint;     // how to fix it (may be empty when the message says it all)
};

// RFC 6901: appends "/" and `token` to `pointer`, escaping '~' as "~0" and '/' as "~1", so a member named
// "a/b" still gets a pointer that points at it.
inline void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (const char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

[[nodiscard]] inline std::string pointer_append(std::string_view base, std::string_view token) {
  std::string out(base);
  append_pointer_token(out, token);
  return out;
}

[[nodiscard]] inline std::string pointer_append(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

// The place of a byte in binary input, for Problem::where: "byte N", counting from 1 as people do.
[[nodiscard]] inline std::string byte_at(std::size_t offset) { return "byte " + std::to_string(offset + 1); }

[[nodiscard]] inline Problem error_at(std::string where, std::string message, std::string hint = {}) {
  return {Severity::error, std::move(where), std::move(message), std::move(hint)};
}
[[nodiscard]] inline Problem warning_at(std::string where, std::string message, std::string hint = {}) {
  return {Severity::warning, std::move(where), std::move(message), std::move(hint)};
}

// A problem as JSON, written one way by every part of Tessera (CLI, bindings, tests):
// {"severity": "error" | "warning", "where": …, "message": …, "hint": …}, every member always present.
[[nodiscard]] nlohmann::json to_json(const Problem& problem);
// An array of to_json(problem), in order.
[[nodiscard]] nlohmann::json to_json(const std::vector<Problem>& problems);

[[nodiscard]] inline bool has_errors(const std::vector<Problem>& problems) {
  for (const Problem& p : problems) {
    if (p.severity == Severity::error) return true;
  }
  return false;
}

// A value or the problems that prevented it. Small on purpose (C++20 has no std::expected).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}                                  // NOLINT: implicit by design
  Result(Problem problem) : state_(std::vector<Problem>{std::move(problem)}) {}  // NOLINT
  Result(std::vector<Problem> problems) : state_(std::move(problems)) {}         // NOLINT

  [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(state_); }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] T& value() & { return std::get<T>(state_); }
  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  [[nodiscard]] const std::vector<Problem>& problems() const { return std::get<std::vector<Problem>>(state_); }

 private:
  std::variant<T, std::vector<Problem>> state_;
};

}  // namespace tessera
