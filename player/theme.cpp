// Fonts, palettes and spacing for the canvas player (see theme.hpp), from the design tokens the site uses too.
#include "theme.hpp"

#include <cmath>

#include "design_tokens.hpp"  // written from web/design/tokens.json (cmake/design-tokens.mjs)

namespace tessera::player {

namespace {

// Latin, Latin-1, Latin Extended-A/B, general punctuation (bullets, dashes, quotes), Greek and Coptic,
// Cyrillic (+ supplement): the languages the sample courses use; CJK would need its own font. Noto Sans
// has no arrows or check marks, so the player draws its icons (PlayerApp::icon).
const ImWchar glyph_ranges[] = {
    0x0020, 0x024F,  // Basic Latin … Latin Extended-B
    0x0370, 0x03FF,  // Greek and Coptic
    0x0400, 0x052F,  // Cyrillic, Cyrillic Supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional (Vietnamese)
    0x2000, 0x206F,  // General Punctuation (dashes, quotes, ellipsis)
    0x20AC, 0x20AC,  // euro sign
    0,
};

constexpr float body_size = tokens::type_canvas_body;

// A step of the type scale at the canvas body size, in whole pixels (crisp glyphs).
float type_size(float step) { return std::round(body_size * step); }

ImVec4 hex(unsigned rgb, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((rgb >> 16) & 0xff) / 255.0f, static_cast<float>((rgb >> 8) & 0xff) / 255.0f,
                static_cast<float>(rgb & 0xff) / 255.0f, alpha);
}

Palette palette_of(const tokens::Colours& c) {
  return {.background = hex(c.bg),
          .surface = hex(c.surface),
          .surface_alt = hex(c.surface_alt),
          .border = hex(c.border),
          .text = hex(c.text),
          .text_muted = hex(c.muted),
          .accent = hex(c.accent),
          .accent_text = hex(c.accent_text),
          .success = hex(c.success),
          .warning = hex(c.warning),
          .danger = hex(c.danger),
          .link = hex(c.link),
          .code_background = hex(c.code_bg)};
}

const tokens::Colours& colours_of(ThemeKind kind) {
  switch (kind) {
    case ThemeKind::dark:
      return tokens::dark;
    case ThemeKind::high_contrast:
      return tokens::high_contrast;
    case ThemeKind::light:
      break;
  }
  return tokens::light;
}

}  // namespace

ImU32 to_u32(const ImVec4& colour) { return ImGui::ColorConvertFloat4ToU32(colour); }

ThemeKind theme_kind_named(std::string_view name) {
  if (name == "dark") return ThemeKind::dark;
  if (name == "high-contrast") return ThemeKind::high_contrast;
  return ThemeKind::light;
}

void Theme::load_fonts(const std::string& regular_ttf, const std::string& bold_ttf, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  scale_ = scale;
  regular_ = regular_ttf;
  bold_ = bold_ttf;
  // Rasterised at device pixels, drawn at 1/scale: crisp text on high-DPI screens.
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 2;
  config.OversampleV = 1;
  auto add = [&](std::string& ttf, float size) -> ImFont* {
    if (ttf.empty()) {
      ImFontConfig fallback;
      fallback.SizePixels = 13.0f * scale * size / body_size;
      return io.Fonts->AddFontDefault(&fallback);
    }
    return io.Fonts->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), size * scale, &config,
                                          glyph_ranges);
  };
  fonts_.body = add(regular_, body_size);
  fonts_.bold = add(bold_.empty() ? regular_ : bold_, body_size);
  fonts_.heading = add(bold_.empty() ? regular_ : bold_, type_size(tokens::type_h3));
  fonts_.title = add(bold_.empty() ? regular_ : bold_, type_size(tokens::type_h1));
  fonts_.small = add(regular_, type_size(tokens::type_small));
  fonts_.noto = !regular_.empty();
  io.FontDefault = fonts_.body;
  io.FontGlobalScale = 1.0f / scale;
  io.Fonts->Build();
  fonts_dirty_ = true;
}

void Theme::apply(ThemeKind kind) {
  kind_ = kind;
  palette_ = palette_of(colours_of(kind));
  const Palette& p = palette_;
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  // Spacing and radii from the tokens where the player's measures are the site's; the rest are the canvas's own.
  style.WindowPadding = ImVec2(28, tokens::space_6);
  style.FramePadding = ImVec2(14, 9);
  style.ItemSpacing = ImVec2(tokens::space_3, tokens::space_3);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 14;
  style.GrabMinSize = 14;
  style.WindowRounding = 0;
  style.ChildRounding = tokens::radius_card;
  style.FrameRounding = tokens::radius_control;
  style.PopupRounding = tokens::radius_control;
  style.ScrollbarRounding = tokens::radius_control;
  style.GrabRounding = tokens::radius_control;
  style.TabRounding = tokens::radius_control;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  style.TouchExtraPadding = ImVec2(2, 2);  // fingers are wider than pointers
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.text_muted;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = p.surface;
  c[ImGuiCol_PopupBg] = p.surface;
  c[ImGuiCol_Border] = p.border;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = p.surface;
  c[ImGuiCol_FrameBgHovered] = p.surface_alt;
  c[ImGuiCol_FrameBgActive] = p.surface_alt;
  c[ImGuiCol_TitleBg] = p.surface;
  c[ImGuiCol_TitleBgActive] = p.surface;
  c[ImGuiCol_MenuBarBg] = p.surface;
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = p.border;
  c[ImGuiCol_ScrollbarGrabHovered] = p.text_muted;
  c[ImGuiCol_ScrollbarGrabActive] = p.accent;
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_SliderGrab] = p.accent;
  c[ImGuiCol_SliderGrabActive] = p.accent;
  c[ImGuiCol_Button] = p.surface_alt;
  c[ImGuiCol_ButtonHovered] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.18f);
  c[ImGuiCol_ButtonActive] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.30f);
  c[ImGuiCol_Header] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.14f);
  c[ImGuiCol_HeaderHovered] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.22f);
  c[ImGuiCol_HeaderActive] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.30f);
  c[ImGuiCol_Separator] = p.border;
  c[ImGuiCol_PlotLines] = p.accent;
  c[ImGuiCol_PlotHistogram] = p.accent;
  c[ImGuiCol_NavHighlight] = p.accent;
  c[ImGuiCol_TextSelectedBg] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.30f);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.35f);
}

}  // namespace tessera::player
