// Fuzz target markdown: any text through the HTML player's Markdown renderer, whose output must hold only
// the tags it promises (tessera/markdown.hpp) and no link or image to an unsafe scheme.
#include "tessera/markdown.hpp"
#include "harness.hpp"

#include <algorithm>
#include <array>

namespace tessera::fuzz {

namespace {

constexpr std::array<std::string_view, 26> allowed_tags{
    "p",  "h2", "h3", "h4", "h5", "h6",  "em",         "strong", "code",  "del",   "u",  "a",  "img",
    "ul", "ol", "li", "hr", "br", "pre", "blockquote", "table",  "thead", "tbody", "tr", "th", "td"};

bool allowed(std::string_view tag) {
  return std::find(allowed_tags.begin(), allowed_tags.end(), tag) != allowed_tags.end();
}

// The value of `attribute="…"` starting at `from`, lower-cased; "" when there is none.
std::string lowered_value(const std::string& html, std::size_t from) {
  std::string value;
  for (std::size_t i = from; i < html.size() && html[i] != '"'; ++i) {
    const char c = html[i];
    value += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return value;
}

}  // namespace

void markdown(std::string_view input) {
  const std::string html = no_throw("markdown::to_safe_html", [&] { return markdown::to_safe_html(input); });
  for (std::size_t open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    std::size_t end = open + 1;
    if (end < html.size() && html[end] == '/') ++end;
    const std::size_t name_end = html.find_first_of(" >", end);
    const std::string tag = html.substr(end, name_end == std::string::npos ? std::string::npos : name_end - end);
    // The message only when it is needed: built for every tag, it made a long text take quadratic time.
    if (!allowed(tag)) throw Violation("the HTML has a tag it must not have: <" + tag + " in " + html);
  }
  for (const std::string_view attribute : {" href=\"", " src=\""}) {
    for (std::size_t at = html.find(attribute); at != std::string::npos; at = html.find(attribute, at + 1)) {
      const std::string value = lowered_value(html, at + attribute.size());
      const std::size_t colon = value.find(':');
      const std::size_t separator = value.find_first_of("/?#");
      if (colon == std::string::npos || (separator != std::string::npos && separator < colon)) continue;
      const std::string scheme = value.substr(0, colon);
      require(scheme == "http" || scheme == "https" || scheme == "mailto",
              "the HTML links to an unsafe scheme: " + value);
    }
  }
}

}  // namespace tessera::fuzz
