// Markdown as styled Dear ImGui text: md4c parses (CommonMark), this lays out headings, paragraphs,
// emphasis, strong, code spans and blocks, lists, quotes, rules and links, wrapping word by word.
//
// Tables are laid out as a grid (header row bold on a tinted band, columns sized to their text, cells
// wrapping). Every link, in text or in a table cell, is an item that takes focus and a click. Does NOT:
// render raw HTML (shown as text) or images inside Markdown (image blocks are their own block type with
// alt text).
#pragma once

#include <functional>
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
  enum class Kind { paragraph, heading, list_item, code, quote, rule, table_row };
  Kind kind = Kind::paragraph;
  int level = 0;       // heading level 1–6; list depth from 1
  std::string bullet;  // "•" or "3."
  std::vector<MdSpan> spans;
  std::vector<std::vector<MdSpan>> cells;  // table_row: one list of spans per cell
  bool header = false;                     // table_row: in the table's head
};

// Parses once; keep the result while the text is on screen.
[[nodiscard]] std::vector<MdBlock> parse_markdown(const std::string& markdown);

// Called right after each link's item is submitted (it is ImGui's last item then), with the link's number
// in drawing order (from 0) and its URL: the player makes it a Tab stop and lists it in its UI map.
using LinkSubmitted = std::function<void(int number, const std::string& url)>;

// Draws the blocks at the cursor, wrapping at the content region's width. Returns the link the learner
// activated this frame (click, tap or Enter on it), or "".
std::string draw_markdown(const std::vector<MdBlock>& blocks, const Theme& theme, const char* id,
                          const LinkSubmitted& on_link = nullptr);

// A tooltip for the item under the pointer, wrapped to the screen: an image's alt text or a link's URL can
// be wider than a phone, and ImGui's own tooltip neither wraps nor shrinks.
void wrapped_tooltip(const std::string& text);

}  // namespace tessera::player
