// The interface strings: one catalogue per language (runtime/strings/<language>.json, built in), each with
// its CLDR plural rules, so both players and the pages around them say the same words (docs/strings.md).
//
// A string is text with {name} placeholders, or an object of CLDR plural categories ("one", "other", …)
// chosen by the argument "count" (else the first numeric argument). A key missing from a catalogue falls
// back to English; `tessera validate` warns about what is missing.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::strings {

// Arguments of one string: name → its text (numbers are passed as text, already formatted).
using Args = std::map<std::string, std::string>;

class Catalogue {
 public:
  // The built-in catalogue for `language` ("fr", "fr-CA" → "fr"), or English when there is none.
  [[nodiscard]] static const Catalogue& for_language(std::string_view language);
  [[nodiscard]] static const Catalogue& english() { return for_language("en"); }

  [[nodiscard]] const std::string& language() const { return language_; }
  [[nodiscard]] const std::string& direction() const { return direction_; }  // "ltr" or "rtl"
  // The string `key` with `args` filled in; English when this catalogue lacks it; the key itself (never an
  // empty label) when English lacks it too — a test keeps every key the runtime asks for in English.
  [[nodiscard]] std::string text(std::string_view key, const Args& args = {}) const;
  // The CLDR plural category of the integer `n` in this language ("one", "few", "other", …).
  [[nodiscard]] std::string plural_category(std::int64_t n) const;
  // Numbers as this language writes them (CLDR symbols): an integer with group separators ("12,345" /
  // "12 345"), a fraction num/den rounded to at most two decimals ("3.5" / "3,5"), a whole percent ("25%" /
  // "25 %").
  [[nodiscard]] std::string integer(std::int64_t n) const;
  [[nodiscard]] std::string decimal(std::int64_t num, std::int64_t den) const;
  [[nodiscard]] std::string percent(std::int64_t whole_percent) const;
  [[nodiscard]] bool has(std::string_view key) const { return entries_.contains(std::string(key)); }
  [[nodiscard]] const nlohmann::json& entries() const { return entries_; }
  [[nodiscard]] const std::map<std::string, std::string>& plural_rules() const { return plural_rules_; }

 private:
  std::string language_;
  std::string direction_;
  nlohmann::json entries_;
  std::map<std::string, std::string> plural_rules_;  // category → CLDR rule text (with its samples)
  std::string decimal_ = ".", group_ = ",", percent_pattern_ = "#,##0%";
  friend struct Loader;
};

// Every built-in language, English first.
[[nodiscard]] std::vector<std::string> languages();
// Keys English has that `language`'s catalogue lacks (all of them when there is no catalogue at all).
[[nodiscard]] std::vector<std::string> missing_keys(std::string_view language);
// Whether `language` has a built-in catalogue of its own ("fr-CA" counts as "fr").
[[nodiscard]] bool has_catalogue(std::string_view language);

// Whether `tag` has the shape of a BCP 47 language tag (2–35 letters, digits and hyphens): what a course, a
// catalogue file name or a translator's XLIFF may name a language with.
[[nodiscard]] bool is_language_tag(std::string_view tag);

// "rtl" or "ltr" for text in the BCP 47 `language` tag, from CLDR: its script subtag when it has one
// ("az-Arab"), else the language's likely script ("ar", "he", "fa" → rtl).
[[nodiscard]] std::string direction_of(std::string_view language);

// Evaluates one CLDR plural rule condition ("i = 1 and v = 0", "n % 100 = 3..10") for the integer n; the
// samples after '@' are ignored; an empty condition holds (the "other" rule). Unknown syntax never holds.
[[nodiscard]] bool plural_rule_holds(std::string_view rule, std::int64_t n);

}  // namespace tessera::strings
