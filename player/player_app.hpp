// The canvas player's screens: turns the runtime's state into Dear ImGui frames.
#pragma once

#include <string>

namespace tessera::player {

struct PlayerOptions {
  int max_frames = 0;            // 0 = run until the window closes; N > 0 quits after N frames (smoke tests)
  const char* screenshot = nullptr;  // with max_frames: save the last frame here as a PNG
};

class PlayerApp {
 public:
  explicit PlayerApp(PlayerOptions options);
  // Builds one frame's UI. Returns false when the player should quit.
  bool draw();

 private:
  PlayerOptions options_;
  std::string runtime_version_;
  int frames_ = 0;
};

}  // namespace tessera::player
