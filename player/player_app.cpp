// The canvas player's core: start-up (catalog or course), the session and its actions, persistence,
// navigation, the top bar and the widgets every screen shares. Screens are in player/screens/.
#include "player_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "platform.hpp"
#include "tessera/catalog.hpp"
#include "tessera/json_text.hpp"
#include "tessera/record.hpp"

namespace tessera::player {

using nlohmann::json;

double fraction_value(const json& text) {
  if (text.is_number()) return text.get<double>();
  if (!text.is_string()) return 0;
  const std::string s = text.get<std::string>();
  const auto slash = s.find('/');
  if (slash == std::string::npos) return std::atof(s.c_str());
  const double den = std::atof(s.c_str() + slash + 1);
  return den == 0 ? 0 : std::atof(s.substr(0, slash).c_str()) / den;
}

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && !value.empty() && value.begin()->is_string()) return value.begin()->get<std::string>();
  if (value.is_number()) return value.dump();
  return {};
}

std::string text_of(const json& object, const char* key) {
  return object.is_object() && object.contains(key) ? text_of(object[key]) : std::string();
}

PlayerApp::PlayerApp(PlayerOptions options) : options_(std::move(options)) {
  theme_.apply(start_config().theme == "dark" ? ThemeKind::dark : ThemeKind::light);
  // Fonts first: the screens measure text with them.
  fetch_bytes(font_url("NotoSans-Regular.ttf"), [this](bool ok, std::string body) {
    if (ok) font_regular_ = std::move(body);
    ++fonts_arrived_;
  });
  fetch_bytes(font_url("NotoSans-Bold.ttf"), [this](bool ok, std::string body) {
    if (ok) font_bold_ = std::move(body);
    ++fonts_arrived_;
  });
  start();
}

PlayerApp::~PlayerApp() = default;

bool PlayerApp::before_frame() {
  const float scale = content_scale();
  if (fonts_arrived_ < 2) {
    if (!fonts_built_) {
      theme_.load_fonts({}, {}, scale);  // ImGui's font until Noto arrives (a frame or two on the web)
      fonts_built_ = true;
      font_scale_ = scale;
      return true;
    }
    return false;
  }
  if (fonts_built_ && theme_.fonts().noto == !font_regular_.empty() && font_scale_ == scale) return false;
  theme_.load_fonts(font_regular_, font_bold_, scale);
  fonts_built_ = true;
  font_scale_ = scale;
  markdown_cache_.clear();
  return true;
}

bool PlayerApp::busy() const { return pending_loads_ > 0 || writing_ || fonts_arrived_ < 2; }

void PlayerApp::start() {
  const StartConfig config = start_config();
  language_ = config.language;
  if (!config.course.empty()) {
    load_course(config.course);
  } else if (!config.catalog.empty()) {
    load_catalog(config.catalog);
  } else {
    screen_ = Screen::catalog;
    catalog_loaded_ = true;
    load_errors_.push_back("No course or catalog was given. Run tessera_player --course FOLDER, or "
                           "tessera preview content/<course>.");
  }
  reload_wallet();
}

void PlayerApp::reload_wallet() {
  wallet_load([this](std::vector<std::string> credentials) {
    wallet_ = std::move(credentials);
    wallet_loaded_ = true;
  });
}

std::string PlayerApp::resolve(const std::string& relative_url) const {
  if (relative_url.find("://") != std::string::npos || relative_url.rfind("data:", 0) == 0) return relative_url;
  return course_base_ + relative_url;
}

void PlayerApp::load_catalog(const std::string& url) {
  screen_ = Screen::catalog;
  const auto slash = url.rfind('/');
  catalog_base_ = slash == std::string::npos ? std::string() : url.substr(0, slash + 1);
  ++pending_loads_;
  fetch_bytes(url, [this, url](bool ok, std::string body) {
    --pending_loads_;
    catalog_loaded_ = true;
    if (!ok) {
      load_errors_.push_back("The catalog could not be read (" + body + ").");
      return;
    }
    auto report = catalog::load(body);
    if (!report.catalog) {
      for (const auto& problem : report.problems) load_errors_.push_back(url + problem.where + ": " + problem.message);
      return;
    }
    for (const auto& entry : report.catalog->courses) {
      CatalogCard card;
      card.id = entry.id;
      card.path = catalog_base_ + entry.path;
      if (!card.path.empty() && card.path.back() != '/') card.path += '/';
      catalog_.push_back(card);
      const std::size_t index = catalog_.size() - 1;
      ++pending_loads_;
      fetch_bytes(card.path + "course.json", [this, index](bool read, std::string text) {
        --pending_loads_;
        CatalogCard& c = catalog_[index];
        if (!read) {
          c.error = text;
          return;
        }
        auto loaded = course::load(text);
        if (!loaded.course) {
          c.error = loaded.problems.empty() ? "invalid course" : loaded.problems.front().message;
          return;
        }
        const auto& lang = loaded.course->default_language;
        c.title = loaded.course->title.in(language_, lang);
        c.summary = loaded.course->summary.in(language_, lang);
        c.level = loaded.course->level;
        c.minutes = loaded.course->estimated_minutes;
      });
    }
  });
}

void PlayerApp::load_course(const std::string& folder) {
  screen_ = Screen::loading;
  course_base_ = folder;
  if (!course_base_.empty() && course_base_.back() != '/') course_base_ += '/';
  ++pending_loads_;
  open_course(course_base_, [this](bool ok, std::string body, std::string error) {
    --pending_loads_;
    if (!ok) {
      load_errors_.push_back("The course could not be opened: " + error);
      screen_ = Screen::catalog;
      return;
    }
    auto loaded = course::load(body);
    if (!loaded.course) {
      load_errors_.push_back("The course has errors; run tessera validate on it:");
      for (const auto& problem : loaded.problems) {
        if (problem.severity == Severity::error) load_errors_.push_back(problem.where + ": " + problem.message);
      }
      screen_ = Screen::catalog;
      return;
    }
    course_ = std::make_shared<const course::Course>(std::move(*loaded.course));
    read_record(false);
  });
}

void PlayerApp::read_record(bool in_place, const std::string& notice) {
  ++pending_loads_;
  store_load(course_->id, [this, in_place, notice](bool read, std::vector<std::string> lines, std::string error) {
    --pending_loads_;
    if (!read) status_ = "Your earlier progress could not be loaded: " + error, status_is_error_ = true;
    std::vector<record::Event> events;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      // A line the strict reader refuses reads as null, which from_json refuses in turn.
      const auto parsed = json_text::parse(lines[i], json_text::record_line).value;
      auto event = record::from_json(parsed, "/" + std::to_string(i));
      if (event.ok()) events.push_back(std::move(event.value()));
    }
    auto opened = session::Session::open(course_, std::move(events));
    for (const auto& problem : opened.problems) load_errors_.push_back("record " + problem.where + ": " + problem.message);
    session_.emplace(std::move(opened.session));
    view_ = session_->view(language_);
    layout_frames_ = 0;
    completion_asked_ = false;
    note_completion();
    if (in_place) {
      if (read && !notice.empty()) status_ = notice, status_is_error_ = true;
      return;
    }
    const std::string& start = options_.screen;
    screen_ = start == "lesson" ? Screen::block : start == "results" ? Screen::results
            : start == "wallet" ? Screen::wallet : Screen::overview;
    if (!options_.block.empty()) {
      const OutlineEntry entry = outline_entry(options_.block);
      if (entry.status.empty() || entry.module_status == "locked") {
        load_errors_.push_back("Block '" + options_.block + "' cannot be opened: it is not in this course, or its module is "
                               "still locked.");
      } else {
        open_block(options_.block);
      }
    }
  });
}

bool PlayerApp::allowed(const std::string& type, const std::string& block) const {
  if (!view_.contains("actions")) return false;
  for (const auto& action : view_["actions"]) {
    if (action.value("type", std::string()) == type && (block.empty() || action.value("block", std::string()) == block)) {
      return true;
    }
  }
  return false;
}

void PlayerApp::act(json action, std::function<void()> then) {
  if (!session_ || writing_) return;
  action["t"] = now_ms();
  auto outcome = session_->propose(action, language_);
  if (!outcome.ok()) {
    status_ = outcome.problems.empty() ? "That was not accepted." : outcome.problems.front().message;
    if (!outcome.problems.empty() && !outcome.problems.front().hint.empty()) status_ += " — " + outcome.problems.front().hint;
    status_is_error_ = true;
    return;
  }
  // The session has not moved: it commits the event only once the store says it is written (natively at
  // once, on the web when IndexedDB's transaction has committed), so a failed write leaves both the
  // session and the screen where they were.
  writing_ = true;
  record::Event event = std::move(*outcome.event);
  const std::string line = record::to_json(event).dump();
  store_append(course_->id, line, [this, event = std::move(event), view = std::move(outcome.view),
                                   then = std::move(then)](std::optional<StoreFailure> failure) mutable {
    writing_ = false;
    if (failure) {
      const std::string message = failure->message;
      status_ = message;
      status_is_error_ = true;
      // Another tab stored this step's place first: show the record as stored, with the message.
      if (failure->kind == "conflict") read_record(true, message);
      return;
    }
    const std::vector<Problem> refused = session_->commit(event);
    if (!refused.empty()) {
      read_record(true, "This step was saved, but the course here had moved on; it is shown as saved.");
      return;
    }
    status_.clear();
    status_is_error_ = false;
    view_ = std::move(view);
    layout_frames_ = 0;  // a new view: its cards settle over the next frames
    note_completion();
    if (then) then();
  });
}

void PlayerApp::note_completion() {
  if (completion_asked_ || !view_.value("complete", false)) return;
  completion_asked_ = true;
  completion_notice_ = "You have completed this course. Signing your completion proof…";
  course_completed(course_->id, [this](std::string notice) {
    completion_notice_ = notice.empty() ? "You have completed this course." : "You have completed this course. " + notice;
    reload_wallet();  // the proof is in the wallet now
  });
}

PlayerApp::OutlineEntry PlayerApp::outline_entry(const std::string& block_id) const {
  for (const auto& module : view_.value("modules", json::array())) {
    for (const auto& block : module.value("blocks", json::array())) {
      if (block.value("id", std::string()) == block_id) {
        return {block.value("status", std::string()), module.value("status", std::string())};
      }
    }
  }
  return {};
}

std::string PlayerApp::current_block() const {
  return view_.contains("current") ? view_["current"].value("id", std::string()) : std::string();
}

void PlayerApp::open_block(const std::string& block_id) {
  if (!session_) return;
  const auto show = [this, block_id] {
    if (current_block() == block_id) go(Screen::block);
  };
  // An open action when the block was never opened or the learner is elsewhere; the screen follows once
  // the event is stored.
  if (outline_entry(block_id).status == "new" || current_block() != block_id) {
    act({{"type", "open"}, {"block", block_id}}, show);
  } else {
    show();
  }
}

void PlayerApp::go(Screen screen) {
  if (screen != screen_) scroll_to_top_ = true;
  screen_ = screen;
  if (screen != Screen::catalog && screen != Screen::overview) status_.clear();
  if (screen == Screen::wallet) reload_wallet();
}

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

void PlayerApp::request_tab(int direction) {
  tab_request_ = direction;
  request_redraw();
}

void PlayerApp::start_tab_move() {
  tab_stops_drawn_.clear();
  if (tab_request_ == 0 || tab_stops_.empty()) {
    tab_request_ = 0;
    return;
  }
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID focused = g.ActiveId != 0 ? g.ActiveId : g.NavId;
  const auto n = static_cast<std::ptrdiff_t>(tab_stops_.size());
  std::ptrdiff_t at = -1;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (tab_stops_[static_cast<std::size_t>(i)].id == focused) at = i;
  }
  const std::ptrdiff_t next = at < 0 ? (tab_request_ > 0 ? 0 : n - 1) : ((at + tab_request_) % n + n) % n;
  tab_target_ = tab_stops_[static_cast<std::size_t>(next)];
  tab_request_ = 0;
  // Leaving a text field ends its editing (its text is kept in the draft).
  if (g.ActiveId != 0 && g.ActiveId != tab_target_.id) ImGui::ClearActiveID();
}

void PlayerApp::take_tab_stop() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID id = g.LastItemData.ID;
  if (id == 0 || (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0) return;
  const bool text = (g.LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0;
  tab_stops_drawn_.push_back({id, text});
  if (id != tab_target_.id) return;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGui::SetFocusID(id, window);
  g.NavDisableHighlight = false;  // show the focus ring, as arrow keys do
  g.NavDisableMouseHover = true;
  // Scroll the screen (the nearest window that scrolls) so the widget is in view.
  const ImRect rect = g.LastItemData.NavRect;
  for (ImGuiWindow* w = window; w != nullptr; w = w->ParentWindow) {
    if (w->ScrollMax.y > 0) {
      ImGui::ScrollToRectEx(w, rect, ImGuiScrollFlags_KeepVisibleEdgeY);
      break;
    }
  }
  if (tab_target_.text) {
    g.NavNextActivateId = id;
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
  }
  tab_target_ = {};
  request_redraw();
}

void PlayerApp::expose(const std::string& id, const std::string& label, const Control& control) {
  take_tab_stop();
  if (control.kind != nullptr) {
    json entry = {{"id", id}, {"label", label}, {"kind", control.kind}, {"enabled", control.enabled}};
    if (!control.sends.empty()) entry["sends"] = control.sends;
    if (!control.opens.empty()) entry["opens"] = control.opens;
    drawn_.push_back(std::move(entry));
  }
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  // Only what is visible: clipped rows are left out so tests scroll first, as a learner would.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (b.y < 0 || a.y > display.y || !ImGui::IsItemVisible()) return;
  // Partly hidden (under the top bar, or past the bottom edge): a driver scrolls before it clicks.
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  const bool clipped = a.y < clip.Min.y - 0.5f || b.y > clip.Max.y + 0.5f;
  widgets_.push_back({{"id", id}, {"label", label}, {"x", a.x}, {"y", a.y}, {"w", b.x - a.x}, {"h", b.y - a.y},
                      {"focused", ImGui::IsItemFocused()}, {"clipped", clipped}});
}

const std::vector<MdBlock>& PlayerApp::markdown(const std::string& key, const std::string& text) {
  auto found = markdown_cache_.find(key);
  if (found == markdown_cache_.end()) found = markdown_cache_.emplace(key, parse_markdown(text)).first;
  return found->second;
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

bool PlayerApp::button(const std::string& id, const std::string& label, Look look, bool enabled, json sends,
                       const std::string& opens) {
  const Palette& p = theme_.palette();
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
  expose(id, label, {"button", enabled, std::move(sends), opens});
  return pressed && enabled;
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
  ImGui::BeginChild(id, ImVec2(0, height), true,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
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
      const ImVec2 points[] = {{at.x + s * 0.18f, at.y + s * 0.52f}, {at.x + s * 0.42f, at.y + s * 0.74f},
                               {at.x + s * 0.84f, at.y + s * 0.28f}};
      draw->AddPolyline(points, 3, c, 0, s * 0.13f);
      break;
    }
    case Icon::cross:
      draw->AddLine(ImVec2(at.x + s * 0.22f, at.y + s * 0.26f), ImVec2(at.x + s * 0.78f, at.y + s * 0.8f), c, s * 0.12f);
      draw->AddLine(ImVec2(at.x + s * 0.78f, at.y + s * 0.26f), ImVec2(at.x + s * 0.22f, at.y + s * 0.8f), c, s * 0.12f);
      break;
    case Icon::dot: draw->AddCircleFilled(ImVec2(at.x + s * 0.5f, at.y + s * 0.53f), s * 0.22f, c); break;
    case Icon::ring: draw->AddCircle(ImVec2(at.x + s * 0.5f, at.y + s * 0.53f), s * 0.22f, c, 0, 1.5f); break;
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
    draw->AddRectFilled(at, ImVec2(at.x + width * std::min(fraction, 1.0f), at.y + height), to_u32(p.accent), height / 2);
  }
  ImGui::Dummy(ImVec2(width, height));
  if (!overlay.empty()) muted(overlay);
}

namespace {

// `text` cut to fit `width` in the current font, with an ellipsis; "" when not even one letter fits.
std::string elided(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const std::string ellipsis = "\u2026";
  std::size_t end = text.size();
  while (end > 0) {
    do --end; while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);  // whole UTF-8 letters
    const std::string cut = text.substr(0, end) + ellipsis;
    if (ImGui::CalcTextSize(cut.c_str()).x <= width) return end > 0 ? cut : std::string();
  }
  return {};
}

}  // namespace

// Brand, course title and navigation on one row; on a narrow screen (a phone) the title is shortened or
// left out, and the navigation moves to a row of its own, wrapping as needed.
void PlayerApp::draw_top_bar() {
  const Palette& p = theme_.palette();
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<std::pair<std::string, std::string>> items;
  if (!catalog_.empty() || !course_) items.push_back({"nav-catalog", "Catalog"});
  if (session_) {
    items.push_back({"nav-overview", "Overview"});
    items.push_back({"nav-results", "Results"});
  }
  items.push_back({"nav-wallet", "Wallet"});
  items.push_back({"nav-theme", theme_.kind() == ThemeKind::light ? "Dark" : "Light"});
  constexpr float nav_gap = 8;
  float nav_width = 0;
  for (const auto& item : items) nav_width += ImGui::CalcTextSize(item.second.c_str()).x + style.FramePadding.x * 2 + nav_gap;
  const float row = ImGui::GetContentRegionAvail().x;
  const float left = ImGui::GetCursorPosX();

  ImGui::PushFont(theme_.fonts().title);
  const float brand_width = ImGui::CalcTextSize("Tessera").x;
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
  ImGui::TextUnformatted("Tessera");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  const bool one_row = brand_width + 24 + nav_width <= row;
  if (course_ && one_row) {
    ImGui::PushFont(theme_.fonts().bold);
    const std::string title = elided(course_->title.in(language_, course_->default_language), row - brand_width - nav_width - 48);
    if (!title.empty()) {
      ImGui::SameLine(0, 24);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 10);
      ImGui::TextUnformatted(title.c_str());
    }
    ImGui::PopFont();
  }
  if (one_row) {
    ImGui::SameLine(left + row - nav_width + nav_gap);
    ImGui::SetCursorPosY(style.WindowPadding.y + 4);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& [id, label] = items[i];
    if (i > 0 && one_row) ImGui::SameLine(0, nav_gap);
    if (i > 0 && !one_row) same_line_if_fits(label, false, nav_gap);
    const bool active = (id == "nav-catalog" && screen_ == Screen::catalog) ||
                        (id == "nav-overview" && screen_ == Screen::overview) ||
                        (id == "nav-results" && screen_ == Screen::results) ||
                        (id == "nav-wallet" && screen_ == Screen::wallet);
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.16f));
    const bool pressed = secondary_button(id, label);
    if (active) ImGui::PopStyleColor();
    if (!pressed) continue;
    if (id == "nav-catalog") go(Screen::catalog);
    if (id == "nav-overview") go(Screen::overview);
    if (id == "nav-results") go(Screen::results);
    if (id == "nav-wallet") go(Screen::wallet);
    if (id == "nav-theme") theme_.apply(theme_.kind() == ThemeKind::light ? ThemeKind::dark : ThemeKind::light);
  }
  ImGui::Separator();
}

void PlayerApp::draw_banner() {
  const Palette& p = theme_.palette();
  const StoreStatus store = store_status();
  std::vector<std::pair<std::string, ImVec4>> lines;
  if (session_ && !store.persistent) {
    lines.push_back({"Your progress is kept in " + store.where +
                         " — it is lost when this page closes. (This page has no storage layer yet.)",
                     p.warning});
  }
  if (!store.error.empty()) lines.push_back({store.error, p.danger});
  if (session_ && view_.value("complete", false) && !completion_notice_.empty()) lines.push_back({completion_notice_, p.success});
  if (!status_.empty()) lines.push_back({status_, status_is_error_ ? p.danger : p.text_muted});
  for (const auto& [text, colour] : lines) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 28);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 28);
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + size.y + 16),
                                              to_u32(ImVec4(colour.x, colour.y, colour.z, 0.12f)), 8.0f);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 14, at.y + 8));
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size.y + 24));
  }
}

std::int64_t PlayerApp::ms_until_redraw(std::int64_t now) const {
  if (redraw_at_ == 0) return -1;
  return std::max<std::int64_t>(0, redraw_at_ - now);
}

void PlayerApp::countdown(const std::string& id, const std::string& label, std::int64_t until, const std::string& done) {
  const std::int64_t now = now_ms();
  const std::int64_t left = until - now;
  if (left <= 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_.palette().danger);
    ImGui::TextWrapped("%s", done.c_str());
    ImGui::PopStyleColor();
    expose(id, done);
    return;
  }
  const std::int64_t minutes = left / 60000;
  const std::int64_t seconds = left % 60000 / 1000;
  char clock[32];
  std::snprintf(clock, sizeof clock, "%lld:%02lld", static_cast<long long>(minutes), static_cast<long long>(seconds));
  const std::string text = label + " " + clock;
  ImGui::PushFont(theme_.fonts().bold);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
  expose(id, text);
  // The shown second changes when `left` crosses the next whole second (and at zero, to say `done`).
  const std::int64_t next = now + (left % 1000 == 0 ? 1000 : left % 1000);
  if (redraw_at_ == 0 || next < redraw_at_) redraw_at_ = next;
}

bool PlayerApp::draw() {
  redraw_at_ = 0;  // what this frame draws schedules its own next change
  widgets_ = json::array();
  drawn_ = json::array();
  start_tab_move();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Tessera", nullptr, flags);
  draw_top_bar();
  // The screen scrolls below the bar; touch drags scroll it too (ImGui has no touch scrolling of its own).
  // A centred reading column at most 880 wide: the screen's side padding is what is left over.
  const float available = ImGui::GetContentRegionAvail().x;
  const float column = std::min(available - 8, 880.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::max(4.0f, (available - column) / 2), 0));
  // Scrolled to the top as the window begins, so this very frame (and the UI map published from it) shows
  // the top: a SetScrollY inside the window would only apply a frame later, and the loop may be idle by then.
  if (scroll_to_top_) {
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
    scroll_to_top_ = false;
  }
  ImGui::BeginChild("screen", ImVec2(0, 0), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  screen_height_ = ImGui::GetCurrentWindow()->InnerRect.GetHeight();
  ImGui::BeginGroup();
  ImGui::PushItemWidth(column);
  ImGui::PushTextWrapPos(0);
  ImGui::Dummy(ImVec2(column, 8));
  draw_banner();
  switch (screen_) {
    case Screen::loading: muted("Loading the course…"); break;
    case Screen::catalog: draw_catalog(); break;
    case Screen::overview: session_ ? draw_overview() : draw_catalog(); break;
    case Screen::block: session_ ? draw_block() : draw_catalog(); break;
    case Screen::results: session_ ? draw_results() : draw_catalog(); break;
    case Screen::wallet: draw_wallet(); break;
  }
  ImGui::Dummy(ImVec2(column, 48));
  ImGui::PopTextWrapPos();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  // Drag to scroll with a finger or the mouse on empty space, cards included. A press on a window's
  // background makes ImGui start moving that window (its MoveId active, though nothing moves): that counts
  // as empty space, a widget does not.
  {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool on_background = g.ActiveId == 0 || (g.ActiveIdWindow != nullptr && g.ActiveId == g.ActiveIdWindow->MoveId);
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && on_background &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
      ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    }
  }
  if (screen_ != Screen::block) hide_media();
  scroll_ = {ImGui::GetScrollY(), ImGui::GetScrollMaxY()};
  ImGui::EndChild();
  // Escape goes back: from a block to the overview, from elsewhere to the overview or catalog.
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !ImGui::GetIO().WantTextInput) {
    if (screen_ == Screen::block || screen_ == Screen::results || screen_ == Screen::wallet) {
      go(session_ ? Screen::overview : Screen::catalog);
    }
  }
  ImGui::End();
  if (scroll_to_top_) request_redraw();  // asked for during this frame: the next one scrolls
  tab_stops_.swap(tab_stops_drawn_);
  layout_frames_ = card_changes_ > 0 ? layout_frames_ + 1 : 0;
  card_changes_ = 0;
  publish_ui();
  ++frames_;
  return !quit_ && (options_.max_frames == 0 || frames_ < options_.max_frames);
}

void PlayerApp::publish_ui() {
  const char* names[] = {"loading", "catalog", "overview", "block", "results", "wallet"};
  json ui = {{"screen", names[static_cast<int>(screen_)]}, {"widgets", widgets_}, {"drawn", drawn_}, {"busy", busy()}};
  if (session_) ui["actions"] = view_.value("actions", json::array());  // what the view offers, beside `drawn`
  if (session_ && view_.contains("current")) {
    ui["block"] = view_["current"].value("id", std::string());
    ui["blockType"] = view_["current"].value("type", std::string());
    const json& current = view_["current"];
    if (current.contains("assessment") && current["assessment"].contains("attempt")) {
      // The items of the attempt on screen (drawn from banks, maybe shuffled), so a driver answers those.
      const json& attempt = current["assessment"]["attempt"];
      json items = json::array();
      for (const auto& item : attempt.value("items", json::array())) items.push_back(item.value("id", std::string()));
      ui["attempt"] = {{"items", std::move(items)}, {"submitted", attempt.value("submitted", true)}};
    }
    if (current.contains("scenario") && current["scenario"].is_object()) {
      // Where a scenario run is, so a driver can follow a path of choices by node.
      const json& s = current["scenario"];
      ui["scenario"] = {{"id", s.value("id", std::string())},
                        {"node", s.contains("node") ? s["node"].value("id", std::string()) : std::string()},
                        {"ended", s.value("ended", false)}};
    }
  }
  if (session_) {
    // The course's outcome, for tests: the view's own fields (the session's summary is part of every view).
    json summary = json::object();
    for (const char* key : {"course", "events", "complete", "progress", "attempts", "mastery", "scenarios", "modules"}) {
      if (view_.contains(key)) summary[key] = view_[key];
    }
    ui["summary"] = std::move(summary);
  }
  ui["status"] = status_;
  ui["completion"] = completion_notice_;
  ui["errors"] = load_errors_;  // why a course or catalog could not be opened
  ui["scroll"] = {{"y", std::round(scroll_.x)}, {"max", std::round(scroll_.y)}};  // the screen below the top bar
  ui["store"] = {{"persistent", store_status().persistent}, {"where", store_status().where}};
  std::string text = ui.dump();
  if (text != published_) {
    published_ = std::move(text);
    tessera::player::publish_ui(published_);
  }
}

}  // namespace tessera::player
