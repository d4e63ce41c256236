// The player's look: Noto Sans (regular, bold) with Latin Extended, Greek and Cyrillic, a light, a dark and a
// high-contrast palette (the site's design tokens, docs/design.md) applied to every ImGui colour, generous
// spacing, and high-DPI scaling.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

namespace tessera::player {

enum class ThemeKind { light, dark, high_contrast };

// "dark", "high-contrast", else light: the names the site's Settings and canvas.html?theme= use.
[[nodiscard]] ThemeKind theme_kind_named(std::string_view name);

// Colours the screens use beyond ImGui's own (cards, accents, states).
struct Palette {
  ImVec4 background, surface, surface_alt, border, text, text_muted, accent, accent_text, success, warning, danger,
      link, code_background;
};

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;  // bold, larger
  ImFont* title = nullptr;    // bold, largest
  ImFont* small = nullptr;
  bool noto = false;  // false: the TTFs were not found and ImGui's built-in font stands in
};

class Theme {
 public:
  // Builds the font atlas from the TTF bytes (empty: ImGui's default font) at `scale` pixels per point.
  void load_fonts(const std::string& regular_ttf, const std::string& bold_ttf, float scale);
  void apply(ThemeKind kind);
  [[nodiscard]] ThemeKind kind() const { return kind_; }
  [[nodiscard]] const Palette& palette() const { return palette_; }
  [[nodiscard]] const Fonts& fonts() const { return fonts_; }
  [[nodiscard]] float scale() const { return scale_; }
  [[nodiscard]] bool fonts_need_upload() const { return fonts_dirty_; }
  void fonts_uploaded() { fonts_dirty_ = false; }

 private:
  ThemeKind kind_ = ThemeKind::light;
  Palette palette_{};
  Fonts fonts_{};
  float scale_ = 1.0f;
  bool fonts_dirty_ = false;
  std::string regular_;  // kept alive: ImGui reads the TTF data while it builds the atlas
  std::string bold_;
};

[[nodiscard]] ImU32 to_u32(const ImVec4& colour);

}  // namespace tessera::player
