// The assessment engine's scoring core: items of every type, scored exactly (fractions, never floats) by
// the rule each item names, identically natively and in Wasm — the verifier re-scores evidence with it.
// docs/scoring.md states every rule with a worked example.
//
// Does NOT: draw items from banks, keep attempts or decide mastery (the session does, from events), read a
// clock or a random source.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::assess {

// An exact rational number, always reduced, denominator > 0. Scores, weights, fractions and tolerances
// are Fractions so that every platform reaches the same bytes.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;

  [[nodiscard]] static Fraction of(std::int64_t numerator, std::int64_t denominator = 1);
  // Parses a JSON number or a string like "0.5", "-1/3", "2": decimal text is read exactly (0.1 is 1/10).
  [[nodiscard]] static std::optional<Fraction> parse(const nlohmann::json& value);

  // Arithmetic is exact (128-bit intermediates, then reduced); a result that does not fit 64 bits throws
  // std::overflow_error (load_item's limits keep real items far from that; the API functions catch it).
  friend Fraction operator+(Fraction a, Fraction b);
  friend Fraction operator-(Fraction a, Fraction b);
  friend Fraction operator*(Fraction a, Fraction b);
  friend Fraction operator/(Fraction a, Fraction b);  // b must not be zero
  friend bool operator==(Fraction a, Fraction b) { return a.num == b.num && a.den == b.den; }
  friend bool operator<(Fraction a, Fraction b);
  friend bool operator<=(Fraction a, Fraction b) { return !(b < a); }
  friend bool operator>(Fraction a, Fraction b) { return b < a; }
  friend bool operator>=(Fraction a, Fraction b) { return !(a < b); }

  [[nodiscard]] std::string to_string() const;  // "3/4", "-2", "0"
  [[nodiscard]] double to_double() const;       // for display only, never for decisions
};

[[nodiscard]] Fraction clamp(Fraction value, Fraction low, Fraction high);

enum class ItemType {
  single_choice,
  multiple_response,
  true_false,
  numeric,
  short_text,
  fill_blanks,
  ordering,
  matching,
  hotspot,
  likert,
  free_text,
  reflection
};

// A validated item. `data` keeps the authored object; the engine reads its type-specific fields.
struct Item {
  std::string id;
  ItemType type = ItemType::single_choice;
  std::string rule;                       // the scoring rule (per type default when the author names none)
  Fraction weight = Fraction::of(1);      // the item's maximum score
  bool scored = true;                     // false for likert, free text, reflection
  std::vector<std::string> competencies;  // alignment, for mastery
  std::vector<std::string> outcomes;      // alignment, for the outcome lint
  std::string language;                   // the default language texts (feedback) are resolved in
  nlohmann::json data;
  // The scoring spec parsed once by load_item, in `compiled_language` (opaque outside the engine). score_item
  // uses it while `language` still matches and re-reads `data` otherwise, so a hand-made Item also works.
  std::shared_ptr<const void> compiled;
  std::string compiled_language;
};

// Whether items of this type (its name in course.json) are scored: false for likert, free text, reflection and
// for a name that is no item type.
[[nodiscard]] bool is_scored_type(std::string_view type);

// Reads and validates one item; problems point below `where` (e.g. "/assessments/0/items/3").
[[nodiscard]] Result<Item> load_item(const nlohmann::json& value, const std::string& where,
                                     const std::string& default_language);

// What the learner gave: the answer in the item type's shape (docs/scoring.md), the certainty (1–3) when
// the item uses certainty-based marking, and how many hints were shown.
struct Response {
  nlohmann::json answer;
  int certainty = 0;
  int hints_used = 0;
};

struct ItemResult {
  Fraction score;                     // in [min allowed by the rule, max]
  Fraction max;                       // the item's weight (× the map's best total for map-response,
                                      // × 3 with certainty-based marking; 0 when unscored)
  bool correct = false;               // full marks
  std::vector<std::string> feedback;  // texts to show, in the default language (per-choice first)
};

// Scores one response. A response of the wrong shape for the item is a problem (where = "/answer…"),
// never a score.
[[nodiscard]] Result<ItemResult> score_item(const Item& item, const Response& response);

}  // namespace tessera::assess
