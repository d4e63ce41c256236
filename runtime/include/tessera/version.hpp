// Version of the Tessera runtime and of the formats it reads and writes.
#pragma once

#include <string>
#include <string_view>

namespace tessera {

// Semantic version of the runtime, e.g. "0.1.0". The same string natively and in Wasm.
[[nodiscard]] std::string_view version() noexcept;

// The course package format version this runtime reads (docs/package-format.md).
inline constexpr int package_format_version = 1;

// Facts about this build as a JSON object: version, package format, platform ("native" or "wasm"),
// compiler and the libsodium version linked. Shown by `tessera --version` and the web app's about box.
[[nodiscard]] std::string build_info_json();

}  // namespace tessera
