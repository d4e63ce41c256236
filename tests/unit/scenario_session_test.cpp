// Scenario blocks in a session: actions become events, hidden/disabled/foreign choices are refused and
// change nothing, an ending completes the block, the view shows node, choices, meters and outcome, and
// a replay of the events reaches the live state.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::session::Session;

namespace {

// The golden course with its modules open in any order, so the scenario block can be opened first.
std::shared_ptr<const tessera::course::Course> course() {
  static const auto loaded = [] {
    json c = json::parse(tessera::test::read_golden("course/valid/course.json"));
    c["completion"]["sequentialModules"] = false;
    auto report = tessera::course::load(c.dump());
    if (!report.course) throw std::runtime_error("the golden course does not load: " + report.problems.front().message);
    return std::make_shared<const tessera::course::Course>(std::move(*report.course));
  }();
  return loaded;
}

json act_ok(Session& s, const json& action) {
  const auto outcome = s.act(action);
  INFO("action " << action.dump() << (outcome.ok() ? "" : " refused: " + outcome.problems.front().message));
  REQUIRE(outcome.ok());
  return outcome.view;
}

}  // namespace

TEST_CASE("a scenario block shows its node, visible choices and meters", "[scenario][session]") {
  Session s = Session::open(course(), {}).session;
  const json view = act_ok(s, {{"type", "open"}, {"block", "sim"}, {"t", 1000}});
  const json& sc = view["current"]["scenario"];
  CHECK(sc["node"] == json{{"id", "report"}, {"type", "decision"}, {"text", "A learner reports a broken link."}});
  CHECK(sc["choices"] == json::parse(R"([{"id":"check","text":"Run tessera validate","enabled":true},
    {"id":"ignore","text":"Ship anyway","enabled":true},{"id":"rewrite","text":"Rewrite the course","enabled":false}])"));
  // 5 on a 0…10 meter sits half way: position 0.5, for drawing without parsing fractions.
  CHECK(sc["meters"] ==
        json::parse(R"([{"variable":"care","label":"Care","value":"5","valueText":"5","min":"0","max":"10",
                                         "history":["5"],"position":0.5,"historyPositions":[0.5]}])"));
  CHECK(sc["ended"] == false);
  CHECK(sc["canBack"] == false);
  // Every visible choice is an action labelled with its text; a disabled one says why and is not enabled.
  CHECK(
      view["actions"][0] ==
      json::parse(
          R"({"type":"scenario-choose","block":"sim","choice":"check","label":"Run tessera validate","primary":false,"enabled":true})"));
  CHECK(
      view["actions"][2] ==
      json::parse(
          R"({"type":"scenario-choose","block":"sim","choice":"rewrite","label":"Rewrite the course","primary":false,"enabled":false,"reason":"This choice is not open to you now."})"));
  CHECK(view["modules"][1]["blocks"][1]["status"] == "opened");
}

TEST_CASE("hidden, disabled and foreign choices are refused and change nothing", "[scenario][session]") {
  Session s = Session::open(course(), {}).session;
  act_ok(s, {{"type", "open"}, {"block", "sim"}, {"t", 1000}});
  const auto state = s.state();
  const auto events = s.events().size();
  const std::vector<std::pair<json, std::string>> refused = {
      {{{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "ask-lead"}, {"t", 2000}},
       "choice 'ask-lead' is hidden on node 'report'"},
      {{{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "rewrite"}, {"t", 2000}},
       "choice 'rewrite' is disabled on node 'report'"},
      {{{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "fly"}, {"t", 2000}},
       "choice 'fly' is not on node 'report'"},
      {{{"type", "scenario-choose"}, {"block", "sim"}, {"t", 2000}},
       "scenario-choose needs \"choice\": the id of one of the choices shown"},
      {{{"type", "scenario-continue"}, {"block", "sim"}, {"t", 2000}},
       "node 'report' is a decision; choose one of its choices"},
      {{{"type", "scenario-back"}, {"block", "sim"}, {"t", 2000}}, "there is no earlier choice to go back to"},
      {{{"type", "scenario-choose"}, {"block", "intro"}, {"choice", "check"}, {"t", 2000}},
       "block 'intro' is not a scenario block of this course"},
      {{{"type", "scenario-choose"}, {"block", "think"}, {"choice", "check"}, {"t", 2000}},
       "block 'think' is not a scenario block of this course"},
  };
  for (const auto& [action, message] : refused) {
    const auto outcome = s.act(action);
    INFO(action.dump());
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.problems.front().message == message);
    CHECK(s.state() == state);
    CHECK(s.events().size() == events);
  }
}

TEST_CASE("reaching an ending completes the block; the record replays to the same state", "[scenario][session]") {
  Session s = Session::open(course(), {}).session;
  act_ok(s, {{"type", "open"}, {"block", "sim"}, {"t", 1000}});
  const auto chosen = s.act({{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "check"}, {"t", 4000}});
  REQUIRE(chosen.ok());
  CHECK(chosen.event->type == "scenario.chosen");
  CHECK(chosen.event->payload == json{{"block", "sim"}, {"choice", "check"}});
  const json& sc = chosen.view["current"]["scenario"];
  CHECK(sc["ended"] == true);
  CHECK(sc["ending"] == json{{"id", "fixed"}, {"outcome", "The link is fixed"}, {"feedback", "Validation found it."}});
  CHECK(sc["score"] == "2");
  CHECK(sc["maxScore"] == "2");
  CHECK(sc["level"] == "exemplary");
  CHECK(sc["competencies"] == json::array({"validate"}));
  CHECK(sc["meters"][0]["history"] == json::array({"5", "8"}));
  CHECK(chosen.view["modules"][1]["blocks"][1]["status"] == "complete");
  CHECK(chosen.view["scenarios"]["sim"]["competencies"] == json::array({"validate"}));
  CHECK(s.state().scenarios.at("sim").competencies == std::vector<std::string>{"validate"});

  // Restart is allowed; the block stays complete and the earlier run is kept.
  act_ok(s, {{"type", "scenario-restart"}, {"block", "sim"}, {"t", 9000}});
  const json view = act_ok(s, {{"type", "scenario-choose"}, {"block", "sim"}, {"choice", "ignore"}, {"t", 12000}});
  CHECK(view["current"]["scenario"]["ending"]["id"] == "shipped-broken");
  CHECK(view["current"]["scenario"]["level"] == "needs practice");
  CHECK(view["modules"][1]["blocks"][1]["status"] == "complete");
  CHECK(s.state().scenarios.at("sim").earlier.size() == 1);

  const auto replayed = Session::open(course(), s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());
  CHECK(replayed.session.view().dump() == s.view().dump());
}

TEST_CASE("a record with a choice the scenario never offered is cut there on replay", "[scenario][session]") {
  Session s = Session::open(course(), {}).session;
  act_ok(s, {{"type", "open"}, {"block", "sim"}, {"t", 1000}});
  auto events = s.events();
  events.push_back(
      tessera::record::next_event(&events.back(), "scenario.chosen", 2000, {{"block", "sim"}, {"choice", "ask-lead"}}));
  const auto replayed = Session::open(course(), events);
  REQUIRE(replayed.problems.size() == 1);
  CHECK(replayed.problems[0].where == "seq 2");
  CHECK(replayed.problems[0].message == "choice 'ask-lead' is hidden on node 'report'");
  CHECK(replayed.session.events().size() == 1);
}
