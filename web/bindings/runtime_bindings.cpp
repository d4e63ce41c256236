// The runtime's JavaScript API through embind: the only C++ that knows about JS. JSON strings in and out,
// so the JS side stays plain data (IndexedDB stores the same event objects the runtime returns).
//
//   runtime.version() → "0.1.0"                  runtime.buildInfo() → JSON
//   runtime.validateCourse(courseJson, filesJson, today) → JSON {valid, problems}
//   runtime.pathwayProgress(catalogJson, completedCourseIdsJson) → JSON {ok, pathways: [progress], problems}
//   const s = new runtime.Session(courseJson, eventsJson)   (eventsJson: an array of event objects)
//   s.openProblems() → JSON [problem]   s.view(language) → JSON view model
//   s.propose(actionJson, language) → JSON {ok, event?, view, problems}   (the session does not move)
//   s.commit(eventJson) → JSON {ok, problems}   (after the host stored the event)   s.delete() when done
//   s.sharedEvents() → JSON [event]   (the learner's own words as placeholders: what an LMS may keep)
//   s.trackingReport() → JSON {completion, success, assessment, score?, interactions, timeOnTaskSeconds}
//   s.lastStatements(optionsJson) → JSON {ok, statements, problems}   (the xAPI statements of the last event)
//   s.recordStatements(optionsJson) → JSON {ok, statements, problems}   (the whole record's, replayed)
//   s.reviewView(requestJson, language) → JSON {ok, review, problems}   (docs/recall.md)
//   s.planView(goalJson, today, language) → JSON {ok, plan, problems}   (the study plan, docs/recall.md)
//   const p = new runtime.PackageVerifier(manifestText, expectedPublisherDid or "")
//   p.problems() → JSON [problem]     p.manifest() → JSON {course, version, publisher, files}
//   p.checkFile(path, bytes: Uint8Array) → JSON [problem]   (empty: the file is the signed one)
//   runtime.chainEvents(compactJson) → JSON {ok, events, problems}   ([[type, t, payload], …] → the hash chain)
//   runtime.reminders(factsJson, nowMs, language) → JSON {ok, reminders: {now, later, credentials}, problems}
#include <emscripten/bind.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "tessera/catalog.hpp"
#include "tessera/course.hpp"
#include "tessera/json_text.hpp"
#include "tessera/package.hpp"
#include "tessera/plan.hpp"
#include "tessera/reminders.hpp"
#include "tessera/session.hpp"
#include "tessera/tracking.hpp"
#include "tessera/version.hpp"

namespace {

using nlohmann::json;

using tessera::to_json;

std::string runtime_version() { return std::string(tessera::version()); }

std::string validate_course(const std::string& course_json, const std::string& files_json, const std::string& today) {
  tessera::course::LoadOptions options;
  options.today = today;
  const auto read = tessera::json_text::read(files_json, tessera::json_text::host_message, "the file list");
  if (!read) return json{{"valid", false}, {"problems", to_json(read.problems())}}.dump();
  const json& files = read.value();
  if (files.is_array()) {
    options.check_files = true;
    for (const auto& f : files) {
      if (f.is_string()) options.files.push_back(f.get<std::string>());
    }
  }
  const auto report = tessera::course::load(course_json, options);
  return json{{"valid", report.course.has_value()}, {"problems", to_json(report.problems)}}.dump();
}

// Each pathway of a catalog, with the courses the learner completed, by the runtime's one pathway rule
// (catalog::pathway_progress, which the issuer checks too): the dashboard shows this, never its own copy.
std::string pathway_progress(const std::string& catalog_json, const std::string& completed_json) {
  const auto refused = [](const std::vector<tessera::Problem>& problems) {
    return json{{"ok", false}, {"pathways", json::array()}, {"problems", to_json(problems)}}.dump();
  };
  const auto report = tessera::catalog::load(catalog_json);
  if (!report.catalog) return refused(report.problems);
  const auto read = tessera::json_text::read(completed_json, tessera::json_text::host_message, "the completed courses");
  if (!read) return refused(read.problems());
  const json& list = read.value();
  if (!list.is_array()) {
    return refused({tessera::error_at("/", "the completed courses must be a JSON array of course ids",
                                      "pass [] when the learner has completed none")});
  }
  std::set<std::string> completed;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) {
      return refused({tessera::error_at("/" + std::to_string(i),
                                        "a completed course must be its id, a string, not " + list[i].dump())});
    }
    completed.insert(list[i].get<std::string>());
  }
  json pathways = json::array();
  for (const auto& pathway : report.catalog->pathways)
    pathways.push_back(tessera::catalog::pathway_progress(pathway, completed));
  return json{{"ok", true}, {"pathways", std::move(pathways)}, {"problems", to_json(report.problems)}}.dump();
}

// The reminders and expiry notices at the host's `now` (tessera/reminders.hpp): the dashboard, the service
// worker's schedule and the wallet all show this one decision.
std::string reminders(const std::string& facts_json, double now_ms, const std::string& language) {
  const auto refused = [](const std::vector<tessera::Problem>& problems) {
    return json{{"ok", false}, {"problems", to_json(problems)}}.dump();
  };
  const auto read = tessera::json_text::read(facts_json, tessera::json_text::reminder_facts, "the reminder facts");
  if (!read) return refused(read.problems());
  auto made = tessera::reminders::reminders(read.value(), static_cast<std::int64_t>(now_ms), language);
  if (!made) return refused(made.problems());
  return json{{"ok", true}, {"reminders", std::move(made).value()}, {"problems", json::array()}}.dump();
}

// A record carried without its seq and prev members ([[type, t, payload], …]: an LMS's suspend_data has
// room for little, and the 64 hex digits of each prev are what compresses worst), chained again by the one
// record code (record::next_event). The events that come back are the stored ones only if nothing was
// changed: the caller compares the last one with what it expects, and Session::open checks the rest.
std::string chain_events(const std::string& compact_json) {
  const auto refused = [](const tessera::Problem& problem) {
    return json{{"ok", false}, {"events", json::array()}, {"problems", to_json(std::vector{problem})}}.dump();
  };
  const auto read = tessera::json_text::read(compact_json, tessera::json_text::record_events, "the compact record");
  if (!read) return json{{"ok", false}, {"events", json::array()}, {"problems", to_json(read.problems())}}.dump();
  const json& list = read.value();
  if (!list.is_array()) return refused(tessera::error_at("/", "the compact record must be a JSON array"));
  std::vector<tessera::record::Event> events;
  events.reserve(list.size());
  json out = json::array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& entry = list[i];
    if (!entry.is_array() || entry.size() != 3 || !entry[0].is_string() || !entry[1].is_number_integer() ||
        !entry[2].is_object()) {
      return refused(tessera::error_at("/" + std::to_string(i), "an event must be [type, t, payload]",
                                       "a string, an integer time in Unix milliseconds and an object"));
    }
    events.push_back(tessera::record::next_event(events.empty() ? nullptr : &events.back(), entry[0].get<std::string>(),
                                                 entry[1].get<std::int64_t>(), entry[2]));
    out.push_back(tessera::record::to_json(events.back()));
  }
  auto check = tessera::record::verify_chain(std::move(events));
  if (check.broken) return refused(*check.broken);
  return json{{"ok", true}, {"events", std::move(out)}, {"problems", json::array()}}.dump();
}

// A session held by JS. A course that does not load, or events that are not JSON, leave it closed: every
// call then answers with the problems instead of throwing into JS.
class JsSession {
 public:
  JsSession(const std::string& course_json, const std::string& events_json) {
    auto report = tessera::course::load(course_json);
    if (!report.course) {
      problems_ = report.problems;
      return;
    }
    std::vector<tessera::record::Event> events;
    const auto read = tessera::json_text::read(events_json, tessera::json_text::record_events, "the events");
    if (!read) {
      problems_ = read.problems();
      return;
    }
    const json& parsed = read.value();
    if (!parsed.is_array()) {
      problems_.push_back(tessera::error_at("events", "the events must be a JSON array of event objects"));
      return;
    }
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      auto event = tessera::record::from_json(parsed[i], "/" + std::to_string(i));
      if (!event) {
        // Keep everything before the first unreadable event, as a broken chain would.
        problems_.insert(problems_.end(), event.problems().begin(), event.problems().end());
        break;
      }
      events.push_back(std::move(event).value());
    }
    course_ = std::make_shared<const tessera::course::Course>(std::move(*report.course));
    auto opened = tessera::session::Session::open(course_, std::move(events));
    problems_.insert(problems_.end(), opened.problems.begin(), opened.problems.end());
    session_ = std::make_unique<tessera::session::Session>(std::move(opened.session));
  }

  std::string open_problems() const { return to_json(problems_).dump(); }

  std::string view(const std::string& language) const {
    if (!session_) return json{{"closed", true}, {"problems", to_json(problems_)}}.dump();
    return session_->view(language).dump();
  }

  // The host path: propose (nothing changes), store the event, then commit it.
  std::string propose(const std::string& action_json, const std::string& language) const {
    if (!session_) return json{{"ok", false}, {"problems", to_json(problems_)}}.dump();
    const auto action = tessera::json_text::read(action_json, tessera::json_text::host_message, "the action");
    if (!action) {
      return json{{"ok", false}, {"view", session_->view(language)}, {"problems", to_json(action.problems())}}.dump();
    }
    const auto outcome = session_->propose(action.value(), language);
    json out = {{"ok", outcome.ok()}, {"view", outcome.view}, {"problems", to_json(outcome.problems)}};
    if (outcome.event) out["event"] = tessera::record::to_json(*outcome.event);
    return out.dump();
  }

  // The review screen (docs/recall.md) → JSON {ok, review, problems}: request {now, started, minutes?,
  // answered?: {block, item, answer, shownAt}}, every time the host's clock in Unix ms.
  std::string review_view(const std::string& request_json, const std::string& language) const {
    if (!session_) return json{{"ok", false}, {"problems", to_json(problems_)}}.dump();
    const auto read = tessera::json_text::read(request_json, tessera::json_text::host_message, "the review request");
    if (!read) return json{{"ok", false}, {"problems", to_json(read.problems())}}.dump();
    const auto request = tessera::session::read_review_request(read.value());
    if (!request) return json{{"ok", false}, {"problems", to_json(request.problems())}}.dump();
    const auto review = session_->review_model(request.value(), language);
    if (!review) return json{{"ok", false}, {"problems", to_json(review.problems())}}.dump();
    return json{{"ok", true}, {"review", tessera::view::to_json(review.value())}, {"problems", json::array()}}.dump();
  }

  // The study plan (tessera/plan.hpp) for a goal (or null: none set), the modules this record has completed and
  // the host's today (YYYY-MM-DD in the learner's zone) → JSON {ok, plan: {modules: [{id, title, minutes, date,
  // complete, late}], finish, done, onTrack} or null, liveSessions: [{id, title, start (Unix ms), timeZone,
  // minutes, link, prepare}], problems}; a goal that cannot be read is refused with its pointer.
  std::string plan_view(const std::string& goal_json, const std::string& today, const std::string& language) const {
    if (!session_) return json{{"ok", false}, {"problems", to_json(problems_)}}.dump();
    const auto refused = [](const std::vector<tessera::Problem>& problems) {
      return json{{"ok", false}, {"problems", to_json(problems)}}.dump();
    };
    const auto read = tessera::json_text::read(goal_json, tessera::json_text::host_message, "the goal");
    if (!read) return refused(read.problems());
    const tessera::course::Course& course = session_->course();
    json plan = nullptr;
    if (!read.value().is_null()) {
      const auto goal = tessera::plan::read_goal(read.value());
      if (!goal) return refused(goal.problems());
      std::set<std::string> complete;
      for (std::size_t m = 0; m < course.modules.size(); ++m) {
        if (session_->module_complete(m)) complete.insert(course.modules[m].id);
      }
      const auto made = tessera::plan::make_plan(course, complete, goal.value(), today);
      if (!made) return refused(made.problems());
      plan = tessera::plan::to_json(made.value());
      for (std::size_t m = 0; m < course.modules.size(); ++m)
        plan["modules"][m]["title"] = course.modules[m].title.in(language, course.default_language);
    }
    json live = json::array();
    for (const auto& session : course.live_sessions) {
      live.push_back({{"id", session.id},
                      {"title", session.title.in(language, course.default_language)},
                      {"start", session.start_seconds * 1000},
                      {"timeZone", session.time_zone},
                      {"minutes", session.minutes},
                      {"link", session.link},
                      {"prepare", session.prepare.in(language, course.default_language)}});
    }
    return json{{"ok", true}, {"plan", std::move(plan)}, {"liveSessions", std::move(live)}, {"problems", json::array()}}
        .dump();
  }

  // → JSON {ok, problems}: the stored event (as propose returned it) moves the session on.
  std::string commit(const std::string& event_json) {
    if (!session_) return json{{"ok", false}, {"problems", to_json(problems_)}}.dump();
    const auto read = tessera::json_text::read(event_json, tessera::json_text::host_message, "the event");
    if (!read) return json{{"ok", false}, {"problems", to_json(read.problems())}}.dump();
    auto event = tessera::record::from_json(read.value(), "");
    if (!event) return json{{"ok", false}, {"problems", to_json(event.problems())}}.dump();
    const bool was_complete = session_->course_complete();
    const auto refused = session_->commit(event.value());
    if (refused.empty()) was_complete_ = was_complete;
    return json{{"ok", refused.empty()}, {"problems", to_json(refused)}}.dump();
  }

  std::string shared_events() const {
    return session_ ? tessera::session::shared_events(*session_).dump() : json::array().dump();
  }

  std::string tracking_report() const {
    if (!session_) return json{{"closed", true}, {"problems", to_json(problems_)}}.dump();
    return tessera::session::tracking_report(*session_).dump();
  }

  // The statements the last committed event made (tessera/tracking.hpp), for the host's outbox.
  std::string last_statements(const std::string& options_json) const {
    return statements(options_json, [&](const tessera::session::StatementOptions& options) {
      return tessera::session::event_statements(*session_, was_complete_, options);
    });
  }

  // Every event's statements, replayed: what the outbox should hold when a tab closed before it was written.
  std::string record_statements(const std::string& options_json) const {
    return statements(options_json, [&](const tessera::session::StatementOptions& options) {
      return tessera::session::record_statements(course_, session_->events(), options);
    });
  }

 private:
  template <typename Make>
  std::string statements(const std::string& options_json, Make make) const {
    const auto refused = [](const std::vector<tessera::Problem>& problems) {
      return json{{"ok", false}, {"statements", json::array()}, {"problems", to_json(problems)}}.dump();
    };
    if (!session_) return refused(problems_);
    const auto read = tessera::json_text::read(options_json, tessera::json_text::host_message, "the statement options");
    if (!read) return refused(read.problems());
    const auto options = tessera::session::read_statement_options(read.value());
    if (!options) return refused(options.problems());
    return json{{"ok", true}, {"statements", make(options.value())}, {"problems", json::array()}}.dump();
  }

  std::shared_ptr<const tessera::course::Course> course_;
  std::unique_ptr<tessera::session::Session> session_;
  std::vector<tessera::Problem> problems_;
  bool was_complete_ = false;  // before the last committed event
};

// Checks a downloaded package before anything in it is played: the manifest's signature once, then each
// file's bytes as they arrive (embind copies a Uint8Array into std::string byte for byte). refusal() is
// the one message (package::refusal_message) for every problem found so far.
class JsPackageVerifier {
 public:
  JsPackageVerifier(const std::string& manifest_text, const std::string& expected_publisher) {
    auto manifest = tessera::package::verify_manifest(manifest_text, expected_publisher);
    if (manifest) {
      manifest_ = std::move(manifest).value();
    } else {
      problems_ = manifest.problems();
    }
  }

  std::string problems() const { return to_json(problems_).dump(); }

  std::string manifest() const {
    if (!manifest_) return "null";
    json files = json::array();
    for (const auto& f : manifest_->files) files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
    return json{{"course", manifest_->course_id},
                {"version", manifest_->course_version},
                {"publisher", manifest_->publisher},
                {"files", files}}
        .dump();
  }

  std::string check_file(const std::string& path, const std::string& bytes) {
    if (!manifest_) return problems();
    std::vector<tessera::Problem> found;
    if (auto problem = tessera::package::verify_file(*manifest_, path, bytes)) found.push_back(std::move(*problem));
    problems_.insert(problems_.end(), found.begin(), found.end());
    return to_json(found).dump();
  }

  std::string refusal() const { return tessera::package::refusal_message(problems_); }

 private:
  std::optional<tessera::package::Manifest> manifest_;
  std::vector<tessera::Problem> problems_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_runtime) {
  emscripten::function("version", &runtime_version);
  emscripten::function("buildInfo", &tessera::build_info_json);
  emscripten::function("validateCourse", &validate_course);
  emscripten::function("pathwayProgress", &pathway_progress);
  emscripten::function("chainEvents", &chain_events);
  emscripten::function("reminders", &reminders);
  emscripten::class_<JsSession>("Session")
      .constructor<std::string, std::string>()
      .function("openProblems", &JsSession::open_problems)
      .function("view", &JsSession::view)
      .function("propose", &JsSession::propose)
      .function("commit", &JsSession::commit)
      .function("sharedEvents", &JsSession::shared_events)
      .function("trackingReport", &JsSession::tracking_report)
      .function("lastStatements", &JsSession::last_statements)
      .function("recordStatements", &JsSession::record_statements)
      .function("reviewView", &JsSession::review_view)
      .function("planView", &JsSession::plan_view);
  emscripten::class_<JsPackageVerifier>("PackageVerifier")
      .constructor<std::string, std::string>()
      .function("problems", &JsPackageVerifier::problems)
      .function("manifest", &JsPackageVerifier::manifest)
      .function("checkFile", &JsPackageVerifier::check_file)
      .function("refusal", &JsPackageVerifier::refusal);
}
