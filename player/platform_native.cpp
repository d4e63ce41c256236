// The player's platform layer for desktop: an OpenGL 3.2 core window and a blocking loop.
#include "platform.hpp"

namespace tessera::player {

GlSetup gl_setup() { return {3, 2, false, "#version 150"}; }

void run_main_loop(std::function<bool()> frame) {
  while (frame()) {
  }
}

void frame_presented(int) {}

}  // namespace tessera::player
