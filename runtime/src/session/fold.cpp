// Session = fold(course, events): replay and the one check() every event passes, live or replayed, so a
// replayed record always reaches the live state (session.hpp).
#include <algorithm>
#include <cstdlib>
#include <set>

#include "internal.hpp"
#include "tessera/course_rules.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

Session::Session(std::shared_ptr<const course::Course> course) : course_(std::move(course)) {
  auto compiled = std::make_shared<Compiled>();
  compiled_ = compiled;  // read through while it is filled in (assessment_of), written only here
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    for (const auto& block : course_->modules[m].blocks) {
      compiled->block_index[block.id] = {m, &block};
      const auto assessment = block.data.find("assessment");
      if (block.type == BlockType::assessment && assessment != block.data.end() && assessment->is_string()) {
        compiled->assessment_blocks.emplace(assessment->get<std::string>(), block.id);
      }
    }
  }
  for (std::size_t i = 0; i < course_->assessments.size(); ++i) {
    // A course that loaded has valid assessments (the loader checks them); one that somehow does not is
    // left out, and its blocks refuse attempts with a message rather than crash.
    auto loaded = assess::load_assessment(course_->assessments[i].data, pointer_append("/assessments", i),
                                          course_->default_language);
    if (loaded) compiled->assessments.emplace(course_->assessments[i].id, std::move(loaded).value());
  }
  compiled->module_competencies.resize(course_->modules.size());
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    for (const auto& block : course_->modules[m].blocks) {
      const auto* assessment = block.type == BlockType::assessment ? assessment_of(block) : nullptr;
      if (!assessment || assessment->kind == assess::Kind::pre) continue;
      auto add = [&](const assess::Item& item) {
        if (item.scored) compiled->module_competencies[m].insert(item.competencies.begin(), item.competencies.end());
      };
      for (const auto& item : assessment->items) add(item);
      for (const auto& bank : assessment->banks) {
        for (const auto& item : bank.items) add(item);
      }
    }
  }
  load_scenarios(*compiled);
}

const assess::Assessment* Session::assessment_of(const course::Block& block) const {
  const auto id = block.data.find("assessment");
  if (id == block.data.end() || !id->is_string()) return nullptr;
  const auto found = compiled_->assessments.find(id->get<std::string>());
  return found == compiled_->assessments.end() ? nullptr : &found->second;
}

const assess::Item* Session::item(const std::string& block_id, const std::string& item_id) const {
  const auto found = compiled_->block_index.find(block_id);
  const assess::Assessment* assessment =
      found == compiled_->block_index.end() ? nullptr : assessment_of(*found->second.block);
  return assessment ? assessment->find(item_id) : nullptr;
}

// Whether a submitted attempt shows `competency`: the scored items aligned to it reach the assessment's pass
// mark (80% when it sets none). An attempt with no item on it shows nothing.
bool Session::shows_competency(const assess::Assessment& assessment, const Attempt& attempt,
                               const std::string& competency) {
  assess::Fraction score, max;
  for (const auto& item_id : attempt.items) {
    const assess::Item& item = *assessment.find(item_id);
    if (!item.scored ||
        std::find(item.competencies.begin(), item.competencies.end(), competency) == item.competencies.end()) {
      continue;
    }
    score = score + attempt.item_scores.at(item_id);
    max = max + attempt.item_max.at(item_id);
  }
  const assess::Fraction mark = assessment.pass_mark.value_or(assess::Fraction::of(4, 5));
  return max > assess::Fraction::of(0) && score >= mark * max;
}

// A pre-test lets a learner skip a module it names when one submitted attempt shows mastery of every
// competency the module's own assessments cover. A module without aligned items is skipped on passing the
// pre-test as a whole.
bool Session::tested_out(const std::string& module_id) const {
  const auto module = std::find_if(course_->modules.begin(), course_->modules.end(),
                                   [&](const course::Module& m) { return m.id == module_id; });
  if (module == course_->modules.end()) return false;
  const auto& competencies =
      compiled_->module_competencies[static_cast<std::size_t>(module - course_->modules.begin())];
  for (const auto& [block_id, attempts] : state_.attempts) {
    const auto* assessment = assessment_of(*compiled_->block_index.at(block_id).block);
    if (!assessment || assessment->kind != assess::Kind::pre) continue;
    if (std::find(assessment->tests_out.begin(), assessment->tests_out.end(), module_id) ==
        assessment->tests_out.end()) {
      continue;
    }
    for (const Attempt& attempt : attempts) {
      if (!attempt.submitted) continue;
      if (competencies.empty() ? attempt.passed
                               : std::all_of(competencies.begin(), competencies.end(), [&](const std::string& c) {
                                   return shows_competency(*assessment, attempt, c);
                                 })) {
        return true;
      }
    }
  }
  return false;
}

Session::Opened Session::open(std::shared_ptr<const course::Course> course, std::vector<record::Event> events) {
  Opened opened{Session(std::move(course)), {}};
  record::ChainCheck chain = record::verify_chain(std::move(events));
  if (chain.broken) opened.problems.push_back(*chain.broken);
  for (auto& event : chain.valid) {
    const std::string where = "seq " + std::to_string(event.seq);
    if (auto problem = opened.session.check(event, where, true)) {
      problem->hint = "the record is kept up to seq " + std::to_string(event.seq - 1) +
                      "; this event and the ones after it are not applied";
      opened.problems.push_back(std::move(*problem));
      break;
    }
    opened.session.events_.push_back(std::move(event));
  }
  return opened;
}

bool Session::module_open(std::size_t module_index) const {
  if (!course_->completion.sequential_modules) return true;
  for (std::size_t m = 0; m < module_index; ++m) {
    if (!module_complete(m)) return false;
  }
  return true;
}

bool Session::block_required(const std::string& block_id) const {
  const auto found = compiled_->block_index.find(block_id);
  return found != compiled_->block_index.end() &&
         course::required_for_completion(course_->completion, *found->second.block);
}

bool Session::module_complete(std::size_t module_index) const {
  if (tested_out(course_->modules[module_index].id)) return true;  // the pre-test's evidence is in the record
  for (const auto& block : course_->modules[module_index].blocks) {
    if (!block_required(block.id)) continue;
    const auto found = state_.blocks.find(block.id);
    if (found == state_.blocks.end() || !found->second.completed) return false;
  }
  return true;
}

std::size_t Session::required_block_count() const {
  std::size_t count = 0;
  for (const auto& [id, unused] : compiled_->block_index) count += block_required(id) ? 1 : 0;
  return count;
}

std::size_t Session::completed_required_block_count() const {
  std::size_t count = 0;
  for (const auto& [id, progress] : state_.blocks) count += progress.completed && block_required(id) ? 1 : 0;
  return count;
}

bool Session::course_complete() const {
  for (const auto& assessment_id : course_->completion.must_pass) {
    bool passed = false;
    for (const auto& [block_id, attempts] : state_.attempts) {
      const auto* assessment = assessment_of(*compiled_->block_index.at(block_id).block);
      if (assessment && assessment->id == assessment_id) {
        passed = passed || std::any_of(attempts.begin(), attempts.end(), [](const Attempt& a) { return a.passed; });
      }
    }
    if (!passed) return false;
  }
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    if (!module_complete(m)) return false;
  }
  return true;
}

std::optional<Problem> Session::check_only(const record::Event& event) const {
  // check() changes nothing when `apply` is false; one function keeps replay and live play on the same rules.
  return const_cast<Session*>(this)->check(event, "/", false);
}

std::optional<Problem> Session::check(const record::Event& event, const std::string& where, bool apply) {
  if (const auto skew = event.payload.find(clock_skew_member); skew != event.payload.end()) {
    if (!skew->is_number_integer() || skew->get<std::int64_t>() <= 0 ||
        skew->get<std::int64_t>() > record::max_safe_integer) {
      return error_at(where, "the clock skew must be a positive number of milliseconds");
    }
    if (state_.events == 0)
      return error_at(where, "the first event cannot record a clock skew: there is no earlier event");
    // Otherwise the event is what it would be without it: the skew only explains its time.
    record::Event plain = event;
    plain.payload.erase(clock_skew_member);
    return check(plain, where, apply);
  }
  // A course-defined recall prompt belongs to a module, not a block.
  if (event.type == event_recall_reviewed && event.payload.contains("prompt")) {
    return check_prompt_review(event, where, apply);
  }
  const std::string block_id = payload_block(event.payload);
  const auto found = compiled_->block_index.find(block_id);
  if (found == compiled_->block_index.end()) {
    return error_at(where,
                    block_id.empty() ? "the event names no block" : "block '" + block_id + "' is not in this course",
                    "open the block from the course outline");
  }
  const auto [module_index, block] = found->second;
  if (!module_open(module_index)) {
    return error_at(
        where, "module '" + course_->modules[module_index].id + "' is locked until the modules before it are complete",
        "complete the earlier modules first");
  }
  const BlockProgress progress = state_.blocks.count(block_id) ? state_.blocks.at(block_id) : BlockProgress{};
  const auto& payload = event.payload;
  auto allowed_members = [&](std::initializer_list<const char*> names) -> std::optional<Problem> {
    // (No structured bindings here: clang 14, em++'s compiler, cannot capture them in a lambda.)
    for (const auto& member : payload.items()) {
      const std::string& key = member.key();
      if (std::none_of(names.begin(), names.end(), [&](const char* name) { return key == name; })) {
        return error_at(where, "event '" + event.type + "' has an unexpected field '" + key + "'");
      }
    }
    return std::nullopt;
  };

  if (event.type == event_block_opened) {
    if (auto problem = allowed_members({"block"})) return problem;
    if (auto problem = start_scenario(event, *block, apply)) return problem;
    if (apply) {
      state_.blocks[block_id].opened = true;
      state_.position = block_id;
    }
  } else if (event.type == event_block_completed) {
    if (auto problem = allowed_members({"block"})) return problem;
    if (!completes_by_reading(block->type)) {
      return error_at(where,
                      "a " + std::string(course::to_string(block->type)) + " block is not completed by reading it",
                      block->type == BlockType::reflection ? "save a reflection instead"
                      : block->type == BlockType::survey   ? "submit the survey instead"
                                                           : "it completes through its own attempts");
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (progress.completed) return error_at(where, "block '" + block_id + "' is already complete");
    if (apply) state_.blocks[block_id].completed = true;
  } else if (event.type == event_reflection_saved) {
    if (auto problem = allowed_members({"block", "text"})) return problem;
    if (block->type != BlockType::reflection) return error_at(where, "block '" + block_id + "' is not a reflection");
    const auto text = payload.find("text");
    if (text == payload.end() || !text->is_string() || text->get_ref<const std::string&>().empty()) {
      return error_at(where, "a reflection needs its text", "write at least a few words");
    }
    if (text->get_ref<const std::string&>().size() > max_reflection_bytes) {
      return error_at(where, "the reflection is longer than " + std::to_string(max_reflection_bytes) + " bytes",
                      "shorten it");
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (apply) {
      state_.blocks[block_id].completed = true;
      state_.reflections[block_id] = text->get<std::string>();
    }
  } else if (event.type == event_survey_submitted) {
    if (auto problem = allowed_members({"block", "answers"})) return problem;
    if (block->type != BlockType::survey) return error_at(where, "block '" + block_id + "' is not a survey");
    const auto answers = payload.find("answers");
    if (answers == payload.end() || !answers->is_object()) {
      return error_at(where, "a survey submission needs an \"answers\" object (item id → answer)");
    }
    for (const auto& entry : answers->items()) {
      const std::string& item_id = entry.key();
      const json& answer = entry.value();
      const auto& items = block->data.at("items");
      const auto item = std::find_if(items.begin(), items.end(), [&](const json& i) { return i.at("id") == item_id; });
      if (item == items.end())
        return error_at(where, "survey item '" + item_id + "' is not in block '" + block_id + "'");
      if (item->at("type") == "likert") {
        const auto points = item->at("points").get<std::int64_t>();
        if (!answer.is_number_integer() || answer.get<std::int64_t>() < 1 || answer.get<std::int64_t>() > points) {
          return error_at(where,
                          "the answer to '" + item_id + "' must be a whole number from 1 to " + std::to_string(points));
        }
      } else if (!answer.is_string() || answer.get_ref<const std::string&>().size() > max_survey_text_bytes) {
        return error_at(where, "the answer to '" + item_id + "' must be text of at most " +
                                   std::to_string(max_survey_text_bytes) + " bytes");
      }
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (progress.completed) return error_at(where, "the survey was already submitted");
    if (apply) {
      state_.blocks[block_id].completed = true;
      state_.surveys[block_id] = *answers;
    }
  } else if (event.type == event_attempt_started || event.type == event_answer_submitted ||
             event.type == event_attempt_submitted) {
    std::optional<Problem> unexpected;
    if (event.type == event_attempt_started) unexpected = allowed_members({"block", "attempt", "items"});
    if (event.type == event_answer_submitted) unexpected = allowed_members({"block", "attempt", "item", "response"});
    if (event.type == event_attempt_submitted) unexpected = allowed_members({"block", "attempt"});
    if (unexpected) return unexpected;
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (auto problem = check_attempt_event(event, where, *block, apply)) return problem;
  } else if (event.type == event_recall_reviewed) {
    if (auto problem = allowed_members({"block", "item", "rating"})) return problem;
    if (auto problem = check_recall_review(event, where, module_index, apply)) return problem;
  } else if (event.type.starts_with("scenario.")) {
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (auto problem = check_scenario_event(event, where, *block, apply)) return problem;
  } else if (event.type.starts_with("project.")) {
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (auto problem = check_project_event(event, where, *block, apply)) return problem;
  } else {
    return error_at(where, "event type '" + event.type + "' is not one this course allows");
  }

  if (apply) {
    if (state_.events == 0) state_.record_id = record::hash_hex(event);
    if (state_.events == 0) {
      state_.first_t = event.t;
    } else {
      state_.time_on_task_ms += std::clamp<std::int64_t>(event.t - state_.last_t, 0, idle_cap_ms);
    }
    state_.last_t = event.t;
    ++state_.events;
  }
  return std::nullopt;
}

std::optional<Problem> Session::check_attempt_event(const record::Event& event, const std::string& where,
                                                    const course::Block& block, bool apply) {
  if (block.type != BlockType::assessment) return error_at(where, "block '" + block.id + "' is not an assessment");
  const assess::Assessment* assessment = assessment_of(block);
  if (!assessment) return error_at(where, "the assessment of block '" + block.id + "' could not be loaded");
  // Read without inserting: a refused event must leave the state exactly as it was (replay equals live).
  static const std::vector<Attempt> no_attempts;
  const auto existing = state_.attempts.find(block.id);
  const std::vector<Attempt>& attempts = existing == state_.attempts.end() ? no_attempts : existing->second;
  const bool in_progress = !attempts.empty() && !attempts.back().submitted;
  const auto& payload = event.payload;
  // Signed or unsigned alike: parsed JSON and C++ callers differ, and both hash the same (JCS reads doubles).
  const auto number = payload.find("attempt");
  if (number == payload.end() || !number->is_number_integer() || number->get<std::int64_t>() < 1) {
    return error_at(where, "the event names no attempt number");
  }
  const auto attempt_number = static_cast<std::uint64_t>(number->get<std::int64_t>());

  if (event.type == event_attempt_started) {
    if (in_progress)
      return error_at(where, "attempt " + std::to_string(attempts.back().number) + " is still open", "submit it first");
    if (assessment->max_attempts && attempts.size() >= static_cast<std::size_t>(*assessment->max_attempts)) {
      return error_at(where, "all " + std::to_string(*assessment->max_attempts) + " attempts are used");
    }
    if (!attempts.empty() && assessment->wait_ms > 0 && event.t < attempts.back().submitted_t + assessment->wait_ms) {
      const std::int64_t left_ms = attempts.back().submitted_t + assessment->wait_ms - event.t;
      const std::int64_t minutes = (left_ms + 59'999) / 60'000;
      return error_at(where,
                      "the next attempt opens " + std::to_string(assessment->wait_ms / 60'000) +
                          " minutes after the last one was submitted",
                      "try again in " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes"));
    }
    if (attempt_number != attempts.size() + 1) {
      return error_at(where, "attempt " + std::to_string(attempt_number) + " is out of order; the next is " +
                                 std::to_string(attempts.size() + 1));
    }
    // The draw follows from the record, so nobody can pick easier items: the event must name exactly it.
    const auto expected =
        assess::draw_attempt(*assessment, draw::seed_for(state_.record_id, assessment->id, attempt_number));
    if (payload.value("items", json()) != json(expected)) {
      return error_at(where, "the attempt's items are not the ones its seed draws");
    }
    if (apply) {
      Attempt attempt;
      attempt.number = attempt_number;
      attempt.items = expected;
      attempt.started_t = event.t;
      state_.attempts[block.id].push_back(std::move(attempt));
    }
    return std::nullopt;
  }
  if (!in_progress || attempts.back().number != attempt_number) {
    return error_at(where, "attempt " + std::to_string(attempt_number) + " is not open", "start an attempt first");
  }
  // Past this point the attempt exists and is open; only apply branches write through this reference.
  Attempt& attempt = state_.attempts[block.id].back();
  if (event.type == event_answer_submitted) {
    const std::string item_id = payload.value("item", std::string());
    if (std::find(attempt.items.begin(), attempt.items.end(), item_id) == attempt.items.end()) {
      return error_at(where, "item '" + item_id + "' is not in this attempt");
    }
    const json response = payload.value("response", json());
    if (!response.is_object() || !response.contains("answer")) {
      return error_at(where, "the response needs an \"answer\"");
    }
    for (const auto& member : response.items()) {
      if (member.key() != "answer" && member.key() != "certainty" && member.key() != "hintsUsed") {
        return error_at(where, "the response has an unexpected field '" + member.key() + "'");
      }
    }
    for (const char* count : {"certainty", "hintsUsed"}) {
      if (response.contains(count) &&
          (!response[count].is_number_integer() || response[count].get<std::int64_t>() < 0 ||
           response[count].get<std::int64_t>() > 100)) {
        return error_at(where, std::string("'") + count + "' must be a small whole number");
      }
    }
    assess::Response r{response["answer"], response.value("certainty", 0), response.value("hintsUsed", 0)};
    const auto scored = assess::score_item(*assessment->find(item_id), r);
    if (!scored) {
      Problem problem = scored.problems().front();
      problem.where = where;
      return problem;
    }
    if (assessment->time_limit_ms && event.t > attempt.started_t + *assessment->time_limit_ms) {
      return error_at(where,
                      "the time limit of " + std::to_string(*assessment->time_limit_ms / 60'000) +
                          " minutes for this attempt has passed",
                      "submit the attempt: the answers given in time count");
    }
    if (apply) {
      attempt.answers[item_id] = response;
      attempt.first_answers.emplace(item_id, response);  // kept only the first time
    }
    return std::nullopt;
  }
  // attempt.submitted: fold the score from the answers; unanswered items score 0.
  if (apply) {
    attempt.submitted = true;
    attempt.submitted_t = event.t;
    attempt.submitted_seq = event.seq;
    for (const auto& item_id : attempt.items) {
      const assess::Item& item = *assessment->find(item_id);
      if (!item.scored) continue;
      // An unanswered item is scored as the empty answer (null): 0, and it still counts its maximum, which
      // the engine knows (weight × full marks, × 3 under certainty-based marking).
      assess::Response r{nullptr, 0, 0};
      if (const auto answer = attempt.answers.find(item_id); answer != attempt.answers.end()) {
        const json& response = answer->second;
        r = {response["answer"], response.value("certainty", 0), response.value("hintsUsed", 0)};
      }
      const assess::ItemResult result = assess::score_item(item, r).value();
      attempt.item_scores[item_id] = result.score;
      attempt.item_max[item_id] = result.max;
      attempt.item_correct[item_id] = result.correct;
      attempt.score = attempt.score + result.score;
      attempt.max = attempt.max + result.max;
    }
    attempt.passed = !assessment->pass_mark || attempt.score >= *assessment->pass_mark * attempt.max;
    // A formative check or a pre-test is done once taken; a summative assessment once passed.
    if (assessment->kind != assess::Kind::summative || attempt.passed) state_.blocks[block.id].completed = true;
  }
  return std::nullopt;
}

const assess::MasteryRule& Session::mastery_rule(const std::string& competency_id) const {
  for (const auto& competency : course_->competencies) {
    if (competency.id == competency_id && competency.mastery) return *competency.mastery;
  }
  return course_->mastery;
}

// The evidence per competency: points and right items in the latest submitted attempt of each assessment,
// and every item's first attempt (its first answer, in whichever attempt it was first shown), in record order.
std::map<std::string, assess::MasteryEvidence> Session::mastery_evidence() const {
  std::map<std::string, assess::MasteryEvidence> evidence;
  std::vector<std::pair<const Attempt*, const assess::Assessment*>> submitted;
  for (const auto& [block_id, attempts] : state_.attempts) {
    const auto* assessment = assessment_of(*compiled_->block_index.at(block_id).block);
    if (!assessment) continue;
    const auto last = std::find_if(attempts.rbegin(), attempts.rend(), [](const Attempt& a) { return a.submitted; });
    if (last != attempts.rend()) {
      for (const auto& item_id : last->items) {
        const assess::Item& item = *assessment->find(item_id);
        if (!item.scored) continue;
        for (const auto& competency : item.competencies) {
          auto& e = evidence[competency];
          e.score = e.score + last->item_scores.at(item_id);
          e.max = e.max + last->item_max.at(item_id);
          ++e.items;
          e.items_right += last->item_correct.at(item_id) ? 1 : 0;
        }
      }
    }
    for (const Attempt& attempt : attempts) {
      if (attempt.submitted) submitted.emplace_back(&attempt, assessment);
    }
  }
  std::sort(submitted.begin(), submitted.end(),
            [](const auto& a, const auto& b) { return a.first->submitted_seq < b.first->submitted_seq; });
  std::set<std::string> seen;  // "assessment/item": an item's first attempt counts once
  for (const auto& [attempt, assessment] : submitted) {
    for (const auto& item_id : attempt->items) {
      const assess::Item& item = *assessment->find(item_id);
      if (!item.scored || !seen.insert(assessment->id + "/" + item_id).second) continue;
      assess::FirstAttempt first;  // shown but never answered: a miss
      if (const auto found = attempt->first_answers.find(item_id); found != attempt->first_answers.end()) {
        const json& response = found->second;
        const assess::Response r{response["answer"], response.value("certainty", 0), response.value("hintsUsed", 0)};
        if (const auto result = assess::score_item(item, r)) first.correct = result.value().correct;
        first.hinted = r.hints_used > 0;
      }
      for (const auto& competency : item.competencies) evidence[competency].first_attempts.push_back(first);
    }
  }
  return evidence;
}

json Session::mastery() const {
  const auto evidence = mastery_evidence();
  json out = json::object();
  for (const auto& competency : course_->competencies) {
    const assess::MasteryRule& rule = mastery_rule(competency.id);
    const auto found = evidence.find(competency.id);
    const assess::MasteryEvidence none;
    const assess::MasteryEvidence& e = found == evidence.end() ? none : found->second;
    assess::MasteryDecision decision = assess::decide_mastery(rule, e);
    // Scenario endings whose outcome rule names the competency are evidence too: they are listed, and they
    // decide mastery where no item is aligned to the competency (a behaviour shown, not recalled).
    json demonstrated = json::array();
    for (const auto& [block_id, run] : state_.scenarios) {
      if (run.ended &&
          std::find(run.competencies.begin(), run.competencies.end(), competency.id) != run.competencies.end()) {
        demonstrated.push_back(block_id);
      }
    }
    if (!decision.assessed && !demonstrated.empty()) decision.assessed = decision.mastered = true;
    json entry = {{"rule", assess::to_json(rule)}, {"assessed", decision.assessed}, {"mastered", decision.mastered}};
    if (!demonstrated.empty()) entry["demonstratedIn"] = std::move(demonstrated);
    if (e.max > assess::Fraction::of(0) || !e.first_attempts.empty()) {
      entry["score"] = e.score.to_string();
      entry["max"] = e.max.to_string();
      if (rule.kind != assess::MasteryRule::Kind::percentage) {
        entry["right"] = decision.right;
        entry["considered"] = decision.considered;
      }
    }
    out[competency.id] = std::move(entry);
  }
  return out;
}

}  // namespace tessera::session
