// The player's platform layer for desktop: an OpenGL 3.2 core window and a blocking loop.
#include <SDL_opengl.h>
#include <stb/stb_image_write.h>

#include <cstdio>
#include <vector>

#include "platform.hpp"

namespace tessera::player {

GlSetup gl_setup() { return {3, 2, false, "#version 150"}; }

void run_main_loop(std::function<bool()> frame) {
  while (frame()) {
  }
}

void frame_presented(int) {}

bool save_screenshot(const char* path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  stbi_flip_vertically_on_write(1);
  if (stbi_write_png(path, width, height, 4, pixels.data(), width * 4) == 0) {
    std::fprintf(stderr, "tessera_player: could not write the screenshot %s\n", path);
    return false;
  }
  return true;
}

}  // namespace tessera::player
