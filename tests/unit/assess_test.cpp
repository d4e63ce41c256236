// tessera::assess: the golden cases in tests/golden/assess/items.json (hand-checked known answers, the
// issue's worked checks among them), plus the exact-number and regular-expression corner cases.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "support.hpp"
#include "tessera/assess.hpp"

using nlohmann::json;
using tessera::assess::Fraction;

namespace {

const json& golden() {
  static const json data = json::parse(tessera::test::read_golden("assess/items.json"));
  return data;
}

tessera::assess::Item load_named(const std::string& name) {
  const json& item = golden().at("items").at(name);
  auto loaded = tessera::assess::load_item(item, "/items/" + name, "en");
  if (!loaded) {
    for (const auto& p : loaded.problems()) UNSCOPED_INFO(p.where << ": " << p.message);
  }
  REQUIRE(loaded.ok());
  return loaded.value();
}

tessera::assess::Response response_of(const json& c) {
  tessera::assess::Response r;
  r.answer = c.at("answer");
  r.certainty = c.value("certainty", 0);
  r.hints_used = c.value("hintsUsed", 0);
  return r;
}

}  // namespace

TEST_CASE("assess: every golden item loads", "[assess]") {
  for (auto it = golden().at("items").begin(); it != golden().at("items").end(); ++it) {
    INFO(it.key());
    (void)load_named(it.key());
  }
}

TEST_CASE("assess: golden scores (hand-checked)", "[assess]") {
  std::map<std::string, tessera::assess::Item> items;
  for (const json& c : golden().at("cases")) {
    const std::string name = c.at("item").get<std::string>();
    if (items.count(name) == 0) items.emplace(name, load_named(name));
    INFO(name << " answer " << c.at("answer").dump() << " — " << c.value("why", ""));
    const auto result = tessera::assess::score_item(items.at(name), response_of(c));
    if (!result) {
      for (const auto& p : result.problems()) UNSCOPED_INFO(p.where << ": " << p.message);
    }
    REQUIRE(result.ok());
    CHECK(result.value().score.to_string() == c.at("score").get<std::string>());
    CHECK(result.value().max.to_string() == c.at("max").get<std::string>());
    CHECK(result.value().correct == c.at("correct").get<bool>());
    if (c.contains("feedback")) CHECK(json(result.value().feedback) == c.at("feedback"));
  }
}

TEST_CASE("assess: answers of the wrong shape are refused with a pointer", "[assess]") {
  for (const json& c : golden().at("refused")) {
    const auto item = load_named(c.at("item").get<std::string>());
    INFO(c.at("item").get<std::string>() << " answer " << c.at("answer").dump() << " — " << c.value("why", ""));
    const auto result = tessera::assess::score_item(item, response_of(c));
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems().size() == 1);
    CHECK(result.problems()[0].where == c.at("where").get<std::string>());
    CHECK_FALSE(result.problems()[0].message.empty());
  }
}

TEST_CASE("assess: invalid items list every problem, each with its pointer", "[assess]") {
  for (const json& c : golden().at("invalid")) {
    INFO(c.at("item").dump() << " — " << c.value("why", ""));
    const auto loaded = tessera::assess::load_item(c.at("item"), "/items/0", "en");
    REQUIRE_FALSE(loaded.ok());
    std::set<std::string> got;
    for (const auto& p : loaded.problems()) {
      UNSCOPED_INFO(p.where << ": " << p.message);
      got.insert(p.where);
    }
    const auto expected = c.at("where").get<std::set<std::string>>();
    CHECK(got == expected);
  }
}

TEST_CASE("assess: Fraction reads decimals exactly and stays reduced", "[assess]") {
  CHECK(Fraction::parse(json(0.1))->to_string() == "1/10");
  CHECK(Fraction::parse(json(0.3))->to_string() == "3/10");
  CHECK(Fraction::parse(json("0.1"))->to_string() == "1/10");
  CHECK(Fraction::parse(json("-1/3"))->to_string() == "-1/3");
  CHECK(Fraction::parse(json("2/4"))->to_string() == "1/2");
  CHECK(Fraction::parse(json("1.50"))->to_string() == "3/2");
  CHECK(Fraction::parse(json("2.5e2"))->to_string() == "250");
  CHECK(Fraction::parse(json("25e-3"))->to_string() == "1/40");
  CHECK(Fraction::parse(json(-7))->to_string() == "-7");
  CHECK(Fraction::parse(json(1e-3))->to_string() == "1/1000");
  CHECK_FALSE(Fraction::parse(json("1/0")));
  CHECK_FALSE(Fraction::parse(json("abc")));
  CHECK(Fraction::parse(json("1."))->to_string() == "1");  // as strtod reads it
  CHECK_FALSE(Fraction::parse(json(".")));
  CHECK_FALSE(Fraction::parse(json("0.0000000001")));  // 10 decimals
  CHECK_FALSE(Fraction::parse(json("1e10")));          // beyond 10^9
  CHECK_FALSE(Fraction::parse(json(true)));
  CHECK_FALSE(Fraction::parse(json("")));
  const Fraction a = Fraction::of(1, 10);
  const Fraction b = Fraction::of(2, 10);
  CHECK((a + b) == Fraction::of(3, 10));  // the float classic, exact here
  CHECK((a - b).to_string() == "-1/10");
  CHECK((a * b).to_string() == "1/50");
  CHECK((a / b).to_string() == "1/2");
  CHECK(Fraction::of(3, -6).to_string() == "-1/2");
  CHECK(Fraction::of(-1, 3) < Fraction::of(-1, 4));
  CHECK(tessera::assess::clamp(Fraction::of(3, 2), Fraction{}, Fraction::of(1)) == Fraction::of(1));
  CHECK_THROWS_AS(Fraction::of(INT64_MAX) + Fraction::of(1), std::overflow_error);
}

TEST_CASE("assess: regular expressions run without backtracking", "[assess]") {
  json item = {
      {"id", "re"}, {"type", "short-text"}, {"prompt", "x"}, {"patterns", {"(a*)*b", "(x+x+)+y", "[^q]{0,50}z"}}};
  const auto loaded = tessera::assess::load_item(item, "", "en");
  REQUIRE(loaded.ok());
  tessera::assess::Response r;
  r.answer = std::string(5000, 'a');  // catastrophic for a backtracking engine
  const auto start = std::chrono::steady_clock::now();
  const auto result = tessera::assess::score_item(loaded.value(), r);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(result.ok());
  CHECK(result.value().score == Fraction{});
  CHECK(elapsed < std::chrono::seconds(5));  // generous for ASan and Wasm; a backtracker would never finish
  r.answer = std::string(3000, 'a') + "b";
  CHECK(tessera::assess::score_item(loaded.value(), r).value().correct);
  r.answer = "xxxxxxy";
  CHECK(tessera::assess::score_item(loaded.value(), r).value().correct);
  r.answer = std::string(50, 'p') + "z";
  CHECK(tessera::assess::score_item(loaded.value(), r).value().correct);
  r.answer = std::string(51, 'p') + "z";
  CHECK_FALSE(tessera::assess::score_item(loaded.value(), r).value().correct);

  const json too_long = {{"id", "re"}, {"type", "short-text"}, {"prompt", "x"}, {"patterns", {std::string(300, 'a')}}};
  const auto refused = tessera::assess::load_item(too_long, "/i", "en");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].where == "/i/patterns/0");
  const json too_big = {{"id", "re"}, {"type", "short-text"}, {"prompt", "x"}, {"patterns", {"((a{50}){50}){50}"}}};
  const auto refused_big = tessera::assess::load_item(too_big, "/i", "en");
  REQUIRE_FALSE(refused_big.ok());
  CHECK(refused_big.problems()[0].where == "/i/patterns/0");
}

TEST_CASE("assess: regex classes, anchors and escapes", "[assess]") {
  auto matches = [](const std::string& pattern, const std::string& answer, bool case_sensitive = false) {
    json item = {{"id", "re"},
                 {"type", "short-text"},
                 {"prompt", "x"},
                 {"patterns", {pattern}},
                 {"caseSensitive", case_sensitive}};
    const auto loaded = tessera::assess::load_item(item, "", "en");
    REQUIRE(loaded.ok());
    tessera::assess::Response r;
    r.answer = answer;
    return tessera::assess::score_item(loaded.value(), r).value().correct;
  };
  CHECK(matches("^[A-Z][a-z]+$", "Paris"));
  CHECK(matches("[A-Z]+", "paris"));  // case-insensitive: classes match both cases
  CHECK_FALSE(matches("[A-Z]+", "paris", true));
  CHECK(matches("\\d+(\\.\\d+)?", "3.14"));
  CHECK_FALSE(matches("\\d+(\\.\\d+)?", "3x14"));
  CHECK(matches("a.c", "abc"));
  CHECK(matches("a\\.c", "a.c"));
  CHECK_FALSE(matches("a\\.c", "abc"));
  CHECK(matches("(?:cat|dog)s?", "Dogs"));
  CHECK(matches("x{2,3}", "xxx"));
  CHECK_FALSE(matches("x{2,3}", "xxxx"));
  CHECK(matches("x{2,}", "xxxxxx"));
  CHECK(matches("[^0-9 ]+ \\w+", "été fini"));
  CHECK(matches("caf[ée]", "CAFÉ"));
}

TEST_CASE("null is no answer for every golden item: score 0, and the item's maximum", "[assess]") {
  const auto golden = nlohmann::json::parse(tessera::test::read_golden("assess/items.json"));
  for (const auto& [name, definition] : golden.at("items").items()) {
    const auto item = tessera::assess::load_item(definition, "/" + name, "en");
    if (!item) continue;  // the golden file also holds deliberately invalid items
    const auto result = tessera::assess::score_item(item.value(), {nullptr, 0, 0});
    INFO(name);
    REQUIRE(result.ok());
    CHECK(result.value().score == tessera::assess::Fraction::of(0));
    CHECK_FALSE(result.value().correct);
  }
}
