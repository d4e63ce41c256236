// Loading for `tessera insights`: the course's structure and every record (a JSON Lines record or a completion
// proof's evidence) into SQLite, after the runtime's own checks; what fails them is counted by reason and
// never analysed. The analyses are SQL (cli/insights/*.sql); docs/insights.md describes both.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sqlite_db.hpp"
#include "tessera/assessment.hpp"
#include "tessera/course.hpp"
#include "tessera/scenario.hpp"
#include "tessera/session.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli::insights {

// Why an input was left out: the keys docs/insights.md lists.
inline constexpr const char* drop_unreadable = "unreadable";
inline constexpr const char* drop_chain = "chain broken";
inline constexpr const char* drop_package = "other package";
inline constexpr const char* drop_signature = "proof does not verify";
inline constexpr const char* drop_replay = "does not replay on this course";
inline constexpr const char* drop_duplicate = "duplicate";

inline constexpr const char* drop_statement = "not a statement of this course";
inline constexpr const char* drop_duplicate_statement = "duplicate statement";

// One xAPI statement as the analysis reads it (cli/insights_statements.cpp): what it says, and which event of
// which record it was made from (context.extensions["urn:tessera:xapi:event"]).
struct StatementFact {
  std::string learner;  // the record's id
  std::uint64_t seq = 0;
  std::size_t order = 0;  // in its input, for the statements one event makes
  std::int64_t t = 0;     // Unix ms
  std::string verb;       // the ADL verb's last segment: experienced, answered, passed, …
  std::string block;      // "" for the course itself
  std::string item;       // answered: the item
  nlohmann::json result;
  std::string source;
};

// What a learner chose, as choice ids: {"answer": "a"} → ["a"], true → ["true"], ["a","b"] as it is; else [].
[[nodiscard]] nlohmann::json chosen_ids(const nlohmann::json& response);

class Loader {
 public:
  // `package` has been checked against its signed manifest; `course` is its course.json, loaded.
  Loader(SqliteDb& db, const credential::PackageInput& package, std::shared_ptr<const course::Course> course);

  void load_course();  // modules, blocks, items, choices, survey items, pre-tests' modules, scenario meters
  // One INPUT: a record or a proof, kept or dropped; a folder: each .jsonl and .json file in it.
  void load_input(const std::filesystem::path& path);
  // xAPI statements (an array, from a file or an LRS's page): checked, deduplicated by id, grouped by record.
  void load_statements(const std::string& source, const nlohmann::json& statements);
  // After every input: each learner known only from statements becomes facts; one whose record was also given
  // is analysed from the record.
  void finish_statements();
  // The course's activity IRI statements are about (default urn:tessera:course:ID; cmi5: the AU's id).
  void set_activity(std::string activity) { activity_ = std::move(activity); }
  [[nodiscard]] const std::string& activity() const { return activity_; }
  [[nodiscard]] std::size_t kept() const { return events_by_learner_.size() + statement_learners_; }
  [[nodiscard]] std::size_t dropped() const { return dropped_; }

 private:
  void load_record(const std::string& source, const std::string& text);
  void load_proof(const std::string& source, const nlohmann::json& proof);
  void drop(const std::string& source, const char* reason, const std::string& detail);
  // The session's facts into every table; `shares_text`: the learner chose to include their own words.
  void insert_learner(const std::string& source, const session::Session& session, bool shares_text);
  void insert_attempts(const std::string& learner, const session::Session& session);
  void insert_surveys(const std::string& learner, const session::Session& session, bool shares_text);
  void insert_summary_facts(const std::string& learner, const session::Session& session);
  void insert_meters(const std::string& learner, const std::string& block, const std::string& scenario,
                     const std::string& ending, const session::Session& session);
  void load_meters();
  void forget(const std::string& learner);
  std::optional<StatementFact> statement_fact(const nlohmann::json& statement, std::string& why) const;
  void insert_statement_learner(const std::string& learner, std::vector<StatementFact>& statements);
  void insert_statement_attempts(const std::string& learner, const std::vector<StatementFact>& statements);
  void insert_statement_mark(const std::string& learner, const assess::Assessment& assessment, std::int64_t number,
                             const StatementFact& answer);
  const assess::Assessment* scoring_assessment(
      const std::string&
          id);  // loaded once, for re-scoring answers  // every row of a learner, before a longer copy replaces them
  void insert(const char* table, const std::vector<SqlValue>& row);

  SqliteDb& db_;
  const credential::PackageInput& package_;
  std::shared_ptr<const course::Course> course_;
  std::map<std::string, std::unique_ptr<SqlStatement>> inserts_;  // by table
  struct Kept {
    std::uint64_t events = 0;  // the record's length: of two copies, the longer is analysed
    std::string source;
  };
  std::map<std::string, Kept> events_by_learner_;  // learners kept, by record id
  // Scenario id → its meters: (the engine's variable slot, the variable's name).
  std::map<std::string, std::vector<std::pair<std::size_t, std::string>>> meters_;
  std::size_t dropped_ = 0;
  std::string activity_;
  std::set<std::string> statement_ids_;
  std::map<std::string, std::vector<StatementFact>> statements_by_learner_;
  std::size_t statement_learners_ = 0;
  std::map<std::string, assess::Assessment> assessments_;  // by id, loaded by scoring_assessment
};

}  // namespace tessera::cli::insights
