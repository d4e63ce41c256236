// Reminders decided by the runtime: the expiry notice stages (60, 30, 7 days, expired) at dates worked out by
// hand, the way to renew in English and French from each kind of rule, and the idle, due and plan reminders.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/datetime.hpp"
#include "tessera/reminders.hpp"

namespace reminders = tessera::reminders;
using nlohmann::json;

namespace {

std::int64_t at(const char* iso) { return tessera::datetime::parse(iso).value(); }

json credential_course(const json& renew_by) {
  json course = json::parse(tessera::test::read_golden("credential/course.json"));
  course["credential"]["renewBy"] = renew_by;
  course["credential"]["renewal"] = {{"en", "Ask your manager."}, {"fr", "Demandez à votre responsable."}};
  return course;
}

json decided(const json& facts, const char* now, const std::string& language = "en") {
  auto made = reminders::reminders(facts, at(now) * 1000, language);
  REQUIRE(made.ok());
  return made.value();
}

}  // namespace

TEST_CASE("expiry notices: 60, 30 and 7 days before validUntil, then expired", "[reminders]") {
  // validUntil 2026-06-30T00:00:00Z: the notices start on 1 May (60 days before: May has 31 days, June 30),
  // 31 May (30 days) and 23 June (7 days), each at 00:00 UTC.
  const std::int64_t until = at("2026-06-30T00:00:00Z");
  const auto none = reminders::expiry_stage(until, at("2026-04-30T23:59:59Z"));
  CHECK(none.days_before == 0);
  CHECK_FALSE(none.expired);
  CHECK(none.next == at("2026-05-01T00:00:00Z"));
  const auto sixty = reminders::expiry_stage(until, at("2026-05-01T00:00:00Z"));
  CHECK(sixty.days_before == 60);
  CHECK(sixty.since == at("2026-05-01T00:00:00Z"));
  CHECK(sixty.next == at("2026-05-31T00:00:00Z"));
  const auto thirty = reminders::expiry_stage(until, at("2026-06-22T23:59:59Z"));
  CHECK(thirty.days_before == 30);
  CHECK(thirty.next == at("2026-06-23T00:00:00Z"));
  const auto seven = reminders::expiry_stage(until, at("2026-06-29T23:59:59Z"));
  CHECK(seven.days_before == 7);
  CHECK(seven.next == until);
  const auto expired = reminders::expiry_stage(until, until);
  CHECK(expired.expired);
  CHECK(expired.since == until);
  CHECK(expired.next == 0);
}

TEST_CASE("the way to renew, from the rule and the author's words, in the learner's language", "[reminders]") {
  const auto path = [](const json& renew_by, const char* language) {
    const auto course = tessera::course::load(credential_course(renew_by).dump()).course.value();
    return reminders::renewal_path(course.credential, &course, {{"golden-recall", "Checking, two years on"}},
                                   tessera::strings::Catalogue::for_language(language));
  };
  // final-check's block "final" is in the module "Practice".
  CHECK(path({{"assessment", "final-check"}}, "en") ==
        "To renew it, pass the assessment of Practice again. Ask your manager.");
  CHECK(path({{"course", "golden-recall"}}, "en") == "To renew it, complete Checking, two years on. Ask your manager.");
  CHECK(path({{"recall", {{"retention", 0.85}, {"months", 6}}}}, "en") ==
        "To renew it, keep up your recall reviews: each competency's predicted recall at 85% or more, with reviews "
        "in the last 6 months. Ask your manager.");
  // French writes a percent with a no-break space (CLDR "#,##0 %").
  CHECK(path({{"recall", {{"retention", 0.9}, {"months", 1}}}}, "fr") ==
        "Pour le renouveler, gardez vos révisions à jour : le rappel prévu de chaque compétence à 90\u00a0% ou plus, "
        "avec "
        "des révisions le mois dernier. Demandez à votre responsable.");
}

TEST_CASE("reminders: an expiring credential's notice now, the next one later, with where to renew", "[reminders]") {
  const json facts = {{"today", "2026-06-05"},
                      {"courses", json::array()},
                      {"credentials",
                       {{{"id", "urn:uuid:1"},
                         {"name", "Package checker"},
                         {"validUntil", "2026-06-30T00:00:00Z"},
                         {"course", credential_course({{"recall", {{"retention", 0.85}, {"months", 6}}}})}}}}};
  const json out = decided(facts, "2026-06-05T12:00:00Z");  // 24½ days left: the 30-day notice, "in 25 days"
  const std::string renew =
      "To renew it, keep up your recall reviews: each competency's predicted recall at 85% or more, with reviews in "
      "the last 6 months. Ask your manager.";
  REQUIRE(out["now"].size() == 1);
  CHECK(out["now"][0] == json({{"kind", "expiry"},
                               {"key", "expiry:urn:uuid:1:2026-06-30T00:00:00Z:30"},
                               {"at", at("2026-05-31T00:00:00Z") * 1000},
                               {"href", "review.html?course=golden-course"},
                               {"text", "Package checker expires on 2026-06-30, in 25 days. " + renew}}));
  REQUIRE(out["later"].size() == 1);
  CHECK(out["later"][0]["key"] == "expiry:urn:uuid:1:2026-06-30T00:00:00Z:7");
  CHECK(out["later"][0]["at"] == at("2026-06-23T00:00:00Z") * 1000);
  CHECK(out["later"][0]["text"] == "Package checker expires on 2026-06-30, in 7 days. " + renew);
  CHECK(out["credentials"][0]["notice"] == 30);
  CHECK(out["credentials"][0]["renew"] == renew);

  const json gone = decided(facts, "2026-07-01T00:00:00Z", "fr");
  CHECK(gone["credentials"][0]["notice"] == "expired");
  CHECK(gone["now"][0]["text"].get<std::string>().starts_with("Package checker a expiré le 2026-06-30. Pour le"));
  CHECK(gone["later"].empty());

  // Without a course to read a rule from, the notice gives the date alone.
  json bare = facts;
  bare["credentials"][0].erase("course");
  CHECK(decided(bare, "2026-06-05T12:00:00Z")["now"][0]["text"] ==
        "Package checker expires on 2026-06-30, in 25 days.");
  CHECK(decided(bare, "2026-04-05T12:00:00Z")["now"].empty());
}

TEST_CASE("reminders: idle after the learner's days, cards due, a plan slipping", "[reminders]") {
  const std::int64_t opened = at("2026-01-05T10:00:00Z") * 1000;
  const json facts = {
      {"today", "2026-01-08"},
      {"idleDays", 3},
      {"courses",
       {{{"id", "inclusive-meetings"},
         {"title", "Inclusive meetings"},
         {"complete", false},
         {"lastActivity", opened},
         {"due", 2},
         {"nextDue", nullptr},
         {"plan",
          {{"onTrack", false}, {"modules", {{{"id", "a"}, {"late", true}}, {{"id", "b"}, {"late", true}}}}}}}}}};
  // 2026-01-08 23:30 is 3 days 13½ hours after: idle for 3 (whole) days, since 2026-01-08 10:00.
  const json out = decided(facts, "2026-01-08T23:30:00Z");
  REQUIRE(out["now"].size() == 3);
  CHECK(out["now"][0]["text"] == "You have not opened Inclusive meetings for 3 days. Pick up where you left off.");
  CHECK(out["now"][0]["at"] == opened + 3 * std::int64_t{86400000});
  CHECK(out["now"][1]["key"] == "due:inclusive-meetings:2026-01-08");
  CHECK(out["now"][1]["text"] == "Inclusive meetings: 2 cards due for review.");
  CHECK(out["now"][2]["key"] == "plan:inclusive-meetings:a,b");
  CHECK(out["now"][2]["text"] == "Inclusive meetings is behind its study plan: 2 modules are late.");
  // The evening it was opened: not idle yet; it will be, three days on.
  const json early = decided(facts, "2026-01-05T23:00:00Z");
  CHECK(early["later"][0]["kind"] == "idle");
  CHECK(early["later"][0]["at"] == opened + 3 * std::int64_t{86400000});
  CHECK_FALSE(reminders::reminders(json::array(), 0, "en").ok());
  CHECK(reminders::reminders({{"courses", 3}}, 0, "en").problems()[0].where == "/courses");
}
