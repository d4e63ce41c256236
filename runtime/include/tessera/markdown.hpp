// Markdown → safe HTML for the HTML player, with md4c (CommonMark): raw HTML is never passed through.
//
// What it guarantees, so the page may insert the result with innerHTML:
// - md4c parses with MD_FLAG_NOHTML, so HTML blocks and inline HTML arrive as text and are escaped;
// - every text run and attribute value is escaped (& < > " ');
// - link and image URLs keep only http:, https:, mailto: or relative forms; anything else (javascript:,
//   data:, vbscript:, …) becomes "#"; external links get rel="noopener noreferrer";
// - headings are shifted down one level (# → h2), because the player's page owns the h1.
// It deliberately does NOT render tables' alignment, LaTeX or wiki links (md4c extensions left off).
#pragma once

#include <string>
#include <string_view>

namespace tessera::markdown {

// The HTML for `markdown` (any bytes; md4c's own failure gives the whole text escaped in one paragraph).
[[nodiscard]] std::string to_safe_html(std::string_view markdown);

// Appends `text` to `out` with the five characters HTML and XML give meaning to (& < > " ') written as
// entities, so it stands as element text or a quoted attribute value: the one markup escaper (this HTML,
// the CLI's LMS manifests and launch page).
void append_escaped_markup(std::string& out, std::string_view text);

}  // namespace tessera::markdown
