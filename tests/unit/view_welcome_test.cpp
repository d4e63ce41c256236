// The view's welcome on a first open and the titles taken from a block's content: the facts are read by hand
// from tests/golden/course/valid/course.json (2 modules, estimatedMinutes 30, one formative check, final-check
// passMark 0.8 with maxAttempts 3 in the untitled summative block "final", credential "Package checker" valid
// for 24 months; the intro's Markdown opens with "# Welcome").
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "session_support.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::session::Session;
using tessera::test::act_ok;
using tessera::test::golden_course;

TEST_CASE("a first open welcomes the learner with how the course works", "[session][welcome]") {
  const Session s = Session::open(golden_course(), {}).session;
  const json view = s.view("en");
  REQUIRE(view.contains("welcome"));
  const json& w = view["welcome"];
  CHECK(w["heading"] == "Welcome to Checking a course");
  CHECK(w["modules"] == 2);
  CHECK(w["estimatedMinutes"] == 30);
  CHECK(w["practiceChecks"] == 1);
  CHECK(w["finals"] == json::parse(R"([{"block":"final","title":"Assessment","passMark":"4/5","attempts":3}])"));
  CHECK(w["credential"] == "Package checker");
  CHECK(w["validityMonths"] == 24);
  CHECK(w["lines"] == json::array({
                          "This course has 2 modules and takes about 30 minutes.",
                          "The practice check along the way helps you learn: it does not count towards your result.",
                          "To finish, pass \u201cAssessment\u201d with 80% or more. You have 3 attempts.",
                          "Finishing earns the credential \u201cPackage checker\u201d, valid for 24 months.",
                          "Start with the first step below.",
                      }));
}

TEST_CASE("the welcome is said in the interface language", "[session][welcome]") {
  const Session s = Session::open(golden_course(), {}).session;
  const json w = s.view("fr")["welcome"];
  CHECK(w["heading"] == "Bienvenue dans V\u00e9rifier un cours");
  CHECK(w["lines"][0] == "Ce cours compte 2 modules et dure environ 30 minutes.");
  CHECK(w["lines"][2] ==
        "Pour terminer, r\u00e9ussissez \u00ab\u00a0\u00c9valuation\u00a0\u00bb avec au moins 80\u00a0%. Vous avez "
        "droit \u00e0 3 tentatives.");
}

TEST_CASE("the welcome stays at the first block until something is done", "[session][welcome]") {
  Session s = Session::open(golden_course(), {}).session;
  std::int64_t t = tessera::test::monday_9am_ms;
  // Opened, not yet done: a learner who leaves now is welcomed again.
  CHECK(act_ok(s, {{"type", "open"}, {"block", "intro"}, {"t", t += 1000}}).contains("welcome"));
  // Done: the welcome has said what it had to.
  CHECK_FALSE(act_ok(s, {{"type", "complete"}, {"block", "intro"}, {"t", t += 1000}}).contains("welcome"));
  CHECK_FALSE(act_ok(s, {{"type", "open"}, {"block", "intro"}, {"t", t += 1000}}).contains("welcome"));
}

TEST_CASE("an untitled reading is named by its leading heading, said once", "[session][titles]") {
  const Session s = Session::open(golden_course(), {}).session;
  const json view = s.view("en");
  CHECK(view["current"]["title"] == "Welcome");
  CHECK(view["current"]["markdown"] == "A *short* course with a [link](https://example.org).");
  CHECK(view["modules"][0]["blocks"][0]["title"] == "Welcome");
  CHECK(view["modules"][0]["blocks"][0]["action"]["label"] == "Welcome");
  // Untitled blocks of another kind keep their type name, numbered among the module's two images.
  CHECK(view["modules"][0]["blocks"][1]["action"]["label"] == "Image 1");
  // A case study whose Markdown opens with no heading stays untitled.
  CHECK_FALSE(view["modules"][1]["blocks"][0].contains("title"));
  CHECK(view["modules"][1]["blocks"][0]["action"]["label"] == "Case study");
}
