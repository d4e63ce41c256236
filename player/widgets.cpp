// The widgets every screen shares, in the player's style: the one button (every button is registered in the
// frame's drawn widgets), Markdown with its links, cards that size to their content, headings, muted text,
// pills, icons, progress bars and countdowns.
#include "player_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

#include "platform.hpp"
#include "tessera/strings.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::show_markdown(const std::string& key, const std::string& text, const std::string& id) {
  follow_link(draw_markdown(markdown(key, text), theme_, id.c_str(), [&](int number, const std::string& url) {
    expose(id + "-link-" + std::to_string(number), url, {"link"});
  }));
}

void PlayerApp::follow_link(const std::string& url) {
  if (url.empty()) return;
  status_ = open_link(resolve(url));
  status_is_error_ = false;
}

const std::vector<MdBlock>& PlayerApp::markdown(const std::string& key, const std::string& text) {
  auto& [parsed_text, blocks] = markdown_cache_[key];
  if (blocks.empty() || parsed_text != text) {
    parsed_text = text;
    blocks = parse_markdown(text);
  }
  return blocks;
}

namespace {

// A full-width button whose text wraps (ImGui buttons do not wrap their labels), with an accent bar on the
// left: a scenario's choices.
bool wrapped_card_button(const Palette& p, const std::string& id, const std::string& text, bool enabled) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 padding(20, 14);
  const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 2 * padding.x);
  ImGui::PushStyleColor(ImGuiCol_Button, p.surface);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.12f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.22f));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::Button(("##" + id).c_str(), ImVec2(width, text_size.y + 2 * padding.y));
  ImGui::PopStyleColor(3);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(at.x, at.y), ImVec2(at.x + 5, at.y + text_size.y + 2 * padding.y),
                      to_u32(enabled ? p.accent : p.border), 3);
  draw->AddText(nullptr, 0, ImVec2(at.x + padding.x, at.y + padding.y), to_u32(enabled ? p.text : p.text_muted),
                text.c_str(), nullptr, width - 2 * padding.x);
  return pressed;
}

}  // namespace

bool PlayerApp::button(const std::string& id, const std::string& label, Look look, const Control& control) {
  const Palette& p = theme_.palette();
  const bool enabled = control.enabled;
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = false;
  if (look == Look::primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.accent.x * 0.9f, p.accent.y * 0.9f, p.accent.z * 0.95f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.accent.x * 0.8f, p.accent.y * 0.8f, p.accent.z * 0.9f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    ImGui::PushFont(theme_.fonts().bold);
    pressed = ImGui::Button((label + "##" + id).c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor(5);
  } else if (look == Look::secondary) {
    pressed = ImGui::Button((label + "##" + id).c_str());
  } else {
    pressed = wrapped_card_button(p, id, label, enabled);
  }
  if (!enabled) ImGui::EndDisabled();
  expose(id, label, control);
  return pressed && enabled;
}

bool PlayerApp::own_button(const std::string& id, const std::string& label, const char* kind, bool enabled, Look look,
                           const std::string& opens) {
  return button(id, label, look, {kind, enabled, json::array(), opens});
}

// How an action is shown; every other member is what goes back to the runtime (docs/runtime-api.md).
json send_of(const json& action) {
  json send = action;
  for (const char* shown : {"label", "primary", "enabled", "reason", "availableAt", "confirm"}) send.erase(shown);
  return send;
}

namespace {

// The members that say which action it is, for the drawn widgets.
json identity_of(const json& action) {
  json out = {{"type", action.value("type", std::string())}, {"block", action.value("block", std::string())}};
  if (action.contains("choice")) out["choice"] = action["choice"];
  if (action.contains("rating")) out["rating"] = action["rating"];  // a review's four buttons differ by it
  return out;
}

}  // namespace

bool PlayerApp::action_button(const std::string& id, const json& action, const std::function<json()>& input,
                              std::function<void()> then, std::optional<Look> look, bool reason_said_below) {
  if (draw_action(id, action, look, reason_said_below)) {
    json send = send_of(action);
    if (input) {
      const json added = input();  // kept alive: items() only refers to it
      for (const auto& [key, value] : added.items()) send[key] = value;
    }
    if (!action.contains("confirm")) {
      act(std::move(send), std::move(then));
      return true;
    }
    confirming_ = Confirming{id, std::move(send), std::move(then), action["confirm"]};
  }
  return confirming_ && confirming_->id == id && ask_to_confirm();
}

bool PlayerApp::draw_action(const std::string& id, const json& action, std::optional<Look> look,
                            bool reason_said_below) {
  const std::string label = action.value("label", std::string());
  const bool primary = action.value("primary", false);
  const std::int64_t available_at = action.value("availableAt", std::int64_t{0});
  const bool enabled = action.value("enabled", true) && !(available_at > 0 && now_ms() < available_at);
  Control control{"button", enabled, json::array({identity_of(action)})};
  control.primary = primary;
  if (!enabled) control.reason = action.value("reason", std::string());
  const Look shown = look.value_or(primary ? Look::primary : Look::secondary);
  const bool pressed = button(id, label, shown, control);
  if (!enabled && ((!control.reason.empty() && !reason_said_below) || available_at > 0)) {
    // The reason beside the button (below it when it would not fit), with the time left until it is enabled.
    const std::string beside = reason_said_below ? std::string() : control.reason;
    if (shown != Look::choice) same_line_if_fits(ImGui::CalcTextSize(beside.c_str()).x);
    ImGui::BeginGroup();
    if (!beside.empty()) muted(beside);
    if (available_at > 0) {
      if (!beside.empty()) ImGui::SameLine();
      countdown(id + "-wait", "", available_at);
    }
    ImGui::EndGroup();
  }
  return pressed;
}

// The view's `confirm` question under the button that asked it, with its two answers (the safer one first);
// accepted, the action is sent as it was when pressed. True when sent.
bool PlayerApp::ask_to_confirm() {
  const Palette& p = theme_.palette();
  const json& confirm = confirming_->confirm;
  ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
  ImGui::TextWrapped("%s", confirm.value("text", std::string()).c_str());
  ImGui::PopStyleColor();
  if (own_button("confirm-cancel", confirm.value("cancel", std::string()), "nav")) {
    confirming_.reset();
    return false;
  }
  same_line_if_fits(confirm.value("accept", std::string()));
  if (!own_button("confirm-accept", confirm.value("accept", std::string()), "nav", true, Look::primary)) return false;
  Confirming taken = std::move(*confirming_);
  confirming_.reset();
  act(std::move(taken.send), std::move(taken.then));
  return true;
}

std::vector<json> PlayerApp::take_actions(const std::function<bool(const json&)>& wanted) {
  std::vector<json> taken;
  std::vector<json> rest;
  for (auto& action : pending_) (wanted(action) ? taken : rest).push_back(std::move(action));
  pending_ = std::move(rest);
  return taken;
}

std::string PlayerApp::page_word(const std::string& key, const std::map<std::string, std::string>& values) const {
  return strings::Catalogue::for_language(language_.empty() ? "en" : language_).text(key, values);
}

std::string PlayerApp::word(const std::string& key, const std::map<std::string, std::string>& values) const {
  // Before a course's view exists (the catalog, loading), the catalogue of the language asked for.
  if (!view_.contains("words")) return page_word(key, values);
  const json& words = view_["words"];
  const std::string pattern = words.contains(key) && words[key].is_string() ? words[key].get<std::string>() : key;
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += pattern[i];
      continue;
    }
    const auto found = values.find(pattern.substr(i + 1, close - i - 1));
    if (found != values.end()) out += found->second;
    i = close;
  }
  return out;
}

void PlayerApp::same_line_if_fits(float next_width, float spacing) {
  const float gap = spacing >= 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + gap + next_width <= right) ImGui::SameLine(0, gap);
}

void PlayerApp::same_line_if_fits(const std::string& next_label, bool bold, float spacing) {
  if (bold) ImGui::PushFont(theme_.fonts().bold);
  const float width = ImGui::CalcTextSize(next_label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  if (bold) ImGui::PopFont();
  same_line_if_fits(width, spacing);
}

void PlayerApp::pill(const std::string& text, const ImVec4& colour) {
  ImGui::PushFont(theme_.fonts().small);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 pad(10, 3);
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y),
                                            to_u32(ImVec4(colour.x, colour.y, colour.z, 0.15f)), 20.0f);
  ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + pad.x, at.y + pad.y), to_u32(colour), text.c_str());
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
  ImGui::PopFont();
}

void PlayerApp::begin_card(const char* id, float height) {
  // Auto-height: ImGui 1.86 child windows do not size to their content, so a card takes the height its
  // content had last frame (end_card stores it; the first frame draws it small and asks for another).
  // The key the height is kept under: the child's id in the parent (EndChild leaves no item id to read
  // back for a card without interactive widgets, so end_card takes it from here).
  card_keys_.push_back(ImGui::GetID(id));
  if (height == 0) {
    const float stored = ImGui::GetStateStorage()->GetFloat(card_keys_.back(), 0);
    height = stored > 0 ? stored : 40;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 20));
  ImGui::BeginChild(
      id, ImVec2(0, height), true,
      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
}

void PlayerApp::end_card() {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float content = window->DC.CursorMaxPos.y - window->Pos.y + window->WindowPadding.y;
  // A card scrolled wholly out of view lays nothing out (ImGui skips its items): its height is kept.
  const bool measured = !window->SkipItems;
  ImGui::EndChild();
  ImGui::PopStyleVar();
  if (!measured) {
    card_keys_.pop_back();
    return;
  }
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = card_keys_.back();
  card_keys_.pop_back();
  // Whole pixels, and only growth or a real change asks for another frame: wrapped text can otherwise
  // make a card's height flicker between two values and keep the idle loop awake.
  const float rounded = std::ceil(content);
  const float stored = storage->GetFloat(key, 0);
  if (std::fabs(stored - rounded) >= 1.0f) {
    storage->SetFloat(key, rounded);
    // Another frame draws the new height. A run of frames that keep changing heights (wrapped text that
    // flips a scroll bar, say) stops asking after a few, so the loop still goes idle; the count starts
    // again after a frame without changes, so every later screen settles too.
    ++card_changes_;
    if (layout_frames_ < 8) request_redraw();
  }
}

void PlayerApp::heading(const std::string& text, bool large) {
  ImGui::PushFont(large ? theme_.fonts().title : theme_.fonts().heading);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void PlayerApp::muted(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme_.palette().text_muted);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void PlayerApp::icon(Icon kind, const ImVec4& colour) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 c = to_u32(colour);
  const float s = size;
  switch (kind) {
    case Icon::check: {
      const ImVec2 points[] = {{at.x + s * 0.18f, at.y + s * 0.52f},
                               {at.x + s * 0.42f, at.y + s * 0.74f},
                               {at.x + s * 0.84f, at.y + s * 0.28f}};
      draw->AddPolyline(points, 3, c, 0, s * 0.13f);
      break;
    }
    case Icon::cross:
      draw->AddLine(ImVec2(at.x + s * 0.22f, at.y + s * 0.26f), ImVec2(at.x + s * 0.78f, at.y + s * 0.8f), c,
                    s * 0.12f);
      draw->AddLine(ImVec2(at.x + s * 0.78f, at.y + s * 0.26f), ImVec2(at.x + s * 0.22f, at.y + s * 0.8f), c,
                    s * 0.12f);
      break;
    case Icon::dot:
      draw->AddCircleFilled(ImVec2(at.x + s * 0.5f, at.y + s * 0.53f), s * 0.22f, c);
      break;
    case Icon::ring:
      draw->AddCircle(ImVec2(at.x + s * 0.5f, at.y + s * 0.53f), s * 0.22f, c, 0, 1.5f);
      break;
  }
  ImGui::Dummy(ImVec2(size, size));
}

void PlayerApp::progress_bar(float fraction, const std::string& overlay, float height) {
  const Palette& p = theme_.palette();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), to_u32(p.surface_alt), height / 2);
  if (fraction > 0) {
    draw->AddRectFilled(at, ImVec2(at.x + width * std::min(fraction, 1.0f), at.y + height), to_u32(p.accent),
                        height / 2);
  }
  ImGui::Dummy(ImVec2(width, height));
  if (!overlay.empty()) muted(overlay);
}

void PlayerApp::countdown(const std::string& id, const std::string& label, std::int64_t until) {
  const std::int64_t now = now_ms();
  const std::int64_t left = until - now;
  if (left <= 0) return;
  // Rounded up to the second, as the HTML player shows it ("4:05", "1:02:03").
  const std::int64_t total = (left + 999) / 1000;
  char clock[32];
  // The hours of an int64 of milliseconds have at most 13 digits: "h:mm:ss" is under 20 of the 32 bytes.
  if (total >= 3600) {
    // NOLINTNEXTLINE(cert-err33-c): at most 19 characters fit the 32 bytes (above)
    std::snprintf(clock, sizeof clock, "%lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                  static_cast<long long>(total % 3600 / 60), static_cast<long long>(total % 60));
  } else {
    // NOLINTNEXTLINE(cert-err33-c): at most 16 characters fit the 32 bytes (above)
    std::snprintf(clock, sizeof clock, "%lld:%02lld", static_cast<long long>(total / 60),
                  static_cast<long long>(total % 60));
  }
  const std::string text = label.empty() ? std::string(clock) : label + " " + clock;
  ImGui::PushFont(theme_.fonts().bold);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
  expose(id, text);
  // The shown second changes when `left` crosses the next whole second (and at zero, when it goes).
  const std::int64_t next = now + (left % 1000 == 0 ? 1000 : left % 1000);
  if (redraw_at_ == 0 || next < redraw_at_) redraw_at_ = next;
}

void PlayerApp::draw_deadlines(const std::string& block) {
  const std::int64_t now = now_ms();
  // A copy: sending a deadline's action replaces view_.
  const json deadlines = view_.value("deadlines", json::array());
  for (const auto& deadline : deadlines) {
    if (deadline.value("block", std::string()) != block) continue;
    const std::int64_t at = deadline.value("at", std::int64_t{0});
    const std::string kind = deadline.value("kind", std::string());
    if (at > now) {
      countdown("deadline-" + kind, deadline.value("label", std::string()), at);
      muted(deadline.value("then", std::string()));
      continue;
    }
    // Passed: a time limit submits, a timed scenario node continues — once, even when that is refused.
    const std::string key = kind + "|" + block + "|" + std::to_string(at);
    if (deadline.contains("onPass") && !writing_ && deadlines_sent_.insert(key).second) act(deadline["onPass"]);
  }
}

}  // namespace tessera::player
