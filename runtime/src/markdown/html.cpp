// Markdown → safe HTML for the HTML player (tessera/markdown.hpp), with md4c: raw HTML is never passed through.
#include "tessera/markdown.hpp"

#include <md4c.h>

#include <string>

namespace tessera::markdown {

namespace {

std::string attribute_text(const MD_ATTRIBUTE& attribute) {
  std::string raw;
  for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
    const MD_OFFSET begin = attribute.substr_offsets[i];
    const MD_OFFSET end = attribute.substr_offsets[i + 1];
    raw.append(attribute.text + begin, end - begin);
  }
  return raw;
}

// A URL is kept when it has no scheme (relative) or one of the safe schemes.
bool safe_url(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos) return true;
  const auto first_separator = url.find_first_of("/?#");
  if (first_separator != std::string::npos && first_separator < colon) return true;  // "a/b:c" is relative
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    scheme += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

bool external_url(const std::string& url) {
  return url.rfind("http:", 0) == 0 || url.rfind("https:", 0) == 0 || url.rfind("//", 0) == 0;
}

struct Renderer {
  std::string out;
  int image_depth = 0;  // inside ![alt](src), text becomes the alt attribute
};

void open_tag(Renderer& r, const char* tag) {
  r.out += '<';
  r.out += tag;
  r.out += '>';
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& r = *static_cast<Renderer*>(user);
  switch (type) {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      open_tag(r, "blockquote");
      break;
    case MD_BLOCK_UL:
      open_tag(r, "ul");
      break;
    case MD_BLOCK_OL: {
      const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      if (d->start == 1) {
        open_tag(r, "ol");
      } else {
        r.out += "<ol start=\"" + std::to_string(d->start) + "\">";
      }
      break;
    }
    case MD_BLOCK_LI:
      open_tag(r, "li");
      break;
    case MD_BLOCK_HR:
      r.out += "<hr>";
      break;
    case MD_BLOCK_H: {
      const unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
      r.out += "<h" + std::to_string(level < 6 ? level + 1 : 6) + ">";
      break;
    }
    case MD_BLOCK_CODE:
      r.out += "<pre><code>";
      break;
    case MD_BLOCK_HTML:
      break;  // never reached with MD_FLAG_NOHTML
    case MD_BLOCK_P:
      open_tag(r, "p");
      break;
    case MD_BLOCK_TABLE:
      open_tag(r, "table");
      break;
    case MD_BLOCK_THEAD:
      open_tag(r, "thead");
      break;
    case MD_BLOCK_TBODY:
      open_tag(r, "tbody");
      break;
    case MD_BLOCK_TR:
      open_tag(r, "tr");
      break;
    case MD_BLOCK_TH:
      r.out += "<th scope=\"col\">";
      break;
    case MD_BLOCK_TD:
      open_tag(r, "td");
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& r = *static_cast<Renderer*>(user);
  switch (type) {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      r.out += "</blockquote>\n";
      break;
    case MD_BLOCK_UL:
      r.out += "</ul>\n";
      break;
    case MD_BLOCK_OL:
      r.out += "</ol>\n";
      break;
    case MD_BLOCK_LI:
      r.out += "</li>\n";
      break;
    case MD_BLOCK_HR:
      break;
    case MD_BLOCK_H: {
      const unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
      r.out += "</h" + std::to_string(level < 6 ? level + 1 : 6) + ">\n";
      break;
    }
    case MD_BLOCK_CODE:
      r.out += "</code></pre>\n";
      break;
    case MD_BLOCK_HTML:
      break;
    case MD_BLOCK_P:
      r.out += "</p>\n";
      break;
    case MD_BLOCK_TABLE:
      r.out += "</table>\n";
      break;
    case MD_BLOCK_THEAD:
      r.out += "</thead>";
      break;
    case MD_BLOCK_TBODY:
      r.out += "</tbody>";
      break;
    case MD_BLOCK_TR:
      r.out += "</tr>";
      break;
    case MD_BLOCK_TH:
      r.out += "</th>";
      break;
    case MD_BLOCK_TD:
      r.out += "</td>";
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& r = *static_cast<Renderer*>(user);
  if (r.image_depth > 0) {
    if (type == MD_SPAN_IMG) ++r.image_depth;
    return 0;  // inside alt text only the text counts
  }
  switch (type) {
    case MD_SPAN_EM:
      open_tag(r, "em");
      break;
    case MD_SPAN_STRONG:
      open_tag(r, "strong");
      break;
    case MD_SPAN_CODE:
      open_tag(r, "code");
      break;
    case MD_SPAN_DEL:
      open_tag(r, "del");
      break;
    case MD_SPAN_U:
      open_tag(r, "u");
      break;
    case MD_SPAN_A: {
      const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
      std::string href = attribute_text(d->href);
      if (!safe_url(href)) href = "#";
      r.out += "<a href=\"";
      append_escaped_markup(r.out, href);
      r.out += '"';
      if (external_url(href)) r.out += " rel=\"noopener noreferrer\" target=\"_blank\"";
      const std::string title = attribute_text(d->title);
      if (!title.empty()) {
        r.out += " title=\"";
        append_escaped_markup(r.out, title);
        r.out += '"';
      }
      r.out += '>';
      break;
    }
    case MD_SPAN_IMG: {
      const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
      std::string src = attribute_text(d->src);
      if (!safe_url(src)) src = "#";
      r.out += "<img src=\"";
      append_escaped_markup(r.out, src);
      r.out += "\" alt=\"";
      r.image_depth = 1;
      break;
    }
    default:
      break;  // LaTeX and wiki links are off
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void* /*detail*/, void* user) {
  auto& r = *static_cast<Renderer*>(user);
  if (r.image_depth > 0) {
    if (type == MD_SPAN_IMG && --r.image_depth == 0) r.out += "\">";
    return 0;
  }
  switch (type) {
    case MD_SPAN_EM:
      r.out += "</em>";
      break;
    case MD_SPAN_STRONG:
      r.out += "</strong>";
      break;
    case MD_SPAN_CODE:
      r.out += "</code>";
      break;
    case MD_SPAN_DEL:
      r.out += "</del>";
      break;
    case MD_SPAN_U:
      r.out += "</u>";
      break;
    case MD_SPAN_A:
      r.out += "</a>";
      break;
    default:
      break;
  }
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* user) {
  auto& r = *static_cast<Renderer*>(user);
  switch (type) {
    case MD_TEXT_NULLCHAR:
      r.out += "\xEF\xBF\xBD";
      break;
    case MD_TEXT_BR:
      r.out += r.image_depth > 0 ? " " : "<br>\n";
      break;
    case MD_TEXT_SOFTBR:
      r.out += r.image_depth > 0 ? " " : "\n";
      break;
    case MD_TEXT_ENTITY: {
      // md4c reports only well-formed entities (&name; &#123; &#x1F;): they cannot open a tag, so they
      // pass through for the browser to decode.
      r.out.append(chars, size);
      break;
    }
    default:
      append_escaped_markup(r.out, std::string_view(chars, size));
  }
  return 0;
}

}  // namespace

std::string to_safe_html(std::string_view markdown) {
  Renderer renderer;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  // md4c 0.4.8 reads the byte after the text when an inline link ends there (md_is_inline_link_spec), and
  // reads on past the end when that byte happens to be a line break. A std::string ends with a NUL byte,
  // which stops it: a view into a larger buffer does not (found by the markdown fuzz target, docs/fuzzing.md).
  const std::string terminated(markdown);
  if (md_parse(terminated.c_str(), static_cast<MD_SIZE>(terminated.size()), &parser, &renderer) != 0) {
    std::string fallback = "<p>";
    append_escaped_markup(fallback, markdown);
    return fallback + "</p>";
  }
  return renderer.out;
}

void append_escaped_markup(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace tessera::markdown
