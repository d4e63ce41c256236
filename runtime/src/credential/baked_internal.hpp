// The parts of baked_badge.cpp per image format (baked_png.cpp, baked_svg.cpp), and what they share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tessera/baked_badge.hpp"

namespace tessera::baking::detail {

// The credential to bake, checked: a JSON object as given, or a compact JWT without the white space around it.
struct BakeText {
  CredentialForm form = CredentialForm::json;
  std::string_view text;
};
[[nodiscard]] Result<BakeText> credential_to_bake(std::string_view credential);

// Which form baked text is in (JSON when it starts with '{' after white space, else a compact JWT); a problem
// at `where` when it is neither. The JSON itself is read later, by the verifier.
[[nodiscard]] Result<CredentialForm> baked_form(std::string_view text, const std::string& where);

[[nodiscard]] Result<std::string> bake_png(std::string_view png, const BakeText& credential);
[[nodiscard]] Result<Unbaked> unbake_png(std::string_view png);
[[nodiscard]] Result<std::string> bake_svg(std::string_view svg, const BakeText& credential);
[[nodiscard]] Result<Unbaked> unbake_svg(std::string_view svg);

}  // namespace tessera::baking::detail
