// Baked badges: which image format bytes are, which form a credential takes, and the dispatch to PNG or SVG.
#include "tessera/baked_badge.hpp"

#include <algorithm>

#include "baked_internal.hpp"

namespace tessera::baking {

namespace {

constexpr std::string_view png_signature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::string_view utf8_bom{"\xEF\xBB\xBF", 3};
constexpr std::string_view white_space = " \t\r\n";

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(white_space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(white_space) - first + 1);
}

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// header.payload.signature, each part non-empty base64url (RFC 7515 §7.1).
bool is_compact_jws(std::string_view text) {
  std::size_t parts = 1;
  std::size_t part_length = 0;
  for (const char c : text) {
    if (c == '.') {
      if (part_length == 0) return false;
      ++parts;
      part_length = 0;
    } else if (is_base64url(c)) {
      ++part_length;
    } else {
      return false;
    }
  }
  return parts == 3 && part_length > 0;
}

std::optional<Problem> size_problem(std::string_view image) {
  if (image.size() <= max_image_bytes) return std::nullopt;
  return error_at("",
                  "the image has " + std::to_string(image.size()) + " bytes, more than the " +
                      std::to_string(max_image_bytes) + " a badge image may have",
                  "use a smaller image (a badge is usually well under 1 MB)");
}

constexpr const char* neither_hint =
    "an Open Badges 3.0 image carries the credential's JSON (with an embedded proof) or its compact JWT "
    "(header.payload.signature)";

}  // namespace

std::string_view to_string(ImageFormat format) { return format == ImageFormat::png ? "PNG" : "SVG"; }

std::optional<ImageFormat> image_format(std::string_view bytes) {
  if (bytes.substr(0, png_signature.size()) == png_signature) return ImageFormat::png;
  if (bytes.substr(0, utf8_bom.size()) == utf8_bom) bytes.remove_prefix(utf8_bom.size());
  const auto first = bytes.find_first_not_of(white_space);
  if (first != std::string_view::npos && bytes[first] == '<') return ImageFormat::svg;
  return std::nullopt;
}

namespace detail {

Result<BakeText> credential_to_bake(std::string_view credential) {
  const std::string_view text = trimmed(credential);
  if (!text.empty() && text.front() == '{') {
    auto read = json_text::read(credential, json_text::credential_document, "the credential");
    if (!read) return read.problems();
    return BakeText{CredentialForm::json, credential};
  }
  if (credential.size() <= max_credential_bytes && is_compact_jws(text)) return BakeText{CredentialForm::jwt, text};
  return error_at("", "the credential is neither a JSON object nor a compact JWT", neither_hint);
}

Result<CredentialForm> baked_form(std::string_view text, const std::string& where) {
  const std::string_view inner = trimmed(text);
  if (!inner.empty() && inner.front() == '{') return CredentialForm::json;
  if (is_compact_jws(inner)) return CredentialForm::jwt;
  return error_at(where, "the image's credential text is neither JSON nor a compact JWT", neither_hint);
}

}  // namespace detail

Result<std::string> bake(std::string_view image, std::string_view credential) {
  if (auto problem = size_problem(image)) return *problem;
  const auto format = image_format(image);
  if (!format) {
    return error_at(byte_at(0), "this is neither a PNG nor an SVG image",
                    "bake into a .png or .svg badge image (a PNG starts with the bytes 89 50 4E 47, an SVG with '<')");
  }
  auto checked = detail::credential_to_bake(credential);
  if (!checked) return checked.problems();
  return *format == ImageFormat::png ? detail::bake_png(image, checked.value())
                                     : detail::bake_svg(image, checked.value());
}

Result<Unbaked> unbake(std::string_view image) {
  if (auto problem = size_problem(image)) return *problem;
  const auto format = image_format(image);
  if (!format) return error_at(byte_at(0), "this is neither a PNG nor an SVG image");
  return *format == ImageFormat::png ? detail::unbake_png(image) : detail::unbake_svg(image);
}

}  // namespace tessera::baking
