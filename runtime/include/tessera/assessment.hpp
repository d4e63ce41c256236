// Assessments as authored in course.json: fixed items and banks to draw from, pass mark, attempt limit,
// and the modules a passed pre-test lets a learner skip. The items themselves are tessera/assess.hpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tessera/assess.hpp"
#include "tessera/draw.hpp"
#include "tessera/problem.hpp"

namespace tessera::assess {

enum class Kind { pre, formative, summative };

struct Bank {
  std::string id;
  std::size_t draw = 0;  // how many items an attempt gets from this bank
  std::vector<Item> items;
};

struct Assessment {
  std::string id;
  Kind kind = Kind::formative;
  std::optional<Fraction> pass_mark;          // share of the maximum, e.g. 4/5; formative checks may have none
  std::optional<int> max_attempts;            // none: unlimited
  bool shuffle = false;                       // present the drawn items in a seeded order
  bool shuffle_choices = false;               // present choices and matching lists in a seeded order
  std::optional<std::int64_t> time_limit_ms;  // answers after start + limit are refused
  std::int64_t wait_ms = 0;                   // between a submitted attempt and the next start
  std::vector<Item> items;                    // in every attempt, in this order unless shuffled
  std::vector<Bank> banks;
  std::vector<std::string> tests_out;  // pre-test: module ids a pass lets the learner skip

  [[nodiscard]] const Item* find(std::string_view item_id) const;
};

// Reads one assessment (course.json /assessments/N); problems point below `where`.
[[nodiscard]] Result<Assessment> load_assessment(const nlohmann::json& value, const std::string& where,
                                                 const std::string& default_language);

// The items of one attempt: every fixed item, then `draw` from each bank, each bank shuffled by the seed;
// the whole list shuffled too when the assessment says so.
[[nodiscard]] std::vector<std::string> draw_attempt(const Assessment& assessment, const draw::Seed& seed);

}  // namespace tessera::assess
