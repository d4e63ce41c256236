// Mastery per competency: the rule an author chooses (course-wide or per competency) and the decision it
// makes from the learner's evidence. The session gathers the evidence from the record; this stays pure.
//
// Rules (course.json "mastery", docs/scoring.md "Mastery"):
//   {"rule": "percentage", "threshold": 0.8}  points of the aligned items in the latest attempts ≥ threshold
//   {"rule": "all"}                          every aligned item in the latest attempts answered right
//   {"rule": "in-a-row", "count": k}         the newest k first attempts are all right and unhinted
//   {"rule": "m-of-last-n", "m": m, "n": n}  at least m of the newest n first attempts right and unhinted
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tessera/assess.hpp"
#include "tessera/problem.hpp"

namespace tessera::assess {

struct MasteryRule {
  enum class Kind { percentage, all, in_a_row, m_of_last_n };
  Kind kind = Kind::percentage;
  Fraction threshold = Fraction::of(4, 5);  // percentage
  std::size_t count = 0;                    // in-a-row: k
  std::size_t m = 0;                        // m-of-last-n
  std::size_t n = 0;
  bool operator==(const MasteryRule&) const = default;
};

// Reads a rule object; problems point below `where`.
[[nodiscard]] Result<MasteryRule> load_mastery_rule(const nlohmann::json& value, const std::string& where);
[[nodiscard]] nlohmann::json to_json(const MasteryRule& rule);

// One first attempt at an item (the learner's first answer to it, in any attempt), oldest first.
struct FirstAttempt {
  bool correct = false;
  bool hinted = false;  // a hint was shown: never counts as a right first attempt
};

// What the record shows for one competency.
struct MasteryEvidence {
  Fraction score;  // latest submitted attempt of each assessment, aligned items
  Fraction max;
  std::size_t items = 0;  // aligned scored items in those attempts
  std::size_t items_right = 0;
  std::vector<FirstAttempt> first_attempts;  // oldest first
};

struct MasteryDecision {
  bool assessed = false;  // there is evidence at all
  bool mastered = false;
  std::size_t right = 0;  // in-a-row / m-of-last-n: right unhinted first attempts counted
  std::size_t considered = 0;
};

[[nodiscard]] MasteryDecision decide_mastery(const MasteryRule& rule, const MasteryEvidence& evidence);

}  // namespace tessera::assess
