// Loading for `tessera insights`: the course's structure and every record (a JSON Lines record or a completion
// proof's evidence) into SQLite, after the runtime's own checks; what fails them is counted by reason and
// never analysed. The analyses are SQL (cli/insights/*.sql); docs/insights.md describes both.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "sqlite_db.hpp"
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

class Loader {
 public:
  // `package` has been checked against its signed manifest; `course` is its course.json, loaded.
  Loader(SqliteDb& db, const credential::PackageInput& package, std::shared_ptr<const course::Course> course);

  void load_course();  // modules, blocks, items, choices, survey items, pre-tests' modules, scenario meters
  // One INPUT: a record or a proof, kept or dropped; a folder: each .jsonl and .json file in it.
  void load_input(const std::filesystem::path& path);
  [[nodiscard]] std::size_t kept() const { return events_by_learner_.size(); }
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
  void forget(const std::string& learner);  // every row of a learner, before a longer copy replaces them
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
};

}  // namespace tessera::cli::insights
