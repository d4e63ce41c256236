// Mastery rules decided from evidence, against the hand-worked cases in tests/golden/assess/mastery.json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/mastery.hpp"

using nlohmann::json;
using namespace tessera::assess;

TEST_CASE("mastery rules decide the golden cases", "[mastery][golden]") {
  const json golden = json::parse(tessera::test::read_golden("assess/mastery.json"));
  for (const auto& c : golden["cases"]) {
    INFO(c["name"].get<std::string>() << " — " << c["why"].get<std::string>());
    const auto rule = load_mastery_rule(c["rule"], "");
    REQUIRE(rule);
    MasteryEvidence evidence;
    // The golden file lists first attempts newest first; the evidence keeps them oldest first.
    const json newest_first = c.value("firstAttempts", json::array());
    for (auto it = newest_first.rbegin(); it != newest_first.rend(); ++it) {
      evidence.first_attempts.push_back(*it == "h" ? FirstAttempt{true, true} : FirstAttempt{*it == 1, false});
    }
    evidence.items = c.value("items", 0U);
    evidence.items_right = c.value("itemsRight", 0U);
    evidence.score = *Fraction::parse(c.value("score", json("0")));
    evidence.max = *Fraction::parse(c.value("max", json("0")));
    const MasteryDecision decision = decide_mastery(rule.value(), evidence);
    const json got = {{"assessed", decision.assessed},
                      {"mastered", decision.mastered},
                      {"right", decision.right},
                      {"considered", decision.considered}};
    CHECK(got == c["expect"]);
  }
}

TEST_CASE("a malformed mastery rule says what is wrong and where", "[mastery][golden]") {
  const json golden = json::parse(tessera::test::read_golden("assess/mastery.json"));
  for (const auto& c : golden["invalid"]) {
    INFO(c["rule"].dump());
    const auto rule = load_mastery_rule(c["rule"], "");
    REQUIRE_FALSE(rule);
    CHECK(rule.problems().front().where == c["where"]);
    CHECK(rule.problems().front().message == c["message"]);
  }
}

TEST_CASE("a mastery rule round-trips through its JSON form", "[mastery]") {
  for (const json& text :
       {json{{"rule", "percentage"}, {"threshold", "9/10"}}, json{{"rule", "all"}},
        json{{"rule", "in-a-row"}, {"count", 4}}, json{{"rule", "m-of-last-n"}, {"m", 3}, {"n", 5}}}) {
    const auto rule = load_mastery_rule(text, "");
    REQUIRE(rule);
    CHECK(to_json(rule.value()) == text);
    CHECK(load_mastery_rule(to_json(rule.value()), "").value() == rule.value());
  }
}
