// The player's one contract with its host platform; player/platform_web.cpp and platform_native.cpp
// implement it, so the rest of the player never needs #ifdef.
#pragma once

#include <functional>

namespace tessera::player {

struct GlSetup {
  int major = 0;                      // OpenGL (ES) context version asked of SDL
  int minor = 0;
  bool es_profile = false;
  const char* glsl_version = nullptr; // passed to ImGui_ImplOpenGL3_Init
};

// The context each platform asks for: GLES 3.0 (WebGL2) on the web, GL 3.2 core natively.
[[nodiscard]] GlSetup gl_setup();

// Runs `frame` until it returns false. On the web this returns at once and the browser drives the loop;
// natively it blocks. One loop for both (../shared/STYLE.md).
void run_main_loop(std::function<bool()> frame);

// Tells the host a frame was presented (the web page counts them; tests wait on it).
void frame_presented(int frame_number);

// Saves the current framebuffer (width × height pixels) as a PNG; natively for tests and bug reports.
// Returns false, having said why on stderr, where the platform cannot (the browser takes its own).
bool save_screenshot(const char* path, int width, int height);

}  // namespace tessera::player
