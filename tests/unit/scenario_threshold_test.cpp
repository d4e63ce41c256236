// Meter thresholds force endings (docs/scenarios.md, "Running a scenario" rule 4): in the engine on
// tests/golden/scenario/pressure.json and in a session's scenario block. Every ending, score, path and
// trail below is worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/scenario.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
namespace scenario = tessera::scenario;
using K = scenario::StepKind;

namespace {

json run_pressure(const std::vector<std::string>& choices) {
  const json source = json::parse(tessera::test::read_golden("scenario/pressure.json"));
  const auto report = scenario::load(source, "/scenarios/0");
  REQUIRE(report.scenario);
  std::vector<scenario::Step> steps;
  steps.reserve(choices.size());
  std::int64_t t = 0;
  for (const auto& choice : choices) steps.push_back({K::choose, choice, t += 1000});
  const auto run = scenario::fold(*report.scenario, "r1", 0, steps);
  INFO((run ? std::string() : run.problems().front().message));
  REQUIRE(run);
  return run.value().to_json(*report.scenario);
}

}  // namespace

TEST_CASE("a meter crossing its threshold ends the run at the threshold's ending, not at the choice's next",
          "[scenario]") {
  SECTION("effects cross two meters at once: the first variable by name wins, and next is never entered") {
    // push-both: zeta 5 + 3 = 8 (atLeast 8 holds), alpha 5 - 6 = -1, clamped to its min 0 (below 2 holds).
    // Variables in name order: alpha before zeta, so alpha's "below 2" sends the run to alpha-low.
    const json state = run_pressure({"push-both"});
    CHECK(state["ending"] == "alpha-low");
    CHECK(state["score"] == "1");  // mode path: push-both's 1
    CHECK(state["path"] == json::parse(R"([{"node":"start","choice":"push-both","score":"1"}])"));
    CHECK(state["trail"] == json::array({"choose:push-both", "threshold:alpha-low"}));
    CHECK(state["visited"] == json::array({"start", "alpha-low"}));  // calm, the choice's next, was never entered
    CHECK(state["variables"]["alpha"] == "0");
    CHECK(state["variables"]["zeta"] == "8");
    CHECK(state["level"] == "shaken");  // alpha 0 < 5
  }
  SECTION("the next node's onEnter crosses a threshold: that node is entered, then left for the ending") {
    // heat: no effects, thresholds hold nothing (alpha 5, zeta 5); hot is entered and its onEnter makes zeta 9 >= 8.
    const json state = run_pressure({"heat"});
    CHECK(state["ending"] == "zeta-high");
    CHECK(state["score"] == "2");
    CHECK(state["path"] == json::parse(R"([{"node":"start","choice":"heat","score":"2"}])"));
    CHECK(state["trail"] == json::array({"choose:heat", "threshold:zeta-high"}));
    CHECK(state["visited"] == json::array({"start", "hot", "zeta-high"}));
    CHECK(state["meters"]["zeta"] == json::array({"5", "9"}));
    CHECK(state["level"] == "steady");  // alpha 5 >= 5
  }
  SECTION("a threshold reached on a loop fires before the loop's node is re-entered, so the path is not cut") {
    // Each again adds 1 to alpha (5 → 9) and returns to start, which cuts the path back to nothing; the
    // fourth makes alpha 9 (atLeast 9) before start is entered: the path keeps start/roll 3 and calm/again 1.
    const json state = run_pressure({"roll", "again", "roll", "again", "roll", "again", "roll", "again"});
    CHECK(state["ending"] == "alpha-high");
    CHECK(state["score"] == "4");
    CHECK(
        state["path"] ==
        json::parse(R"([{"node":"start","choice":"roll","score":"3"},{"node":"calm","choice":"again","score":"1"}])"));
    CHECK(state["trail"].back() == "threshold:alpha-high");
    CHECK(state["trail"].size() == 9);
    CHECK(state["variables"]["alpha"] == "9");
    CHECK(state["meters"]["alpha"] == json::array({"5", "5", "6", "6", "7", "7", "8", "8", "9"}));
    CHECK(state["level"] == "steady");
  }
}

TEST_CASE("in a session, a threshold ends the scenario block and completes it", "[scenario][session]") {
  // The golden course's scenario with "ignore" leading to the good ending: only care's threshold
  // (below 1 → shipped-broken) can end the run badly now.
  json c = json::parse(tessera::test::read_golden("course/valid/course.json"));
  c["completion"]["sequentialModules"] = false;
  json& ignore = c["scenarios"][0]["nodes"][0]["choices"][1];
  REQUIRE(ignore["id"] == "ignore");
  ignore["next"] = "fixed";
  auto report = tessera::course::load(c.dump());
  INFO((report.problems.empty() ? std::string() : report.problems.front().message));
  REQUIRE(report.course);
  auto session =
      tessera::session::Session::open(std::make_shared<const tessera::course::Course>(std::move(*report.course)), {})
          .session;
  REQUIRE(session.act({{"type", "open"}, {"block", "sim"}, {"t", 1000}}).ok());
  const auto chosen = session.act({{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "ignore"}, {"t", 2000}});
  REQUIRE(chosen.ok());
  // care 5 - 5 = 0 < 1: shipped-broken, not fixed; path score 0 (ignore's); max 2 (check, then fixed).
  const json& sc = chosen.view["current"]["scenario"];
  CHECK(sc["ended"] == true);
  CHECK(sc["ending"]["id"] == "shipped-broken");
  CHECK(sc["score"] == "0");
  CHECK(sc["maxScore"] == "2");
  CHECK(sc["level"] == "needs practice");  // care 0 < 7
  CHECK(sc["competencies"] == json::array());
  CHECK(sc["meters"][0]["history"] == json::array({"5", "0"}));
  CHECK(chosen.view["modules"][1]["blocks"][1]["status"] == "complete");
}
