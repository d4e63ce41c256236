// Scenario screen: the view's `current.scenario` (docs/runtime-api.md): the node's text, the feedback of the
// choice just taken, meters as gauges at the view's positions with their history as plots (the value as the
// view words it: numbers are never parsed here), the choices as the view's scenario-choose actions (a
// disabled one with its reason), continue, back and restart as the view offers them, and at an ending its
// outcome, feedback, score and level in the view's words.
#include <imgui.h>

#include <algorithm>
#include <vector>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {

struct Meter {
  std::string label;
  std::string value;   // as the learner reads it
  float position = 0;  // of the value between min and max, 0…1
  std::vector<float> history;
};

std::vector<Meter> meters_of(const json& list) {
  std::vector<Meter> meters;
  if (!list.is_array()) return meters;
  for (const auto& m : list) {
    if (!m.is_object()) continue;
    Meter meter;
    meter.label =
        m.contains("label") && !text_of(m["label"]).empty() ? text_of(m["label"]) : m.value("variable", std::string());
    meter.value = m.value("valueText", std::string());
    meter.position = m.value("position", 0.0f);
    for (const auto& v : m.value("historyPositions", json::array())) meter.history.push_back(v.get<float>());
    meters.push_back(std::move(meter));
  }
  return meters;
}

// A half-circle gauge with the value's position filled in, the value in its middle and the label under it.
void gauge(const Meter& meter, const Theme& theme, float size) {
  const Palette& p = theme.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 centre(at.x + size / 2, at.y + size / 2 + 6);
  const float radius = size / 2 - 10;
  const float share = std::clamp(meter.position, 0.0f, 1.0f);
  constexpr float pi = 3.14159265f;
  draw->PathArcTo(centre, radius, pi, 2 * pi, 40);
  draw->PathStroke(to_u32(p.surface_alt), 0, 14);
  if (share > 0) {
    draw->PathArcTo(centre, radius, pi, pi + pi * share, 40);
    draw->PathStroke(to_u32(p.accent), 0, 14);
  }
  ImGui::PushFont(theme.fonts().heading);
  const ImVec2 value_size = ImGui::CalcTextSize(meter.value.c_str());
  draw->AddText(ImVec2(centre.x - value_size.x / 2, centre.y - value_size.y - 2), to_u32(p.text), meter.value.c_str());
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(size, size / 2 + 30));
  ImGui::PushFont(theme.fonts().bold);
  const ImVec2 label_size = ImGui::CalcTextSize(meter.label.c_str(), nullptr, false, size);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (size - label_size.x) / 2));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size);
  ImGui::TextUnformatted(meter.label.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

// The meter's positions over the run's steps, as a line with a dot per step.
void history_plot(const Meter& meter, const Theme& theme, float width, float height) {
  const Palette& p = theme.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), to_u32(p.surface_alt), 8);
  const std::size_t n = meter.history.size();
  std::vector<ImVec2> points;
  for (std::size_t i = 0; i < n; ++i) {
    const float x =
        at.x + 12 + (n > 1 ? (width - 24) * static_cast<float>(i) / static_cast<float>(n - 1) : (width - 24) / 2);
    points.emplace_back(x, at.y + height - 10 - std::clamp(meter.history[i], 0.0f, 1.0f) * (height - 20));
  }
  if (points.size() > 1) draw->AddPolyline(points.data(), static_cast<int>(points.size()), to_u32(p.accent), 0, 2.5f);
  for (const ImVec2& point : points) draw->AddCircleFilled(point, 4, to_u32(p.accent));
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void PlayerApp::draw_scenario(const json& current) {
  const std::string block = current.value("id", std::string());
  const Palette& p = theme_.palette();
  if (!current.contains("scenario")) return;
  const json& s = current["scenario"];
  if (s.contains("error")) {
    muted(word("ui.scenario-error"));
    return;
  }
  const bool ended = s.value("ended", false);
  if (s.contains("title")) pill(text_of(s["title"]), p.accent);
  ImGui::Dummy(ImVec2(0, 4));

  // What the last choice led to.
  if (s.contains("feedback") && !text_of(s["feedback"]).empty()) {
    const std::string feedback = text_of(s["feedback"]);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(feedback.c_str(), nullptr, false, width - 40);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + size.y + 24),
                                              to_u32(ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.10f)), 8);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 5, at.y + size.y + 24), to_u32(p.accent), 3);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 20, at.y + 12));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 40);
    ImGui::TextUnformatted(feedback.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size.y + 36));
  }

  // The node's text and picture (the view's `media` with type "image"; the HTML player draws it too).
  const json node = s.value("node", json::object());
  const std::string node_id = node.value("id", std::string());
  if (node.contains("text") && !text_of(node["text"]).empty()) {
    begin_card("node");
    show_markdown(block + "/" + node_id + "/" + std::to_string(s.value("run", 1)), text_of(node["text"]), "node");
    end_card();
  }
  const json media = node.value("media", json::object());
  if (media.is_object() && media.value("type", std::string()) == "image" && !text_of(media, "src").empty()) {
    draw_image(text_of(media, "src"), text_of(media, "alt"));
    if (!text_of(media, "caption").empty()) muted(text_of(media, "caption"));
  }

  // Meters as gauges, each with its history under it, in a row that wraps.
  const auto meters = meters_of(s.value("meters", json::array()));
  if (!meters.empty()) {
    heading(word("ui.scenario-meters"));
    begin_card("meters");
    const float size = 180;
    const float width = ImGui::GetContentRegionAvail().x;
    float x = 0;
    for (std::size_t i = 0; i < meters.size(); ++i) {
      if (i > 0 && x + size + 24 <= width)
        ImGui::SameLine(0, 24);
      else
        x = 0;
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      gauge(meters[i], theme_, size);
      if (meters[i].history.size() > 1) {
        ImGui::Dummy(ImVec2(0, 2));
        history_plot(meters[i], theme_, size, 60);
      }
      ImGui::EndGroup();
      ImGui::PopID();
      x += size + 24;
    }
    end_card();
  }

  // An ending: its outcome, feedback, score and level.
  if (ended && s.contains("ending")) {
    const json& ending = s["ending"];
    begin_card("ending");
    heading(text_of(ending, "outcome").empty() ? ending.value("id", std::string()) : text_of(ending, "outcome"));
    if (ending.contains("feedback")) {
      show_markdown(block + "/ending/" + ending.value("id", std::string()), text_of(ending["feedback"]), "ending");
    }
    if (s.contains("score") && !s["score"].is_null()) {
      muted(word("ui.scenario-score", {{"score", text_of(s["score"])}, {"max", text_of(s, "maxScore")}}));
    }
    if (s.contains("level") && !s["level"].is_null())
      pill(word("ui.scenario-level", {{"level", text_of(s["level"])}}), p.success);
    end_card();
  }

  // The choices on this node, as the view's actions: a disabled one is shown with its reason.
  const auto in_block = [&](const json& a, std::initializer_list<const char*> types) {
    if (a.value("block", std::string()) != block) return false;
    for (const char* type : types) {
      if (a.value("type", std::string()) == type) return true;
    }
    return false;
  };
  for (const auto& choice : take_actions([&](const json& a) { return in_block(a, {"scenario-choose"}); })) {
    action_button(action_id(choice), choice, {}, {}, Look::choice);
    ImGui::Dummy(ImVec2(0, 2));
  }
  bool first = true;
  for (const auto& step : take_actions([&](const json& a) {
         return in_block(a, {"scenario-continue", "scenario-back", "scenario-restart"});
       })) {
    if (!first) same_line_if_fits(step.value("label", std::string()), step.value("primary", false));
    first = false;
    action_button(action_id(step), step);
  }
}

}  // namespace tessera::player
