// Baked badges (Open Badges 3.0 §5.3): a credential carried inside its badge image, PNG or SVG. bake() puts
// a credential into an image's bytes, unbake() reads it back; both are pure functions of bytes (no I/O).
//
// PNG: one iTXt chunk with the keyword `openbadgecredential`, written uncompressed right after IHDR (before
// the image data, so readers that stop at IDAT find it; the specification forbids compression); reading also accepts a
// compressed one, inflated within the credential limit. Every chunk's CRC is checked. SVG: an `openbadges:credential`
// element in the namespace https://purl.imsglobal.org/ob/v3p0 directly inside the root <svg>, the JSON credential as
// CDATA or a compact JWT in its `verify` attribute. Baking replaces a credential the image already carries; reading
// refuses an image that carries two. Problems name the byte (counting from 1) where the image goes wrong.
//
// Does NOT: verify the credential (the verifier core does, tessera/verifier.hpp), read SVG with a DTD
// internal subset (entity declarations: refused, with a hint), or read another encoding than UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"

namespace tessera::baking {

// Limits on untrusted input (docs/limits.md).
inline constexpr std::size_t max_image_bytes = 32u << 20;  // an image to bake into or read from
inline constexpr std::size_t max_credential_bytes = json_text::credential_document.max_bytes;  // also inflated text
inline constexpr std::size_t max_svg_depth = 256;  // elements inside one another in an SVG
inline constexpr std::size_t max_svg_attributes =
    256;  // attributes on one SVG element (each checked against the others)
inline constexpr std::size_t max_svg_namespaces =
    256;  // namespace declarations in scope at once (searched per element)

inline constexpr std::string_view png_keyword = "openbadgecredential";
inline constexpr std::string_view svg_namespace = "https://purl.imsglobal.org/ob/v3p0";

enum class ImageFormat { png, svg };
[[nodiscard]] std::string_view to_string(ImageFormat format);  // "PNG", "SVG"

// What kind of image `bytes` are by their content, not a file name: PNG by its 8-byte signature, SVG when the
// first thing after a byte order mark and white space is '<' (XML). nullopt for anything else (JSON text).
[[nodiscard]] std::optional<ImageFormat> image_format(std::string_view bytes);

// A credential as baked: JSON (an object, embedded-proof credentials) or a compact JWT (VC-JWT).
enum class CredentialForm { json, jwt };

struct Unbaked {
  ImageFormat format = ImageFormat::png;
  CredentialForm form = CredentialForm::json;
  std::string credential;  // exactly the text the image carries
};

// `image` with `credential` baked in (a PNG's or an SVG's bytes, as `image` is), the image otherwise as it
// was. The credential must be one JSON object (read by the strict reader) or a compact JWT.
[[nodiscard]] Result<std::string> bake(std::string_view image, std::string_view credential);

// The one credential `image` carries, with where it came from.
[[nodiscard]] Result<Unbaked> unbake(std::string_view image);

}  // namespace tessera::baking
