// Draws Dear ImGui's draw data with OpenGL 3.2 core natively and GLES 3 (WebGL2) in the browser.
#pragma once

#include <imgui.h>

#include <string>

namespace tessera::player {

// Uploads RGBA pixels (rows packed) to `texture`, made first when it is 0, with linear filtering and
// clamped edges; returns the texture's name (an ImTextureID for ImGui::Image).
unsigned upload_rgba_texture(unsigned texture, int width, int height, const unsigned char* pixels);
void delete_texture(unsigned texture);

// The player owns its GL context, so this renderer sets the state it needs each frame and never reads
// state back. Dear ImGui's stock backend saves and restores the caller's state with 13 glGet calls a frame,
// and in Chromium each is a synchronous round trip to the GPU process: 3 ms of a 4 ms frame budget.
class GlRenderer {
 public:
  // Compiles the shader for this GLSL version line ("#version 300 es" or "#version 150"); check ok().
  explicit GlRenderer(const char* glsl_version);
  ~GlRenderer();
  GlRenderer(const GlRenderer&) = delete;
  GlRenderer& operator=(const GlRenderer&) = delete;

  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }

  // (Re)builds the font atlas texture from ImGui's fonts: at start and whenever the fonts change.
  void upload_fonts();
  // Clears the framebuffer to `background` and draws the frame.
  void render(const ImDrawData& data, const ImVec4& background);

 private:
  void set_frame_state(const ImDrawData& data, int framebuffer_width, int framebuffer_height);
  void point_attributes(unsigned vertex_offset);

  std::string error_;
  unsigned program_ = 0;
  int projection_location_ = -1;
  unsigned vertex_array_ = 0;
  unsigned vertex_buffer_ = 0;
  unsigned index_buffer_ = 0;
  unsigned font_texture_ = 0;
};

}  // namespace tessera::player
