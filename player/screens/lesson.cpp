// The block screen and the reading blocks: text (Markdown), image, video, audio, case study, takeaways,
// survey and reflection; Previous / Continue at the foot of every block.
#include <imgui.h>

#include <cstring>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::draw_block() {
  // A copy: an action below replaces view_, and the screen keeps drawing this frame from what it began with.
  const json current = view_["current"];
  const json modules = view_["modules"];
  const std::string id = current.value("id", std::string());
  const std::string type = current.value("type", std::string());
  if (id != last_block_) {
    hide_media();
    last_block_ = id;
    scroll_to_top_ = true;
  }
  // Where we are: module title and the block's place in it.
  for (const auto& module : modules) {
    if (module.value("id", std::string()) != current.value("module", std::string())) continue;
    std::size_t index = 0;
    for (std::size_t i = 0; i < module["blocks"].size(); ++i) {
      if (module["blocks"][i].value("id", std::string()) == id) index = i;
    }
    muted(module.value("title", std::string()) + " · step " + std::to_string(index + 1) + " of " +
          std::to_string(module["blocks"].size()));
  }
  if (current.contains("title")) heading(text_of(current["title"]), true);

  if (type == "assessment") {
    draw_assessment(current);
  } else if (type == "scenario") {
    draw_scenario(current);
  } else if (type == "survey") {
    draw_survey(current);
  } else if (type == "reflection") {
    draw_reflection(current);
  } else {
    draw_lesson(current);
  }

  // Footer: Previous, and Continue (completing a reading block on the way).
  ImGui::Dummy(ImVec2(0, 12));
  // A rule across the reading column (ImGui's Separator spans the whole window, padding included).
  {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y), ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(0, 1));
  }
  ImGui::Dummy(ImVec2(0, 4));
  const std::string previous = view_.contains("previous") && view_["previous"].is_string() ? view_["previous"].get<std::string>() : "";
  const std::string next = view_.contains("next") && view_["next"].is_string() ? view_["next"].get<std::string>() : "";
  if (secondary_button("previous", "\u2039  Previous", !previous.empty(), json::array(), previous)) open_block(previous);
  const bool can_complete = allowed("complete", id);
  const bool next_open = !next.empty() && allowed("open", next);
  std::string label = can_complete ? (next.empty() ? "Mark as done" : "Done \u2014 continue  \u203A") : "Continue  \u203A";
  if (!next_open && !can_complete) label = next.empty() ? "Back to overview" : "Continue  \u203A";
  same_line_if_fits(label, true);
  json sends = json::array();  // what it sends now; opening the next block may follow completing this one
  if (can_complete) sends.push_back({{"type", "complete"}, {"block", id}});
  if (next_open) sends.push_back({{"type", "open"}, {"block", next}});
  if (primary_button("continue", label, can_complete || next_open || next.empty(), sends)) {
    // On to the next block when the view (after completing this one) offers it; else to the overview, unless
    // this block was just completed and the next stays closed (the learner reads why below).
    const auto onward = [this, next, can_complete] {
      if (!next.empty() && allowed("open", next)) {
        open_block(next);
      } else if (next.empty() || !can_complete) {
        go(Screen::overview);
      }
    };
    if (can_complete) {
      act({{"type", "complete"}, {"block", id}}, onward);
    } else {
      onward();
    }
  }
  if (!next.empty() && !next_open && !can_complete) {
    muted("The next step opens once this one is finished.");
  }
}

void PlayerApp::draw_lesson(const json& current) {
  const std::string id = current.value("id", std::string());
  const std::string type = current.value("type", std::string());
  const float width = ImGui::GetContentRegionAvail().x;
  if (current.contains("markdown")) {
    show_markdown(id + "/markdown", text_of(current, "markdown"), "md");
  }
  if (type == "image") {
    const std::string src = text_of(current, "src");
    const Texture& texture = textures_.get(resolve(src));
    const std::string alt = text_of(current, "alt");
    if (texture.state == Texture::State::ready) {
      float w = std::min(width, static_cast<float>(texture.width));
      float h = w * static_cast<float>(texture.height) / static_cast<float>(std::max(texture.width, 1));
      if (h > 520) {
        w *= 520 / h;
        h = 520;
      }
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture.id)), ImVec2(w, h));
      expose("image", alt);
      if (ImGui::IsItemHovered() && !alt.empty()) ImGui::SetTooltip("%s", alt.c_str());
    } else {
      begin_card("image-placeholder");
      muted(texture.state == Texture::State::loading ? "Loading the image…" : texture.error);
      end_card();
    }
    if (!alt.empty()) muted(alt);
    if (current.value("decorative", false)) muted("(decorative)");
  }
  if (type == "video" || type == "audio") {
    const std::string src = text_of(current, "src");
    const std::string captions = text_of(current, "captions");
    const float h = type == "video" ? std::min(width * 9.0f / 16.0f, 420.0f) : 64.0f;
    const float w = type == "video" ? h * 16.0f / 9.0f : width;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The browser's own media element plays it, placed over this reserved area; natively, a link. While the
    // area is scrolled under the top bar the element is taken away, so it never covers the navigation.
    const bool under_bar = at.y < ImGui::GetWindowPos().y;
    if (under_bar) hide_media();
    if (under_bar || show_media(type, resolve(src), captions.empty() ? "" : resolve(captions), at.x, at.y, w, h)) {
      ImGui::Dummy(ImVec2(width, h));
      expose("media", type + " " + src);
    } else {
      begin_card("media-link");
      ImGui::TextWrapped("%s: %s", type == "video" ? "Video" : "Audio", src.c_str());
      if (secondary_button("open-media", "Open the " + type + " file")) follow_link(src);
      if (!captions.empty()) muted("Captions: " + captions);
      end_card();
    }
    const std::string transcript = text_of(current, "transcript");
    if (!transcript.empty() && secondary_button("transcript", "Open the transcript")) follow_link(transcript);
    if (current.contains("lowBandwidth") && current["lowBandwidth"].contains("src")) {
      const std::string low = text_of(current["lowBandwidth"]["src"]);
      same_line_if_fits("Audio only (smaller)");
      if (secondary_button("low-bandwidth", "Audio only (smaller)")) follow_link(low);
    }
  }
  if (type == "case-study" && current.contains("questions") && current["questions"].is_array()) {
    heading("Think about");
    int n = 0;
    for (const auto& q : current["questions"]) {
      ++n;
      ImGui::TextWrapped("%d. %s", n, text_of(q).c_str());
    }
  }
  if (type == "takeaways" && current.contains("points") && current["points"].is_array()) {
    begin_card("takeaways");
    heading("Takeaways");
    for (const auto& point : current["points"]) {
      icon(Icon::check, theme_.palette().success);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", text_of(point).c_str());
    }
    end_card();
  }
}

void PlayerApp::draw_survey(const json& current) {
  const std::string id = current.value("id", std::string());
  const bool can_submit = allowed("submit-survey", id);
  muted("Optional: your answers help the authors improve the course.");
  json& answers = survey_answers_[id];
  auto& texts = survey_text_[id];
  const json items = current.value("items", json::array());
  if (!answers.is_object()) {
    // What the learner sent before, as the view keeps it (a resumed session shows it).
    const json saved = current.contains("saved") ? current["saved"].value("answers", json::object()) : json::object();
    answers = saved.is_object() ? saved : json::object();
    texts.assign(items.size(), std::string(2000, '\0'));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string text = text_of(answers, items[i].value("id", std::string()).c_str());
      if (items[i].value("type", std::string()) != "likert") std::strncpy(texts[i].data(), text.c_str(), texts[i].size() - 1);
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    const std::string item_id = item.value("id", std::string());
    ImGui::PushID(static_cast<int>(i));
    begin_card("survey-item");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", text_of(item.value("prompt", json())).c_str());
    ImGui::PopFont();
    if (item.value("type", std::string()) == "likert") {
      const int points = item.value("points", 5);
      for (int v = 1; v <= points; ++v) {
        const bool selected = answers.contains(item_id) && answers[item_id] == v;
        if (ImGui::RadioButton(std::to_string(v).c_str(), selected) && can_submit) answers[item_id] = v;
        expose("survey-" + item_id + "-" + std::to_string(v), std::to_string(v), {"radio", can_submit});
        ImGui::SameLine(0, 18);
      }
      ImGui::NewLine();
      muted("1 = not at all · " + std::to_string(points) + " = very");
    } else {
      std::string& buffer = texts[i];
      if (ImGui::InputTextMultiline("##text", buffer.data(), buffer.size(), ImVec2(-1, 90))) {
        const std::string value(buffer.c_str());
        if (value.empty()) answers.erase(item_id); else answers[item_id] = value;
      }
      expose("survey-" + item_id, "text", {"text-input", can_submit});
    }
    end_card();
    ImGui::PopID();
  }
  if (can_submit) {
    const json sends = {{"type", "submit-survey"}, {"block", id}};  // with the learner's answers
    if (primary_button("submit-survey", "Send answers", true, json::array({sends}))) {
      act({{"type", "submit-survey"}, {"block", id}, {"answers", answers}});
    }
  } else {
    muted("Thank you — your answers were sent.");
  }
}

void PlayerApp::draw_reflection(const json& current) {
  const std::string id = current.value("id", std::string());
  ImGui::PushFont(theme_.fonts().bold);
  ImGui::TextWrapped("%s", text_of(current, "prompt").c_str());
  ImGui::PopFont();
  muted("Your reflection stays on this device.");
  std::string& buffer = reflection_text_[id];
  if (buffer.empty()) {
    buffer.assign(8000, '\0');
    const std::string saved = current.contains("saved") ? text_of(current["saved"], "text") : std::string();  // on resume
    std::strncpy(buffer.data(), saved.c_str(), buffer.size() - 1);
  }
  ImGui::InputTextMultiline("##reflection", buffer.data(), buffer.size(), ImVec2(-1, 160));
  expose("reflection-text", "reflection", {"text-input"});
  const std::string text(buffer.c_str());
  const json sends = {{"type", "reflect"}, {"block", id}};  // with the text
  if (primary_button("save-reflection", "Save reflection", allowed("reflect", id) && !text.empty(), json::array({sends}))) {
    act({{"type", "reflect"}, {"block", id}, {"text", text}}, [this] { status_ = "Reflection saved."; });
  }
}

}  // namespace tessera::player
