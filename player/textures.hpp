// Images on screen: decoded by the platform (browser or stb_image), uploaded once as GL textures, cached
// by URL; QR codes drawn from qrcodegen's modules.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <string>

namespace tessera::player {

struct Texture {
  enum class State { loading, ready, failed };
  State state = State::loading;
  unsigned id = 0;
  int width = 0;
  int height = 0;
  std::string error;
};

// A GL texture name as Dear ImGui's texture id, a void* that carries it (ImGui::Image, the font atlas).
inline ImTextureID imgui_texture(unsigned gl_texture) {
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the id is an integer in a pointer by ImGui's design; never dereferenced
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(gl_texture));
}

class TextureCache {
 public:
  // The texture for `url`, starting the load on first use (state loading until it arrives).
  const Texture& get(const std::string& url);
  ~TextureCache();

 private:
  std::map<std::string, Texture> textures_;
};

// Draws `text` as a QR code (error correction medium) with a quiet zone, `size` pixels square, dark on
// white whatever the theme (scanners need the contrast). Returns false when the text is too long.
bool draw_qr_code(const std::string& text, float size);

}  // namespace tessera::player
