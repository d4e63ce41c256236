// UTF-8 as Unicode defines it well-formed (Table 3-7), and untrusted text made safe to show on a terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::utf8 {

// Decodes the code point starting at `at` and moves `at` past it; nullopt (and `at` unmoved) for anything
// Unicode calls ill-formed: stray continuation bytes, overlong forms, surrogates, values above U+10FFFF,
// truncated sequences.
[[nodiscard]] std::optional<std::uint32_t> next_code_point(std::string_view text, std::size_t& at);

// Offset of the first ill-formed byte, or npos when all of `text` is valid UTF-8.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text);

// Appends the UTF-8 form of `code_point` (a Unicode scalar value: the caller has checked it) to `out`.
void append(std::string& out, std::uint32_t code_point);

// C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F): what a terminal may act on.
[[nodiscard]] constexpr bool is_control(std::uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// `text` as it may be printed: every control character and every ill-formed byte written as an escape
// ("\x1b", "\x0d", "\xff", "\u009b"), everything else unchanged. Input quoted in a message or printed by
// a host goes through this, so a file name cannot move the cursor, erase a line or forge output.
[[nodiscard]] std::string printable(std::string_view text);

}  // namespace tessera::utf8
