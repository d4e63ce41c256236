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
    draw->AddRectFilled(rect.Min, rect.Max,
                        ImGui::GetColorU32(row.held ? ImGuiCol_HeaderActive : ImGuiCol_HeaderHovered),
                        ImGui::GetStyle().FrameRounding);
  }
  ImGui::RenderNavHighlight(rect, ImGui::GetItemID());
  draw->AddText(nullptr, 0.0f, ImVec2(at.x + text_x, at.y + pad), ImGui::GetColorU32(ImGuiCol_Text), text.c_str(),
                nullptr, wrap);
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
  const float width =
      inline_option ? inline_option_width(shown) : std::max(ImGui::GetContentRegionAvail().x, option_text_x() + 40);
  // The label is the id, as ImGui's radio buttons have it.
  const Row row = wrapped_row(label.c_str(), shown, width, option_text_x(), 6, box, false);
  const ImVec2 at = row.at;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 frame = ImGui::GetColorU32(row.held      ? ImGuiCol_FrameBgActive
                                         : row.hovered ? ImGuiCol_FrameBgHovered
                                                       : ImGuiCol_FrameBg);
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

namespace {

// The question to show: the one the learner moved to, else the first not answered yet.
int question_shown(int chosen, const json& attempt) {
  const json& items = attempt["items"];
  const int count = static_cast<int>(items.size());
  if (chosen >= 0 && chosen < count) return chosen;
  const json answered = attempt.value("answered", json::array());
  for (int i = 0; i < count; ++i) {
    if (std::find(answered.begin(), answered.end(), items[static_cast<std::size_t>(i)].value("id", std::string())) ==
        answered.end())
      return i;
  }
  return std::max(0, count - 1);
}

// After answering question `index`: the next one not answered yet (after it, else before it), else stay.
int question_after(const json& attempt, int index) {
  const json& items = attempt["items"];
  const int count = static_cast<int>(items.size());
  json answered = attempt.value("answered", json::array());
  answered.push_back(items[static_cast<std::size_t>(index)].value("id", std::string()));
  for (int step = 1; step < count; ++step) {
    const int i = (index + step) % count;
    if (std::find(answered.begin(), answered.end(), items[static_cast<std::size_t>(i)].value("id", std::string())) ==
        answered.end())
      return i;
  }
  return index;
}

}  // namespace

void PlayerApp::draw_assessment(const json& current) {
  const std::string block = current.value("id", std::string());
  const Palette& p = theme_.palette();
  if (!current.contains("assessment")) return;
  const json& a = current["assessment"];
  if (a.contains("error") && !text_of(a, "error").empty()) {
    muted(word("ui.check-error"));
    return;
  }
  // Its facts as the view words them: pass mark, attempts, time limit.
  for (const char* fact : {"passMarkText", "attemptsText", "timeLimitText"}) {
    if (!a.value(fact, std::string()).empty()) pill(a.value(fact, std::string()), p.accent);
  }
  ImGui::Dummy(ImVec2(0, 4));
  // A pre-test: each module it may skip, what it takes, then whether it was skipped and what fell short.
  for (const auto& t : a.value("testsOut", json::array())) {
    const bool decided = t.contains("skipped");
    if (decided) {
      const bool skipped = t.value("skipped", false);
      icon(skipped ? Icon::check : Icon::cross, skipped ? p.success : p.warning);
      ImGui::SameLine();
    }
    ImGui::TextWrapped("%s", t.value("text", std::string()).c_str());
  }
  const bool open_attempt = a.contains("attempt") && !a["attempt"].value("submitted", true);
  if (open_attempt) {
    draw_open_attempt(block, a);
    return;
  }
  if (!a.contains("attempt")) return;
  const json& attempt = a["attempt"];
  begin_card("attempt-result");
  const std::string result_text = attempt.value("resultText", std::string());
  const std::string score_text = attempt.value("scoreText", std::string());
  ImGui::PushStyleColor(ImGuiCol_Text, attempt.value("passed", true) ? p.success : p.warning);
  heading(result_text.empty() ? score_text : result_text);
  ImGui::PopStyleColor();
  if (!result_text.empty()) muted(score_text);
  end_card();
  draw_item_results(attempt);
  // Per competency, as the view words it.
  for (const auto& entry : attempt.value("review", json::array())) {
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", entry.value("name", std::string()).c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    pill(entry.value("text", std::string()), entry.value("secure", false) ? p.success : p.warning);
  }
}

void PlayerApp::draw_open_attempt(const std::string& block, const json& assessment) {
  const json& attempt = assessment["attempt"];
  const json& items = attempt["items"];
  if (items.empty()) return;
  const std::string key = block + "/" + std::to_string(attempt.value("number", 0));
  if (key != attempt_on_screen_) {
    attempt_on_screen_ = key;
    item_index_ = -1;
  }
  const int index = question_shown(item_index_, attempt);
  const json& item = items[static_cast<std::size_t>(index)];
  const std::string item_id = item.value("id", std::string());
  const bool immediate = assessment.value("feedback", std::string()) == "immediate";
  begin_card("item");
  heading(item.value("label", std::string()));
  draw_item(item, key, attempt.value("responses", json::object()).value(item_id, json::object()));
  // The view's answer action sends this question's answer as the learner gave it.
  ItemDraft& draft = drafts_[key + "/" + item_id];
  for (const auto& answer : take_actions([&](const json& x) {
         return x.value("type", std::string()) == "answer" && x.value("block", std::string()) == block;
       })) {
    action_button(
        "answer", answer,
        [&draft, item_id] {
          json sent = {{"item", item_id}, {"answer", draft.answer}};
          if (draft.certainty > 0) sent["certainty"] = draft.certainty;
          if (draft.hints_shown > 0) sent["hintsUsed"] = draft.hints_shown;
          return sent;
        },
        // A practice check answers at once: the learner stays on the question to read why, then moves on.
        [this, attempt, index, immediate] { item_index_ = immediate ? index : question_after(attempt, index); });
  }
  const json results = attempt.value("results", json::object());
  if (immediate && results.contains(item_id)) {
    ImGui::Dummy(ImVec2(0, 6));
    heading(word("ui.feedback"));
    draw_item_result(json::object(), results[item_id]);  // the question is on screen just above
    const int next = question_after(attempt, index);
    if (next != index && own_button("next-question", word("ui.next-question"), "nav")) item_index_ = next;
  }
  end_card();
  for (const auto& submit : take_actions([&](const json& x) {
         return x.value("type", std::string()) == "submit-attempt" && x.value("block", std::string()) == block;
       })) {
    action_button("submit-attempt", submit, {}, [this] { scroll_to_top_ = true; });
  }
  // The questions to move between, each with whether it is answered.
  ImGui::Dummy(ImVec2(0, 6));
  heading(word("ui.questions"));
  const json answered = attempt.value("answered", json::array());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string id = items[i].value("id", std::string());
    const bool done = std::find(answered.begin(), answered.end(), id) != answered.end();
    const std::string label =
        items[i].value("label", std::string()) + " \u2014 " + word(done ? "ui.answered" : "ui.not-answered");
    if (own_button("question-" + id, label, "question", static_cast<int>(i) != index))
      item_index_ = static_cast<int>(i);
  }
}

void PlayerApp::draw_item_results(const json& attempt) {
  const json results = attempt.value("results", json::object());
  for (const auto& item : attempt.value("items", json::array())) {
    const std::string id = item.value("id", std::string());
    if (!results.contains(id)) continue;
    ImGui::PushID(id.c_str());
    begin_card("result");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", item.value("label", std::string()).c_str());
    ImGui::PopFont();
    draw_item_result(item, results[id]);
    end_card();
    ImGui::PopID();
  }
}

void PlayerApp::draw_item(const json& item, const std::string& attempt_key, const json& response) {
  const Palette& p = theme_.palette();
  const std::string id = item.value("id", std::string());
  const std::string type = item.value("type", std::string());
  const std::string key = attempt_key + "/" + id;
  const bool fresh = !drafts_.contains(key);
  ItemDraft& draft = drafts_[key];
  if (fresh && response.is_object()) {
    // What the learner saved before (a resumed session, or back to an answered question).
    draft.answer = response.value("answer", json());
    draft.certainty = response.value("certainty", 0);
    draft.hints_shown = response.value("hintsUsed", 0);
    if (draft.answer.is_string()) {
      ensure_buffers(draft, 1, type == "free-text" ? 4000 : 512);
      std::strncpy(draft.text_buffers[0].data(), draft.answer.get<std::string>().c_str(),
                   draft.text_buffers[0].size() - 1);
    } else if (type == "fill-blanks" && draft.answer.is_array()) {
      ensure_buffers(draft, draft.answer.size());
      for (std::size_t g = 0; g < draft.answer.size(); ++g) {
        if (draft.answer[g].is_string())
          std::strncpy(draft.text_buffers[g].data(), draft.answer[g].get<std::string>().c_str(),
                       draft.text_buffers[g].size() - 1);
      }
    }
  }
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
            draft.answer.erase(std::remove(draft.answer.begin(), draft.answer.end(), json(option_id)),
                               draft.answer.end());
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
    const std::string yes = word("ui.true");
    const std::string no = word("ui.false");
    if (option_row(yes + "##true", draft.answer == true, false, true)) draft.answer = true, changed = true;
    expose(widget + "-true", yes, {"radio"});
    ImGui::SameLine(0, 24);
    if (option_row(no + "##false", draft.answer == false, false, true)) draft.answer = false, changed = true;
    expose(widget + "-false", no, {"radio"});
  } else if (type == "numeric" || type == "short-text") {
    ensure_buffers(draft, 1);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 360.0f));
    if (ImGui::InputText("##answer", draft.text_buffers[0].data(), draft.text_buffers[0].size())) {
      draft.answer = std::string(draft.text_buffers[0].c_str());
      changed = true;
    }
    expose(widget + "-text", word("ui.your-answer"), {"text-input"});
    if (type == "numeric" && item.contains("unit")) muted(word("ui.unit-help", {{"unit", text_of(item, "unit")}}));
  } else if (type == "fill-blanks") {
    const json& gaps = item.value("gaps", json::array());
    ensure_buffers(draft, gaps.size());
    if (!draft.answer.is_array() || draft.answer.size() != gaps.size()) draft.answer = json::array();
    for (std::size_t g = 0; g < gaps.size(); ++g) {
      ImGui::PushID(static_cast<int>(g));
      const std::string label = gaps[g].is_object() && gaps[g].contains("label")
                                    ? text_of(gaps[g]["label"])
                                    : word("ui.blank", {{"number", std::to_string(g + 1)}});
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
    muted(word("ui.ordering-help"));
    auto text_for = [&](const std::string& option_id) {
      for (const auto& option : options) {
        if (option.value("id", std::string()) == option_id) return text_of(option, "text");
      }
      return option_id;
    };
    for (std::size_t r = 0; r < draft.answer.size(); ++r) {
      const std::string option_id = draft.answer[r].get<std::string>();
      ImGui::PushID(static_cast<int>(r));
      if (own_button(widget + "-up-" + option_id, word("ui.move-up"), "move", r > 0)) {
        std::swap(draft.answer[r], draft.answer[r - 1]);
        changed = true;
      }
      ImGui::SameLine(0, 4);
      if (own_button(widget + "-down-" + option_id, word("ui.move-down"), "move", r + 1 < draft.answer.size())) {
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
    muted(word("ui.matching-help"));
    // The targets to drag.
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const std::string target_id = targets[t].value("id", std::string());
      ImGui::PushID(static_cast<int>(t));
      own_button(widget + "-target-" + target_id, text_of(targets[t], "text"), "draggable");  // dragged, not pressed
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
      std::string chosen = word("ui.choose");
      const std::string current_target = draft.answer.contains(premise_id) && draft.answer[premise_id].is_string()
                                             ? draft.answer[premise_id].get<std::string>()
                                             : "";
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
      muted(texture.state == Texture::State::loading ? word("ui.image-loading") : texture.error);
    } else {
      muted(word("ui.hotspot-help"));
      // Wide enough to read, and short enough to be seen whole in the window (a phone held sideways).
      float w = std::min(ImGui::GetContentRegionAvail().x, static_cast<float>(texture.width));
      const float fit_height = screen_height_ - 2 * ImGui::GetFrameHeightWithSpacing();
      if (fit_height > 120 && static_cast<float>(texture.height) * w / static_cast<float>(texture.width) > fit_height) {
        w = static_cast<float>(texture.width) * fit_height / static_cast<float>(texture.height);
      }
      const float scale = w / static_cast<float>(texture.width);
      const float h = static_cast<float>(texture.height) * scale;
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::Image(imgui_texture(texture.id), ImVec2(w, h));
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
        const ImVec2 c(at.x + static_cast<float>(draft.cursor_x) * scale,
                       at.y + static_cast<float>(draft.cursor_y) * scale);
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
    if (ImGui::InputTextMultiline("##text", draft.text_buffers[0].data(), draft.text_buffers[0].size(),
                                  ImVec2(-1, 120))) {
      const std::string value(draft.text_buffers[0].c_str());
      draft.answer = value.empty() ? json() : json(value);
      changed = true;
    }
    expose(widget + "-text", word("ui.your-answer"), {"text-input"});
  }

  // Certainty-based marking: the levels the view offers, under its question.
  const json levels = item.value("certaintyChoices", json::array());
  if (!levels.empty()) {
    muted(word("certainty.label"));
    for (std::size_t c = 0; c < levels.size(); ++c) {
      const int value = levels[c].value("value", 0);
      const std::string label = levels[c].value("label", std::string());
      if (option_row(label + "##certainty-" + std::to_string(value), draft.certainty == value, false, true))
        draft.certainty = value, changed = true;
      expose(widget + "-certainty-" + std::to_string(value), label, {"radio"});
      if (c + 1 < levels.size())
        same_line_if_fits(inline_option_width(levels[c + 1].value("label", std::string())), 20);
    }
  }

  // Hints as the view gives them, revealed one at a time by the button the view words for each (its
  // offer, with its cost); the answer says how many were shown and the runtime marks the item down.
  const json hints = item.value("hints", json::array());
  for (int h = 0; h < draft.hints_shown && h < static_cast<int>(hints.size()); ++h) {
    const json& hint = hints[static_cast<std::size_t>(h)];
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s: %s", hint.value("label", std::string()).c_str(), text_of(hint, "text").c_str());
    ImGui::PopStyleColor();
  }
  if (draft.hints_shown < static_cast<int>(hints.size())) {
    if (own_button(widget + "-hint", hints[static_cast<std::size_t>(draft.hints_shown)].value("offer", std::string()),
                   "hint")) {
      ++draft.hints_shown;
    }
  }
  (void)changed;
}

void PlayerApp::draw_item_result(const json& item, const json& result) {
  const Palette& p = theme_.palette();
  const std::string verdict = result.value("verdict", std::string());
  const bool right = verdict == "right";
  const bool scored = result.contains("correct");
  if (scored) {
    icon(right ? Icon::check : Icon::cross, right ? p.success : p.danger);
    ImGui::SameLine();
  }
  const std::string score = result.value("scoreText", std::string());
  ImGui::PushStyleColor(ImGuiCol_Text, !scored ? p.text_muted : right ? p.success : p.danger);
  ImGui::TextWrapped(
      "%s",
      (result.value("verdictText", std::string()) + (score.empty() ? std::string() : " (" + score + ")")).c_str());
  ImGui::PopStyleColor();
  // Not right: the question, what the learner gave, why (the author's feedback), and the right answer where the
  // view gives it.
  const bool missed = scored && !result.value("correct", true);  // wrong, partly right or unanswered
  if (missed && item.contains("prompt")) muted(text_of(item["prompt"]));
  if (missed) draw_written_answer(result.value("yourAnswer", json()), p.text);
  for (const auto& line : result.value("feedback", json::array())) ImGui::TextWrapped("%s", text_of(line).c_str());
  if (missed) draw_written_answer(result.value("rightAnswer", json()), p.success);
}

// An answer the view wrote out ({label, lines}): the label in bold, each line below it.
void PlayerApp::draw_written_answer(const json& answer, const ImVec4& colour) {
  if (!answer.is_object() || answer.value("lines", json::array()).empty()) return;
  ImGui::PushFont(theme_.fonts().bold);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", answer.value("label", std::string()).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  for (const auto& line : answer["lines"]) ImGui::TextWrapped("%s", text_of(line).c_str());
}

}  // namespace tessera::player
