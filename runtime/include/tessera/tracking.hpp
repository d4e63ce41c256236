// What leaves the device for an LMS or a Learning Record Store: the record with the learner's own words
// replaced (shared_events), the tracking report SCORM and cmi5 read (completion, success, score,
// interactions), and the xAPI 1.0.3 statements each event makes (docs/lms.md, "The xAPI profile").
//
// Privacy (docs/credentials.md, "What a proof withholds"): a reflection's text, a survey's answers and an
// unscored item's answer are what a learner writes for themself. The one table of them lives here: a
// completion proof withholds them, an LMS's suspend_data carries placeholders for them, and no statement
// carries them unless the learner opted in for the course.
//
// Does NOT: read a clock, make random ids (a statement's id is derived from its event's hash, so a replay
// makes the same statement byte for byte), or send anything.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tessera/record.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

// A reflection's text wherever it is withheld (a proof's evidence, an LMS's copy of the record).
inline constexpr std::string_view withheld_reflection_text = "[kept on the device where it was written]";

// One payload member a learner writes for themself, and the placeholder replayed in its place (which
// Session accepts and which scores nothing).
struct PrivateMember {
  std::string_view event_type;
  std::string_view member;
  bool unscored_items_only;  // an answer: only an unscored item's (re-scoring needs the others)
  nlohmann::json (*placeholder)();
};

[[nodiscard]] std::span<const PrivateMember> private_members();
[[nodiscard]] const PrivateMember* private_member_of(std::string_view event_type);
// Whether `event` carries the row's member as the learner's own words (for an answer: the item is unscored).
[[nodiscard]] bool is_private(const PrivateMember& row, const record::Event& event, const Session& session);

// The session's events as JSON objects, each private member replaced by its placeholder: what an LMS may
// keep of the record. Session::open replays them (the host chains them again; see chainEvents).
[[nodiscard]] nlohmann::json shared_events(const Session& session);

// The assessment an assessment block names, or null.
[[nodiscard]] const course::AssessmentRef* assessment_ref(const course::Course& course, const course::Block& block);

// The block of the course's one must-pass assessment ("" when completion.mustPass names none or several).
[[nodiscard]] std::string must_pass_block(const course::Course& course);

// What SCORM and cmi5 report, decided here and nowhere else:
// {"completion": "completed"|"incomplete",
//  "success": "passed" (complete with a must-pass assessment, or its latest attempt passed) | "failed" (its
//             latest submitted attempt failed) | "unknown",
//  "assessment": must-pass block or null,
//  "score"?: {"raw","min","max" (exact fractions as text), "scaled" (raw/max, a number)}: its latest
//            submitted attempt, when its maximum is above 0,
//  "interactions": [{"id": "BLOCK.ATTEMPT.ITEM", "block", "attempt", "item", "t" (the answer's time),
//                    "result": "correct"|"incorrect"|"partial"|"neutral", "score"?, "max"?, "scaled"?,
//                    "response"? (the answer; never an unscored item's)}]: each answered item whose result
//                    the learner has seen (a formative check's at once, others once the attempt is submitted),
//  "timeOnTaskSeconds"}
[[nodiscard]] nlohmann::json tracking_report(const Session& session);

// How statements are addressed. `actor` is an xAPI Agent; `activity` the course's IRI (cmi5: the AU's
// activityId); with `cmi5`, statements follow cmi5's rules (registration and session id on each;
// completed/passed/failed as cmi5-defined statements, never in Browse or Review mode).
struct StatementOptions {
  nlohmann::json actor;
  std::string activity;
  std::string language;  // of the names in activity definitions ("" = the course's default)
  bool include_private = false;
  struct Cmi5 {
    std::string registration;
    std::string session_id;
    std::string launch_mode = "Normal";
    std::optional<double> mastery_score;  // LMS.LaunchData's, which replaces the course's pass mark
  };
  std::optional<Cmi5> cmi5;
};

// Reads {"actor", "activity", "language"?, "includePrivate"?, "cmi5"?: {"registration", "sessionId",
// "launchMode"?, "masteryScore"?}}; problems name the member.
[[nodiscard]] Result<StatementOptions> read_statement_options(const nlohmann::json& options);

// The UUID of the `index`-th statement an event makes for one learner in one registration: RFC 9562 version 8
// (name-based, SHA-256) of "HASH/INDEX/SCOPE", where SCOPE is the actor as JSON (keys sorted, no spaces),
// then "/REGISTRATION" for a cmi5 launch. A replay of the record gives the same ids; the same event sent for
// another actor or registration does not, so an LRS never answers 409 for a statement it does not hold.
[[nodiscard]] std::string statement_id(const std::string& event_hash, std::size_t index, const std::string& scope);

// The SCOPE of statement_id for these options.
[[nodiscard]] std::string statement_scope(const StatementOptions& options);

// ISO 8601 duration of whole centiseconds ("PT1H2M3.45S"), as xAPI results carry them.
[[nodiscard]] std::string iso_duration(std::int64_t milliseconds);

// The statements the session's last event makes, given whether the course was complete before it.
[[nodiscard]] nlohmann::json event_statements(const Session& session, bool was_complete,
                                              const StatementOptions& options);

// The statements of a whole record (replayed event by event): what the event-by-event calls made.
[[nodiscard]] nlohmann::json record_statements(std::shared_ptr<const course::Course> course,
                                               const std::vector<record::Event>& events,
                                               const StatementOptions& options);

}  // namespace tessera::session
