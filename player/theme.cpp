// Fonts, palettes and spacing for the canvas player (see theme.hpp).
#include "theme.hpp"

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

constexpr float body_size = 18.0f;

ImVec4 hex(unsigned rgb, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((rgb >> 16) & 0xff) / 255.0f, static_cast<float>((rgb >> 8) & 0xff) / 255.0f,
                static_cast<float>(rgb & 0xff) / 255.0f, alpha);
}

Palette light_palette() {
  return {hex(0xF4F5F7), hex(0xFFFFFF), hex(0xEEF1F6), hex(0xD5DAE3), hex(0x1D2433), hex(0x5B6475), hex(0x2F5BDA),
          hex(0xFFFFFF), hex(0x1E7F4F), hex(0xA15C00), hex(0xB3261E), hex(0x2450C4), hex(0xE8ECF4)};
}

Palette dark_palette() {
  return {hex(0x12151C), hex(0x1B2029), hex(0x232A35), hex(0x343D4C), hex(0xE7EAF0), hex(0xA3ACBC), hex(0x7EA2FF),
          hex(0x0D1226), hex(0x5CC98F), hex(0xF0B45A), hex(0xFF8A80), hex(0x9DB8FF), hex(0x262E3B)};
}

}  // namespace

ImU32 to_u32(const ImVec4& colour) { return ImGui::ColorConvertFloat4ToU32(colour); }

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
  fonts_.heading = add(bold_.empty() ? regular_ : bold_, 24.0f);
  fonts_.title = add(bold_.empty() ? regular_ : bold_, 32.0f);
  fonts_.small = add(regular_, 15.0f);
  fonts_.noto = !regular_.empty();
  io.FontDefault = fonts_.body;
  io.FontGlobalScale = 1.0f / scale;
  io.Fonts->Build();
  fonts_dirty_ = true;
}

void Theme::apply(ThemeKind kind) {
  kind_ = kind;
  palette_ = kind == ThemeKind::light ? light_palette() : dark_palette();
  const Palette& p = palette_;
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(28, 24);
  style.FramePadding = ImVec2(14, 9);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 14;
  style.GrabMinSize = 14;
  style.WindowRounding = 0;
  style.ChildRounding = 12;
  style.FrameRounding = 8;
  style.PopupRounding = 8;
  style.ScrollbarRounding = 8;
  style.GrabRounding = 8;
  style.TabRounding = 8;
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
