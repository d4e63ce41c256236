// md4c → blocks of styled spans → word-wrapped Dear ImGui drawing (see markdown.hpp).
#include "markdown.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <md4c.h>

#include <algorithm>
#include <string_view>

namespace tessera::player {

namespace {

struct Builder {
  std::vector<MdBlock> blocks;
  MdBlock current;
  bool open = false;
  int strong = 0;
  int emphasis = 0;
  int code = 0;
  std::vector<std::string> links;
  // Lists: each level's kind and next number.
  struct List {
    bool ordered = false;
    unsigned next = 1;
  };
  std::vector<List> lists;
  int quote = 0;
  bool header = false;  // inside a table's head

  void start(MdBlock::Kind kind, int level = 0, std::string bullet = {}) {
    finish();
    current = MdBlock{kind, level, std::move(bullet), {}, {}, false};
    open = true;
  }
  void finish() {
    if (open && (!current.spans.empty() || !current.cells.empty() || current.kind == MdBlock::Kind::rule)) {
      blocks.push_back(std::move(current));
    }
    current = MdBlock{};
    open = false;
  }
  void text(std::string_view value) {
    if (!open) start(quote > 0 ? MdBlock::Kind::quote : MdBlock::Kind::paragraph);
    MdSpan span{std::string(value), strong > 0, emphasis > 0, code > 0, links.empty() ? std::string() : links.back()};
    auto& spans =
        current.kind == MdBlock::Kind::table_row && !current.cells.empty() ? current.cells.back() : current.spans;
    if (!spans.empty() && spans.back().strong == span.strong && spans.back().emphasis == span.emphasis &&
        spans.back().code == span.code && spans.back().link == span.link) {
      spans.back().text += span.text;
    } else {
      spans.push_back(std::move(span));
    }
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H:
      b.start(MdBlock::Kind::heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
      break;
    case MD_BLOCK_P:
      if (!b.open) b.start(b.quote > 0 ? MdBlock::Kind::quote : MdBlock::Kind::paragraph);
      break;
    case MD_BLOCK_CODE:
      b.start(MdBlock::Kind::code);
      break;
    case MD_BLOCK_HR:
      b.start(MdBlock::Kind::rule);
      b.finish();
      break;
    case MD_BLOCK_QUOTE:
      ++b.quote;
      break;
    case MD_BLOCK_UL:
      b.lists.push_back({false, 1});
      break;
    case MD_BLOCK_OL:
      b.lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
      break;
    case MD_BLOCK_LI: {
      std::string bullet = "\u2022";
      if (!b.lists.empty() && b.lists.back().ordered) bullet = std::to_string(b.lists.back().next++) + ".";
      b.start(MdBlock::Kind::list_item, static_cast<int>(b.lists.size()), std::move(bullet));
      break;
    }
    case MD_BLOCK_THEAD:
      b.header = true;
      break;
    case MD_BLOCK_TBODY:
      b.header = false;
      break;
    case MD_BLOCK_TR:
      b.start(MdBlock::Kind::table_row);
      b.current.header = b.header;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      b.current.cells.emplace_back();
      break;
    case MD_BLOCK_HTML:
      b.start(MdBlock::Kind::paragraph);
      break;
    default:
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_LI:
    case MD_BLOCK_TR:
    case MD_BLOCK_HTML:
      b.finish();
      break;
    case MD_BLOCK_QUOTE:
      --b.quote;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!b.lists.empty()) b.lists.pop_back();
      break;
    case MD_BLOCK_THEAD:
      b.header = false;
      break;
    default:
      break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG:
      ++b.strong;
      break;
    case MD_SPAN_EM:
      ++b.emphasis;
      break;
    case MD_SPAN_CODE:
      ++b.code;
      break;
    case MD_SPAN_A: {
      const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      b.links.emplace_back(a->href.text, a->href.size);
      break;
    }
    default:
      break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG:
      --b.strong;
      break;
    case MD_SPAN_EM:
      --b.emphasis;
      break;
    case MD_SPAN_CODE:
      --b.code;
      break;
    case MD_SPAN_A:
      if (!b.links.empty()) b.links.pop_back();
      break;
    default:
      break;
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_TEXT_BR:
      b.text("\n");
      break;
    case MD_TEXT_SOFTBR:
      b.text(" ");
      break;
    case MD_TEXT_NULLCHAR:
      b.text("\uFFFD");
      break;
    case MD_TEXT_ENTITY: {
      const std::string_view entity(text, size);
      b.text(entity == "&amp;"    ? "&"
             : entity == "&lt;"   ? "<"
             : entity == "&gt;"   ? ">"
             : entity == "&quot;" ? "\""
             : entity == "&nbsp;" ? " "
                                  : entity);
      break;
    }
    default:
      b.text(std::string_view(text, size));
      break;
  }
  return 0;
}

// Splits a span into words with the spaces that follow them, so lines break between words.
std::vector<std::string_view> words_of(const std::string& text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\n') {
      words.emplace_back(text.data() + start, i + 1 - start);
      start = i + 1;
    }
  }
  if (start < text.size()) words.emplace_back(text.data() + start, text.size() - start);
  return words;
}

// A link's clickable, focusable area: its first line.
struct LinkArea {
  ImVec2 min;
  ImVec2 size;
  std::string url;
};

// Lays spans out word by word in a box `width` wide; draws them at `at` when it is given, and then adds
// each link's area to `links`. Returns the height used. (Table cells: no code blocks.)
float flow(const std::vector<MdSpan>& spans, const Theme& theme, bool bold, const ImVec2* at, float width,
           std::vector<LinkArea>* links = nullptr) {
  const Palette& p = theme.palette();
  const Fonts& f = theme.fonts();
  const float line_height = f.body->FontSize * ImGui::GetIO().FontGlobalScale * 1.45f;
  float x = 0;
  float y = 0;
  for (const MdSpan& span : spans) {
    ImGui::PushFont(span.strong || bold ? f.bold : f.body);
    const ImVec4 colour = !span.link.empty() ? p.link : span.emphasis ? p.accent : span.code ? p.danger : p.text;
    bool first_word = true;
    for (const auto word : words_of(span.text)) {
      std::string_view trimmed = word;
      while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\n')) trimmed.remove_suffix(1);
      const float trimmed_w = ImGui::CalcTextSize(trimmed.data(), trimmed.data() + trimmed.size()).x;
      if (x + trimmed_w > width && x > 0) {
        x = 0;
        y += line_height;
      }
      if (at != nullptr) {
        const ImVec2 word_at(at->x + x, at->y + y);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->AddText(word_at, to_u32(colour), trimmed.data(), trimmed.data() + trimmed.size());
        if (!span.link.empty()) {
          const float baseline = word_at.y + ImGui::GetFontSize();
          draw->AddLine(ImVec2(word_at.x, baseline), ImVec2(word_at.x + trimmed_w, baseline), to_u32(colour), 1.0f);
          if (links != nullptr && first_word) links->push_back({word_at, ImVec2(0, line_height), span.link});
          // The area grows with each word the link puts on its first line.
          if (links != nullptr && links->back().min.y == word_at.y)
            links->back().size.x = word_at.x + trimmed_w - links->back().min.x;
        }
      }
      first_word = false;
      x += ImGui::CalcTextSize(word.data(), word.data() + word.size()).x;
    }
    ImGui::PopFont();
  }
  return y + line_height;
}

// The width of a cell's text on one line.
float one_line_width(const std::vector<MdSpan>& spans, const Theme& theme, bool bold) {
  float width = 0;
  for (const auto& span : spans) {
    ImGui::PushFont(span.strong || bold ? theme.fonts().bold : theme.fonts().body);
    width += ImGui::CalcTextSize(span.text.c_str()).x;
    ImGui::PopFont();
  }
  return width;
}

// The focusable, clickable item over a link's area; returns whether it was activated this frame.
bool link_item(const LinkArea& area, int number, const LinkSubmitted& on_link) {
  ImGui::SetCursorScreenPos(area.min);
  ImGui::PushID(number);
  const bool activated = ImGui::InvisibleButton("link", ImVec2(std::max(area.size.x, 1.0f), area.size.y));
  // The keyboard focus ring, which ImGui draws for its own widgets but not for an invisible button.
  ImGui::RenderNavHighlight(ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()), ImGui::GetItemID());
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    wrapped_tooltip(area.url);
  }
  if (on_link) on_link(number, area.url);
  ImGui::PopID();
  return activated;
}

// Draws the table whose rows are blocks[first, last) at the cursor, `width` wide; its links are items
// numbered from `link_number` on. Returns the link activated this frame, or "".
std::string draw_table(const std::vector<MdBlock>& blocks, std::size_t first, std::size_t last, const Theme& theme,
                       float width, int& link_number, const LinkSubmitted& on_link) {
  const Palette& p = theme.palette();
  std::size_t columns = 0;
  for (std::size_t r = first; r < last; ++r) columns = std::max(columns, blocks[r].cells.size());
  if (columns == 0) return {};
  const float gap = 16.0f;
  // Each column gets a share of the width in proportion to its widest cell on one line, at least a fifth
  // of an even share, so short columns stay narrow and long text wraps in the wide ones.
  std::vector<float> natural(columns, 1.0f);
  for (std::size_t r = first; r < last; ++r) {
    for (std::size_t c = 0; c < blocks[r].cells.size(); ++c) {
      natural[c] = std::max(natural[c], one_line_width(blocks[r].cells[c], theme, blocks[r].header));
    }
  }
  const float usable = width - gap * static_cast<float>(columns + 1);
  float total = 0;
  for (float& n : natural) total += n;
  std::vector<float> column_width(columns);
  if (total <= usable) {
    for (std::size_t c = 0; c < columns; ++c)
      column_width[c] = natural[c] + (usable - total) / static_cast<float>(columns);
  } else {
    const float floor_width = usable / static_cast<float>(columns) / 5.0f;
    float shared = 0;
    for (std::size_t c = 0; c < columns; ++c) shared += std::max(natural[c], floor_width);
    for (std::size_t c = 0; c < columns; ++c) column_width[c] = usable * std::max(natural[c], floor_width) / shared;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = 0;
  const float pad_y = 8.0f;
  std::vector<LinkArea> links;
  for (std::size_t r = first; r < last; ++r) {
    const MdBlock& row = blocks[r];
    float height = 0;
    for (std::size_t c = 0; c < row.cells.size(); ++c)
      height = std::max(height, flow(row.cells[c], theme, row.header, nullptr, column_width[c]));
    height += 2 * pad_y;
    const ImVec2 top(origin.x, origin.y + y);
    if (row.header) draw->AddRectFilled(top, ImVec2(top.x + width, top.y + height), to_u32(p.surface_alt));
    float x = gap;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const ImVec2 at(top.x + x, top.y + pad_y);
      flow(row.cells[c], theme, row.header, &at, column_width[c], &links);
      x += column_width[c] + gap;
    }
    y += height;
    if (r + 1 < last)
      draw->AddLine(ImVec2(origin.x, origin.y + y), ImVec2(origin.x + width, origin.y + y), to_u32(p.border));
  }
  draw->AddRect(origin, ImVec2(origin.x + width, origin.y + y), to_u32(p.border), 6.0f);
  std::string activated;
  for (const LinkArea& area : links) {
    if (link_item(area, link_number++, on_link)) activated = area.url;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y + 4));
  return activated;
}

}  // namespace

std::vector<MdBlock> parse_markdown(const std::string& markdown) {
  Builder builder;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_COLLAPSEWHITESPACE | MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                 MD_FLAG_NOHTML;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
  builder.finish();
  return builder.blocks;
}

std::string draw_markdown(const std::vector<MdBlock>& blocks, const Theme& theme, const char* id,
                          const LinkSubmitted& on_link) {
  const Palette& p = theme.palette();
  const Fonts& f = theme.fonts();
  std::string activated;
  ImGui::PushID(id);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  int link_number = 0;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const MdBlock& block = blocks[bi];
    ImGui::PushID(static_cast<int>(bi));
    if (block.kind == MdBlock::Kind::table_row) {
      std::size_t last = bi;
      while (last < blocks.size() && blocks[last].kind == MdBlock::Kind::table_row) ++last;
      const std::string table_link = draw_table(blocks, bi, last, theme, width, link_number, on_link);
      if (!table_link.empty()) activated = table_link;
      ImGui::PopID();
      bi = last - 1;
      continue;
    }
    if (block.kind == MdBlock::Kind::rule) {
      ImGui::Dummy(ImVec2(width, 6));
      // A rule across the reading column (ImGui's Separator spans the whole window, padding included).
      {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y),
                                            ImGui::GetColorU32(ImGuiCol_Separator));
        ImGui::Dummy(ImVec2(0, 1));
      }
      ImGui::Dummy(ImVec2(width, 6));
      ImGui::PopID();
      continue;
    }
    ImFont* base = block.kind == MdBlock::Kind::heading ? (block.level <= 1 ? f.title : f.heading) : f.body;
    float indent = 0;
    if (block.kind == MdBlock::Kind::list_item) indent = 28.0f * static_cast<float>(block.level);
    if (block.kind == MdBlock::Kind::quote) indent = 20.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line_height = base->FontSize * ImGui::GetIO().FontGlobalScale * 1.45f;
    float x = indent;
    float y = 0;
    const float pad = block.kind == MdBlock::Kind::code ? 14.0f : 0.0f;
    if (block.kind == MdBlock::Kind::code) {
      // Measure first so the background goes under the text.
      int lines = 1;
      for (const auto& span : block.spans) {
        for (char c : span.text) lines += c == '\n' ? 1 : 0;
      }
      if (!block.spans.empty() && !block.spans.back().text.empty() && block.spans.back().text.back() == '\n') --lines;
      draw->AddRectFilled(origin,
                          ImVec2(origin.x + width, origin.y + static_cast<float>(lines) * line_height + 2 * pad),
                          to_u32(p.code_background), 8.0f);
      x = pad;
      y = pad;
    }
    if (block.kind == MdBlock::Kind::list_item) {
      ImGui::PushFont(f.body);
      draw->AddText(ImVec2(origin.x + indent - 20.0f, origin.y), to_u32(p.text_muted), block.bullet.c_str());
      ImGui::PopFont();
    }
    if (block.kind == MdBlock::Kind::quote) {
      draw->AddRectFilled(origin, ImVec2(origin.x + 4, origin.y + line_height), to_u32(p.accent), 2.0f);
    }
    for (const MdSpan& span : block.spans) {
      ImFont* font = span.strong ? (block.kind == MdBlock::Kind::heading ? base : f.bold) : base;
      ImGui::PushFont(font);
      ImVec4 colour = block.kind == MdBlock::Kind::quote ? p.text_muted : p.text;
      if (span.emphasis)
        colour = p.accent;  // one regular and one bold face fit the download budget: emphasis is colour
      if (span.code || block.kind == MdBlock::Kind::code) colour = p.danger;
      if (!span.link.empty()) colour = p.link;
      const bool verbatim = block.kind == MdBlock::Kind::code;
      const auto words = verbatim ? std::vector<std::string_view>{} : words_of(span.text);
      auto place = [&](std::string_view word) {
        const char* begin = word.data();
        const char* end = word.data() + word.size();
        const bool newline = !word.empty() && word.back() == '\n';
        const char* drawn_end = newline ? end - 1 : end;
        const ImVec2 size = ImGui::CalcTextSize(begin, drawn_end);
        std::string_view trimmed = std::string_view(begin, static_cast<std::size_t>(drawn_end - begin));
        while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
        const float trimmed_w = ImGui::CalcTextSize(trimmed.data(), trimmed.data() + trimmed.size()).x;
        if (x + trimmed_w > width - pad && x > indent + pad) {
          x = indent + pad;
          y += line_height;
        }
        const ImVec2 at(origin.x + x, origin.y + y);
        if (span.code && !verbatim) {
          draw->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + trimmed_w + 3, at.y + size.y + 1),
                              to_u32(p.code_background), 4.0f);
        }
        draw->AddText(at, to_u32(colour), begin, drawn_end);
        if (!span.link.empty()) {
          draw->AddLine(ImVec2(at.x, at.y + size.y), ImVec2(at.x + trimmed_w, at.y + size.y), to_u32(colour), 1.0f);
        }
        x += size.x;
        if (newline) {
          x = indent + pad;
          y += line_height;
        }
      };
      if (verbatim) {
        std::size_t start = 0;
        for (std::size_t i = 0; i <= span.text.size(); ++i) {
          if (i == span.text.size() || span.text[i] == '\n') {
            const std::string_view line(span.text.data() + start, i - start);
            draw->AddText(ImVec2(origin.x + x, origin.y + y), to_u32(colour), line.data(), line.data() + line.size());
            if (i < span.text.size() && i + 1 < span.text.size()) {
              x = pad;
              y += line_height;
            }
            start = i + 1;
          }
        }
      } else {
        const float span_start_y = y;
        const float span_start_x = x;
        for (const auto& word : words) place(word);
        if (!span.link.empty()) {
          // The link's own focusable, clickable area (its first line), so Tab and Enter reach it too.
          const float w = y == span_start_y ? x - span_start_x : width - span_start_x;
          const ImVec2 saved = ImGui::GetCursorScreenPos();
          const LinkArea area{ImVec2(origin.x + span_start_x, origin.y + span_start_y), ImVec2(w, line_height),
                              span.link};
          if (link_item(area, link_number++, on_link)) activated = span.link;
          ImGui::SetCursorScreenPos(saved);
        }
      }
      ImGui::PopFont();
    }
    const float height = y + line_height + pad * 2 - (block.kind == MdBlock::Kind::code ? line_height * 0.45f : 0);
    if (block.kind == MdBlock::Kind::quote && y > 0) {
      draw->AddRectFilled(origin, ImVec2(origin.x + 4, origin.y + y + line_height), to_u32(p.accent), 2.0f);
    }
    ImGui::SetCursorScreenPos(origin);
    // Items of one list sit closer together than paragraphs.
    const bool list_continues = block.kind == MdBlock::Kind::list_item && bi + 1 < blocks.size() &&
                                blocks[bi + 1].kind == MdBlock::Kind::list_item;
    if (list_continues) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2));
    ImGui::Dummy(ImVec2(width, height - (list_continues ? line_height * 0.3f : 0)));
    if (list_continues) ImGui::PopStyleVar();
    if (block.kind == MdBlock::Kind::heading) ImGui::Dummy(ImVec2(width, 2));
    ImGui::PopID();
  }
  ImGui::PopID();
  return activated;
}

void wrapped_tooltip(const std::string& text) {
  const float screen = ImGui::GetIO().DisplaySize.x;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(std::min(screen * 0.8f, ImGui::GetFontSize() * 32.0f));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace tessera::player
