// Loading for `tessera insights` (see insights_load.hpp): the runtime's record reader, chain check, verifier and
// Session decide what is kept; this file only moves what they accept into SQLite.
#include "insights_load.hpp"

#include <algorithm>

#include "files.hpp"
#include "tessera/completion.hpp"
#include "tessera/course_rules.hpp"
#include "tessera/record.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli::insights {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The columns of each table the loader fills, in 00-schema.sql's order.
const std::map<std::string, int, std::less<>>& table_widths() {
  static const std::map<std::string, int, std::less<>> widths = {
      {"modules", 4},   {"blocks", 5},          {"items", 4},          {"choices", 5},         {"survey_items", 5},
      {"learners", 5},  {"events", 5},          {"block_progress", 4}, {"attempts", 9},        {"item_marks", 7},
      {"mastery", 4},   {"survey_answers", 5},  {"scenario_runs", 6},  {"module_progress", 4}, {"dropped", 3},
      {"tests_out", 2}, {"scenario_meters", 6}, {"meters", 4}};
  return widths;
}

std::string first_message(const std::vector<Problem>& problems) {
  for (const auto& p : problems) {
    if (p.severity == Severity::error) return (p.where.empty() ? "" : p.where + ": ") + p.message;
  }
  return {};
}

// A choice counts as a right one when it is marked correct or earns part of the marks.
bool choice_is_right(const json& choice) {
  if (choice.value("correct", false)) return true;
  const auto fraction = choice.find("fraction");
  if (fraction == choice.end()) return false;
  if (fraction->is_number()) return fraction->get<double>() > 0;
  return fraction->is_string() && !fraction->get<std::string>().empty() && fraction->get<std::string>()[0] != '-' &&
         fraction->get<std::string>() != "0";
}

// A verifier check that must pass for a proof's record to be analysed, and the reason it is dropped for.
const char* drop_reason_for(const std::string& check_id) {
  if (check_id == "evidence") return drop_chain;
  if (check_id == "package" || check_id == "course") return drop_package;
  if (check_id == "proof" || check_id == "issuer") return drop_signature;
  if (check_id == "rescore" || check_id == "completion") return drop_replay;
  if (check_id == "input" || check_id == "type") return drop_unreadable;
  return nullptr;  // validity, timing, status: about the credential's use, not the record's truth
}

}  // namespace

json chosen_ids(const json& response) {
  const json answer = response.is_object() ? response.value("answer", json()) : json();
  if (answer.is_string()) return json::array({answer});
  if (answer.is_boolean()) return json::array({answer.get<bool>() ? "true" : "false"});
  json ids = json::array();
  if (answer.is_array()) {
    for (const auto& id : answer)
      if (id.is_string()) ids.push_back(id);
  }
  return ids;
}

Loader::Loader(SqliteDb& db, const credential::PackageInput& package, std::shared_ptr<const course::Course> course)
    : db_(db), package_(package), course_(std::move(course)), activity_("urn:tessera:course:" + course_->id) {}

void Loader::insert(const char* table, const std::vector<SqlValue>& row) {
  auto& statement = inserts_[table];
  if (!statement) {
    const int width = table_widths().at(table);
    std::string sql = std::string("INSERT INTO ") + table + " VALUES (?";
    for (int i = 1; i < width; ++i) sql += ", ?";
    statement = std::make_unique<SqlStatement>(db_, sql + ")");
  }
  statement->bind_all(row);
  statement->run();
}

void Loader::load_course() {
  const auto& c = *course_;
  std::int64_t block_position = 0;
  for (std::size_t m = 0; m < c.modules.size(); ++m) {
    const auto& module = c.modules[m];
    insert("modules", {module.id, static_cast<std::int64_t>(m), module.title.in(c.default_language, ""),
                       std::int64_t{module.estimated_minutes}});
    for (const auto& block : module.blocks) {
      insert("blocks", {block.id, module.id, block_position++, std::string(course::to_string(block.type)),
                        block.data.contains("title") ? SqlValue{block.data["title"].dump()} : SqlValue{}});
      if (block.type != course::BlockType::survey) continue;
      std::int64_t position = 0;
      for (const auto& item : block.data.value("items", json::array())) {
        insert("survey_items",
               {block.id, item.value("id", ""), item.value("type", ""),
                item.contains("points") ? SqlValue{item["points"].get<std::int64_t>()} : SqlValue{}, position++});
      }
    }
  }
  for (const auto& assessment : c.assessments) {
    for (const auto& module : assessment.data.value("testsOut", json::array()))
      if (module.is_string()) insert("tests_out", {assessment.id, module.get<std::string>()});
    const json fixed = assessment.data.value("items", json::array());
    std::vector<json> items(fixed.begin(), fixed.end());
    for (const auto& bank : assessment.data.value("banks", json::array()))
      for (const auto& item : bank.value("items", json::array())) items.push_back(item);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const json& item = items[i];
      const std::string id = item.value("id", "");
      insert("items", {assessment.id, id, item.value("type", ""), static_cast<std::int64_t>(i)});
      std::int64_t position = 0;
      for (const auto& choice : item.value("choices", json::array()))
        insert("choices",
               {assessment.id, id, choice.value("id", ""), std::int64_t{choice_is_right(choice)}, position++});
      if (item.value("type", "") == "true-false") {
        const bool right = item.value("correct", false);
        insert("choices", {assessment.id, id, std::string("true"), std::int64_t{right}, std::int64_t{0}});
        insert("choices", {assessment.id, id, std::string("false"), std::int64_t{!right}, std::int64_t{1}});
      }
    }
  }
  load_meters();
}

// Each scenario's meters, by the slot the engine keeps them in, as the runtime's own scenario loader reads them.
void Loader::load_meters() {
  const auto& c = *course_;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    scenario::LoadOptions options;
    options.default_language = c.default_language;
    const auto loaded = scenario::load(c.scenarios[s], "/scenarios/" + std::to_string(s), options);
    if (!loaded.scenario) continue;  // the package verified and its course loaded, so this does not happen
    const auto& variables = loaded.scenario->variables;
    for (std::size_t slot = 0; slot < variables.size(); ++slot) {
      if (!variables[slot].meter) continue;
      meters_[loaded.scenario->id].emplace_back(slot, variables[slot].name);
      const auto bound = [](const std::optional<assess::Fraction>& f) {
        return f ? SqlValue{f->to_double()} : SqlValue{};
      };
      insert("meters",
             {loaded.scenario->id, variables[slot].name, bound(variables[slot].min), bound(variables[slot].max)});
    }
  }
}

void Loader::drop(const std::string& source, const char* reason, const std::string& detail) {
  ++dropped_;
  insert("dropped", {source, std::string(reason), utf8::printable(detail)});
}

void Loader::load_input(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    // A folder of shared records: every .jsonl and .json file directly in it, in name order.
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      const auto extension = entry.path().extension();
      if (entry.is_regular_file(error) && (extension == ".jsonl" || extension == ".json"))
        files.push_back(entry.path());
    }
    if (error) return drop(path.string(), drop_unreadable, "cannot list the folder: " + error.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) load_input(file);
    return;
  }
  const std::string source = path.string();
  std::string text;
  if (const auto failure = read_file(path, text); !failure.empty()) return drop(source, drop_unreadable, failure);
  // A completion proof is one JSON document with a credentialSubject; xAPI statements a JSON array of them or
  // JSON Lines of them; anything else is read as a record's JSON Lines.
  const json whole = json::parse(text, nullptr, false);
  try {
    if (whole.is_object() && whole.contains("credentialSubject")) return load_proof(source, whole);
    if (whole.is_array()) return load_statements(source, whole);
    if (const json first = json::parse(text.substr(0, text.find('\n')), nullptr, false);
        first.is_object() && first.contains("verb") && first.contains("actor")) {
      json statements = json::array();
      std::size_t start = 0;
      while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (text.find_first_not_of(" \t\r", start) < end)
          statements.push_back(json::parse(text.substr(start, end - start)));
        start = end + 1;
      }
      return load_statements(source, statements);
    }
    load_record(source, text);
  } catch (const json::exception& failure) {
    // The runtime's checks run first, so this is a shape they let through and this file did not expect.
    drop(source, drop_unreadable, failure.what());
  }
}

void Loader::load_record(const std::string& source, const std::string& text) {
  auto read = record::read_json_lines(text);
  if (has_errors(read.problems)) return drop(source, drop_unreadable, first_message(read.problems));
  if (read.events.empty()) return drop(source, drop_unreadable, "the record has no events");
  const auto chain = record::verify_chain(read.events);
  if (chain.broken) return drop(source, drop_chain, chain.broken->where + ": " + chain.broken->message);
  auto opened = session::Session::open(course_, std::move(read.events));
  if (has_errors(opened.problems)) return drop(source, drop_replay, first_message(opened.problems));
  // A bare record carries no choice to share the learner's own words: they stay out.
  insert_learner(source, opened.session, false);
}

void Loader::load_proof(const std::string& source, const json& proof) {
  credential::VerifyOptions options;
  options.package = &package_;
  const auto report = credential::verify_document(proof, options);
  for (const auto& check : report.checks) {
    const char* reason = check.status == credential::CheckStatus::fail ? drop_reason_for(check.id) : nullptr;
    if (reason) return drop(source, reason, check.sentence);
  }
  if (report.kind != "completion-proof") return drop(source, drop_unreadable, "not a completion proof");
  const auto evidence = credential::read_evidence(proof.at("evidence").at(0).at("events"));
  if (has_errors(evidence.problems)) return drop(source, drop_chain, first_message(evidence.problems));
  auto opened = session::Session::open(course_, evidence.replay);
  if (has_errors(opened.problems)) return drop(source, drop_replay, first_message(opened.problems));
  // The learner's own words are in the proof only when they chose to include them (nothing was withheld).
  insert_learner(source, opened.session, evidence.withheld.empty());
}

void Loader::forget(const std::string& learner) {
  for (const char* table : {"learners", "events", "block_progress", "attempts", "item_marks", "mastery",
                            "survey_answers", "scenario_runs", "module_progress", "scenario_meters"}) {
    SqlStatement statement(db_, std::string("DELETE FROM ") + table + " WHERE learner = ?");
    statement.bind(1, learner);
    statement.run();
  }
}

void Loader::insert_learner(const std::string& source, const session::Session& session, bool shares_text) {
  const auto& state = session.state();
  const std::string& learner = state.record_id;
  if (const auto seen = events_by_learner_.find(learner); seen != events_by_learner_.end()) {
    // The same learner's record twice (a later export, a proof of it): the longer copy is analysed.
    if (seen->second.events >= state.events)
      return drop(source, drop_duplicate, "a copy of the record in " + seen->second.source);
    forget(learner);
    drop(seen->second.source, drop_duplicate, "a longer copy of this record is in " + source);
  }
  events_by_learner_[learner] = {state.events, source};
  insert("learners", {learner, source, std::int64_t{session.course_complete()}, state.time_on_task_ms / 1000,
                      std::int64_t{shares_text}});
  for (const auto& event : session.events()) {
    const auto block = event.payload.find("block");
    insert("events",
           {learner, static_cast<std::int64_t>(event.seq), event.t, event.type,
            block != event.payload.end() && block->is_string() ? SqlValue{block->get<std::string>()} : SqlValue{}});
  }
  for (const auto& [block, progress] : state.blocks)
    insert("block_progress", {learner, block, std::int64_t{progress.opened}, std::int64_t{progress.completed}});
  insert_attempts(learner, session);
  insert_surveys(learner, session, shares_text);
  insert_summary_facts(learner, session);
}

void Loader::insert_attempts(const std::string& learner, const session::Session& session) {
  std::map<std::string, std::string> kinds;  // assessment id → pre, formative, summative
  for (const auto& a : course_->assessments) {
    kinds[a.id] = a.kind == course::AssessmentKind::pre         ? "pre"
                  : a.kind == course::AssessmentKind::summative ? "summative"
                                                                : "formative";
  }
  for (const auto& module : course_->modules) {
    for (const auto& block : module.blocks) {
      const auto found = session.state().attempts.find(block.id);
      if (found == session.state().attempts.end()) continue;
      const std::string assessment = block.data.value("assessment", "");
      for (const auto& attempt : found->second) {
        const auto number = static_cast<std::int64_t>(attempt.number);
        insert("attempts", {learner, block.id, assessment, kinds[assessment], number, std::int64_t{attempt.submitted},
                            attempt.score.to_double(), attempt.max.to_double(), std::int64_t{attempt.passed}});
        if (!attempt.submitted) continue;
        for (const auto& item : attempt.items) {
          const auto max = attempt.item_max.find(item);
          const auto score = attempt.item_scores.find(item);
          if (max == attempt.item_max.end() || score == attempt.item_scores.end() || max->second.to_double() <= 0)
            continue;  // unscored: likert or free text
          const auto answer = attempt.answers.find(item);
          insert("item_marks", {learner, assessment, number, item, score->second.to_double(), max->second.to_double(),
                                chosen_ids(answer == attempt.answers.end() ? json() : answer->second).dump()});
        }
      }
    }
  }
}

void Loader::insert_surveys(const std::string& learner, const session::Session& session, bool shares_text) {
  for (const auto& [block, answers] : session.state().surveys) {
    for (const auto& [item, answer] : answers.items()) {
      if (answer.is_number_integer()) {
        insert("survey_answers", {learner, block, item, answer.get<std::int64_t>(), SqlValue{}});
      } else if (answer.is_string() && shares_text) {
        insert("survey_answers", {learner, block, item, SqlValue{}, answer.get<std::string>()});
      }
    }
  }
}

void Loader::insert_summary_facts(const std::string& learner, const session::Session& session) {
  const json summary = session.summary();
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    // Studied: every block the module needs for completion is completed; complete but not studied is a module
    // the learner skipped by passing a pre-test (the runtime counts a tested-out module as complete).
    const auto& module = course_->modules[m];
    const bool studied = std::all_of(module.blocks.begin(), module.blocks.end(), [&](const course::Block& block) {
      const auto found = session.state().blocks.find(block.id);
      return !course::required_for_completion(course_->completion, block) ||
             (found != session.state().blocks.end() && found->second.completed);
    });
    insert("module_progress",
           {learner, module.id, std::int64_t{summary["modules"][m]["status"] == "complete"}, std::int64_t{studied}});
  }
  for (const auto& [competency, m] : summary["mastery"].items()) {
    insert("mastery",
           {learner, competency, std::int64_t{m.value("assessed", false)}, std::int64_t{m.value("mastered", false)}});
  }
  for (const auto& [block, run] : summary["scenarios"].items()) {
    std::string path;
    for (const auto& step : run["path"]) path += (path.empty() ? "" : " > ") + step.get<std::string>();
    const bool ended = run.value("ended", false);
    insert("scenario_runs", {learner, block, run.value("scenario", ""), std::int64_t{ended},
                             ended ? SqlValue{run.value("node", "")} : SqlValue{}, path});
    if (ended) insert_meters(learner, block, run.value("scenario", ""), run.value("node", ""), session);
  }
}

// Each meter's value at a run's ending: the last of its history (the value after the last step).
void Loader::insert_meters(const std::string& learner, const std::string& block, const std::string& scenario,
                           const std::string& ending, const session::Session& session) {
  const auto meters = meters_.find(scenario);
  const auto run = session.state().scenarios.find(block);
  if (meters == meters_.end() || run == session.state().scenarios.end()) return;
  for (const auto& [slot, name] : meters->second) {
    if (slot >= run->second.meter_history.size() || run->second.meter_history[slot].empty()) continue;
    insert("scenario_meters",
           {learner, block, scenario, ending, name, run->second.meter_history[slot].back().to_double()});
  }
}

}  // namespace tessera::cli::insights
