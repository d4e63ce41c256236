// The player's platform layer for the browser: WebGL2 context, requestAnimationFrame loop, page signals.
#include <emscripten.h>

#include <cstdio>

#include <utility>

#include "platform.hpp"

// The canvas element carries the frame count so the page and the browser tests can see the player is alive.
EM_JS(void, tessera_mark_frame_presented, (int frame_number), {
  if (Module.canvas) Module.canvas.dataset.framesPresented = String(frame_number);
});

namespace tessera::player {

GlSetup gl_setup() { return {3, 0, true, "#version 300 es"}; }

namespace {
std::function<bool()> g_frame;

void web_frame() {
  if (!g_frame()) emscripten_cancel_main_loop();
}
}  // namespace

void run_main_loop(std::function<bool()> frame) {
  g_frame = std::move(frame);
  // fps 0: the browser's requestAnimationFrame paces us; simulate_infinite_loop keeps main's stack alive.
  emscripten_set_main_loop(web_frame, 0, true);
}

void frame_presented(int frame_number) { tessera_mark_frame_presented(frame_number); }

bool save_screenshot(const char*, int, int) {
  std::fprintf(stderr, "tessera_player: screenshots are taken by the browser on the web\n");
  return false;
}

}  // namespace tessera::player
