// The canvas player's frame: fonts, the top bar and the banner, the screens' dispatch, navigation between
// screens, Tab between widgets, and the UI map and drawn widgets published each frame. Screens are in
// player/screens/; opening, the record and acting in host.cpp; shared widgets in widgets.cpp.
#include "player_app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdlib>

#include "platform.hpp"

namespace tessera::player {

using nlohmann::json;

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
  theme_.apply(theme_kind_named(start_config().theme));
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

void PlayerApp::go(Screen screen) {
  if (screen != screen_) scroll_to_top_ = true;
  screen_ = screen;
  if (screen != Screen::catalog && screen != Screen::overview) status_.clear();
  if (screen == Screen::wallet) reload_wallet();
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
    if (std::string(control.kind) == "button") entry["primary"] = control.primary;
    if (!control.reason.empty()) entry["reason"] = control.reason;
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
  widgets_.push_back({{"id", id},
                      {"label", label},
                      {"x", a.x},
                      {"y", a.y},
                      {"w", b.x - a.x},
                      {"h", b.y - a.y},
                      {"focused", ImGui::IsItemFocused()},
                      {"clipped", clipped}});
}

namespace {

// `text` cut to fit `width` in the current font, with an ellipsis; "" when not even one letter fits.
std::string elided(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const std::string ellipsis = "\u2026";
  std::size_t end = text.size();
  while (end > 0) {
    do --end;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);  // whole UTF-8 letters
    const std::string cut = text.substr(0, end) + ellipsis;
    if (ImGui::CalcTextSize(cut.c_str()).x <= width) return end > 0 ? cut : std::string();
  }
  return {};
}

}  // namespace

// Course title and navigation on one row; on a narrow screen (a phone) the title is shortened or left out,
// and the navigation takes the row alone with tighter buttons, so the bar stays one line (it wraps only when
// even those do not fit). No brand: the page's header (in the browser) or the window's title (natively)
// already says "Tessera", and a phone has no height to spare.
void PlayerApp::draw_top_bar() {
  const Palette& p = theme_.palette();
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<std::pair<std::string, std::string>> items;
  if (!catalog_.empty() || !course_) items.push_back({"nav-catalog", word("ui.catalog")});
  if (session_) {
    items.push_back({"nav-overview", word("ui.overview")});
    items.push_back({"nav-results", word("ui.results")});
  }
  items.push_back({"nav-wallet", word("ui.wallet")});
  items.push_back({"nav-theme", word(theme_.kind() == ThemeKind::light ? "ui.theme-dark" : "ui.theme-light")});
  const float row = ImGui::GetContentRegionAvail().x;
  const float left = ImGui::GetCursorPosX();
  auto width_of = [&](float padding, float gap) {
    float width = 0;
    for (const auto& item : items) width += ImGui::CalcTextSize(item.second.c_str()).x + padding * 2 + gap;
    return width;
  };
  // Tight buttons (smaller side padding and gaps) when the usual ones would take a second row.
  const bool tight = width_of(style.FramePadding.x, 8) > row;
  const float nav_gap = tight ? 4 : 8;
  if (tight) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, style.FramePadding.y * 0.75f));
  const float nav_width = width_of(ImGui::GetStyle().FramePadding.x, nav_gap);
  const bool one_row = nav_width <= row;
  bool title_drawn = false;
  if (course_ && one_row && !tight) {  // tight: no room for even a shortened title
    ImGui::PushFont(theme_.fonts().bold);
    const std::string title = elided(course_->title.in(language_, course_->default_language), row - nav_width - 24);
    if (!title.empty()) {
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
      ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
      ImGui::TextUnformatted(title.c_str());
      ImGui::PopStyleColor();
      title_drawn = true;
    }
    ImGui::PopFont();
  }
  if (one_row && title_drawn) {
    ImGui::SameLine(left + row - nav_width + nav_gap);
    ImGui::SetCursorPosY(style.WindowPadding.y + 4);
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& [id, label] = items[i];
    if (i > 0 && one_row) ImGui::SameLine(0, nav_gap);
    if (i > 0 && !one_row) same_line_if_fits(label, false, nav_gap);
    const bool active =
        (id == "nav-catalog" && screen_ == Screen::catalog) || (id == "nav-overview" && screen_ == Screen::overview) ||
        (id == "nav-results" && screen_ == Screen::results) || (id == "nav-wallet" && screen_ == Screen::wallet);
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.16f));
    const bool pressed = own_button(id, label, "nav");
    if (active) ImGui::PopStyleColor();
    if (!pressed) continue;
    if (id == "nav-catalog") go(Screen::catalog);
    if (id == "nav-overview") go(Screen::overview);
    if (id == "nav-results") go(Screen::results);
    if (id == "nav-wallet") go(Screen::wallet);
    if (id == "nav-theme") theme_.apply(theme_.kind() == ThemeKind::light ? ThemeKind::dark : ThemeKind::light);
  }
  if (tight) ImGui::PopStyleVar();
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
  if (session_ && view_.value("complete", false)) {
    // The view's words for it, and where the proof is (or why there is none) as the host says.
    const json& completion = view_["completion"];
    std::string text = completion.value("text", std::string()) + ". " + completion.value("earns", std::string());
    if (!completion_notice_.empty()) text += " " + completion_notice_;
    lines.push_back({text, p.success});
  }
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
    case Screen::loading:
      muted(word("ui.loading"));
      break;
    case Screen::catalog:
      draw_catalog();
      break;
    case Screen::overview:
      session_ ? draw_overview() : draw_catalog();
      break;
    case Screen::block:
      session_ ? draw_block() : draw_catalog();
      break;
    case Screen::results:
      session_ ? draw_results() : draw_catalog();
      break;
    case Screen::wallet:
      draw_wallet();
      break;
    case Screen::review:
      session_ ? draw_review() : draw_catalog();
      break;
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
    const bool on_background =
        g.ActiveId == 0 || (g.ActiveIdWindow != nullptr && g.ActiveId == g.ActiveIdWindow->MoveId);
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        on_background && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f)) {
      ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    }
  }
  if (screen_ != Screen::block) hide_media();
  scroll_ = {ImGui::GetScrollY(), ImGui::GetScrollMaxY()};
  ImGui::EndChild();
  // Escape goes back: from a block to the overview, from elsewhere to the overview or catalog.
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !ImGui::GetIO().WantTextInput) {
    if (screen_ == Screen::block || screen_ == Screen::results || screen_ == Screen::wallet ||
        screen_ == Screen::review) {
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
  const char* names[] = {"loading", "catalog", "overview", "block", "results", "wallet", "review"};
  json ui = {{"screen", names[static_cast<int>(screen_)]}, {"widgets", widgets_}, {"drawn", drawn_}, {"busy", busy()}};
  if (session_) ui["actions"] = view_.value("actions", json::array());  // what the view offers, beside `drawn`
  if (screen_ == Screen::review) ui["review"] = review_;                // the review view drawn, for tests to compare
  ui["now"] = now_ms();  // the frame's time, which decides whether an action waiting for its availableAt is enabled
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
    for (const char* key :
         {"course", "events", "complete", "progress", "attempts", "mastery", "scenarios", "modules"}) {
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
