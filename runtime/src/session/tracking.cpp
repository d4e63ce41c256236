// The learner's own words table, the record as an LMS may keep it, and the tracking report SCORM and cmi5 read.
#include "tessera/tracking.hpp"

#include <array>
#include <cmath>

#include "internal.hpp"

namespace tessera::session {

using nlohmann::json;

namespace {

// Neither re-scoring nor the completion rules read these members; each placeholder replays without scoring.
constexpr std::array<PrivateMember, 3> private_member_table{{
    {"reflection.saved", "text", false, [] { return json(withheld_reflection_text); }},
    {"survey.submitted", "answers", false, [] { return json::object(); }},
    {"answer.submitted", "response", true,
     [] {
       return json{{"answer", nullptr}};
     }},
}};

// "correct" / "incorrect" / "partial" / "neutral", as xAPI and SCORM 2004 name an interaction's result.
std::string result_word(const assess::Item& item, const assess::ItemResult& result) {
  if (!item.scored) return "neutral";
  if (result.correct) return "correct";
  return assess::Fraction{} < result.score ? "partial" : "incorrect";
}

// score / max to 4 decimals: a number, as xAPI's and SCORM 2004's scaled scores are (decisions use the fractions).
double scaled(const assess::Fraction& score, const assess::Fraction& max) {
  return std::round(score.to_double() / max.to_double() * 10000) / 10000;
}

// One row per answered item of one attempt whose result the learner has seen.
void add_interactions(const Session& session, const std::string& block_id, const Attempt& attempt, json& rows) {
  for (const auto& item_id : attempt.items) {
    const auto answer = attempt.answers.find(item_id);
    const assess::Item* item = session.item(block_id, item_id);
    if (answer == attempt.answers.end() || !item) continue;
    const json& response = answer->second;
    const assess::Response r{response.value("answer", json()), response.value("certainty", 0),
                             response.value("hintsUsed", 0)};
    if (r.answer.is_null()) continue;
    const auto scored = assess::score_item(*item, r);
    if (!scored) continue;
    json row = {{"id", block_id + "." + std::to_string(attempt.number) + "." + item_id},
                {"block", block_id},
                {"attempt", attempt.number},
                {"item", item_id},
                {"result", result_word(*item, scored.value())}};
    if (item->scored) {
      row["score"] = scored.value().score.to_string();
      row["max"] = scored.value().max.to_string();
      if (assess::Fraction{} < scored.value().max) row["scaled"] = scaled(scored.value().score, scored.value().max);
      row["response"] = r.answer;
    }
    rows.push_back(std::move(row));
  }
}

}  // namespace

std::span<const PrivateMember> private_members() { return private_member_table; }

const PrivateMember* private_member_of(std::string_view event_type) {
  for (const auto& row : private_member_table) {
    if (row.event_type == event_type) return &row;
  }
  return nullptr;
}

bool is_private(const PrivateMember& row, const record::Event& event, const Session& session) {
  if (!event.payload.contains(row.member)) return false;
  if (!row.unscored_items_only) return true;
  const assess::Item* item =
      session.item(event.payload.value("block", std::string()), event.payload.value("item", std::string()));
  return item && !item->scored;
}

json shared_events(const Session& session) {
  json out = json::array();
  for (const auto& event : session.events()) {
    json item = record::to_json(event);
    const PrivateMember* row = private_member_of(event.type);
    if (row && is_private(*row, event, session)) item["payload"][std::string(row->member)] = row->placeholder();
    out.push_back(std::move(item));
  }
  return out;
}

const course::AssessmentRef* assessment_ref(const course::Course& course, const course::Block& block) {
  const auto id = block.data.find("assessment");
  if (id == block.data.end() || !id->is_string()) return nullptr;
  for (const auto& ref : course.assessments) {
    if (ref.id == id->get<std::string>()) return &ref;
  }
  return nullptr;
}

std::string must_pass_block(const course::Course& course) {
  if (course.completion.must_pass.size() != 1) return {};
  const std::string& assessment = course.completion.must_pass.front();
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      const auto* ref = assessment_ref(course, block);
      if (ref && ref->id == assessment) return block.id;
    }
  }
  return {};
}

json tracking_report(const Session& session) {
  const course::Course& course = session.course();
  const State& state = session.state();
  const bool complete = session.course_complete();
  const std::string must_pass = must_pass_block(course);
  json report = {{"completion", complete ? "completed" : "incomplete"},
                 {"success", "unknown"},
                 {"assessment", must_pass.empty() ? json() : json(must_pass)},
                 {"interactions", json::array()},
                 {"timeOnTaskSeconds", state.time_on_task_ms / 1000}};
  const Attempt* last = nullptr;
  if (const auto found = state.attempts.find(must_pass); !must_pass.empty() && found != state.attempts.end()) {
    for (const auto& attempt : found->second) {
      if (attempt.submitted) last = &attempt;
    }
  }
  if (complete && !must_pass.empty()) {
    report["success"] = "passed";
  } else if (last) {
    report["success"] = last->passed ? "passed" : "failed";
  }
  if (last && assess::Fraction{} < last->max) {
    report["score"] = {{"raw", last->score.to_string()},
                       {"min", "0"},
                       {"max", last->max.to_string()},
                       {"scaled", scaled(last->score, last->max)}};
  }
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      const auto attempts = state.attempts.find(block.id);
      if (attempts == state.attempts.end()) continue;
      const auto* ref = assessment_ref(course, block);
      const bool immediate = ref && ref->kind == course::AssessmentKind::formative;
      for (const auto& attempt : attempts->second) {
        if (attempt.submitted || immediate) add_interactions(session, block.id, attempt, report["interactions"]);
      }
    }
  }
  return report;
}

}  // namespace tessera::session
