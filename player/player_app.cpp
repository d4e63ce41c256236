// The canvas player's screens (for now the welcome screen with the runtime's build facts).
#include "player_app.hpp"

#include <imgui.h>

#include "tessera/version.hpp"

namespace tessera::player {

PlayerApp::PlayerApp(PlayerOptions options)
    : options_(options), runtime_version_(tessera::version()) {}

bool PlayerApp::draw() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  ImGui::Begin("Tessera", nullptr, flags);
  ImGui::TextUnformatted("Tessera");
  ImGui::Separator();
  ImGui::Text("Runtime %s", runtime_version_.c_str());
  ImGui::TextWrapped("Micro-courses that run in your browser and earn verifiable credentials.");
  ImGui::End();
  ++frames_;
  return options_.max_frames == 0 || frames_ < options_.max_frames;
}

}  // namespace tessera::player
