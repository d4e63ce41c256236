// Results screen: completion, progress, every attempt with its score, and mastery per competency.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::draw_results() {
  const Palette& p = theme_.palette();
  const json& summary = view_;
  const course::Course& c = *course_;
  heading("Results", true);
  begin_card("completion");
  const bool complete = summary.value("complete", false);
  ImGui::PushStyleColor(ImGuiCol_Text, complete ? p.success : p.text);
  heading(complete ? "Course complete" : "In progress");
  ImGui::PopStyleColor();
  const json& progress = summary["progress"];
  progress_bar(static_cast<float>(progress.value("percent", 0)) / 100.0f,
               std::to_string(progress.value("completedRequiredBlocks", 0)) + " of " +
                   std::to_string(progress.value("requiredBlocks", 0)) + " required steps · " +
                   std::to_string(summary.value("timeOnTaskSeconds", 0) / 60) + " minutes on task");
  end_card();

  heading("Attempts");
  if (summary["attempts"].empty()) muted("No checks taken yet.");
  // In course order, each under its block's title (the summary lists them by block id).
  std::vector<std::pair<std::string, std::string>> checks;
  for (const auto& module : view_.value("modules", json::array())) {
    for (const auto& b : module.value("blocks", json::array())) {
      const std::string id = b.value("id", std::string());
      if (summary["attempts"].contains(id)) checks.emplace_back(id, b.contains("title") ? text_of(b["title"]) : id);
    }
  }
  for (const auto& [block, title] : checks) {
    const json& attempts = summary["attempts"][block];
    ImGui::PushID(block.c_str());
    begin_card("attempts");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    for (const auto& attempt : attempts) {
      const int number = attempt.value("attempt", 0);
      if (!attempt.value("submitted", false)) {
        muted("Attempt " + std::to_string(number) + ": in progress");
        continue;
      }
      const bool passed = attempt.value("passed", false);
      ImGui::Text("Attempt %d: %s of %s", number, text_of(attempt["score"]).c_str(), text_of(attempt["max"]).c_str());
      ImGui::SameLine();
      pill(passed ? "passed" : "not passed", passed ? p.success : p.warning);
    }
    end_card();
    ImGui::PopID();
  }

  heading("Mastery");
  if (summary["mastery"].empty()) muted("No competency has been assessed yet.");
  for (const auto& [competency, m] : summary["mastery"].items()) {
    std::string name = competency;
    for (const auto& known : c.competencies) {
      if (known.id == competency) name = known.name.in(language_, c.default_language);
    }
    ImGui::PushID(competency.c_str());
    begin_card("mastery");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", name.c_str());
    ImGui::PopFont();
    const bool assessed = m.value("assessed", false);
    const bool mastered = m.value("mastered", false);
    ImGui::SameLine();
    pill(!assessed ? "not assessed" : mastered ? "mastered" : "not yet", !assessed ? p.text_muted : mastered ? p.success : p.warning);
    const double score = fraction_value(m.value("score", json("0")));
    const double max = fraction_value(m.value("max", json("0")));
    // The rule that decides, in words (docs/scoring.md, "Mastery").
    const json rule = m.value("rule", json::object());
    const std::string kind = rule.value("rule", std::string("percentage"));
    std::string decides;
    if (kind == "percentage") {
      const int percent = static_cast<int>(fraction_value(rule.value("threshold", json("4/5"))) * 100 + 0.5);
      decides = "mastered at " + std::to_string(percent) + "%";
    } else if (kind == "all") {
      decides = "mastered when every aligned question is right";
    } else if (kind == "in-a-row") {
      decides = "mastered after " + text_of(rule.value("count", json(""))) + " right in a row";
    } else if (kind == "m-of-last-n") {
      decides = "mastered with " + text_of(rule.value("m", json(""))) + " of the last " + text_of(rule.value("n", json(""))) + " right";
    }
    const bool by_points = kind == "percentage" || kind == "all";
    const std::string shown = by_points ? text_of(m.value("score", json("0"))) + " of " + text_of(m.value("max", json("0"))) + " points"
                                        : text_of(m.value("right", json(0))) + " of " + text_of(m.value("considered", json(0))) + " right";
    const double right = fraction_value(m.value("right", json(0)));
    const double considered = fraction_value(m.value("considered", json(0)));
    const double share = by_points ? (max > 0 ? std::max(0.0, score) / max : 0.0) : (considered > 0 ? right / considered : 0.0);
    progress_bar(static_cast<float>(share), shown + (decides.empty() ? std::string() : " \u00b7 " + decides));
    end_card();
    ImGui::PopID();
  }
  if (primary_button("results-wallet", "Open the wallet")) go(Screen::wallet);
}

}  // namespace tessera::player
