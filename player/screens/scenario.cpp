// Scenario screen: renders whatever the scenario engine puts in the view, generically, so new fields
// show up without a player change: narrative (Markdown), choices (any allowed action on this block that
// is not open/complete), meters as gauges, variable history as plots, an ending with its feedback.
// Each part is its own function; extend here as the engine's view grows.
//
// Read from view.current (first found): "scenario" when it is an object, else "simulation", else the
// block itself. Inside: narrative|markdown|text, choices[{id, text}], meters (object name → number, or
// [{id, label, value, min, max}]), history (object name → [numbers]), ending {title, feedback|markdown}.
#include <imgui.h>

#include <vector>

#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {

struct Meter {
  std::string label;
  double value = 0;
  double min = 0;
  double max = 100;
};

std::vector<Meter> meters_of(const json& source) {
  std::vector<Meter> meters;
  if (source.is_object()) {
    for (const auto& [name, value] : source.items()) {
      if (value.is_number()) meters.push_back({name, value.get<double>(), 0, 100});
      if (value.is_object() && value.contains("value")) {
        meters.push_back({value.contains("label") ? text_of(value["label"]) : name, value["value"].get<double>(),
                          value.value("min", 0.0), value.value("max", 100.0)});
      }
    }
  } else if (source.is_array()) {
    for (const auto& m : source) {
      if (!m.is_object() || !m.contains("value") || !m["value"].is_number()) continue;
      meters.push_back({m.contains("label") ? text_of(m["label"]) : m.value("id", std::string()), m["value"].get<double>(),
                        m.value("min", 0.0), m.value("max", 100.0)});
    }
  }
  return meters;
}

// A half-circle gauge with the value's share of [min, max] filled in.
void gauge(const Meter& meter, const Theme& theme, float size) {
  const Palette& p = theme.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 centre(at.x + size / 2, at.y + size / 2 + 6);
  const float radius = size / 2 - 8;
  const double span = meter.max - meter.min;
  const float share = span > 0 ? static_cast<float>(std::clamp((meter.value - meter.min) / span, 0.0, 1.0)) : 0.0f;
  constexpr float pi = 3.14159265f;
  draw->PathArcTo(centre, radius, pi, 2 * pi, 32);
  draw->PathStroke(to_u32(p.surface_alt), 0, 12);
  if (share > 0) {
    draw->PathArcTo(centre, radius, pi, pi + pi * share, 32);
    const ImVec4 colour = share < 0.3f ? p.danger : share < 0.6f ? p.warning : p.success;
    draw->PathStroke(to_u32(colour), 0, 12);
  }
  char value[32];
  std::snprintf(value, sizeof value, "%.0f", meter.value);
  ImGui::PushFont(theme.fonts().heading);
  const ImVec2 value_size = ImGui::CalcTextSize(value);
  draw->AddText(ImVec2(centre.x - value_size.x / 2, centre.y - value_size.y), to_u32(p.text), value);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(size, size / 2 + 14));
  const ImVec2 label_size = ImGui::CalcTextSize(meter.label.c_str());
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (size - label_size.x) / 2));
  ImGui::TextUnformatted(meter.label.c_str());
}

}  // namespace

void PlayerApp::draw_scenario(const json& current) {
  const std::string block = current.value("id", std::string());
  const json& s = current.contains("scenario") && current["scenario"].is_object() ? current["scenario"]
                  : current.contains("simulation") && current["simulation"].is_object() ? current["simulation"]
                                                                                         : current;
  bool shown = false;

  // Meters as gauges, in a row that wraps.
  const auto meters = meters_of(s.contains("meters") ? s["meters"] : s.value("variables", json()));
  if (!meters.empty()) {
    begin_card("meters");
    const float size = 150;
    const float width = ImGui::GetContentRegionAvail().x;
    float x = 0;
    for (std::size_t i = 0; i < meters.size(); ++i) {
      if (i > 0 && x + size + 16 <= width) ImGui::SameLine(0, 16); else x = 0;
      ImGui::BeginGroup();
      gauge(meters[i], theme_, size);
      ImGui::EndGroup();
      x += size + 16;
    }
    end_card();
    shown = true;
  }

  // Narrative.
  for (const char* key : {"narrative", "markdown", "text"}) {
    if (s.contains(key) && (s[key].is_string() || s[key].is_object())) {
      follow_link(draw_markdown(markdown(block + "/" + s.value("node", std::string()) + "/" + key, text_of(s[key])), theme_, key));
      shown = true;
      break;
    }
  }

  // Variable history as plots.
  if (s.contains("history") && s["history"].is_object()) {
    begin_card("history");
    heading("How things changed");
    for (const auto& [name, values] : s["history"].items()) {
      if (!values.is_array() || values.empty()) continue;
      std::vector<float> points;
      float low = 0;
      float high = 0;
      for (const auto& v : values) {
        const float f = v.is_number() ? v.get<float>() : 0.0f;
        if (points.empty() || f < low) low = f;
        if (points.empty() || f > high) high = f;
        points.push_back(f);
      }
      ImGui::PlotLines(("##" + name).c_str(), points.data(), static_cast<int>(points.size()), 0, name.c_str(),
                       low - 1, high + 1, ImVec2(ImGui::GetContentRegionAvail().x, 90));
    }
    end_card();
    shown = true;
  }

  // An ending with its feedback.
  if (s.contains("ending") && s["ending"].is_object()) {
    const json& ending = s["ending"];
    begin_card("ending");
    heading(ending.contains("title") ? text_of(ending["title"]) : "The end");
    for (const char* key : {"feedback", "markdown", "text"}) {
      if (ending.contains(key)) {
        follow_link(draw_markdown(markdown(block + "/ending/" + key, text_of(ending[key])), theme_, "ending"));
        break;
      }
    }
    end_card();
    shown = true;
  }

  // Choices: every action the runtime allows on this block, beyond open and complete, with the choice's id.
  std::string choice_action;
  for (const auto& action : view_.value("actions", json::array())) {
    const std::string type = action.value("type", std::string());
    if (action.value("block", std::string()) == block && type != "open" && type != "complete") choice_action = type;
  }
  if (s.contains("choices") && s["choices"].is_array()) {
    shown = true;
    for (const auto& choice : s["choices"]) {
      const std::string id = choice.value("id", std::string());
      const std::string label = choice.contains("text") ? text_of(choice["text"]) : id;
      if (secondary_button("choice-" + id, label, !choice_action.empty())) {
        act({{"type", choice_action}, {"block", block}, {"choice", id}});
      }
    }
  }

  if (!shown) {
    begin_card("scenario-pending");
    heading("Scenario");
    const std::string scenario_id = current.value("scenario", std::string());
    std::size_t nodes = 0;
    for (const auto& definition : course_->scenarios) {
      if (definition.value("id", std::string()) == scenario_id && definition.contains("nodes")) nodes = definition["nodes"].size();
    }
    ImGui::TextWrapped("Scenario \"%s\" (%zu steps).", scenario_id.c_str(), nodes);
    muted("This runtime cannot play scenarios yet: the scenario engine has not landed. The block stays open and "
          "the rest of the course can be played.");
    end_card();
  }
}

}  // namespace tessera::player
