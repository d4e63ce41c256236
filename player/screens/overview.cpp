// Course overview: what the course promises (summary, outcomes, credential), its modules with progress
// and blocks, and where to continue.
#include <imgui.h>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {
const char* block_type_label(const std::string& type) {
  if (type == "text") return "Reading";
  if (type == "image") return "Image";
  if (type == "video") return "Video";
  if (type == "audio") return "Audio";
  if (type == "case-study") return "Case study";
  if (type == "reflection") return "Reflection";
  if (type == "scenario") return "Scenario";
  if (type == "assessment") return "Check";
  if (type == "survey") return "Survey";
  if (type == "takeaways") return "Takeaways";
  return "Block";
}
}  // namespace

void PlayerApp::draw_overview() {
  const course::Course& c = *course_;
  const std::string& lang = c.default_language;
  const Palette& p = theme_.palette();
  heading(c.title.in(language_, lang), true);
  if (!c.summary.in(language_, lang).empty()) ImGui::TextWrapped("%s", c.summary.in(language_, lang).c_str());
  std::string meta = c.level + " · " + std::to_string(c.estimated_minutes) + " minutes";
  if (!c.publisher_name.empty()) meta += " · " + c.publisher_name;
  pill(meta, p.accent);
  ImGui::Dummy(ImVec2(0, 4));

  // Copies: an action below (opening a block) replaces view_ while this frame is still drawn from it.
  const json progress = view_["progress"];
  const json modules = view_["modules"];
  const int percent = progress.value("percent", 0);
  begin_card("progress-card");
  heading(view_.value("complete", false) ? "Course complete" : percent > 0 ? "Your progress" : "Ready when you are");
  progress_bar(static_cast<float>(percent) / 100.0f,
               std::to_string(progress.value("completedRequiredBlocks", 0)) + " of " +
                   std::to_string(progress.value("requiredBlocks", 0)) + " required steps done (" +
                   std::to_string(percent) + "%)");
  const std::string current = view_.contains("current") ? view_["current"].value("id", std::string()) : std::string();
  if (primary_button("continue", percent > 0 ? "Continue" : "Start the course", !current.empty(), json::array(), current)) {
    open_block(current);
  }
  same_line_if_fits("Results and mastery");
  if (secondary_button("results", "Results and mastery")) go(Screen::results);
  end_card();

  if (!c.outcomes.empty()) {
    heading("What you will be able to do");
    for (const auto& outcome : c.outcomes) {
      icon(Icon::check, p.success);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", outcome.statement.in(language_, lang).c_str());
    }
    ImGui::Dummy(ImVec2(0, 6));
  }

  heading("Modules");
  int module_number = 0;
  for (const auto& module : modules) {
    ++module_number;
    const std::string status = module.value("status", std::string());
    ImGui::PushID(module_number);
    begin_card("module-card");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%d. %s", module_number, module.value("title", std::string()).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    pill(status == "complete" ? "Complete" : status == "open" ? "Open" : "Locked",
         status == "complete" ? p.success : status == "open" ? p.accent : p.text_muted);
    std::size_t done = 0;
    for (const auto& b : module["blocks"]) done += b.value("status", std::string()) == "complete" ? 1 : 0;
    const std::size_t total = module["blocks"].size();
    progress_bar(total == 0 ? 0.0f : static_cast<float>(done) / static_cast<float>(total),
                 std::to_string(done) + " of " + std::to_string(total) + " done · about " +
                     std::to_string(module.value("estimatedMinutes", 0)) + " minutes",
                 6);
    for (const auto& b : module["blocks"]) {
      const std::string id = b.value("id", std::string());
      const std::string block_status = b.value("status", std::string());
      const std::string title = b.contains("title") ? text_of(b["title"]) : id;
      const std::string label = std::string(block_type_label(b.value("type", std::string()))) + " \u2014 " + title;
      if (status == "locked") ImGui::BeginDisabled();
      const ImVec2 row = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("        " + label + "##" + id).c_str(), id == current)) open_block(id);
      expose("block-" + id, label, {"link", status != "locked", json::array(), id});
      const ImVec2 after = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(row.x + 4, row.y));
      icon(block_status == "complete" ? Icon::check : block_status == "opened" ? Icon::dot : Icon::ring,
           block_status == "complete" ? p.success : block_status == "opened" ? p.accent : p.text_muted);
      ImGui::SetCursorScreenPos(after);
      if (status == "locked") ImGui::EndDisabled();
    }
    end_card();
    ImGui::PopID();
  }

  if (!c.credential.name.in(language_, lang).empty()) {
    heading("Credential");
    begin_card("credential-card");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", c.credential.name.in(language_, lang).c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", c.credential.criteria.in(language_, lang).c_str());
    if (c.credential.validity_months) muted("Valid for " + std::to_string(*c.credential.validity_months) + " months.");
    end_card();
  }
}

}  // namespace tessera::player
