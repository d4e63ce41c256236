// RFC 8785 JSON Canonicalization Scheme: writes the one byte form of a JSON value that Tessera hashes and
// signs, identical natively and in Wasm.
//
// Sections: UTF-8 and UTF-16 · numbers (ECMAScript Number::toString) · strings · the canonical writer ·
// the public API. Text is read by the one strict reader (tessera/json_text.hpp).
//
// Does NOT: normalise Unicode (RFC 8785 §3.2.2 forbids it), accept duplicate member names, NaN, infinities
// or invalid UTF-8, keep integers wider than a double (JCS writes every number as an IEEE-754 double; text
// with an integer beyond ±(2^53−1) is refused by the reader), or let an exception reach its caller.
#include "tessera/jcs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/utf8.hpp"

namespace tessera::jcs {

using nlohmann::json;
using utf8::first_invalid_utf8;
using utf8::next_code_point;

namespace {

// Deeper values are refused rather than risking the (small, fixed) Wasm stack in the recursive writer.
constexpr std::size_t max_depth = json_text::jcs_input.max_depth;

constexpr const char* utf8_hint = "JSON text must be UTF-8 (RFC 8259 §8.1); re-encode the value or drop it.";

// ─── UTF-8 and UTF-16 ───

// RFC 8785 §3.2.3 sorts member names by their UTF-16 code units, which differs from UTF-8 byte order once
// characters beyond U+FFFF (surrogate pairs, 0xD800–0xDFFF) meet characters in U+E000–U+FFFF.
std::optional<std::u16string> to_utf16(std::string_view text) {
  std::u16string units;
  units.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto code_point = next_code_point(text, at);
    if (!code_point) return std::nullopt;
    if (*code_point < 0x10000) {
      units.push_back(static_cast<char16_t>(*code_point));
    } else {
      const std::uint32_t offset = *code_point - 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (offset >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (offset & 0x3FF)));
    }
  }
  return units;
}

// ─── Strings ───

// RFC 8785 §3.2.2.2 (ECMAScript JSON.stringify): escape only '"', '\\' and controls below U+0020, using the
// short forms where JSON has them; every other character, U+007F and U+2028 included, stays literal UTF-8.
// `text` must already be valid UTF-8.
void write_string(std::string& out, std::string_view text) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  out.push_back('"');
  // Copy runs that need no escaping in one go; most strings are one such run.
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
    out.append(text.substr(run_start, i - run_start));
    run_start = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out.push_back(hex_digits[static_cast<unsigned char>(c) >> 4]);
          out.push_back(hex_digits[static_cast<unsigned char>(c) & 0xF]);
        }
    }
  }
  out.append(text.substr(run_start));
  out.push_back('"');
}

// ─── The canonical writer ───

class CanonicalWriter {
 public:
  std::string out;
  std::vector<Problem> problems;
  // Refuse a number whose canonical form the strict reader would refuse, so that text canonicalised once
  // canonicalises again to itself (canonicalize_text).
  bool readable_back = false;

  // Writes `value`, found at `pointer` (which is restored before returning), and notes every problem
  // instead of stopping at the first, so one run reports all of them.
  void write(const json& value, std::string& pointer, std::size_t depth) {
    switch (value.type()) {
      case json::value_t::null:
        out += "null";
        return;
      case json::value_t::boolean:
        out += value.get<bool>() ? "true" : "false";
        return;
      // JCS numbers are IEEE-754 doubles, so integers round to the nearest double exactly as a JavaScript
      // parser would read them (2^53 + 1 is written 9007199254740992).
      case json::value_t::number_integer:
        out += format_number(static_cast<double>(value.get<json::number_integer_t>()));
        return;
      case json::value_t::number_unsigned:
        out += format_number(static_cast<double>(value.get<json::number_unsigned_t>()));
        return;
      case json::value_t::number_float:
        write_float(value.get<double>(), pointer);
        return;
      case json::value_t::string:
        write_checked_string(value.get_ref<const std::string&>(), pointer);
        return;
      case json::value_t::array:
        write_array(value, pointer, depth);
        return;
      case json::value_t::object:
        write_object(value, pointer, depth);
        return;
      case json::value_t::binary:
        problems.push_back(error_at(pointer, "binary data has no JSON form",
                                    "encode it as a string (for example multibase) before canonicalising"));
        return;
      case json::value_t::discarded:
        problems.push_back(error_at(pointer, "the value was discarded while parsing and has no JSON form"));
        return;
    }
  }

 private:
  void write_float(double number, const std::string& pointer) {
    if (std::isnan(number)) {
      problems.push_back(error_at(pointer, "NaN is not a JSON number", "use null or a string instead"));
    } else if (std::isinf(number)) {
      problems.push_back(error_at(pointer, "an infinite number is not a JSON number", "use null or a string instead"));
    } else {
      const std::string text = format_number(number);
      // ECMAScript writes doubles from 2^53 up to 1e21 as plain integers (1e+20 is 100000000000000000000).
      if (readable_back && std::abs(number) > static_cast<double>(json_text::max_exact_integer) &&
          text.find_first_of(".e") == std::string::npos) {
        problems.push_back(error_at(pointer,
                                    "the number's canonical form is the integer " + text +
                                        ", beyond ±(2^53−1), which Tessera's reader refuses, so the canonical "
                                        "text could not be read back",
                                    "write such numbers as strings (I-JSON, RFC 7493 §2.2)"));
        return;
      }
      out += text;
    }
  }

  void write_checked_string(std::string_view text, const std::string& pointer) {
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
      problems.push_back(
          error_at(pointer, "the string is not valid UTF-8 (byte " + std::to_string(bad) + ")", utf8_hint));
      return;
    }
    write_string(out, text);
  }

  bool too_deep(const std::string& pointer, std::size_t depth) {
    if (depth < max_depth) return false;
    problems.push_back(error_at(pointer, "the value nests deeper than " + std::to_string(max_depth) + " levels",
                                "flatten the structure"));
    return true;
  }

  void write_array(const json& array, std::string& pointer, std::size_t depth) {
    if (too_deep(pointer, depth)) return;
    const std::size_t pointer_length = pointer.size();
    out.push_back('[');
    std::size_t index = 0;
    for (const json& element : array) {
      if (index != 0) out.push_back(',');
      pointer += '/' + std::to_string(index);
      write(element, pointer, depth + 1);
      pointer.resize(pointer_length);
      ++index;
    }
    out.push_back(']');
  }

  void write_object(const json& object, std::string& pointer, std::size_t depth) {
    if (too_deep(pointer, depth)) return;
    struct Member {
      std::u16string sort_key;
      const std::string* name;
      const json* value;
    };
    std::vector<Member> members;
    members.reserve(object.size());
    // UTF-8 byte order equals UTF-16 order unless a name holds a character beyond U+FFFF (a 4-byte
    // sequence, lead byte 0xF0 or above); only then are UTF-16 sort keys worth building.
    bool needs_utf16_keys = false;
    for (auto it = object.begin(); it != object.end() && !needs_utf16_keys; ++it) {
      needs_utf16_keys =
          std::any_of(it.key().begin(), it.key().end(), [](char c) { return static_cast<unsigned char>(c) >= 0xF0; });
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
      std::optional<std::u16string> sort_key;
      if (needs_utf16_keys) {
        sort_key = to_utf16(it.key());
      } else if (first_invalid_utf8(it.key()) == std::string_view::npos) {
        sort_key.emplace();  // unused: names compare as bytes below
      }
      if (!sort_key) {
        // The name itself cannot go into the pointer (it is not text), so the problem sits on the object.
        problems.push_back(error_at(
            pointer,
            "a member name is not valid UTF-8 (byte " + std::to_string(first_invalid_utf8(it.key())) + " of the name)",
            utf8_hint));
        continue;
      }
      members.push_back({std::move(*sort_key), &it.key(), &it.value()});
    }
    if (needs_utf16_keys) {
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.sort_key < b.sort_key; });
    } else {
      std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return *a.name < *b.name; });
    }

    const std::size_t pointer_length = pointer.size();
    out.push_back('{');
    bool first = true;
    for (const Member& member : members) {
      if (!first) out.push_back(',');
      first = false;
      write_string(out, *member.name);
      out.push_back(':');
      append_pointer_token(pointer, *member.name);
      write(*member.value, pointer, depth + 1);
      pointer.resize(pointer_length);
    }
    out.push_back('}');
  }
};

Problem internal_problem(const char* what) {
  return error_at("", std::string("canonicalisation failed unexpectedly: ") + what,
                  "this is a bug in Tessera; please report it with the input");
}

}  // namespace

// ─── Numbers: ECMAScript Number::toString ───

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";  // both +0 and -0
  if (value < 0) return "-" + format_number(-value);
  // Whole numbers below 2^53 are exactly representable, and so are their neighbours one apart, so their
  // own digits are already the shortest round-trip form. Most numbers Tessera signs (seq, times, counts)
  // are such, and this skips the digit search below.
  if (value < 9007199254740992.0 && value == std::floor(value)) {
    return std::to_string(static_cast<std::int64_t>(value));
  }

  // The fewest significant digits that read back as exactly `value` (ECMA-262 Number::toString step 5).
  // printf rounds correctly, so if any k-digit decimal round-trips, its k-digit rounding does too, and a
  // tie between two k-digit candidates is resolved to even as the standard asks. 17 digits always suffice.
  // (std::to_chars would do this, but the libc++ of the Emscripten we target lacks it for doubles.)
  char buffer[40];
  for (int precision = 0; precision <= 16; ++precision) {
    // NOLINTNEXTLINE(cert-err33-c): at most 17 digits and an exponent fit the 40 bytes
    std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }

  // buffer is "d[.ddd]e±x"; the decimal point may be a locale's, so take digits up to the 'e'.
  std::string digits;
  const char* cursor = buffer;
  for (; *cursor != '\0' && *cursor != 'e'; ++cursor) {
    if (*cursor >= '0' && *cursor <= '9') digits.push_back(*cursor);
  }
  const int exponent = *cursor == 'e' ? static_cast<int>(std::strtol(cursor + 1, nullptr, 10)) : 0;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  // ECMA-262 names: value = 0.<digits> × 10^n, with k digits.
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) return digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21)
    return digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  std::string text(1, digits[0]);
  if (k > 1) text += "." + digits.substr(1);
  text += (n - 1 < 0) ? "e-" : "e+";
  text += std::to_string(std::abs(n - 1));
  return text;
}

// ─── The public API ───

namespace {

Result<std::string> canonical_form(const json& value, bool readable_back) {
  try {
    CanonicalWriter writer;
    writer.readable_back = readable_back;
    std::string pointer;
    writer.write(value, pointer, 0);
    if (!writer.problems.empty()) return std::move(writer.problems);
    return std::move(writer.out);
  } catch (const std::exception& error) {
    return internal_problem(error.what());
  } catch (...) {
    return internal_problem("unknown exception");
  }
}

}  // namespace

Result<std::string> canonicalize(const json& value) { return canonical_form(value, false); }

Result<std::string> canonicalize_text(std::string_view text) {
  const Result<json> value = json_text::read(text, json_text::jcs_input);
  if (!value) return value.problems();
  return canonical_form(value.value(), true);
}

}  // namespace tessera::jcs
