// RFC 8785 JSON Canonicalization Scheme: the one canonical byte form that Tessera signs and hashes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tessera/problem.hpp"

namespace tessera::jcs {

// The canonical form of `value` (no trailing newline): object members sorted by their UTF-16 code units,
// numbers in ECMAScript's shortest round-trip form, strings with RFC 8785's minimal escaping.
// Fails with a problem (at its JSON pointer) for values JSON cannot carry: NaN, infinities, invalid UTF-8.
[[nodiscard]] Result<std::string> canonicalize(const nlohmann::json& value);

// Reads `text` with the strict reader (tessera/json_text.hpp, limits json_text::jcs_input) and canonicalises
// it: duplicate member names (RFC 8785 §3.1 relies on I-JSON) are reported at their JSON pointer, text that
// is not one well-formed JSON value in UTF-8 at its line and column, and integers beyond ±(2^53−1) are
// refused rather than rounded; so is a number whose canonical form would be such an integer (1e+20 is
// written 100000000000000000000), so that the canonical text reads back and canonicalises to itself.
// Both functions refuse nesting deeper than 512 levels.
[[nodiscard]] Result<std::string> canonicalize_text(std::string_view text);

// The ECMAScript Number::toString form of a finite double ("1e+21", "0.000001", "-0" → "0").
[[nodiscard]] std::string format_number(double value);

}  // namespace tessera::jcs
