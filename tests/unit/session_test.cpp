// Tests of the session API: actions become events, bad actions change nothing, replay equals live play.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "session_support.hpp"
#include "support.hpp"
#include "tessera/assessment.hpp"
#include "tessera/course.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::session::Session;

namespace {

using tessera::test::act_ok;
using tessera::test::finish_basics;
using tessera::test::golden_course;

Session fresh() { return Session::open(golden_course(), {}).session; }

}  // namespace

TEST_CASE("a new session starts at the first block, where opening it or the next one is allowed", "[session]") {
  const Session s = fresh();
  const json view = s.view();
  CHECK(view["position"] == "");
  CHECK(view["current"]["id"] == "intro");
  // Each action says what to send back, its label in the interface language, and whether it leads.
  CHECK(view["actions"] == json::parse(R"([
    {"type":"open","block":"intro","label":"Start","primary":true,"enabled":true},
    {"type":"open","block":"diagram","label":"Next","primary":false,"enabled":true}])"));
  CHECK(view["interface"] == json{{"lang", "en"}, {"dir", "ltr"}});
  CHECK(view["progress"]["text"] == "0 of 10 required steps done");
  CHECK(view["next"] == "diagram");
  CHECK_FALSE(view.contains("previous"));
  CHECK(view["progress"]["completedRequiredBlocks"] == 0);
  CHECK(view["modules"][1]["status"] == "locked");  // sequentialModules
  CHECK(view["complete"] == false);
}

TEST_CASE("accepted actions return the event to persist and the new view", "[session]") {
  Session s = fresh();
  const auto opened = s.act({{"type", "open"}, {"block", "intro"}, {"t", 1000}});
  REQUIRE(opened.ok());
  CHECK(opened.event->seq == 1);
  CHECK(opened.event->type == "block.opened");
  CHECK(opened.event->payload == json{{"block", "intro"}});
  CHECK(opened.event->prev == tessera::record::genesis_hash);
  CHECK(opened.view["position"] == "intro");
  CHECK(opened.view["actions"][0] ==
        json::parse(R"({"type":"complete","block":"intro","label":"Mark as done","primary":true,"enabled":true})"));

  const auto completed = s.act({{"type", "complete"}, {"block", "intro"}, {"t", 61000}});
  REQUIRE(completed.ok());
  CHECK(completed.event->seq == 2);
  CHECK(completed.event->prev == tessera::record::hash_hex(*opened.event));
  CHECK(completed.view["progress"]["completedRequiredBlocks"] == 1);
  CHECK(completed.view["timeOnTaskSeconds"] == 60);
}

TEST_CASE("propose changes nothing; the session moves only when the stored event is committed", "[session]") {
  Session s = fresh();
  const auto proposed = s.propose({{"type", "open"}, {"block", "intro"}, {"t", 1000}});
  REQUIRE(proposed.ok());
  CHECK(proposed.view["position"] == "intro");  // the view as it will be
  CHECK(s.events().empty());                    // …but the session has not moved
  CHECK(s.view()["position"] == "");
  // A second proposal from the same place competes for the same seq: the first committed wins.
  const auto rival = s.propose({{"type", "open"}, {"block", "diagram"}, {"t", 1200}});
  REQUIRE(rival.ok());
  CHECK(s.commit(*proposed.event).empty());
  CHECK(s.view() == proposed.view);
  const auto refused = s.commit(*rival.event);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].message == "this event does not follow the session's last event");
  CHECK(s.events().size() == 1);
  // An event the session would not have proposed is refused at commit too, and changes nothing.
  tessera::record::Event forged =
      tessera::record::next_event(&s.events().back(), "block.completed", 2000, {{"block", "diagram"}});
  const auto forged_refused = s.commit(forged);
  REQUIRE(forged_refused.size() == 1);
  CHECK(forged_refused[0].message == "block 'diagram' was never opened");
  CHECK(s.events().size() == 1);
}

TEST_CASE("refused actions say why and change nothing", "[session]") {
  Session s = fresh();
  act_ok(s, {{"type", "open"}, {"block", "intro"}, {"t", 0}});
  const auto before_state = s.state();
  const auto before_events = s.events().size();
  const std::vector<std::pair<json, std::string>> refused = {
      {{{"type", "complete"}, {"block", "diagram"}, {"t", 5}}, "block 'diagram' was never opened"},
      {{{"type", "open"}, {"block", "story"}, {"t", 5}},
       "module 'practice' is locked until the modules before it are complete"},
      {{{"type", "open"}, {"block", "nope"}, {"t", 5}}, "block 'nope' is not in this course"},
      {{{"type", "jump"}, {"block", "intro"}, {"t", 5}}, "unknown action 'jump'"},
      {{{"type", "open"}, {"block", "intro"}}, "the action has no time"},
      {{{"type", "open"}, {"block", "intro"}, {"t", 9007199254740993LL}},
       "the time is outside the range JSON numbers carry exactly"},
      {json::array(), "an action must be a JSON object"},
  };
  for (const auto& [action, message] : refused) {
    const auto outcome = s.act(action);
    INFO(action.dump());
    CHECK_FALSE(outcome.ok());
    REQUIRE(outcome.problems.size() == 1);
    CHECK(outcome.problems[0].message == message);
  }
  act_ok(s, {{"type", "open"}, {"block", "check-1"}, {"t", 6}});
  const auto assessment = s.act({{"type", "complete"}, {"block", "check-1"}, {"t", 7}});
  REQUIRE_FALSE(assessment.ok());
  CHECK(assessment.problems[0].message == "a assessment block is not completed by reading it");
  CHECK(s.events().size() == before_events + 1);
  CHECK(s.state().blocks.at("intro") == before_state.blocks.at("intro"));
}

TEST_CASE("idle gaps count at most five minutes of time on task", "[session]") {
  Session s = fresh();
  act_ok(s, {{"type", "open"}, {"block", "intro"}, {"t", 0}});
  act_ok(s, {{"type", "complete"}, {"block", "intro"}, {"t", 90'000}});
  act_ok(s, {{"type", "open"}, {"block", "diagram"}, {"t", 90'000 + 3'600'000}});
  act_ok(s, {{"type", "complete"}, {"block", "diagram"}, {"t", 90'000 + 3'600'000 - 5}});  // clock went back
  CHECK(s.state().time_on_task_ms == 90'000 + tessera::session::idle_cap_ms);
}

TEST_CASE("replaying the record of random play reaches the live state exactly", "[session][property]") {
  const auto course = golden_course();
  std::vector<std::string> blocks;
  for (const auto& m : course->modules) {
    for (const auto& b : m.blocks) blocks.push_back(b.id);
  }
  const std::vector<std::string> types = {"open",          "open",   "complete", "reflect",       "submit-survey",
                                          "start-attempt", "answer", "answer",   "submit-attempt"};
  const std::vector<std::string> assessment_items = {"q1", "q2", "q3", "q4"};
  const std::vector<json> answers = {"a", "b", true, false, json::array({"a", "b"}), json::array({"c"}), nullptr, 7};
  for (const unsigned seed : {1u, 2u, 3u, 42u, 2026u}) {
    std::mt19937 random(seed);
    Session live = fresh();
    std::int64_t t = 1'700'000'000'000;
    int accepted = 0;
    for (int step = 0; step < 400; ++step) {
      t += static_cast<std::int64_t>(random() % 400'000);
      json action = {{"type", types[random() % types.size()]}, {"block", blocks[random() % blocks.size()]}, {"t", t}};
      if (action["type"] == "reflect") action["text"] = "thought " + std::to_string(step);
      if (action["type"] == "submit-survey") action["answers"] = {{"useful", 1 + static_cast<int>(random() % 5)}};
      if (action["type"] != "open" && action["type"] != "complete" && random() % 2 == 0) {
        action["block"] = random() % 2 == 0 ? "check-1" : "final";  // steer towards the assessments
      }
      if (action["type"] == "answer") {
        action["item"] = assessment_items[random() % assessment_items.size()];
        action["answer"] = answers[random() % answers.size()];
      }
      accepted += live.act(action).ok() ? 1 : 0;
    }
    INFO("seed " << seed << ": " << accepted << " accepted actions");
    REQUIRE(accepted > 20);
    CHECK_FALSE(live.state().attempts.empty());  // the random play did reach the assessments
    auto replayed = Session::open(course, live.events());
    CHECK(replayed.problems.empty());
    CHECK(replayed.session.state() == live.state());
    CHECK(replayed.session.view() == live.view());
    CHECK(replayed.session.view("fr") == live.view("fr"));
  }
}

TEST_CASE("a tampered or disallowed event is reported with its seq and the record before it is kept", "[session]") {
  Session live = fresh();
  act_ok(live, {{"type", "open"}, {"block", "intro"}, {"t", 0}});
  act_ok(live, {{"type", "complete"}, {"block", "intro"}, {"t", 10}});
  act_ok(live, {{"type", "open"}, {"block", "diagram"}, {"t", 20}});
  act_ok(live, {{"type", "complete"}, {"block", "diagram"}, {"t", 30}});

  auto tampered = live.events();
  tampered[1].payload["block"] = "diagram";  // rewrite history: seq 2 now claims another block
  const auto broken = Session::open(golden_course(), tampered);
  REQUIRE_FALSE(broken.problems.empty());
  CHECK(broken.problems[0].where == "seq 3");  // seq 3's prev no longer matches seq 2's hash
  CHECK(broken.session.events().size() <= 2);

  // A correctly chained event that the course does not allow: completing a block never opened.
  auto forged = std::vector<tessera::record::Event>(live.events().begin(), live.events().begin() + 2);
  forged.push_back(tessera::record::next_event(&forged.back(), "block.completed", 40, {{"block", "rule"}}));
  const auto refused = Session::open(golden_course(), forged);
  REQUIRE(refused.problems.size() == 1);
  CHECK(refused.problems[0].where == "seq 3");
  CHECK(refused.problems[0].message == "block 'rule' was never opened");
  CHECK(refused.session.events().size() == 2);
  CHECK(refused.session.state().blocks.at("intro").completed);
}

TEST_CASE("the view speaks the learner's language and falls back to the default", "[session]") {
  const Session s = fresh();
  CHECK(s.view("fr")["title"] == "Vérifier un cours");
  CHECK(s.view("fr")["language"] == "fr");
  CHECK(s.view("de")["title"] == "Checking a course");
  CHECK(s.view("de")["language"] == "en");
}

TEST_CASE("the golden record replays to the known summary", "[session][golden]") {
  const auto read = tessera::record::read_json_lines(tessera::test::read_golden("session/golden-course-record.jsonl"));
  REQUIRE(read.problems.empty());
  const auto opened = Session::open(golden_course(), read.events);
  REQUIRE(opened.problems.empty());
  const json summary = opened.session.summary();
  CHECK(summary["events"] == 8);
  CHECK(summary["position"] == "walkthrough");
  CHECK(summary["progress"] == json{{"requiredBlocks", 10}, {"completedRequiredBlocks", 4}, {"percent", 40}});
  CHECK(summary["timeOnTaskSeconds"] == 120 + 30 + 90 + 5 + 3 + 5 + 300);  // the idle hour counts 5 minutes
  CHECK(summary["modules"][0]["status"] == "open");
  CHECK(summary["modules"][1]["status"] == "locked");
  CHECK(summary["complete"] == false);
}

namespace {

json right_answer(const std::string& item) {
  if (item == "q2") return false;
  if (item == "q3") return json::array({"a", "b"});
  return "a";
}

}  // namespace

TEST_CASE("an attempt draws from the record's seed, scores from its answers, and completes the block",
          "[session][assess]") {
  Session s = fresh();
  std::int64_t t = 1'798'761'600'000;
  finish_basics(s, t);
  CHECK(s.summary()["attempts"]["check-1"][0] ==
        json{{"attempt", 1}, {"submitted", true}, {"score", "1"}, {"max", "1"}, {"passed", true}});
  CHECK(s.view()["modules"][1]["status"] == "open");

  act_ok(s, {{"type", "open"}, {"block", "final"}, {"t", t += 1000}});
  const auto started = s.act({{"type", "start-attempt"}, {"block", "final"}, {"t", t += 1000}});
  REQUIRE(started.ok());
  const auto items = started.event->payload["items"].get<std::vector<std::string>>();
  REQUIRE(items.size() == 2);  // the bank draws 2 of its 3
  CHECK(items == tessera::assess::draw_attempt(
                     tessera::assess::load_assessment(golden_course()->assessments[1].data, "", "en").value(),
                     tessera::draw::seed_for(s.state().record_id, "final-check", 1)));
  // The view shows the drawn items without their answer keys.
  const json shown = started.view["current"]["assessment"]["attempt"]["items"];
  REQUIRE(shown.size() == 2);
  CHECK(shown.dump().find("correct") == std::string::npos);
  // A summative attempt saves answers (feedback comes after submitting); submitting is what the screen leads to.
  CHECK(started.view["actions"][0] ==
        json::parse(R"({"type":"answer","block":"final","label":"Save answer","primary":false,"enabled":true})"));
  CHECK(started.view["actions"][1] ==
        json::parse(
            R"({"type":"submit-attempt","block":"final","label":"Submit answers","primary":true,"enabled":true,
                "confirm":{"text":"2 of 2 questions have no answer: they score nothing. Submit anyway?",
                           "accept":"Submit anyway","cancel":"Back to the questions"}})"));

  const auto wrong_shape =
      s.act({{"type", "answer"}, {"block", "final"}, {"item", items[0]}, {"answer", 42}, {"t", t += 1000}});
  CHECK_FALSE(wrong_shape.ok());
  const auto not_drawn =
      s.act({{"type", "answer"}, {"block", "final"}, {"item", "nope"}, {"answer", "a"}, {"t", t += 1000}});
  REQUIRE_FALSE(not_drawn.ok());
  CHECK(not_drawn.problems[0].message == "item 'nope' is not in this attempt");

  for (const auto& item : items) {
    act_ok(s,
           {{"type", "answer"}, {"block", "final"}, {"item", item}, {"answer", right_answer(item)}, {"t", t += 1000}});
  }
  act_ok(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", t += 1000}});
  const json summary = s.summary();
  CHECK(summary["attempts"]["final"][0]["score"] == "2");
  CHECK(summary["attempts"]["final"][0]["passed"] == true);
  CHECK(s.state().blocks.at("final").completed);
  CHECK(summary["mastery"]["validate"] == json{{"rule", {{"rule", "percentage"}, {"threshold", "4/5"}}},
                                               {"assessed", true},
                                               {"score", "3"},
                                               {"max", "3"},
                                               {"mastered", true}});

  // Replaying the record reaches the same attempts, scores and mastery.
  const auto replayed = Session::open(golden_course(), s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());
  CHECK(replayed.session.summary() == summary);
}

TEST_CASE("the attempt limit holds and a failed summative attempt leaves the block open", "[session][assess]") {
  Session s = fresh();
  std::int64_t t = 1'798'761'600'000;
  finish_basics(s, t);
  act_ok(s, {{"type", "open"}, {"block", "final"}, {"t", t += 1000}});
  for (int attempt = 1; attempt <= 3; ++attempt) {
    act_ok(s, {{"type", "start-attempt"}, {"block", "final"}, {"t", t += 1000}});
    act_ok(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", t += 1000}});  // nothing answered: 0
  }
  CHECK(s.summary()["attempts"]["final"][2] ==
        json{{"attempt", 3}, {"submitted", true}, {"score", "0"}, {"max", "2"}, {"passed", false}});
  CHECK_FALSE(s.state().blocks.at("final").completed);
  const auto fourth = s.act({{"type", "start-attempt"}, {"block", "final"}, {"t", t += 1000}});
  REQUIRE_FALSE(fourth.ok());
  CHECK(fourth.problems[0].message == "all 3 attempts are used");
  CHECK(s.view()["current"]["assessment"]["attemptsLeft"] == 0);
  CHECK(s.summary()["mastery"]["validate"]["mastered"] == false);
}

TEST_CASE("a record that picks its own items is refused at the attempt", "[session][assess]") {
  Session s = fresh();
  std::int64_t t = 1'798'761'600'000;
  finish_basics(s, t);
  act_ok(s, {{"type", "open"}, {"block", "final"}, {"t", t += 1000}});
  auto forged = s.events();
  forged.push_back(tessera::record::next_event(&forged.back(), "attempt.started", t += 1000,
                                               {{"block", "final"}, {"attempt", 1}, {"items", {"q4", "q2"}}}));
  const auto drawn = tessera::assess::draw_attempt(
      tessera::assess::load_assessment(golden_course()->assessments[1].data, "", "en").value(),
      tessera::draw::seed_for(s.state().record_id, "final-check", 1));
  if (drawn == std::vector<std::string>{"q4", "q2"}) forged.back().payload["items"] = {"q3", "q4"};
  const auto opened = Session::open(golden_course(), forged);
  REQUIRE(opened.problems.size() == 1);
  CHECK(opened.problems[0].where == "seq " + std::to_string(forged.size()));
  CHECK(opened.problems[0].message == "the attempt's items are not the ones its seed draws");
}

TEST_CASE("an ordering item is shown in a seeded order, never as authored", "[session][assess]") {
  auto course_json = json::parse(tessera::test::read_golden("course/valid/course.json"));
  course_json["assessments"][0]["items"].push_back({{"id", "steps"},
                                                    {"type", "ordering"},
                                                    {"prompt", "Put the steps in order"},
                                                    {"sequence",
                                                     {{{"id", "s1"}, {"text", "Validate"}},
                                                      {{"id", "s2"}, {"text", "Fix"}},
                                                      {{"id", "s3"}, {"text", "Pack"}},
                                                      {{"id", "s4"}, {"text", "Publish"}}}}});
  auto loaded = tessera::course::load(course_json.dump());
  REQUIRE(loaded.course);
  auto s = Session::open(std::make_shared<const tessera::course::Course>(std::move(*loaded.course)), {}).session;
  act_ok(s, {{"type", "open"}, {"block", "check-1"}, {"t", 1}});
  const json view = act_ok(s, {{"type", "start-attempt"}, {"block", "check-1"}, {"t", 2}});
  const json item = view["current"]["assessment"]["attempt"]["items"][1];
  REQUIRE(item["id"] == "steps");
  CHECK_FALSE(item.contains("sequence"));
  std::vector<std::string> shown;
  for (const auto& option : item["options"]) shown.push_back(option["id"]);
  auto sorted = shown;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<std::string>{"s1", "s2", "s3", "s4"});
  CHECK(s.view()["current"]["assessment"]["attempt"]["items"][1]["options"] == item["options"]);  // stable
}

TEST_CASE("a refused assessment action leaves the state exactly as it was", "[session][assess]") {
  Session s = fresh();
  act_ok(s, {{"type", "open"}, {"block", "check-1"}, {"t", 1}});
  const auto before = s.state();
  // No attempt is open: answering and submitting are refused, and must not even leave an empty entry.
  CHECK_FALSE(s.act({{"type", "answer"}, {"block", "check-1"}, {"item", "q1"}, {"answer", "a"}, {"t", 2}}).ok());
  CHECK_FALSE(s.act({{"type", "submit-attempt"}, {"block", "check-1"}, {"t", 3}}).ok());
  CHECK(s.state() == before);
  CHECK(Session::open(golden_course(), s.events()).session.state() == s.state());
}

TEST_CASE("a clock set back writes the last event's time and records the skew; replay accepts it", "[session]") {
  Session s = fresh();
  act_ok(s, {{"type", "open"}, {"block", "intro"}, {"t", 100'000'000}});
  // The device's clock is set back a day: the event keeps time moving forward and says by how much it lagged.
  const auto behind = s.act({{"type", "complete"}, {"block", "intro"}, {"t", 100'000'000 - 86'400'000}});
  REQUIRE(behind.ok());
  CHECK(behind.event->t == 100'000'000);
  CHECK(behind.event->payload == json{{"block", "intro"}, {"clockSkewMs", 86'400'000}});
  CHECK(behind.view["timeOnTaskSeconds"] == 0);
  CHECK(behind.view["progress"]["completedRequiredBlocks"] == 1);
  const auto replayed = Session::open(golden_course(), s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());
  // A skew that is not a positive number, or on the first event, is refused on replay.
  auto events = s.events();
  events[1].payload["clockSkewMs"] = -5;
  auto rechained = tessera::record::next_event(&events[0], events[1].type, events[1].t, events[1].payload);
  const auto bad = Session::open(golden_course(), {events[0], rechained});
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].message == "the clock skew must be a positive number of milliseconds");
  auto first = tessera::record::next_event(nullptr, "block.opened", 5, {{"block", "intro"}, {"clockSkewMs", 3}});
  const auto first_bad = Session::open(golden_course(), {first});
  REQUIRE(first_bad.problems.size() == 1);
  CHECK(first_bad.problems[0].message == "the first event cannot record a clock skew: there is no earlier event");
}
