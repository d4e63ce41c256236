// The canvas player's state and screens: renders the runtime's session view model with Dear ImGui and turns
// the learner's input into session actions (docs/runtime-api.md). Screens live in player/screens/, one
// file each (catalog, overview, lesson, assessment, scenario, results, wallet, review); this class holds what they
// share: the open course and session, the learner's drafts, navigation, persistence and the theme. Its
// members are defined by concern: host.cpp (opening, the record, acting), widgets.cpp (shared widgets),
// player_app.cpp (the frame, dispatch to the screens, Tab, the UI map).
//
// Does NOT: store events itself (platform.hpp's store does, before the session commits and the new view is
// shown), score, fold events or read the session's state: every screen draws from the view
// (Session::view), which holds results, hints, mastery and what the learner saved.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "markdown.hpp"
#include "tessera/course.hpp"
#include "tessera/session.hpp"
#include "textures.hpp"
#include "theme.hpp"

namespace tessera::player {

struct PlayerOptions {
  int max_frames = 0;                // 0 = run until the window closes; N > 0 quits after N frames (tests)
  const char* screenshot = nullptr;  // with max_frames: save the last frame here as a PNG
  std::string screen;                // start on this screen when the course is open: overview (default),
                                     // lesson (the current block), results, wallet
  std::string block;                 // open this block at start (authors' preview, the frame benchmark)
};

enum class Screen { loading, catalog, overview, block, results, wallet, review };

// One course in the catalog, as its course.json describes it.
struct CatalogCard {
  std::string id;
  std::string path;  // folder URL or path, ending in '/'
  std::string title;
  std::string summary;
  std::string level;
  int minutes = 0;
  std::string error;  // why it could not be read, when it could not
};

// What the learner has entered but not yet sent as an action, per item.
struct ItemDraft {
  nlohmann::json answer;  // in the item type's shape
  int certainty = 0;      // 1–3 for certainty-based marking
  int hints_shown = 0;
  std::vector<std::string> text_buffers;  // InputText storage (short text, numeric, gaps, free text)
  int cursor_x = -1;                      // hotspot keyboard crosshair, image pixels
  int cursor_y = -1;
  int held = -1;  // ordering/matching keyboard "picked up" row
};

// What an interactive widget is and does, for the frame's list of drawn widgets (tests compare it with the
// view's actions). Its kind: `button` is one of the view's actions (the only kind that changes the course);
// the player's own widgets are `nav` (moving between its screens), `question` (moving between an attempt's
// questions), `hint` (revealing a hint), `move` (moving an ordering row), `link`, and the inputs checkbox,
// radio, text-input, select, option, draggable, image-map. Also whether it is enabled, the view's actions
// it sends, the block it goes to when it navigates, and for an action its primary look and its reason.
struct Control {
  Control(const char* widget_kind = nullptr, bool is_enabled = true, nlohmann::json actions = nlohmann::json::array(),
          std::string block = {})
      : kind(widget_kind), enabled(is_enabled), sends(std::move(actions)), opens(std::move(block)) {}
  const char* kind;  // nullptr: shown, not interactive (an image, a countdown, a QR code)
  bool enabled;
  nlohmann::json sends;
  std::string opens;
  bool primary = false;  // an action: the step the screen leads to
  std::string reason;    // an action that is not enabled: why, as the view says
};

class PlayerApp {
 public:
  explicit PlayerApp(PlayerOptions options);
  ~PlayerApp();

  // Between frames: loads fonts (and reloads them when the pixel ratio changes). Returns true when the
  // renderer must upload the font atlas again.
  bool before_frame();
  // Builds one frame's UI. Returns false when the player should quit.
  bool draw();
  // True while something animates or waits (loading): the loop keeps drawing instead of idling.
  [[nodiscard]] bool busy() const;
  // Milliseconds until something on screen changes by itself (a countdown's next second): 0 when due, -1
  // when nothing is scheduled. The frame loop wakes for it; otherwise the player stays idle.
  [[nodiscard]] std::int64_t ms_until_redraw(std::int64_t now) const;
  [[nodiscard]] const Theme& theme() const { return theme_; }

  // ---- used by the screens (player/screens/*.cpp)
  // The host path: stamps `t`, the runtime proposes the event and the next view, the store writes the event,
  // and only once it is stored the session commits it and the new view is shown; then `then` runs (a
  // Continue that completes a block and then opens the next). A refusal or a failed write shows why in the
  // status line and changes nothing. While a write is under way further actions are ignored.
  void act(nlohmann::json action, std::function<void()> then = {});
  // Sends the outline's action for the block (an author's preview: --block), then shows the block screen;
  // a block the outline does not offer is a load error with the view's reason.
  void open_block(const std::string& block_id);
  // The block's entry in the view's outline (id, status, statusText, action…); empty when there is none.
  [[nodiscard]] nlohmann::json outline_block(const std::string& block_id) const;
  [[nodiscard]] std::string current_block() const;  // the view's current block id ("" when none)
  void go(Screen screen);
  void follow_link(const std::string& url);
  // Registers the last ImGui item under `id`: a Tab stop; while visible, an entry of the UI map (id, label,
  // rectangle) tests click by; and when `control.kind` is set, an entry of this frame's drawn widgets
  // (id, label, kind, enabled, sends, opens), on screen or scrolled away.
  void expose(const std::string& id, const std::string& label, const Control& control = {});
  // Tab (+1) / Shift+Tab (-1): focus the next / previous enabled widget in drawing order, scrolled into
  // view; a text field is focused for typing. ImGui 1.86 tabs only between text fields of one window.
  void request_tab(int direction);
  // Input arrived: cards may ask for frames again until their heights settle (see end_card).
  void input_arrived() { layout_frames_ = 0; }
  // `text` parsed, kept under `key` (its place on screen) until the text at that place changes.
  [[nodiscard]] const std::vector<MdBlock>& markdown(const std::string& key, const std::string& text);
  // Draws Markdown (parsed once under `key`); its links are Tab stops exposed as "<id>-link-<n>", and the
  // one activated is opened.
  void show_markdown(const std::string& key, const std::string& text, const std::string& id);
  [[nodiscard]] std::string resolve(const std::string& relative_url) const;  // against the course folder
  // The one button of the player, so every button is in the drawn widgets: drawn in its look (primary:
  // filled in the accent colour; secondary: plain; choice: a full-width card whose text wraps), exposed
  // under `id` as `control` says. True when pressed while enabled.
  enum class Look { primary, secondary, choice };
  bool button(const std::string& id, const std::string& label, Look look, const Control& control);
  // The player's own button (kind nav, question, hint, move or link; see Control): changes no course state.
  bool own_button(const std::string& id, const std::string& label, const char* kind, bool enabled = true,
                  Look look = Look::secondary, const std::string& opens = {});
  // One of the view's actions as a button: its label, primary look, enabled unless the view says not or its
  // availableAt is still to come, and when not enabled its reason beside it (counting down to availableAt).
  // Pressed, it sends the action's `send` with `input()` added (the learner's answer or text), then `then`.
  // `look` overrides the action's own (a scenario choice is a card). `reason_said_below`: the caller says the
  // reason once for several buttons (a locked module's blocks), so it is not drawn beside this one. True when sent.
  bool action_button(const std::string& id, const nlohmann::json& action,
                     const std::function<nlohmann::json()>& input = {}, std::function<void()> then = {},
                     std::optional<Look> look = std::nullopt, bool reason_said_below = false);
  // Draws one of the view's actions as action_button does and says whether it was pressed while enabled, without
  // sending it: for an action that stores nothing (the review view's check-recall asks the view again).
  bool draw_action(const std::string& id, const nlohmann::json& action, std::optional<Look> look = std::nullopt,
                   bool reason_said_below = false);
  // The actions of the view not drawn yet on this screen that `wanted` picks, taken out of `pending_`: each
  // part of a block screen draws its own, the foot of the screen the rest.
  std::vector<nlohmann::json> take_actions(const std::function<bool(const nlohmann::json&)>& wanted);
  bool ask_to_confirm();
  // The view's word `key` (a catalogue key: "ui.true", "certainty.label"…) with its {name} placeholders
  // filled in; the key itself when the view lacks it, so a missing word shows instead of vanishing.
  [[nodiscard]] std::string word(const std::string& key, const std::map<std::string, std::string>& values = {}) const;
  // A word of the player's own screens (catalog, wallet, loading) in the interface language, from the built-in
  // catalogue: these screens have no view, and a course's view carries only the words its screens use.
  [[nodiscard]] std::string page_word(const std::string& key,
                                      const std::map<std::string, std::string>& values = {}) const;
  void pill(const std::string& text, const ImVec4& colour);
  // Keeps the next widget on this line when it still fits (`next_width` wide, or a button labelled
  // `next_label`, in the bold font when `bold`), else lets it wrap to the next: rows stay whole on a phone.
  void same_line_if_fits(float next_width, float spacing = -1.0f);
  void same_line_if_fits(const std::string& next_label, bool bold = false, float spacing = -1.0f);
  void begin_card(const char* id, float height = 0);
  void end_card();
  void heading(const std::string& text, bool large = false);
  void muted(const std::string& text);
  // "m:ss" counting down to `until` (Unix ms, from the view) after `label`, redrawn each second; nothing once
  // it has passed. Exposed under `id`. The runtime judges time from the actions' recorded times.
  void countdown(const std::string& id, const std::string& label, std::int64_t until);
  // The view's deadlines for the block on screen: each one's label, the time left and what happens then.
  // One that has passed with an action to send (onPass) sends it, once.
  void draw_deadlines(const std::string& block);
  enum class Icon { check, cross, dot, ring };
  void icon(Icon kind, const ImVec4& colour);  // drawn, not a glyph: Noto Sans has no check marks
  void progress_bar(float fraction, const std::string& overlay, float height = 10);

  // Screens.
  void draw_catalog();
  void draw_overview();
  void draw_block();
  void draw_lesson(const nlohmann::json& current);
  // An image of the course (an image block, a scenario node's picture) at most the width available and 520 px
  // high, its alt text exposed; a placeholder while it loads or when it cannot be shown.
  void draw_image(const std::string& src, const std::string& alt);
  void draw_assessment(const nlohmann::json& current);
  void draw_scenario(const nlohmann::json& current);
  void draw_survey(const nlohmann::json& current);
  void draw_reflection(const nlohmann::json& current);
  void draw_results();
  void draw_completion_moment(const nlohmann::json& completion);
  void draw_wallet();
  // The review session (screens/review.cpp), drawn from the runtime's review view as the HTML review page is:
  // the overview's entry (cards due, and the way in), the screen, and the view asked for at the frame's time
  // (`answered`: the card just answered, {block, item} or {module, prompt} with answer and shownAt; null: none).
  void draw_review_entry();
  void draw_welcome();  // the view's welcome of a first open, if it has one
  void draw_review();
  void start_review();
  void show_review(const nlohmann::json& answered);
  [[nodiscard]] nlohmann::json review_view(const nlohmann::json& answered) const;
  // A wallet card's body: `text` in a column on the left and the QR code of `payload` on the right, or on a
  // narrow screen the code below the text. The code is exposed as `qr_id`; `too_large` replaces it when the
  // payload does not fit a QR code.
  void text_beside_qr(const std::function<void()>& text, const std::string& payload, const std::string& qr_id,
                      const std::string& qr_label, const std::string& too_large);
  // The open attempt: one question at a time with the view's answer action, its submit action, the list of
  // questions to move between, and in a practice check the results so far.
  void draw_open_attempt(const std::string& block, const nlohmann::json& assessment);
  // One item's widgets, its certainty levels and hints; the learner's input is kept in drafts_ under
  // "<attempt_key>/<item>", starting from `response` (what the view says was saved).
  void draw_item(const nlohmann::json& item, const std::string& attempt_key, const nlohmann::json& response);
  // Each item of `attempt` that has a result in the view: its label, verdict, score and feedback lines.
  void draw_item_results(const nlohmann::json& attempt);
  void draw_item_result(const nlohmann::json& item, const nlohmann::json& result);
  void draw_written_answer(const nlohmann::json& answer, const ImVec4& colour);

 private:
  // State the screens read.
  Theme theme_;
  TextureCache textures_;
  PlayerOptions options_;
  Screen screen_ = Screen::loading;
  std::vector<CatalogCard> catalog_;
  bool catalog_loaded_ = false;
  std::string catalog_base_;
  std::string course_base_;  // folder of the open course, ending in '/'
  std::shared_ptr<const course::Course> course_;
  std::optional<session::Session> session_;
  nlohmann::json view_;
  std::string language_;
  std::string status_;  // one line: what just happened, or what went wrong
  bool status_is_error_ = false;
  std::vector<std::string> load_errors_;
  std::map<std::string, ItemDraft> drafts_;  // by "block/attempt/item"
  std::vector<nlohmann::json> pending_;      // the view's actions this block screen has not drawn yet
  // An action pressed whose `confirm` question is on screen: what to send, and then, once the learner accepts.
  struct Confirming {
    std::string id;
    nlohmann::json send;
    std::function<void()> then;
    nlohmann::json confirm;
  };
  std::optional<Confirming> confirming_;
  std::string attempt_on_screen_;         // "block/attempt" whose question item_index_ is
  int item_index_ = -1;                   // the question shown; -1: the first not answered
  std::set<std::string> deadlines_sent_;  // deadlines whose onPass was sent ("kind|block|at")
  std::map<std::string, std::vector<std::string>> survey_text_;
  std::map<std::string, nlohmann::json> survey_answers_;
  std::map<std::string, std::string> reflection_text_;
  std::vector<std::string> wallet_;
  bool wallet_loaded_ = false;
  std::string last_block_;  // for scrolling to the top and hiding media on change
  bool scroll_to_top_ = false;
  std::int64_t redraw_at_ = 0;        // Unix ms of the next self-driven change on screen; 0: none
  float screen_height_ = 0;           // the scrolling screen's visible height this frame, for content fitted to it
  bool writing_ = false;              // an event is being stored: the session has not moved yet
  bool completion_asked_ = false;     // the host was told this record is complete (course_completed)
  std::string completion_notice_;     // the completion banner: where the proof is, or why there is none
  nlohmann::json review_;             // the review view on screen (Screen::review)
  std::int64_t review_started_ = 0;   // Unix ms: when this review session began (its time budget counts from it)
  std::int64_t review_shown_at_ = 0;  // Unix ms: when the card on screen was shown (its response time)

  void start();
  void load_catalog(const std::string& url);
  void load_course(const std::string& folder);
  // Opens the session from the stored record; `in_place` re-opens it on the same screen (another tab
  // stored events this one had not seen), with `notice` in the status line.
  void read_record(bool in_place, const std::string& notice = {});
  void reload_wallet();
  // Once per opened record, when the view says the course is complete: asks the host to sign the proof.
  void note_completion();
  void draw_top_bar();
  void draw_banner();
  void publish_ui();

  void start_tab_move();
  void take_tab_stop();

  struct TabStop {
    unsigned id = 0;
    bool text = false;  // a text field: focusing it starts text entry
  };
  ImVec2 scroll_;                         // the screen's scroll position and its maximum (x, y), for the UI map
  std::vector<ImGuiID> card_keys_;        // open cards' height keys (begin_card → end_card)
  int card_changes_ = 0;                  // cards whose height changed this frame (begin_card/end_card)
  int layout_frames_ = 0;                 // frames in a row in which some card's height changed
  std::vector<TabStop> tab_stops_;        // last frame's, in drawing order
  std::vector<TabStop> tab_stops_drawn_;  // this frame's, so far
  int tab_request_ = 0;
  TabStop tab_target_;
  // Parsed Markdown by place (see markdown()), with the text it was parsed from: the same place shows other
  // text after a language switch.
  std::map<std::string, std::pair<std::string, std::vector<MdBlock>>> markdown_cache_;
  nlohmann::json widgets_ = nlohmann::json::array();  // this frame's UI map entries (visible widgets)
  nlohmann::json drawn_ = nlohmann::json::array();    // this frame's interactive widgets, all of them
  std::string published_;
  int frames_ = 0;
  int pending_loads_ = 0;
  std::string font_regular_;
  std::string font_bold_;
  int fonts_arrived_ = 0;
  bool fonts_built_ = false;
  float font_scale_ = 0;
  bool quit_ = false;
};

// The id an action's button is exposed under: "next" / "previous" for opening the neighbouring blocks,
// "choice-<id>" for a scenario choice, "save-reflection", else its type ("complete", "start-attempt"…).
[[nodiscard]] std::string action_id(const nlohmann::json& action, const std::string& previous = {},
                                    const std::string& next = {});
// What an action sends back: its members other than how it is shown (label, primary, enabled, reason,
// availableAt).
[[nodiscard]] nlohmann::json send_of(const nlohmann::json& action);
// Localised text of a JSON string or {lang: string} object (the view is already resolved; this tolerates both).
[[nodiscard]] std::string text_of(const nlohmann::json& value);
// text_of(object[key]), or "" when `object` has no such member.
[[nodiscard]] std::string text_of(const nlohmann::json& object, const char* key);

}  // namespace tessera::player
