// Tests of the interface strings: CLDR plural rules against CLDR's own samples, formatting and fallback,
// and that every built-in catalogue is complete and keeps English's placeholders.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support.hpp"
#include "tessera/strings.hpp"

using nlohmann::json;
using tessera::strings::Catalogue;

namespace {

// The integers CLDR lists after "@integer" in a rule ("0, 2~16, 100, …"): its own examples of the category,
// so they are known answers that come from CLDR, not from our evaluator. Compact forms ("1c6") are skipped.
std::vector<std::int64_t> integer_samples(const std::string& rule) {
  std::vector<std::int64_t> out;
  const auto at = rule.find("@integer");
  if (at == std::string::npos) return out;
  std::string list = rule.substr(at + 8, rule.find('@', at + 1) - at - 8);
  std::stringstream in(list);
  std::string token;
  while (std::getline(in, token, ',')) {
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    if (token.empty() || token.find('c') != std::string::npos || token.find("…") != std::string::npos) continue;
    const auto tilde = token.find('~');
    const std::int64_t low = std::stoll(token.substr(0, tilde));
    const std::int64_t high = tilde == std::string::npos ? low : std::stoll(token.substr(tilde + 1));
    for (std::int64_t n = low; n <= high; ++n) out.push_back(n);
  }
  return out;
}

std::set<std::string> placeholders(const json& entry) {
  std::set<std::string> out;
  const std::regex name(R"(\{([a-z-]+)\})");
  auto scan = [&](const std::string& text) {
    for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it) out.insert((*it)[1]);
  };
  if (entry.is_string()) scan(entry.get<std::string>());
  if (entry.is_object()) {
    for (const auto& [key, form] : entry.items()) {
      if (!key.starts_with("@")) scan(form.get<std::string>());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("plural categories agree with CLDR's own samples in every built-in language", "[strings]") {
  for (const auto& language : tessera::strings::languages()) {
    const Catalogue& c = Catalogue::for_language(language);
    REQUIRE(c.language() == language);
    REQUIRE(c.plural_rules().contains("other"));
    std::size_t checked = 0;
    for (const auto& [category, rule] : c.plural_rules()) {
      for (const std::int64_t n : integer_samples(rule)) {
        INFO(language << " " << n << " (CLDR: " << category << ")");
        CHECK(c.plural_category(n) == category);
        ++checked;
      }
    }
    CHECK(checked > 10);
  }
}

TEST_CASE("plural rule conditions: relations, ranges, modulus, and, or", "[strings]") {
  using tessera::strings::plural_rule_holds;
  CHECK(plural_rule_holds("i = 1 and v = 0 @integer 1", 1));
  CHECK_FALSE(plural_rule_holds("i = 1 and v = 0", 2));
  CHECK(plural_rule_holds("n % 100 = 3..10", 105));  // Arabic "few": 105 mod 100 = 5
  CHECK_FALSE(plural_rule_holds("n % 100 = 3..10", 111));
  CHECK(plural_rule_holds("n = 0 or n != 1", 0));
  CHECK(plural_rule_holds("i = 0,1", 0));
  CHECK(plural_rule_holds("", 7));                 // "other" has no condition
  CHECK_FALSE(plural_rule_holds("x = 1", 1));      // unknown operand: never holds
  CHECK_FALSE(plural_rule_holds("n % 0 = 1", 1));  // no division by zero
}

TEST_CASE("strings fill their placeholders and pick the plural form the language needs", "[strings]") {
  const Catalogue& en = Catalogue::for_language("en");
  const Catalogue& fr = Catalogue::for_language("fr-CA");  // a regional tag uses its language's catalogue
  REQUIRE(fr.language() == "fr");
  // English agrees with the total ("of 1 required step"); French with what is done, and 0 is singular.
  CHECK(en.text("progress.text", {{"done", "1"}, {"total", "1"}}) == "1 of 1 required step done");
  CHECK(en.text("progress.text", {{"done", "1"}, {"total", "10"}}) == "1 of 10 required steps done");
  CHECK(fr.text("progress.text", {{"done", "0"}, {"total", "10"}}) == "0 étape obligatoire sur 10 terminée");
  CHECK(fr.text("progress.text", {{"done", "2"}, {"total", "10"}}) == "2 étapes obligatoires sur 10 terminées");
  CHECK(en.text("attempts.left", {{"count", "1"}}) == "1 attempt left");
  CHECK(en.text("attempts.left", {{"count", "0"}}) == "0 attempts left");
  CHECK(en.text("completion.waiting-on", {{"list", "Spotting {fakes}"}}) == "To finish, pass: Spotting {fakes}");
  CHECK(en.text("completion.waiting-on") == "To finish, pass: {list}");  // a missing argument shows, never vanishes
  CHECK(en.text("no.such.key") == "no.such.key");
}

TEST_CASE("a language without a catalogue falls back to English, and what is missing is listed", "[strings]") {
  CHECK(Catalogue::for_language("de").language() == "en");
  CHECK(Catalogue::for_language("").language() == "en");
  CHECK_FALSE(tessera::strings::has_catalogue("de"));
  CHECK(tessera::strings::has_catalogue("fr-BE"));
  CHECK(tessera::strings::missing_keys("de").size() == Catalogue::english().entries().size());
}

TEST_CASE("every built-in catalogue is complete: each key, each plural form, English's placeholders", "[strings]") {
  const json& english = Catalogue::english().entries();
  for (const auto& language : tessera::strings::languages()) {
    INFO(language);
    CHECK(tessera::strings::missing_keys(language).empty());
    const Catalogue& c = Catalogue::for_language(language);
    CHECK((c.direction() == "ltr" || c.direction() == "rtl"));
    for (const auto& [key, entry] : c.entries().items()) {
      INFO(key);
      REQUIRE(english.contains(key));
      CHECK(placeholders(entry) == placeholders(english[key]));
      if (!entry.is_object()) continue;
      for (const auto& [category, rule] : c.plural_rules()) CHECK(entry.contains(category));
    }
  }
}

TEST_CASE("text direction comes from CLDR: the script subtag, else the language's likely script", "[strings]") {
  using tessera::strings::direction_of;
  CHECK(direction_of("ar") == "rtl");     // likely Arab
  CHECK(direction_of("he-IL") == "rtl");  // likely Hebr
  CHECK(direction_of("fa") == "rtl");
  CHECK(direction_of("dv") == "rtl");  // Thaana
  CHECK(direction_of("en") == "ltr");
  CHECK(direction_of("fr-CA") == "ltr");
  CHECK(direction_of("az-Arab") == "rtl");  // the script subtag decides
  CHECK(direction_of("uz-Latn") == "ltr");
  CHECK(direction_of("") == "ltr");
}

TEST_CASE("numbers are written with the language's CLDR symbols", "[strings]") {
  const Catalogue& en = Catalogue::for_language("en");
  const Catalogue& fr = Catalogue::for_language("fr");
  CHECK(en.integer(1234567) == "1,234,567");
  CHECK(fr.integer(1234567) == "1\u202f234\u202f567");  // CLDR fr: narrow no-break space groups
  CHECK(en.decimal(7, 2) == "3.5");
  CHECK(fr.decimal(7, 2) == "3,5");
  CHECK(en.decimal(5, 12) == "0.42");  // 0.41666… rounds to hundredths
  CHECK(en.decimal(-1, 3) == "-0.33");
  CHECK(en.decimal(4, 2) == "2");
  CHECK(en.percent(25) == "25%");
  CHECK(fr.percent(25) == "25\u00a0%");  // CLDR fr percent pattern "#,##0 %" with a no-break space
}

TEST_CASE("Arabic: the six CLDR plural categories (worked by hand) and the forms ar.json gives them", "[strings]") {
  // tests/golden/strings/ar-plurals.json: categories worked out by hand from CLDR's rules for ar, and texts
  // in Modern Standard Arabic counting, each filled value a bidi isolate (the catalogue is right to left).
  const json golden = json::parse(tessera::test::read_golden("strings/ar-plurals.json"));
  const Catalogue& ar = Catalogue::for_language("ar");
  REQUIRE(ar.language() == "ar");
  CHECK(ar.direction() == "rtl");
  for (const auto& [n, category] : golden["categories"].items()) {
    INFO("n = " << n);
    CHECK(ar.plural_category(std::stoll(n)) == category.get<std::string>());
  }
  for (const auto& example : golden["texts"]) {
    tessera::strings::Args args;
    for (const auto& [name, value] : example["values"].items()) args[name] = ar.integer(value.get<std::int64_t>());
    INFO(example.dump());
    CHECK(ar.text(example["key"].get<std::string>(), args) == example["text"].get<std::string>());
  }
}

TEST_CASE("a left-to-right catalogue fills its values as they are, with no bidi isolates", "[strings]") {
  const Catalogue& en = Catalogue::for_language("en");
  CHECK(en.text("progress.text", {{"done", "4"}, {"total", "12"}}) == "4 of 12 required steps done");
}

TEST_CASE("a count written with group separators still picks its plural form", "[strings]") {
  // CLDR fr: a million is "many" (e = 0 and i != 0 and i % 1000000 = 0), written 1 000 000 with narrow spaces.
  const Catalogue& fr = Catalogue::for_language("fr");
  CHECK(fr.plural_category(1000000) == "many");
  CHECK(fr.text("page.facts.minutes", {{"minutes", fr.integer(1000000)}}) == "1\u202f000\u202f000 de minutes");
  CHECK(fr.text("page.facts.minutes", {{"minutes", fr.integer(3)}}) == "3 minutes");
}
