// Results screen: completion (with the completion moment: credential, scores, skills), progress and time on
// task, and mastery per competency, each as the view words it.
#include <imgui.h>

#include <string>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

// The completion moment as the view words it: the credential, each must-pass score, the skills shown.
void PlayerApp::draw_completion_moment(const json& completion) {
  const std::string credential = completion.value("credentialText", std::string());
  if (!credential.empty()) {
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", credential.c_str());
    ImGui::PopFont();
  }
  for (const auto& score : completion.value("scores", json::array()))
    ImGui::TextWrapped("%s", score.get<std::string>().c_str());
  const json skills = completion.value("skills", json::array());
  if (skills.empty()) return;
  muted(completion.value("skillsText", std::string()));
  for (const auto& skill : skills) {
    ImGui::Bullet();  // a skill's name is a sentence: it wraps, which BulletText does not
    ImGui::SameLine();
    ImGui::TextWrapped("%s", skill.value("text", std::string()).c_str());
  }
}

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
  draw_completion_moment(completion);
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
