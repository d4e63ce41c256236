// Scenario screen: the scenario engine's view (docs/runtime-api.md, `current.scenario`): the node's text,
// its choices (disabled ones shown greyed), the feedback of the choice just taken, meters as gauges with
// their history as plots, Continue on narrative and timed nodes, Back and Restart where the scenario allows
// them, and at an ending its outcome, feedback, score and level. Numbers arrive as exact strings ("105/2").
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {

struct Meter {
  std::string label;
  double value = 0;
  double min = 0;
  double max = 100;
  std::vector<float> history;
};

std::vector<Meter> meters_of(const json& list) {
  std::vector<Meter> meters;
  if (!list.is_array()) return meters;
  double low = 0;
  double high = 0;
  for (const auto& m : list) {
    if (!m.is_object() || !m.contains("value")) continue;
    Meter meter;
    meter.label = m.contains("label") && !text_of(m["label"]).empty() ? text_of(m["label"]) : m.value("variable", std::string());
    meter.value = fraction_value(m["value"]);
    for (const auto& v : m.value("history", json::array())) meter.history.push_back(static_cast<float>(fraction_value(v)));
    // A variable without declared bounds is drawn against the range its history has seen.
    low = meter.value;
    high = meter.value;
    for (const float v : meter.history) low = std::min(low, static_cast<double>(v)), high = std::max(high, static_cast<double>(v));
    meter.min = m.contains("min") && !m["min"].is_null() ? fraction_value(m["min"]) : std::min(0.0, low);
    meter.max = m.contains("max") && !m["max"].is_null() ? fraction_value(m["max"]) : std::max(high, meter.min + 1);
    meters.push_back(std::move(meter));
  }
  return meters;
}

std::string number_text(double value) {
  char text[32];
  if (value == static_cast<double>(static_cast<long long>(value))) std::snprintf(text, sizeof text, "%.0f", value);
  else std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A half-circle gauge with the value's share of [min, max] filled in, the value in its middle and the
// label under it.
void gauge(const Meter& meter, const Theme& theme, float size) {
  const Palette& p = theme.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 centre(at.x + size / 2, at.y + size / 2 + 6);
  const float radius = size / 2 - 10;
  const double span = meter.max - meter.min;
  const float share = span > 0 ? static_cast<float>(std::clamp((meter.value - meter.min) / span, 0.0, 1.0)) : 0.0f;
  constexpr float pi = 3.14159265f;
  draw->PathArcTo(centre, radius, pi, 2 * pi, 40);
  draw->PathStroke(to_u32(p.surface_alt), 0, 14);
  if (share > 0) {
    draw->PathArcTo(centre, radius, pi, pi + pi * share, 40);
    const ImVec4 colour = share < 0.3f ? p.danger : share < 0.6f ? p.warning : p.success;
    draw->PathStroke(to_u32(colour), 0, 14);
  }
  const std::string value = number_text(meter.value);
  ImGui::PushFont(theme.fonts().heading);
  const ImVec2 value_size = ImGui::CalcTextSize(value.c_str());
  draw->AddText(ImVec2(centre.x - value_size.x / 2, centre.y - value_size.y - 2), to_u32(p.text), value.c_str());
  ImGui::PopFont();
  ImGui::PushFont(theme.fonts().small);
  const std::string low = number_text(meter.min);
  const std::string high = number_text(meter.max);
  draw->AddText(ImVec2(centre.x - radius - 7, centre.y + 8), to_u32(p.text_muted), low.c_str());
  draw->AddText(ImVec2(centre.x + radius + 7 - ImGui::CalcTextSize(high.c_str()).x, centre.y + 8), to_u32(p.text_muted),
                high.c_str());
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

// The meter's value over the run's steps, as a line with a dot per step.
void history_plot(const Meter& meter, const Theme& theme, float width, float height) {
  const Palette& p = theme.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), to_u32(p.surface_alt), 8);
  const double span = meter.max - meter.min;
  const std::size_t n = meter.history.size();
  std::vector<ImVec2> points;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = at.x + 12 + (n > 1 ? (width - 24) * static_cast<float>(i) / static_cast<float>(n - 1) : (width - 24) / 2);
    const double share = span > 0 ? std::clamp((meter.history[i] - meter.min) / span, 0.0, 1.0) : 0.5;
    points.emplace_back(x, at.y + height - 10 - static_cast<float>(share) * (height - 20));
  }
  if (points.size() > 1) draw->AddPolyline(points.data(), static_cast<int>(points.size()), to_u32(p.accent), 0, 2.5f);
  for (const ImVec2& point : points) draw->AddCircleFilled(point, 4, to_u32(p.accent));
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void PlayerApp::draw_scenario(const json& current) {
  const std::string block = current.value("id", std::string());
  const Palette& p = theme_.palette();
  if (!current.contains("scenario")) {
    muted("Open this block to start the scenario.");
    const json open = {{"type", "open"}, {"block", block}};
    if (primary_button("open-scenario", "Start", allowed("open", block), json::array({open}))) act(open);
    return;
  }
  const json& s = current["scenario"];
  if (s.contains("error")) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger);
    ImGui::TextWrapped("%s", text_of(s["error"]).c_str());
    ImGui::PopStyleColor();
    return;
  }
  const bool ended = s.value("ended", false);
  std::string about = s.contains("title") ? text_of(s["title"]) + " · " : std::string();
  about += ended ? "ended" : "step " + std::to_string(s.value("step", 0) + 1);
  if (s.value("run", 1) > 1) about += " · run " + std::to_string(s.value("run", 1));
  pill(about, p.accent);
  ImGui::Dummy(ImVec2(0, 4));

  // Meters as gauges, each with its history under it, in a row that wraps.
  const auto meters = meters_of(s.value("meters", json::array()));
  if (!meters.empty()) {
    begin_card("meters");
    const float size = 180;
    const float width = ImGui::GetContentRegionAvail().x;
    float x = 0;
    for (std::size_t i = 0; i < meters.size(); ++i) {
      if (i > 0 && x + size + 24 <= width) ImGui::SameLine(0, 24); else x = 0;
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      gauge(meters[i], theme_, size);
      if (meters[i].history.size() > 1) {
        ImGui::Dummy(ImVec2(0, 2));
        history_plot(meters[i], theme_, size, 60);
        ImGui::PushFont(theme_.fonts().small);
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
        ImGui::TextUnformatted(("over " + std::to_string(meters[i].history.size()) + " steps").c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
      }
      ImGui::EndGroup();
      ImGui::PopID();
      x += size + 24;
    }
    end_card();
  }

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

  // The node's text.
  const json node = s.value("node", json::object());
  const std::string node_id = node.value("id", std::string());
  if (node.contains("text") && !text_of(node["text"]).empty()) {
    begin_card("node");
    show_markdown(block + "/" + node_id + "/" + std::to_string(s.value("run", 1)), text_of(node["text"]), "node");
    if (node.value("type", std::string()) == "timed") {
      const std::int64_t deadline = node.value("deadline", std::int64_t{0});
      if (deadline > 0 && !ended) {
        countdown("scenario-countdown", "Time to decide:", deadline, "Time is up: continue to see what happens.");
        muted("Time is judged from when you act, as recorded; the countdown is a guide.");
      } else {
        muted("You have " + std::to_string(node.value("seconds", 0)) + " seconds to decide.");
      }
    }
    end_card();
  }

  // An ending: its outcome, feedback, score and level.
  if (ended && s.contains("ending")) {
    const json& ending = s["ending"];
    begin_card("ending");
    heading(ending.contains("outcome") && !text_of(ending["outcome"]).empty() ? text_of(ending["outcome"]) : "The end");
    if (ending.contains("feedback")) {
      show_markdown(block + "/ending/" + ending.value("id", std::string()), text_of(ending["feedback"]), "ending");
    }
    ImGui::Dummy(ImVec2(0, 4));
    if (s.contains("score") && !s["score"].is_null()) {
      const double score = fraction_value(s["score"]);
      const double max = s.contains("maxScore") && !s["maxScore"].is_null() ? fraction_value(s["maxScore"]) : 0;
      progress_bar(max > 0 ? static_cast<float>(std::max(0.0, score) / max) : 0.0f,
                   "Score " + text_of(s["score"]) + (max > 0 ? " of " + text_of(s["maxScore"]) + " possible" : std::string()));
    }
    if (s.contains("level") && !s["level"].is_null()) pill("Level: " + text_of(s["level"]), p.success);
    end_card();
  }

  // Choices on this node; disabled ones are shown, greyed, and cannot be taken.
  if (!ended) {
    int n = 0;
    for (const auto& choice : s.value("choices", json::array())) {
      const std::string id = choice.value("id", std::string());
      const bool enabled = choice.value("enabled", true) && allowed("scenario-choose", block);
      ImGui::PushID(++n);
      const json action = {{"type", "scenario-choose"}, {"block", block}, {"choice", id}};
      if (button("choice-" + id, choice.contains("text") ? text_of(choice["text"]) : id, Look::choice, enabled, json::array({action}))) {
        act(action);
      }
      ImGui::PopID();
      ImGui::Dummy(ImVec2(0, 2));
    }
    if (allowed("scenario-continue", block)) {
      const bool timed = node.value("type", std::string()) == "timed";
      const json go_on = {{"type", "scenario-continue"}, {"block", block}};
      if (primary_button("scenario-continue", timed ? "Time is up \u2014 continue" : "Continue the story  \u203A", true, json::array({go_on}))) {
        act(go_on);
      }
    }
  }
  const bool can_back = allowed("scenario-back", block);
  const bool can_restart = allowed("scenario-restart", block);
  if (can_back || can_restart) {
    ImGui::Dummy(ImVec2(0, 4));
    const json back = {{"type", "scenario-back"}, {"block", block}};
    const json restart = {{"type", "scenario-restart"}, {"block", block}};
    if (can_back && secondary_button("scenario-back", "\u2039  Undo the last choice", true, json::array({back}))) act(back);
    if (can_back && can_restart) same_line_if_fits(ended ? "Play again" : "Start over");
    if (can_restart && secondary_button("scenario-restart", ended ? "Play again" : "Start over", true, json::array({restart}))) act(restart);
  }
}

}  // namespace tessera::player
