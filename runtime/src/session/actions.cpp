// The session's actions: an action is checked into the event the host must store (propose), and a stored
// event moves the session on (commit) — see the host path in docs/runtime-api.md.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

ActOutcome Session::act(const json& action, const std::string& language) {
  ActOutcome outcome = propose(action, language);
  if (outcome.ok()) {
    const std::vector<Problem> refused = commit(*outcome.event);
    outcome.problems.insert(outcome.problems.end(), refused.begin(), refused.end());
  }
  return outcome;
}

std::vector<Problem> Session::commit(const record::Event& event) {
  const record::Event* previous = events_.empty() ? nullptr : &events_.back();
  const record::Event expected = record::next_event(previous, event.type, event.t, event.payload);
  if (expected.seq != event.seq || expected.prev != event.prev) {
    return {error_at("seq " + std::to_string(event.seq), "this event does not follow the session's last event",
                     "propose the action again: the session moved on since it was proposed")};
  }
  if (auto problem = check(event, "seq " + std::to_string(event.seq), true)) return {std::move(*problem)};
  events_.push_back(event);
  return {};
}

// The session as it would be after `event`, without the record: what propose() builds the next view from.
Session::Session(const Session& other, const record::Event& event)
    : course_(other.course_), compiled_(other.compiled_), state_(other.state_) {
  (void)check(event, "/", true);
}

ActOutcome Session::propose(const json& action, const std::string& language) const {
  ActOutcome outcome;
  auto refuse = [&](std::string where, std::string message, std::string hint = {}) {
    outcome.problems.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
    outcome.view = view(language);
    return outcome;
  };
  if (!action.is_object()) return refuse("/", "an action must be a JSON object");
  const auto type = action.find("type");
  const auto t = action.find("t");
  const auto block = action.find("block");
  if (type == action.end() || !type->is_string()) {
    return refuse("/type", "the action has no type",
                  "use open, complete, reflect, submit-survey, start-attempt, answer, submit-attempt or review");
  }
  if (t == action.end() || !t->is_number_integer()) {
    return refuse("/t", "the action has no time", "pass \"t\": the host's clock in Unix milliseconds");
  }
  // Beyond 2^53 a time would hash differently in JavaScript than here (JCS numbers are doubles).
  if (t->is_number_unsigned() ? t->get<std::uint64_t>() > static_cast<std::uint64_t>(record::max_safe_integer)
                              : std::abs(t->get<std::int64_t>()) > record::max_safe_integer) {
    return refuse("/t", "the time is outside the range JSON numbers carry exactly", "pass Unix milliseconds");
  }
  const std::string& name = type->get_ref<const std::string&>();
  // A course-defined recall prompt's review names its module and prompt instead of a block and item.
  const bool prompt_review = name == "review" && action.contains("prompt");
  if (!prompt_review && (block == action.end() || !block->is_string())) {
    return refuse("/block", "the action names no block");
  }

  json payload = prompt_review ? json{{"module", action.value("module", json())}, {"prompt", action["prompt"]}}
                               : json{{"block", *block}};
  std::string event_type;
  if (name == "open") {
    event_type = event_block_opened;
  } else if (name == "complete") {
    event_type = event_block_completed;
  } else if (name == "reflect") {
    event_type = event_reflection_saved;
    payload["text"] = action.value("text", json());
  } else if (name == "submit-survey") {
    event_type = event_survey_submitted;
    payload["answers"] = action.value("answers", json());
  } else if (name == "start-attempt" || name == "answer" || name == "submit-attempt") {
    const auto found = compiled_->block_index.find(block->get<std::string>());
    const auto* assessment = found == compiled_->block_index.end() ? nullptr : assessment_of(*found->second.block);
    if (!assessment) return refuse("/block", "block " + block->dump() + " is not an assessment of this course");
    const auto attempts = state_.attempts.find(found->first);
    const std::size_t taken = attempts == state_.attempts.end() ? 0 : attempts->second.size();
    if (name == "start-attempt") {
      event_type = event_attempt_started;
      payload["attempt"] = taken + 1;
      payload["items"] = assess::draw_attempt(*assessment, draw::seed_for(state_.record_id, assessment->id, taken + 1));
    } else {
      payload["attempt"] = taken;  // the open one, if any: check() says so when there is none
      if (name == "answer") {
        event_type = event_answer_submitted;
        payload["item"] = action.value("item", json());
        json response = {{"answer", action.value("answer", json())}};
        if (action.contains("certainty")) response["certainty"] = action["certainty"];
        if (action.contains("hintsUsed")) response["hintsUsed"] = action["hintsUsed"];
        payload["response"] = std::move(response);
      } else {
        event_type = event_attempt_submitted;
      }
    }
  } else if (name == "review") {
    event_type = event_recall_reviewed;
    if (!prompt_review) payload["item"] = action.value("item", json());
    payload["rating"] = action.value("rating", json());
  } else if (name == "save-draft" || name == "self-check" || name == "submit-project" || name == "import-review") {
    if (auto problem = project_action(name, action, payload, event_type))
      return refuse(problem->where, problem->message, problem->hint);
  } else if (name.starts_with("scenario-")) {
    if (auto problem = scenario_action(name, action, payload, event_type))
      return refuse(problem->where, problem->message, problem->hint);
  } else {
    return refuse(
        "/type", "unknown action '" + name + "'",
        "use open, complete, reflect, submit-survey, start-attempt, answer, submit-attempt, review, scenario-choose, "
        "scenario-continue, scenario-back, scenario-restart, save-draft, self-check, submit-project or import-review");
  }
  if (events_.size() >= record::max_record_events) {
    return refuse("/",
                  "this record holds the most events a record may (" + std::to_string(record::max_record_events) + ")",
                  "the course cannot record more steps; export the record and ask the course's publisher");
  }
  const record::Event* previous = events_.empty() ? nullptr : &events_.back();
  // A record's times never go back: a clock behind the last event writes the last event's time, and how far
  // behind it was (a clock set back a day must not shorten time on task or reopen a wait).
  std::int64_t when = t->get<std::int64_t>();
  if (previous && when < previous->t) {
    payload[clock_skew_member] = previous->t - when;
    when = previous->t;
  }
  record::Event event = record::next_event(previous, event_type, when, std::move(payload));
  // Checked without applying, so a refusal provably changes nothing; the next view comes from a copy of the
  // state with the event applied through the very rules replay uses. The session moves only at commit().
  if (auto problem = check_only(event)) return refuse(problem->where, problem->message, problem->hint);
  outcome.view = Session(*this, event).view(language);
  outcome.event = std::move(event);
  return outcome;
}

}  // namespace tessera::session
