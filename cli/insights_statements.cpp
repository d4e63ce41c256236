// xAPI statements as inputs of `tessera insights` (docs/insights.md, "xAPI statements and an LRS"): statements the
// runtime made (docs/lms.md's profile) are rebuilt into the same facts a record gives, as far as they carry them,
// for each learner whose record was not given; a statement seen twice (by id) counts once.
#include <algorithm>
#include <cctype>
#include <set>

#include "insights_load.hpp"
#include "tessera/assess.hpp"
#include "tessera/assessment.hpp"
#include "tessera/course_rules.hpp"
#include "tessera/datetime.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli::insights {

using nlohmann::json;

namespace {

constexpr std::string_view verb_prefix = "http://adlnet.gov/expapi/verbs/";
constexpr const char* event_extension = "urn:tessera:xapi:event";
constexpr std::int64_t idle_cap_ms = 300'000;  // session::idle_cap_ms: the runtime's time on task

// Unix ms of an xAPI timestamp ("2026-01-01T00:00:00.123Z", "+02:00" zones too).
std::optional<std::int64_t> timestamp_ms(const std::string& text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos) {
    const auto seconds = datetime::parse(text);
    return seconds ? std::optional<std::int64_t>(*seconds * 1000) : std::nullopt;
  }
  const std::size_t end = text.find_first_not_of("0123456789", dot + 1);
  const auto seconds = datetime::parse(text.substr(0, dot) + (end == std::string::npos ? "" : text.substr(end)));
  if (!seconds) return std::nullopt;
  const std::string digits =
      (text.substr(dot + 1, end == std::string::npos ? std::string::npos : end - dot - 1) + "000").substr(0, 3);
  return *seconds * 1000 + std::stoll(digits);
}

// A path segment of an activity IRI back to the id it encodes (xapi.cpp percent-encodes all but [A-Za-z0-9_.-]).
std::string decoded(std::string_view segment) {
  std::string out;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    const bool escape = segment[i] == '%' && i + 2 < segment.size() && std::isxdigit(segment[i + 1]) != 0 &&
                        std::isxdigit(segment[i + 2]) != 0;
    out += escape ? static_cast<char>(std::stoi(std::string(segment.substr(i + 1, 2)), nullptr, 16)) : segment[i];
    if (escape) i += 2;
  }
  return out;
}

// The answer a statement's result.response carries: JSON text when the runtime wrote it so, else the string.
json response_answer(const json& result) {
  const std::string text = result.value("response", std::string());
  const json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() || parsed.is_string() ? json(text) : parsed;
}

const course::Block* find_block(const course::Course& course, const std::string& block_id) {
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      if (block.id == block_id) return &block;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<StatementFact> Loader::statement_fact(const json& statement, std::string& why) const {
  if (!statement.is_object() || !statement.value("id", json()).is_string() ||
      !statement.value("verb", json()).is_object() || !statement.value("object", json()).is_object()) {
    why = "not an xAPI statement (it needs an id, a verb and an object)";
    return std::nullopt;
  }
  const json event =
      statement.value("context", json::object()).value("extensions", json::object()).value(event_extension, json());
  if (!event.is_object() || !event.value("record", json()).is_string() ||
      !event.value("seq", json()).is_number_unsigned()) {
    why = "it carries no urn:tessera:xapi:event extension {record, seq}: not made by Tessera's runtime";
    return std::nullopt;
  }
  const std::string object = statement["object"].value("id", std::string());
  if (object != activity_ && !object.starts_with(activity_ + "/")) {
    why = "its object " + object + " is not " + activity_ + " or an activity in it (--activity names the course's)";
    return std::nullopt;
  }
  const std::string verb = statement["verb"].value("id", std::string());
  const auto t = timestamp_ms(statement.value("timestamp", std::string()));
  if (!verb.starts_with(verb_prefix) || !t) {
    why = "its verb is not an ADL verb or its timestamp is not a date and time with a zone";
    return std::nullopt;
  }
  StatementFact fact{event["record"],
                     event["seq"],
                     0,
                     *t,
                     verb.substr(verb_prefix.size()),
                     {},
                     {},
                     statement.value("result", json::object()),
                     {}};
  if (object.size() > activity_.size()) {
    const std::string rest = object.substr(activity_.size() + 1);
    const std::size_t slash = rest.find('/');
    fact.block = decoded(rest.substr(0, slash));
    if (slash != std::string::npos) fact.item = decoded(rest.substr(slash + 1));
  }
  return fact;
}

void Loader::load_statements(const std::string& source, const json& statements) {
  std::size_t index = 0;
  for (const auto& statement : statements) {
    ++index;
    std::string why;
    auto fact = statement_fact(statement, why);
    const std::string where = source + " statement " + std::to_string(index);
    if (!fact) {
      drop(where, drop_statement, why);
      continue;
    }
    // An LRS may hold a statement twice (an outbox resent it), and a file and an LRS may overlap: once by id.
    if (!statement_ids_.insert(statement["id"].get<std::string>()).second) {
      drop(where, drop_duplicate_statement, "statement " + statement["id"].get<std::string>() + " seen before");
      continue;
    }
    fact->order = index;
    fact->source = source;
    statements_by_learner_[fact->learner].push_back(std::move(*fact));
  }
}

void Loader::finish_statements() {
  for (auto& [learner, statements] : statements_by_learner_) {
    if (const auto kept = events_by_learner_.find(learner); kept != events_by_learner_.end()) {
      // The learner's whole record is analysed: it holds everything their statements say, and more.
      drop(statements.front().source + " (statements of record " + learner + ")", drop_duplicate,
           std::to_string(statements.size()) + " statements of a record given whole in " + kept->second.source);
      continue;
    }
    std::sort(statements.begin(), statements.end(), [](const StatementFact& a, const StatementFact& b) {
      return a.seq != b.seq ? a.seq < b.seq : a.order < b.order;
    });
    insert_statement_learner(learner, statements);
    ++statement_learners_;
  }
  statements_by_learner_.clear();
}

// A learner's facts from their statements: events (one per seq), blocks reached (a statement about them) and
// completed (experienced, an ended scenario, a submitted attempt), attempts, item marks and scenario endings.
void Loader::insert_statement_learner(const std::string& learner, std::vector<StatementFact>& statements) {
  bool complete = false;
  std::int64_t on_task = 0;
  std::map<std::string, bool> completed_blocks;  // block → completed
  const StatementFact* previous = nullptr;
  for (const auto& s : statements) {
    if (s.block.empty() && s.verb == "completed") complete = true;
    if (!previous || previous->seq != s.seq) {
      if (previous) on_task += std::clamp<std::int64_t>(s.t - previous->t, 0, idle_cap_ms);
      insert("events", {learner, static_cast<std::int64_t>(s.seq), s.t, "xapi:" + s.verb,
                        s.block.empty() ? SqlValue{} : SqlValue{s.block}});
      previous = &s;
    }
    if (s.block.empty()) continue;
    const course::Block* block = find_block(*course_, s.block);
    if (!block) continue;
    // Completed: experienced, an ended scenario, a submitted attempt (the runtime completes an assessment block
    // when an attempt is submitted, passed or not).
    completed_blocks[s.block] |= s.item.empty() && (s.verb == "experienced" || s.verb == "completed" ||
                                                    s.verb == "passed" || s.verb == "failed");
    if (block->type == course::BlockType::scenario && s.verb == "completed") {
      // The ending's node id; the path is not in statements (steps before the ending are not sent).
      const json ending = s.result.value("extensions", json::object()).value("urn:tessera:xapi:ending", json());
      insert("scenario_runs", {learner, s.block, block->data.value("scenario", ""), std::int64_t{1},
                               ending.is_string() ? SqlValue{ending.get<std::string>()} : SqlValue{}, SqlValue{}});
    }
  }
  insert("learners", {learner, statements.front().source, std::int64_t{complete}, on_task / 1000, std::int64_t{0}});
  for (const auto& [block, completed] : completed_blocks)
    insert("block_progress", {learner, block, std::int64_t{1}, std::int64_t{completed}});
  // The modules a passed pre-test lets this learner skip: complete without being studied, as the runtime counts
  // them (so the pre-test skip rates hold for learners known only from their statements).
  std::set<std::string> tested_out;
  for (const auto& s : statements) {
    const course::Block* block = s.verb == "passed" && s.item.empty() ? find_block(*course_, s.block) : nullptr;
    const assess::Assessment* assessment = block && block->type == course::BlockType::assessment
                                               ? scoring_assessment(block->data.value("assessment", std::string()))
                                               : nullptr;
    if (assessment && assessment->kind == assess::Kind::pre) {
      tested_out.insert(assessment->tests_out.begin(), assessment->tests_out.end());
    }
  }
  for (const auto& module : course_->modules) {
    const bool studied = std::all_of(module.blocks.begin(), module.blocks.end(), [&](const course::Block& block) {
      const auto found = completed_blocks.find(block.id);
      return !course::required_for_completion(course_->completion, block) ||
             (found != completed_blocks.end() && found->second);
    });
    const bool module_complete = studied || tested_out.count(module.id) > 0;
    insert("module_progress", {learner, module.id, std::int64_t{module_complete}, std::int64_t{studied}});
  }
  insert_statement_attempts(learner, statements);
}

const assess::Assessment* Loader::scoring_assessment(const std::string& id) {
  if (const auto found = assessments_.find(id); found != assessments_.end()) return &found->second;
  for (const auto& a : course_->assessments) {
    if (a.id != id) continue;
    auto loaded = assess::load_assessment(a.data, "/assessments", course_->default_language);
    if (!loaded) return nullptr;
    return &assessments_.emplace(id, std::move(loaded.value())).first->second;
  }
  return nullptr;
}

// Attempts from passed and failed statements about an assessment block (the runtime sends one when an attempt is
// submitted); item marks from the answered statements before each: a formative check's as the learner saw them,
// any other re-scored by the runtime's own scorer from the response (certainty and hints are not in statements).
void Loader::insert_statement_attempts(const std::string& learner, const std::vector<StatementFact>& statements) {
  std::map<std::string, std::map<std::string, const StatementFact*>> answered;  // block → item → latest answer
  std::map<std::string, std::int64_t> numbers;                                  // block → attempts so far
  for (const auto& s : statements) {
    const course::Block* block = find_block(*course_, s.block);
    if (!block || block->type != course::BlockType::assessment) continue;
    if (s.verb == "answered" && !s.item.empty()) answered[s.block][s.item] = &s;
    if ((s.verb != "passed" && s.verb != "failed") || !s.item.empty()) continue;
    const std::string assessment_id = block->data.value("assessment", "");
    const assess::Assessment* assessment = scoring_assessment(assessment_id);
    if (!assessment) continue;
    const std::int64_t number = ++numbers[s.block];
    const json score = s.result.value("score", json::object());
    const char* kind = assessment->kind == assess::Kind::pre         ? "pre"
                       : assessment->kind == assess::Kind::summative ? "summative"
                                                                     : "formative";
    insert("attempts", {learner, s.block, assessment_id, std::string(kind), number, std::int64_t{1},
                        score.value("raw", 0.0), score.value("max", 0.0), std::int64_t{s.verb == "passed"}});
    for (const auto& [item_id, answer] : answered[s.block])
      insert_statement_mark(learner, *assessment, number, *answer);
    answered[s.block].clear();
  }
}

void Loader::insert_statement_mark(const std::string& learner, const assess::Assessment& assessment,
                                   std::int64_t number, const StatementFact& answer) {
  const assess::Item* item = assessment.find(answer.item);
  if (!item || !item->scored) return;
  const json given = response_answer(answer.result);
  double mark = 0;
  double max = 0;
  if (const auto seen = answer.result.find("score"); seen != answer.result.end() && seen->is_object()) {
    mark = seen->value("raw", 0.0);
    max = seen->value("max", 0.0);
  } else if (const auto scored = assess::score_item(*item, {given, 0, 0})) {
    mark = scored.value().score.to_double();
    max = scored.value().max.to_double();
  } else {
    return;  // a response of another shape than the item's: no mark to give
  }
  if (max <= 0) return;
  insert("item_marks",
         {learner, assessment.id, number, answer.item, mark, max, chosen_ids(json{{"answer", given}}).dump()});
}

}  // namespace tessera::cli::insights
