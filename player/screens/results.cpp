// Results screen: completion, progress and time on task, and mastery per competency, each as the view
// words it.
#include <imgui.h>

#include <string>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::draw_results() {
  const Palette& p = theme_.palette();
  heading(word("ui.results"), true);
  begin_card("completion");
  const json& completion = view_["completion"];
  ImGui::PushStyleColor(ImGuiCol_Text, completion.value("complete", false) ? p.success : p.text);
  heading(completion.value("text", std::string()));
  ImGui::PopStyleColor();
  const json& progress = view_["progress"];
  progress_bar(static_cast<float>(progress.value("percent", 0)) / 100.0f,
               progress.value("text", std::string()) + " \u00b7 " + view_.value("timeOnTaskText", std::string()));
  if (!completion.value("waitingOn", std::string()).empty()) muted(completion.value("waitingOn", std::string()));
  muted(completion.value("earns", std::string()));
  end_card();

  heading(word("ui.mastery"));
  const json mastery = view_.value("mastery", json::object());
  for (const auto& [competency, m] : mastery.items()) {
    ImGui::PushID(competency.c_str());
    begin_card("mastery");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", m.value("name", competency).c_str());
    ImGui::PopFont();
    const bool assessed = m.value("assessed", false);
    const bool mastered = m.value("mastered", false);
    pill(m.value("text", std::string()), !assessed ? p.text_muted : mastered ? p.success : p.warning);
    end_card();
    ImGui::PopID();
  }
  if (own_button("results-wallet", word("ui.open-wallet"), "nav", true, Look::primary)) go(Screen::wallet);
}

}  // namespace tessera::player
