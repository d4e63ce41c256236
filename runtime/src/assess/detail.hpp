// Internals shared by the assess/*.cpp files: exact decimal reading, text normalisation and the
// backtracking-free regular expressions. Not part of the public API (tessera/assess.hpp is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/assess.hpp"

namespace tessera::assess::detail {

// "0.5", "-1/3", "2", "1e-3": exact; nullopt when malformed or outside |value| <= 10^9, denominator <= 10^9.
std::optional<Fraction> parse_exact_text(std::string_view text);
// The shortest "%.Ng" text that reads back as the same double.
std::string shortest_decimal(double value);

struct TextOptions {
  bool case_sensitive = false;
  bool collapse_whitespace = true;
  bool ignore_diacritics = false;
};

// UTF-8 to code points (an invalid byte becomes U+FFFD).
std::u32string decode_utf8(std::string_view text);
// Applies the options: diacritics removed (explicit Latin-1 Supplement / Latin Extended-A table and
// combining marks U+0300–U+036F), case folded (ASCII, Latin-1, Latin Extended-A), whitespace trimmed and
// collapsed to one space.
std::u32string normalise(std::string_view text, const TextOptions& options);

// A regular expression compiled to a Thompson NFA program, run as a Pike VM: O(program × input), no
// backtracking. Matches the whole (normalised) answer.
struct RegexInst {
  enum class Op : std::uint8_t { chr, any, cls, split, jmp, bol, eol, match };
  Op op = Op::match;
  char32_t c = 0;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // cls
  int x = 0;                                          // split / jmp target
  int y = 0;                                          // split second target
};
struct Regex {
  std::vector<RegexInst> program;
  bool fold_case = false;
};
inline constexpr std::size_t max_pattern_bytes = 256;
inline constexpr std::size_t max_program = 4000;
inline constexpr int max_repeat = 50;

// The compiled pattern, or an error message.
struct RegexCompiled {
  std::optional<Regex> regex;
  std::string error;
};
RegexCompiled compile_regex(std::string_view pattern, bool fold_case);
bool regex_full_match(const Regex& regex, const std::u32string& input);

}  // namespace tessera::assess::detail
