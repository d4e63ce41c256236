// UTF-8 decoding by Unicode's well-formedness table, and escaping untrusted text for printing.
#include "tessera/utf8.hpp"

#include <cstdio>

namespace tessera::utf8 {

std::optional<std::uint32_t> next_code_point(std::string_view text, std::size_t& at) {
  const auto byte_at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i])); };
  const std::uint32_t lead = byte_at(at);
  if (lead < 0x80) {
    ++at;
    return lead;
  }
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  std::uint32_t low = 0x80;  // allowed range of the first continuation byte
  std::uint32_t high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return std::nullopt;
  }
  if (text.size() - at < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const std::uint32_t continuation = byte_at(at + i);
    if (continuation < low || continuation > high) return std::nullopt;
    low = 0x80;
    high = 0xBF;
    code_point = (code_point << 6) | (continuation & 0x3F);
  }
  at += length;
  return code_point;
}

std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {  // ASCII, the common case, needs no decoding
      ++at;
      continue;
    }
    const std::size_t start = at;
    if (!next_code_point(text, at)) return start;
  }
  return std::string_view::npos;
}

void append(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[8];
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t start = at;
    const auto code_point = next_code_point(text, at);
    if (!code_point || *code_point < 0x80) {
      // An ill-formed byte, or an ASCII one: only controls and DEL are escaped.
      const auto byte = static_cast<unsigned char>(text[start]);
      at = start + 1;
      if (code_point && !is_control(byte)) {
        out += static_cast<char>(byte);
        continue;
      }
      // NOLINTNEXTLINE(cert-err33-c): the escape is 4 characters; the buffer holds 8
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(byte));
    } else if (is_control(*code_point)) {
      // NOLINTNEXTLINE(cert-err33-c): a control character is below U+00A0: 6 characters; the buffer holds 8
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(*code_point));
    } else {
      out.append(text.substr(start, at - start));
      continue;
    }
    out += escape;
  }
  return out;
}

}  // namespace tessera::utf8
