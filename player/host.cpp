// The canvas player's host side: opening the catalog and a course (through the platform, which checks the
// package), reading the learner's record, and the one path of every action — the runtime proposes the event
// and the next view, the platform's store writes the event, then the session commits it and the view is
// shown — with completion handed to the host to sign its proof. What the view says about blocks, for the
// screens. The frame and the screens' dispatch are in player_app.cpp; shared widgets in widgets.cpp.
#include "player_app.hpp"

#include "platform.hpp"
#include "tessera/catalog.hpp"
#include "tessera/json_text.hpp"
#include "tessera/record.hpp"

namespace tessera::player {

using nlohmann::json;

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
    load_errors_.push_back(page_word("page.canvas.nothing-given"));
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
      load_errors_.push_back(page_word("page.canvas.catalog-unreadable", {{"problem", body}}));
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
      fetch_bytes(card.path + "course.json", [this, index](bool read, const std::string& text) {
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
  open_course(course_base_, [this](bool ok, const std::string& body, const std::string& error) {
    --pending_loads_;
    if (!ok) {
      load_errors_.push_back(page_word("page.canvas.course-unopened", {{"problem", error}}));
      screen_ = Screen::catalog;
      return;
    }
    auto loaded = course::load(body);
    if (!loaded.course) {
      load_errors_.push_back(page_word("page.canvas.course-errors"));
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
  store_load(course_->id,
             [this, in_place, notice](bool read, std::vector<std::string> lines, const std::string& error) {
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
               for (const auto& problem : opened.problems)
                 load_errors_.push_back("record " + problem.where + ": " + problem.message);
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
               screen_ = start == "lesson"    ? Screen::block
                         : start == "results" ? Screen::results
                         : start == "wallet"  ? Screen::wallet
                                              : Screen::overview;
               if (!options_.block.empty()) open_block(options_.block);
             });
}

void PlayerApp::act(json action, std::function<void()> then) {
  if (!session_ || writing_) return;
  action["t"] = now_ms();
  auto outcome = session_->propose(action, language_);
  if (!outcome.ok()) {
    status_ = outcome.problems.empty() ? "That was not accepted." : outcome.problems.front().message;
    if (!outcome.problems.empty() && !outcome.problems.front().hint.empty())
      status_ += " — " + outcome.problems.front().hint;
    status_is_error_ = true;
    return;
  }
  // The session has not moved: it commits the event only once the store says it is written (natively at
  // once, on the web when IndexedDB's transaction has committed), so a failed write leaves both the
  // session and the screen where they were.
  writing_ = true;
  record::Event event = std::move(*outcome.event);
  const std::string line = record::to_json(event).dump();
  store_append(course_->id, line,
               [this, event = std::move(event), view = std::move(outcome.view),
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
  completion_notice_ = word("ui.signing-proof");
  course_completed(course_->id, [this](std::string notice) {
    completion_notice_ = std::move(notice);
    reload_wallet();  // the proof is in the wallet now
  });
}

json PlayerApp::outline_block(const std::string& block_id) const {
  for (const auto& module : view_.value("modules", json::array())) {
    for (const auto& block : module.value("blocks", json::array())) {
      if (block.value("id", std::string()) == block_id) return block;
    }
  }
  return json::object();
}

std::string PlayerApp::current_block() const {
  return view_.contains("current") ? view_["current"].value("id", std::string()) : std::string();
}

void PlayerApp::open_block(const std::string& block_id) {
  if (!session_) return;
  // The outline's action for the block decides, as its button on the overview does.
  const json action = outline_block(block_id).value("action", json());
  if (!action.is_object()) {
    load_errors_.push_back(page_word("page.canvas.no-block", {{"block", block_id}}));
  } else if (!action.value("enabled", true)) {
    load_errors_.push_back(page_word("page.canvas.block-closed",
                                     {{"block", block_id}, {"reason", action.value("reason", std::string())}}));
  } else {
    act(send_of(action), [this, block_id] {
      if (current_block() == block_id) go(Screen::block);
    });
  }
}

}  // namespace tessera::player
