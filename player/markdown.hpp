// Markdown as styled Dear ImGui text: md4c parses (CommonMark), this lays out headings, paragraphs,
// emphasis, strong, code spans and blocks, lists, quotes, rules and links, wrapping word by word.
//
// Does NOT: render raw HTML (shown as text), tables (shown as their cell text) or images inside Markdown
// (image blocks are their own block type with alt text).
#pragma once

#include <string>
#include <vector>

#include "theme.hpp"

namespace tessera::player {

struct MdSpan {
  std::string text;
  bool strong = false;
  bool emphasis = false;
  bool code = false;
  std::string link;  // target URL when the span is (part of) a link
};

struct MdBlock {
  enum class Kind { paragraph, heading, list_item, code, quote, rule };
  Kind kind = Kind::paragraph;
  int level = 0;            // heading level 1–6; list depth from 1
  std::string bullet;       // "•" or "3."
  std::vector<MdSpan> spans;
};

// Parses once; keep the result while the text is on screen.
[[nodiscard]] std::vector<MdBlock> parse_markdown(const std::string& markdown);

// Draws the blocks at the cursor, wrapping at the content region's width. Returns the link the learner
// activated this frame (click, tap or Enter on it), or "".
std::string draw_markdown(const std::vector<MdBlock>& blocks, const Theme& theme, const char* id);

}  // namespace tessera::player
