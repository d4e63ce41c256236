// Baked PNG badges: the chunk walk (lengths, CRCs, IHDR first, IEND last) and the openbadgecredential iTXt chunk
// (PNG specification, 3rd edition, §5 and §11.3.3.4).
#include <zlib.h>

#include <array>
#include <cstdint>
#include <vector>

#include "baked_internal.hpp"
#include "tessera/gzip.hpp"
#include "tessera/utf8.hpp"

namespace tessera::baking::detail {

namespace {

constexpr std::size_t signature_size = 8;
constexpr std::size_t chunk_overhead = 12;  // length, type, CRC
constexpr std::uint32_t max_chunk_length = 0x7FFFFFFF;

struct Chunk {
  std::size_t offset = 0;  // of its length field
  std::string_view type;
  std::string_view data;
  [[nodiscard]] std::size_t size() const { return chunk_overhead + data.size(); }
};

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

void append_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFFu);
}

std::uint32_t chunk_crc(std::string_view type_and_data) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(type_and_data.data()), static_cast<uInt>(type_and_data.size())));
}

bool is_chunk_type(std::string_view type) {
  for (const char c : type) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

std::string hex32(std::uint32_t value) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (std::size_t i = 0; i < 8; ++i) out[7 - i] = digits[(value >> (4 * i)) & 0xFu];
  return out;
}

constexpr const char* damaged_hint = "the file was damaged or cut short on its way; get the original image again";

// Every chunk of `png`, each checked: the length within the file, the type four letters, the CRC right,
// IHDR first, IEND last and nothing after it.
Result<std::vector<Chunk>> read_chunks(std::string_view png) {
  if (png.size() < signature_size || png.substr(0, signature_size) != std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return error_at(byte_at(0),
                    "this is not a PNG image (it does not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A)");
  }
  std::vector<Chunk> chunks;
  std::size_t at = signature_size;
  while (chunks.empty() || chunks.back().type != "IEND") {
    if (at == png.size()) {
      return error_at(byte_at(at), "the PNG ends without its IEND chunk (it was cut short)", damaged_hint);
    }
    if (png.size() - at < chunk_overhead) {
      return error_at(byte_at(at), "the PNG ends inside a chunk header (it was cut short)", damaged_hint);
    }
    const std::uint32_t length = read_u32(png, at);
    Chunk chunk{at, png.substr(at + 4, 4), {}};
    if (!is_chunk_type(chunk.type)) {
      return error_at(byte_at(at + 4), "the PNG chunk type \"" + utf8::printable(chunk.type) + "\" is not four letters",
                      damaged_hint);
    }
    const std::string name = std::string(chunk.type);
    if (length > max_chunk_length || length > png.size() - at - chunk_overhead) {
      return error_at(byte_at(at),
                      "the " + name + " chunk says it holds " + std::to_string(length) +
                          " bytes, but the file ends before that (it was cut short)",
                      damaged_hint);
    }
    chunk.data = png.substr(at + 8, length);
    const std::uint32_t stored = read_u32(png, at + 8 + length);
    const std::uint32_t computed = chunk_crc(png.substr(at + 4, 4 + length));
    if (stored != computed) {
      return error_at(byte_at(at + 8 + length),
                      "the " + name + " chunk's CRC is wrong (the file says " + hex32(stored) + ", its bytes give " +
                          hex32(computed) + ")",
                      damaged_hint);
    }
    if (chunks.empty() && chunk.type != "IHDR") {
      return error_at(byte_at(at), "the PNG's first chunk is " + name + ", not IHDR", damaged_hint);
    }
    chunks.push_back(chunk);
    at += chunk.size();
  }
  if (at != png.size()) {
    return error_at(byte_at(at), "there are " + std::to_string(png.size() - at) + " bytes after the PNG's IEND chunk",
                    "a PNG ends with IEND; remove what follows it (or get the original image again)");
  }
  return chunks;
}

std::string_view keyword_of(const Chunk& chunk) {
  if (chunk.type != "iTXt") return {};
  const auto end = chunk.data.find('\0');
  return end == std::string_view::npos ? std::string_view() : chunk.data.substr(0, end);
}

bool is_credential_chunk(const Chunk& chunk) { return keyword_of(chunk) == png_keyword; }

// The text of an openbadgecredential iTXt chunk: keyword, NUL, compression flag and method, language tag,
// NUL, translated keyword, NUL, then the text (zlib-compressed when the flag is 1).
Result<std::string> itxt_text(const Chunk& chunk) {
  const std::string_view data = chunk.data;
  const std::size_t data_offset = chunk.offset + 8;
  std::size_t at = png_keyword.size() + 1;
  if (data.size() < at + 2) {
    return error_at(byte_at(data_offset + data.size()), "the openbadgecredential iTXt chunk ends before its text");
  }
  const auto flag = static_cast<unsigned char>(data[at]);
  const auto method = static_cast<unsigned char>(data[at + 1]);
  if (flag > 1 || (flag == 1 && method != 0)) {
    return error_at(byte_at(data_offset + at), "the openbadgecredential iTXt chunk has an unknown compression (flag " +
                                                   std::to_string(flag) + ", method " + std::to_string(method) + ")");
  }
  at += 2;
  for (const char* field : {"language tag", "translated keyword"}) {
    const auto end = data.find('\0', at);
    if (end == std::string_view::npos) {
      return error_at(byte_at(data_offset + data.size()),
                      std::string("the openbadgecredential iTXt chunk's ") + field + " has no end (NUL byte)");
    }
    at = end + 1;
  }
  const std::string_view raw = data.substr(at);
  std::string text;
  if (flag == 0) {
    text = std::string(raw);
  } else {
    auto inflated =
        gzip::decompress_zlib({reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size()}, max_credential_bytes);
    if (!inflated) {
      Problem problem = inflated.problems().front();
      problem.message = "the openbadgecredential iTXt chunk's compressed text: " + problem.message;
      problem.where = byte_at(data_offset + at);
      return problem;
    }
    text.assign(inflated.value().begin(), inflated.value().end());
  }
  if (text.size() > max_credential_bytes) {
    return error_at(byte_at(data_offset + at),
                    "the baked credential has more than " + std::to_string(max_credential_bytes) + " bytes");
  }
  if (const auto bad = utf8::first_invalid_utf8(text); bad != std::string::npos) {
    return error_at(flag == 0 ? byte_at(data_offset + at + bad) : byte_at(data_offset + at),
                    "the baked credential is not valid UTF-8 (byte " + std::to_string(bad + 1) + " of its text)");
  }
  return text;
}

void append_chunk(std::string& out, std::string_view type, std::string_view data) {
  append_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t type_at = out.size();
  out += type;
  out += data;
  append_u32(out, chunk_crc(std::string_view(out).substr(type_at)));
}

}  // namespace

Result<std::string> bake_png(std::string_view png, const BakeText& credential) {
  auto chunks = read_chunks(png);
  if (!chunks) return chunks.problems();
  std::string data(png_keyword);
  data += std::string_view("\0\0\0\0\0", 5);  // keyword end, no compression, method 0, no language, no translation
  data += credential.text;
  std::string out(png.substr(0, signature_size));
  out.reserve(png.size() + data.size() + chunk_overhead);
  for (const Chunk& chunk : chunks.value()) {
    if (is_credential_chunk(chunk)) continue;  // replaced, never a second one
    out += png.substr(chunk.offset, chunk.size());
    // Right after the header, before the image data: readers that stop at IDAT still find it.
    if (chunk.type == "IHDR") append_chunk(out, "iTXt", data);
  }
  return out;
}

Result<Unbaked> unbake_png(std::string_view png) {
  auto chunks = read_chunks(png);
  if (!chunks) return chunks.problems();
  const Chunk* found = nullptr;
  for (const Chunk& chunk : chunks.value()) {
    if (!is_credential_chunk(chunk)) continue;
    if (found != nullptr) {
      return error_at(byte_at(chunk.offset),
                      "the PNG carries two credentials: a second openbadgecredential iTXt chunk (the first is at " +
                          byte_at(found->offset) + ")",
                      "an image carries one credential (Open Badges 3.0 §5.3.1); bake it again from the original");
    }
    found = &chunk;
  }
  if (found == nullptr) {
    return error_at("", "the PNG carries no credential (it has no iTXt chunk with the keyword openbadgecredential)",
                    "bake one with `tessera bake CREDENTIAL IMAGE --out FILE`, or give the credential's JSON file");
  }
  auto text = itxt_text(*found);
  if (!text) return text.problems();
  auto form = baked_form(text.value(), byte_at(found->offset));
  if (!form) return form.problems();
  return Unbaked{ImageFormat::png, form.value(), std::move(text).value()};
}

}  // namespace tessera::baking::detail
