// Assessment screen: attempts (start, answer, submit), every item type of docs/scoring.md with hints and
// certainty, and each item's result as the view gives it (attempt.results: at once in a practice check,
// after submitting otherwise). Nothing here scores: the runtime does.
// Ordering and matching work by dragging and by keyboard (move up/down, pick a target from a list);
// hotspots by click or tap, or by arrow keys and Enter on the focused image.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {

void ensure_buffers(ItemDraft& draft, std::size_t count, std::size_t size = 512) {
  if (draft.text_buffers.size() < count) draft.text_buffers.resize(count, std::string(size, '\0'));
}

// A row that takes the click: an item `width` wide, as tall as `text` wrapped after `text_x` (with `pad`
// above and below, at least `min_height`), with the text and the keyboard focus ring drawn — ImGui's own
// radio buttons, check boxes and selectables draw their label on one line, past a phone's edge. `id` is
// the item's id; `shaded` tints the row while hovered or held.
struct Row {
  bool pressed;
  bool hovered;
  bool held;
  ImVec2 at;
};
Row wrapped_row(const char* id, const std::string& text, float width, float text_x, float pad, float min_height,
                bool shaded) {
  const float wrap = width - text_x - 8;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float height = std::max(min_height, ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + 2 * pad);
  Row row{ImGui::InvisibleButton(id, ImVec2(width, height)), ImGui::IsItemHovered(), ImGui::IsItemActive(), at};
  const ImRect rect(at, ImVec2(at.x + width, at.y + height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (shaded && (row.hovered || row.held)) {
    draw->AddRectFilled(rect.Min, rect.Max, ImGui::GetColorU32(row.held ? ImGuiCol_HeaderActive : ImGuiCol_HeaderHovered),
                        ImGui::GetStyle().FrameRounding);
  }
  ImGui::RenderNavHighlight(rect, ImGui::GetItemID());
  draw->AddText(nullptr, 0.0f, ImVec2(at.x + text_x, at.y + pad), ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, wrap);
  return row;
}

// The box of an option row: its size, and the space before the label.
float option_box() { return ImGui::GetFontSize() + 12; }  // as tall as a frame with 6 px padding
float option_text_x() { return option_box() + ImGui::GetStyle().ItemInnerSpacing.x + 4; }
// How wide an inline option row is (see option_row).
float inline_option_width(const std::string& text) { return option_text_x() + ImGui::CalcTextSize(text.c_str()).x + 8; }

// A radio button (or a check box when `multiple`) whose label wraps within the column, so long options stay
// readable on a phone; the whole row takes the click. An `inline_option` is only as wide as its label, for
// short options side by side (True / False, certainty).
bool option_row(const std::string& label, bool selected, bool multiple, bool inline_option = false) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string shown = label.substr(0, label.find("##"));  // "text##id": the id is not shown
  const float box = option_box();
  const float width = inline_option ? inline_option_width(shown) : std::max(ImGui::GetContentRegionAvail().x, option_text_x() + 40);
  // The label is the id, as ImGui's radio buttons have it.
  const Row row = wrapped_row(label.c_str(), shown, width, option_text_x(), 6, box, false);
  const ImVec2 at = row.at;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 frame = ImGui::GetColorU32(row.held ? ImGuiCol_FrameBgActive : row.hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg);
  const ImU32 mark = ImGui::GetColorU32(ImGuiCol_CheckMark);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  if (multiple) {
    draw->AddRectFilled(at, ImVec2(at.x + box, at.y + box), frame, style.FrameRounding);
    draw->AddRect(at, ImVec2(at.x + box, at.y + box), border, style.FrameRounding);
    if (selected) {
      const float pad = box / 4;
      draw->PathLineTo(ImVec2(at.x + pad, at.y + box * 0.52f));
      draw->PathLineTo(ImVec2(at.x + box * 0.42f, at.y + box - pad * 1.1f));
      draw->PathLineTo(ImVec2(at.x + box - pad, at.y + pad));
      draw->PathStroke(mark, 0, box / 8);
    }
  } else {
    const ImVec2 centre(at.x + box / 2, at.y + box / 2);
    draw->AddCircleFilled(centre, box / 2, frame, 24);
    draw->AddCircle(centre, box / 2, border, 24);
    if (selected) draw->AddCircleFilled(centre, box / 2 - 5, mark, 24);
  }
  return row.pressed;
}

}  // namespace

void PlayerApp::draw_assessment(const json& current) {
  const std::string block = current.value("id", std::string());
  const Palette& p = theme_.palette();
  if (!current.contains("assessment")) {
    muted("Open this block to see the check.");
    const json open = {{"type", "open"}, {"block", block}};
    if (primary_button("open-assessment", "Open", allowed("open", block), json::array({open}))) act(open);
    return;
  }
  const json& a = current["assessment"];
  const std::string kind = a.value("kind", std::string());
  std::string about = kind == "summative" ? "Final check" : kind == "pre" ? "Pre-test" : "Practice check";
  if (a.contains("passMark")) about += " · pass mark " + std::to_string(static_cast<int>(fraction_value(a["passMark"]) * 100 + 0.5)) + "%";
  about += " · attempts taken " + std::to_string(a.value("attemptsTaken", 0));
  if (a.contains("attemptsLeft")) about += ", left " + std::to_string(a.value("attemptsLeft", 0));
  pill(about, p.accent);
  ImGui::Dummy(ImVec2(0, 4));

  const bool open_attempt = a.contains("attempt") && !a["attempt"].value("submitted", true);
  if (open_attempt) {
    const json& attempt = a["attempt"];
    const json& items = attempt["items"];
    if (attempt.contains("endsAt") && attempt["endsAt"].is_number()) {
      countdown("attempt-countdown", "Time left:", attempt["endsAt"].get<std::int64_t>(),
                "Time is up: answers now are not counted. Submit what you have.");
    }
    std::set<std::string> answered;
    for (const auto& id : attempt.value("answered", json::array())) answered.insert(id.get<std::string>());
    // A practice check's results come at once, for each saved answer.
    const json results = attempt.value("results", json::object());
    int n = 0;
    for (const auto& item : items) {
      ++n;
      const std::string item_id = item.value("id", std::string());
      ImGui::PushID(n);
      begin_card("item");
      muted("Question " + std::to_string(n) + " of " + std::to_string(items.size()) +
            (answered.count(item_id) ? " · answer saved" : ""));
      draw_item(item, block, true);
      if (results.contains(item_id)) draw_item_result(results[item_id]);
      end_card();
      ImGui::PopID();
    }
    const std::size_t unanswered = items.size() - std::min(items.size(), answered.size());
    if (unanswered > 0) muted(std::to_string(unanswered) + " question(s) without a saved answer count as wrong.");
    const json submit = {{"type", "submit-attempt"}, {"block", block}};
    if (primary_button("submit-attempt", "Submit answers", allowed("submit-attempt", block), json::array({submit}))) {
      act(submit, [this] { scroll_to_top_ = true; });
    }
    return;
  }

  if (a.contains("attempt")) {
    const json& attempt = a["attempt"];
    const bool passed = attempt.value("passed", false);
    begin_card("attempt-result");
    heading(std::string("Attempt ") + std::to_string(attempt.value("number", 0)) + ": " +
            (passed ? "passed" : kind == "summative" ? "not passed yet" : "done"));
    const double score = fraction_value(attempt.value("score", json("0")));
    const double max = fraction_value(attempt.value("max", json("0")));
    progress_bar(max > 0 ? static_cast<float>(std::max(0.0, score) / max) : 0.0f,
                 "Score " + text_of(attempt.value("score", json("0"))) + " of " + text_of(attempt.value("max", json("0"))));
    end_card();
    const json results = attempt.value("results", json::object());
    int n = 0;
    for (const auto& item : attempt["items"]) {
      ++n;
      ImGui::PushID(n);
      begin_card("review");
      ImGui::PushFont(theme_.fonts().bold);
      ImGui::TextWrapped("%s", text_of(item, "prompt").c_str());
      ImGui::PopFont();
      const std::string item_id = item.value("id", std::string());
      if (results.contains(item_id)) draw_item_result(results[item_id]);
      end_card();
      ImGui::PopID();
    }
  } else {
    muted("Answer every question, then submit. Hints are there when you need them; each one may cost part of the mark.");
  }
  // While the wait between attempts runs (the runtime refuses an earlier start).
  const bool passed_last = a.contains("attempt") && a["attempt"].value("passed", false);
  if (a.contains("nextAttemptAt") && a["nextAttemptAt"].is_number() && a["nextAttemptAt"].get<std::int64_t>() > now_ms() &&
      a.value("attemptsLeft", 1) > 0 && !passed_last) {
    countdown("next-attempt-countdown", "Next attempt possible in", a["nextAttemptAt"].get<std::int64_t>(),
              "You can try again now.");
  }
  if (allowed("start-attempt", block)) {
    const json start = {{"type", "start-attempt"}, {"block", block}};
    if (primary_button("start-attempt", a.contains("attempt") ? "Try again" : "Start", true, json::array({start}))) {
      act(start, [this, block] {
        for (auto it = drafts_.begin(); it != drafts_.end();) {
          it = it->first.rfind(block + "/", 0) == 0 ? drafts_.erase(it) : std::next(it);
        }
      });
    }
  }
}

void PlayerApp::draw_item(const json& item, const std::string& block_id, bool open_attempt) {
  const Palette& p = theme_.palette();
  const std::string id = item.value("id", std::string());
  const std::string type = item.value("type", std::string());
  const std::string key = block_id + "/" + id;
  ItemDraft& draft = drafts_[key];
  const std::string widget = "item-" + id;
  bool changed = false;

  ImGui::PushFont(theme_.fonts().bold);
  ImGui::TextWrapped("%s", text_of(item, "prompt").c_str());
  ImGui::PopFont();

  if (type == "single-choice" || type == "multiple-response" || type == "likert") {
    const bool multiple = type == "multiple-response";
    const json& options = item.value(type == "likert" ? "scale" : "choices", json::array());
    if (multiple && !draft.answer.is_array()) draft.answer = json::array();
    for (const auto& option : options) {
      const std::string option_id = option.value("id", std::string());
      bool selected = multiple ? std::find(draft.answer.begin(), draft.answer.end(), option_id) != draft.answer.end()
                               : draft.answer == option_id;
      const std::string label = text_of(option, "text") + "##" + option_id;
      if (option_row(label, selected, multiple)) {
        if (multiple) {
          if (selected) {
            draft.answer.erase(std::remove(draft.answer.begin(), draft.answer.end(), json(option_id)), draft.answer.end());
          } else {
            draft.answer.push_back(option_id);
          }
        } else {
          draft.answer = option_id;
        }
        changed = true;
      }
      expose(widget + "-" + option_id, text_of(option, "text"), {multiple ? "checkbox" : "radio"});
    }
  } else if (type == "true-false") {
    if (option_row("True", draft.answer == true, false, true)) draft.answer = true, changed = true;
    expose(widget + "-true", "True", {"radio"});
    ImGui::SameLine(0, 24);
    if (option_row("False", draft.answer == false, false, true)) draft.answer = false, changed = true;
    expose(widget + "-false", "False", {"radio"});
  } else if (type == "numeric" || type == "short-text") {
    ensure_buffers(draft, 1);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 360.0f));
    if (ImGui::InputText("##answer", draft.text_buffers[0].data(), draft.text_buffers[0].size())) {
      draft.answer = std::string(draft.text_buffers[0].c_str());
      changed = true;
    }
    expose(widget + "-text", "answer", {"text-input"});
    if (type == "numeric" && item.contains("unit")) {
      ImGui::SameLine();
      muted("in " + text_of(item, "unit"));
    }
  } else if (type == "fill-blanks") {
    const json& gaps = item.value("gaps", json::array());
    ensure_buffers(draft, gaps.size());
    if (!draft.answer.is_array() || draft.answer.size() != gaps.size()) draft.answer = json::array();
    for (std::size_t g = 0; g < gaps.size(); ++g) {
      ImGui::PushID(static_cast<int>(g));
      const std::string label = gaps[g].is_object() && gaps[g].contains("label") ? text_of(gaps[g]["label"]) : "Gap " + std::to_string(g + 1);
      ImGui::TextUnformatted(label.c_str());
      ImGui::SameLine(120);
      ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 320.0f));
      if (ImGui::InputText("##gap", draft.text_buffers[g].data(), draft.text_buffers[g].size())) changed = true;
      expose(widget + "-gap-" + std::to_string(g), label, {"text-input"});
      ImGui::PopID();
    }
    if (changed) {
      json answer = json::array();
      for (std::size_t g = 0; g < gaps.size(); ++g) {
        const std::string value(draft.text_buffers[g].c_str());
        answer.push_back(value.empty() ? json() : json(value));
      }
      draft.answer = std::move(answer);
    }
  } else if (type == "ordering") {
    const json& options = item.value("options", json::array());
    if (!draft.answer.is_array() || draft.answer.size() != options.size()) {
      draft.answer = json::array();
      for (const auto& option : options) draft.answer.push_back(option.value("id", std::string()));
    }
    muted("Drag the rows into order, or use the arrows.");
    auto text_for = [&](const std::string& option_id) {
      for (const auto& option : options) {
        if (option.value("id", std::string()) == option_id) return text_of(option, "text");
      }
      return option_id;
    };
    for (std::size_t r = 0; r < draft.answer.size(); ++r) {
      const std::string option_id = draft.answer[r].get<std::string>();
      ImGui::PushID(static_cast<int>(r));
      if (secondary_button(widget + "-up-" + option_id, "Up", r > 0)) {
        std::swap(draft.answer[r], draft.answer[r - 1]);
        changed = true;
      }
      ImGui::SameLine(0, 4);
      if (secondary_button(widget + "-down-" + option_id, "Down", r + 1 < draft.answer.size())) {
        std::swap(draft.answer[r], draft.answer[r + 1]);
        changed = true;
      }
      ImGui::SameLine();
      // The row's text wraps in the space left, so a long option stays whole on a phone.
      const std::string label = std::to_string(r + 1) + ".  " + text_for(option_id);
      wrapped_row("row", label, std::max(ImGui::GetContentRegionAvail().x, 80.0f), 8, 5, ImGui::GetFrameHeight(), true);
      expose(widget + "-row-" + option_id, label, {"draggable"});  // with its position, as a learner reads it
      if (ImGui::BeginDragDropSource()) {
        const int from = static_cast<int>(r);
        ImGui::SetDragDropPayload("tessera-order", &from, sizeof from);
        ImGui::TextUnformatted(text_for(option_id).c_str());
        ImGui::EndDragDropSource();
      }
      if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("tessera-order")) {
          const int from = *static_cast<const int*>(payload->Data);
          json moved = draft.answer[static_cast<std::size_t>(from)];
          draft.answer.erase(draft.answer.begin() + from);
          draft.answer.insert(draft.answer.begin() + static_cast<long>(r), moved);
          changed = true;
        }
        ImGui::EndDragDropTarget();
      }
      ImGui::PopID();
    }
  } else if (type == "matching") {
    const json& premises = item.value("premises", json::array());
    const json& targets = item.value("targets", json::array());
    if (!draft.answer.is_object()) draft.answer = json::object();
    muted("Drag a target onto its match, or choose it from the list.");
    // The targets to drag.
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const std::string target_id = targets[t].value("id", std::string());
      ImGui::PushID(static_cast<int>(t));
      secondary_button(widget + "-target-" + target_id, text_of(targets[t], "text"));  // dragged, not pressed
      if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload("tessera-target", target_id.c_str(), target_id.size() + 1);
        ImGui::TextUnformatted(text_of(targets[t], "text").c_str());
        ImGui::EndDragDropSource();
      }
      ImGui::PopID();
      if (t + 1 < targets.size()) same_line_if_fits(text_of(targets[t + 1], "text"));
    }
    ImGui::Dummy(ImVec2(0, 4));
    for (std::size_t r = 0; r < premises.size(); ++r) {
      const std::string premise_id = premises[r].value("id", std::string());
      ImGui::PushID(static_cast<int>(r) + 1000);
      ImGui::TextWrapped("%s", text_of(premises[r], "text").c_str());
      std::string chosen = "Choose…";
      const std::string current_target = draft.answer.contains(premise_id) && draft.answer[premise_id].is_string()
                                             ? draft.answer[premise_id].get<std::string>() : "";
      for (const auto& target : targets) {
        if (target.value("id", std::string()) == current_target) chosen = text_of(target, "text");
      }
      ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420.0f));
      if (ImGui::BeginCombo("##target", chosen.c_str())) {
        for (const auto& target : targets) {
          const std::string target_id = target.value("id", std::string());
          if (ImGui::Selectable(text_of(target, "text").c_str(), target_id == current_target)) {
            draft.answer[premise_id] = target_id;
            changed = true;
          }
          expose(widget + "-option-" + premise_id + "-" + target_id, text_of(target, "text"), {"option"});
        }
        ImGui::EndCombo();
      }
      expose(widget + "-premise-" + premise_id, text_of(premises[r], "text"), {"select"});
      if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("tessera-target")) {
          draft.answer[premise_id] = std::string(static_cast<const char*>(payload->Data));
          changed = true;
        }
        ImGui::EndDragDropTarget();
      }
      ImGui::PopID();
    }
  } else if (type == "hotspot") {
    const json image = item.value("image", json());
    const std::string src = image.is_string() ? image.get<std::string>() : text_of(image, "src");
    const Texture& texture = textures_.get(resolve(src));
    if (texture.state != Texture::State::ready) {
      muted(texture.state == Texture::State::loading ? "Loading the image…" : texture.error);
    } else {
      muted("Click or tap the spot — or focus the image and use the arrow keys, then Enter.");
      // Wide enough to read, and short enough to be seen whole in the window (a phone held sideways).
      float w = std::min(ImGui::GetContentRegionAvail().x, static_cast<float>(texture.width));
      const float fit_height = screen_height_ - 2 * ImGui::GetFrameHeightWithSpacing();
      if (fit_height > 120 && static_cast<float>(texture.height) * w / static_cast<float>(texture.width) > fit_height) {
        w = static_cast<float>(texture.width) * fit_height / static_cast<float>(texture.height);
      }
      const float scale = w / static_cast<float>(texture.width);
      const float h = static_cast<float>(texture.height) * scale;
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture.id)), ImVec2(w, h));
      ImGui::SetCursorScreenPos(at);
      const bool clicked = ImGui::InvisibleButton("hotspot", ImVec2(w, h));
      expose(widget + "-image", image.is_object() ? text_of(image, "alt") : "image", {"image-map"});
      if (draft.cursor_x < 0) {
        draft.cursor_x = texture.width / 2;
        draft.cursor_y = texture.height / 2;
      }
      if (clicked) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        draft.cursor_x = static_cast<int>((mouse.x - at.x) / scale);
        draft.cursor_y = static_cast<int>((mouse.y - at.y) / scale);
        draft.answer = {{"x", draft.cursor_x}, {"y", draft.cursor_y}};
        changed = true;
      }
      if (ImGui::IsItemFocused()) {
        const int step = ImGui::GetIO().KeyShift ? 1 : 10;
        auto pressed = [](ImGuiKey wanted) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(wanted)); };
        if (pressed(ImGuiKey_LeftArrow)) draft.cursor_x = std::max(0, draft.cursor_x - step);
        if (pressed(ImGuiKey_RightArrow)) draft.cursor_x = std::min(texture.width - 1, draft.cursor_x + step);
        if (pressed(ImGuiKey_UpArrow)) draft.cursor_y = std::max(0, draft.cursor_y - step);
        if (pressed(ImGuiKey_DownArrow)) draft.cursor_y = std::min(texture.height - 1, draft.cursor_y + step);
        if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
          draft.answer = {{"x", draft.cursor_x}, {"y", draft.cursor_y}};
          changed = true;
        }
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 c(at.x + static_cast<float>(draft.cursor_x) * scale, at.y + static_cast<float>(draft.cursor_y) * scale);
        draw->AddLine(ImVec2(c.x - 14, c.y), ImVec2(c.x + 14, c.y), to_u32(p.accent), 2);
        draw->AddLine(ImVec2(c.x, c.y - 14), ImVec2(c.x, c.y + 14), to_u32(p.accent), 2);
      }
      if (draft.answer.is_object()) {
        const ImVec2 c(at.x + draft.answer["x"].get<float>() * scale, at.y + draft.answer["y"].get<float>() * scale);
        ImGui::GetWindowDrawList()->AddCircleFilled(c, 9, to_u32(p.accent));
        ImGui::GetWindowDrawList()->AddCircle(c, 11, IM_COL32(255, 255, 255, 255), 0, 2);
      }
    }
  } else if (type == "free-text" || type == "reflection") {
    ensure_buffers(draft, 1, 4000);
    if (ImGui::InputTextMultiline("##text", draft.text_buffers[0].data(), draft.text_buffers[0].size(), ImVec2(-1, 120))) {
      const std::string value(draft.text_buffers[0].c_str());
      draft.answer = value.empty() ? json() : json(value);
      changed = true;
    }
    expose(widget + "-text", "answer", {"text-input"});
  } else {
    muted("This question type (" + type + ") is not known to this player.");
  }

  if (item.value("certainty", false)) {
    muted("How sure are you?");
    const char* levels[] = {"Not sure", "Fairly sure", "Very sure"};
    for (int c = 1; c <= 3; ++c) {
      if (option_row(levels[c - 1], draft.certainty == c, false, true)) draft.certainty = c, changed = true;
      expose(widget + "-certainty-" + std::to_string(c), levels[c - 1], {"radio"});
      if (c < 3) same_line_if_fits(inline_option_width(levels[c]), 20);
    }
  }

  // Hints as the view gives them, shown one at a time; each may cost part of the mark (its `cost`, a share
  // of the item's marks), and the answer says how many were shown.
  const json hints = item.value("hints", json::array());
  for (int h = 0; h < draft.hints_shown && h < static_cast<int>(hints.size()); ++h) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("Hint %d: %s", h + 1, text_of(hints[static_cast<std::size_t>(h)], "text").c_str());
    ImGui::PopStyleColor();
  }
  if (open_attempt && draft.hints_shown < static_cast<int>(hints.size())) {
    const double cost = fraction_value(hints[static_cast<std::size_t>(draft.hints_shown)].value("cost", json("0")));
    std::string label = "Show a hint";
    if (cost > 0) label += " (costs " + std::to_string(static_cast<int>(cost * 100 + 0.5)) + "%)";
    if (secondary_button(widget + "-hint", label)) {
      ++draft.hints_shown;
      draft.saved = false;
    }
  }

  if (changed) draft.saved = false;
  if (!open_attempt) return;
  const bool has_answer = !draft.answer.is_null() && !(draft.answer.is_array() && draft.answer.empty()) &&
                          !(draft.answer.is_object() && draft.answer.empty()) &&
                          !(draft.answer.is_string() && draft.answer.get<std::string>().empty());
  const bool needs_certainty = item.value("certainty", false) && draft.certainty == 0;
  json action = {{"type", "answer"}, {"block", block_id}, {"item", id}, {"answer", draft.answer}};
  if (draft.certainty > 0) action["certainty"] = draft.certainty;
  if (draft.hints_shown > 0) action["hintsUsed"] = draft.hints_shown;
  const json sends = {{"type", "answer"}, {"block", block_id}, {"item", id}};  // the answer is the learner's
  if (primary_button(widget + "-save", draft.saved ? "Saved" : "Save answer", has_answer && !draft.saved && !needs_certainty,
                     json::array({sends}))) {
    act(action, [this, key] { drafts_[key].saved = true; });
  }
  if (needs_certainty && has_answer) {
    ImGui::SameLine();
    muted("Say how sure you are first.");
  }
}

void PlayerApp::draw_item_result(const json& result) {
  const Palette& p = theme_.palette();
  if (result.contains("error")) {
    muted(text_of(result["error"]));
    return;
  }
  if (!result.value("answered", false)) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger);
    ImGui::TextUnformatted("Not answered.");
    ImGui::PopStyleColor();
  }
  if (result.contains("correct")) {
    const bool correct = result.value("correct", false);
    icon(correct ? Icon::check : Icon::cross, correct ? p.success : p.danger);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, correct ? p.success : p.danger);
    ImGui::TextWrapped("%s  %s of %s", correct ? "Right" : "Not quite", text_of(result, "score").c_str(), text_of(result, "max").c_str());
    ImGui::PopStyleColor();
  } else if (result.value("answered", false)) {
    muted("Thank you — this question is not scored.");
  }
  for (const auto& line : result.value("feedback", json::array())) ImGui::TextWrapped("%s", text_of(line).c_str());
}

}  // namespace tessera::player
