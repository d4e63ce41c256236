// Course overview: what the course promises (summary, outcomes, credential), the view's progress and
// completion wording, its outline — each block's button is that block's action from the view, with its
// label, enabled state and reason — and the way back to where the learner is.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::draw_overview() {
  const course::Course& c = *course_;
  const std::string& lang = c.default_language;
  const Palette& p = theme_.palette();
  heading(view_.value("title", std::string()), true);
  if (!c.summary.in(language_, lang).empty()) ImGui::TextWrapped("%s", c.summary.in(language_, lang).c_str());
  ImGui::Dummy(ImVec2(0, 4));
  draw_welcome();

  // Copies: an action below (opening a block) replaces view_ while this frame is still drawn from it.
  const json progress = view_["progress"];
  const json completion = view_["completion"];
  const json modules = view_["modules"];
  begin_card("progress-card");
  heading(completion.value("text", std::string()));
  progress_bar(static_cast<float>(progress.value("percent", 0)) / 100.0f,
               progress.value("percentText", std::string()) + " \u00b7 " + progress.value("text", std::string()));
  if (!completion.value("waitingOn", std::string()).empty()) muted(completion.value("waitingOn", std::string()));
  muted(completion.value("earns", std::string()));
  const std::string current = current_block();
  // The block screen shows where the view says the learner is; opening it (or not) is the view's action there.
  if (own_button("continue", word("ui.resume"), "nav", !current.empty(), Look::primary, current)) go(Screen::block);
  end_card();
  draw_review_entry();  // once a module is complete: its recall cards, and a review session when some are due

  if (!c.outcomes.empty()) {
    heading(word("ui.outcomes"));
    for (const auto& outcome : c.outcomes) {
      icon(Icon::check, p.success);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", outcome.statement.in(language_, lang).c_str());
    }
    ImGui::Dummy(ImVec2(0, 6));
  }

  heading(word("ui.outline"));
  for (const auto& module : modules) {
    const std::string status = module.value("status", std::string());
    ImGui::PushID(module.value("id", std::string()).c_str());
    begin_card("module-card");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", module.value("title", std::string()).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    pill(module.value("statusText", std::string()), status == "complete" ? p.success
                                                    : status == "open"   ? p.accent
                                                                         : p.text_muted);
    // A reason shared by the module's disabled blocks (a locked module) is said once, below them, as the HTML
    // player does; a block waiting for its time keeps its countdown beside it.
    const auto said_below = [](const json& action) {
      return !action.value("enabled", true) && !action.value("reason", std::string()).empty();
    };
    std::vector<std::string> reasons;
    for (const auto& b : module["blocks"]) {
      const json action = b.value("action", json::object());
      const std::string reason = action.value("reason", std::string());
      if (said_below(action) && std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
        reasons.push_back(reason);
    }
    for (const auto& b : module["blocks"]) {
      const std::string id = b.value("id", std::string());
      const std::string block_status = b.value("status", std::string());
      icon(block_status == "complete" ? Icon::check
           : block_status == "opened" ? Icon::dot
                                      : Icon::ring,
           block_status == "complete" ? p.success
           : block_status == "opened" ? p.accent
                                      : p.text_muted);
      ImGui::SameLine();
      const json action = b.value("action", json::object());
      action_button(
          "block-" + id, action, {},
          [this, id] {
            if (current_block() == id) go(Screen::block);
          },
          std::nullopt, said_below(action));
      same_line_if_fits(b.value("statusText", std::string()));
      muted(b.value("statusText", std::string()));
    }
    for (const auto& reason : reasons) muted(reason);
    end_card();
    ImGui::PopID();
  }

  if (!c.credential.name.in(language_, lang).empty()) {
    heading(word("ui.credential"));
    begin_card("credential-card");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", c.credential.name.in(language_, lang).c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", c.credential.criteria.in(language_, lang).c_str());
    end_card();
  }
}

// The view's welcome on a first open (how the course works): its heading and one line per fact beside an accent
// rule, shown on the overview and above the first block. Exposed as one shown widget, "welcome", whose label is
// the text drawn, so tests read what the learner reads.
void PlayerApp::draw_welcome() {
  if (!session_ || !view_.contains("welcome")) return;
  const json welcome = view_["welcome"];  // a copy: the frame goes on drawing it whatever an action does
  constexpr float rule = 4, indent = 16;
  std::string said = welcome.value("heading", std::string());
  ImGui::Indent(indent);
  ImGui::BeginGroup();
  heading(said);
  for (const auto& line : welcome.value("lines", json::array())) {
    const std::string text = line.get<std::string>();
    ImGui::TextWrapped("%s", text.c_str());
    said += "\n" + text;
  }
  ImGui::EndGroup();
  ImGui::Unindent(indent);
  const ImVec2 top = ImGui::GetItemRectMin();
  const ImVec2 bottom = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x - indent, top.y), ImVec2(top.x - indent + rule, bottom.y),
                                            to_u32(theme_.palette().accent), 2.0f);
  expose("welcome", said, {});
  ImGui::Dummy(ImVec2(0, 8));
}

}  // namespace tessera::player
