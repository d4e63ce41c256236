// What leaves the device for an LMS or an LRS: shared events, the tracking report and the xAPI statements.
#include "tessera/tracking.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "session_support.hpp"

using nlohmann::json;
using tessera::session::Session;
namespace session = tessera::session;

namespace {

constexpr const char* reflection_text = "My private thoughts about hidden errors.";
constexpr const char* survey_comment = "Clearer error hints, please.";

// The golden course without the scenario block among the required ones (its walk is not this test's).
std::shared_ptr<const tessera::course::Course> course() {
  static const auto loaded = [] {
    json c = tessera::test::golden_course_json();
    c["completion"]["requiredBlocks"] = {"intro", "diagram", "rule",  "walkthrough", "check-1",
                                         "story", "think",   "final", "summary"};
    return tessera::test::load_course(c);
  }();
  return loaded;
}

json right_answer(const std::string& item) {
  if (item == "q2") return false;
  if (item == "q3") return json::array({"a", "b"});
  return "a";
}

json wrong_answer(const std::string& item) {
  if (item == "q2") return true;
  if (item == "q3") return json::array({"c", "d"});
  return "b";
}

// One scripted learner: acts 10 s apart and collects each event's statements as the host would.
struct Learner {
  Session s = Session::open(course(), {}).session;
  std::int64_t t = 1'798'761'600'000;  // 2027-01-01T00:00:00Z
  session::StatementOptions options;
  json statements = json::array();

  Learner() {
    options.actor = {{"objectType", "Agent"}, {"account", {{"homePage", "https://example.org"}, {"name", "ada"}}}};
    options.activity = "urn:tessera:course:" + course()->id;
  }

  void act(const json& action) {
    const bool was_complete = s.course_complete();
    json with_time = action;
    with_time["t"] = t += 10'000;
    tessera::test::act_ok(s, with_time);
    for (auto& statement : session::event_statements(s, was_complete, options)) statements.push_back(statement);
  }

  void finish_first_module() {
    for (const char* id : {"intro", "diagram", "rule", "walkthrough"}) {
      act({{"type", "open"}, {"block", id}});
      act({{"type", "complete"}, {"block", id}});
    }
    act({{"type", "open"}, {"block", "check-1"}});
    act({{"type", "start-attempt"}, {"block", "check-1"}});
    act({{"type", "answer"}, {"block", "check-1"}, {"item", "q1"}, {"answer", "a"}});
    act({{"type", "submit-attempt"}, {"block", "check-1"}});
    act({{"type", "open"}, {"block", "story"}});
    act({{"type", "complete"}, {"block", "story"}});
    act({{"type", "open"}, {"block", "think"}});
    act({{"type", "reflect"}, {"block", "think"}, {"text", reflection_text}});
    act({{"type", "open"}, {"block", "final"}});
  }

  // One attempt at the final check: `right` answers right for the first `right` drawn items, the rest wrong.
  void final_attempt(std::size_t right) {
    act({{"type", "start-attempt"}, {"block", "final"}});
    const auto items = s.state().attempts.at("final").back().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      act({{"type", "answer"},
           {"block", "final"},
           {"item", items[i]},
           {"answer", i < right ? right_answer(items[i]) : wrong_answer(items[i])}});
    }
    act({{"type", "submit-attempt"}, {"block", "final"}});
  }

  void finish_course() {
    act({{"type", "open"}, {"block", "feedback"}});
    act({{"type", "submit-survey"}, {"block", "feedback"}, {"answers", {{"useful", 4}, {"comments", survey_comment}}}});
    act({{"type", "open"}, {"block", "summary"}});
    act({{"type", "complete"}, {"block", "summary"}});
    REQUIRE(s.course_complete());
  }

  std::vector<std::string> verbs() const {
    std::vector<std::string> out;
    for (const auto& statement : statements) {
      const std::string id = statement["verb"]["id"];
      out.push_back(id.substr(id.rfind('/') + 1) + " " + statement["object"]["id"].get<std::string>());
    }
    return out;
  }
};

}  // namespace

TEST_CASE("shared events carry placeholders for what the learner wrote for themself, the rest as stored") {
  Learner learner;
  learner.finish_first_module();
  learner.final_attempt(2);
  learner.finish_course();
  const json shared = session::shared_events(learner.s);
  REQUIRE(shared.size() == learner.s.events().size());
  CHECK(shared.dump().find(reflection_text) == std::string::npos);
  CHECK(shared.dump().find(survey_comment) == std::string::npos);
  std::size_t placeholders = 0;
  for (std::size_t i = 0; i < shared.size(); ++i) {
    const json& event = shared[i];
    if (event["type"] == "reflection.saved") {
      CHECK(event["payload"]["text"] == "[kept on the device where it was written]");
      ++placeholders;
    } else if (event["type"] == "survey.submitted") {
      CHECK(event["payload"]["answers"] == json::object());
      ++placeholders;
    } else {
      CHECK(event == tessera::record::to_json(learner.s.events()[i]));  // scored answers stay: re-scoring needs them
    }
  }
  CHECK(placeholders == 2);
}

TEST_CASE("the private-member table is the one the proof uses: a reflection, a survey, an unscored answer") {
  std::vector<std::string> rows;
  for (const auto& row : session::private_members())
    rows.push_back(std::string(row.event_type) + "." + std::string(row.member));
  CHECK(rows ==
        std::vector<std::string>{"reflection.saved.text", "survey.submitted.answers", "answer.submitted.response"});
  REQUIRE(session::private_member_of("answer.submitted"));
  CHECK(session::private_member_of("answer.submitted")->unscored_items_only);
  CHECK_FALSE(session::private_member_of("block.completed"));
}

TEST_CASE("the tracking report: incomplete and unknown before the must-pass check, then failed, then passed") {
  Learner learner;
  learner.finish_first_module();
  json report = session::tracking_report(learner.s);
  CHECK(report["completion"] == "incomplete");
  CHECK(report["success"] == "unknown");
  CHECK(report["assessment"] == "final");
  CHECK_FALSE(report.contains("score"));
  // The formative check's one answer, right: its result is shown at once, so it is an interaction.
  REQUIRE(report["interactions"].size() == 1);
  CHECK(report["interactions"][0] == json{{"id", "check-1.1.q1"},
                                          {"block", "check-1"},
                                          {"attempt", 1},
                                          {"item", "q1"},
                                          {"result", "correct"},
                                          {"score", "1"},
                                          {"max", "1"},
                                          {"scaled", 1.0},
                                          {"response", "a"}});

  // Attempt 1: every answer wrong: 0 of 2 points (two items drawn, one point each), below the 0.8 pass mark.
  learner.final_attempt(0);
  report = session::tracking_report(learner.s);
  CHECK(report["success"] == "failed");
  CHECK(report["score"] == json{{"raw", "0"}, {"min", "0"}, {"max", "2"}, {"scaled", 0.0}});
  REQUIRE(report["interactions"].size() == 3);
  CHECK(report["interactions"][1]["result"] == "incorrect");
  CHECK(report["interactions"][1]["id"].get<std::string>().starts_with("final.1."));

  // Attempt 2: the first item right, the second wrong: 1/2 = 0.5, still below 0.8.
  learner.final_attempt(1);
  report = session::tracking_report(learner.s);
  CHECK(report["success"] == "failed");
  CHECK(report["score"] == json{{"raw", "1"}, {"min", "0"}, {"max", "2"}, {"scaled", 0.5}});

  // Attempt 3: both right: 2/2 passes; the course completes after the last blocks.
  learner.final_attempt(2);
  report = session::tracking_report(learner.s);
  CHECK(report["success"] == "passed");
  CHECK(report["completion"] == "incomplete");
  learner.finish_course();
  report = session::tracking_report(learner.s);
  CHECK(report["completion"] == "completed");
  CHECK(report["success"] == "passed");
  CHECK(report["score"] == json{{"raw", "2"}, {"min", "0"}, {"max", "2"}, {"scaled", 1.0}});
  CHECK(report["interactions"].size() == 7);  // 1 + three attempts of 2
  // 52 events 10 s apart: 51 gaps.
  CHECK(report["timeOnTaskSeconds"] == 10 * (learner.s.events().size() - 1));
}

TEST_CASE("statement ids are name-based UUIDs of the event's hash, its learner and registration") {
  // Worked out apart from the runtime (Python's hashlib): SHA-256 of "<64 zeros>/INDEX/SCOPE", its first 16
  // bytes, byte 6 = 0x8X and byte 8 = 0b10XXXXXX (RFC 9562 version 8, the RFC's variant).
  const std::string zeros(64, '0');
  const std::string ada = R"({"mbox":"mailto:a@example.org"})";
  CHECK(session::statement_id(zeros, 0, ada) == "d0d3da34-70cd-8a60-9640-9382e135c25a");
  CHECK(session::statement_id(zeros, 1, ada) == "818cde16-10a8-8bd8-971f-0e0d3e9865e1");
  // The same event for another learner or in a cmi5 registration is another statement, so its own id.
  CHECK(session::statement_id(zeros, 0, R"({"mbox":"mailto:b@example.org"})") ==
        "bfb0777d-c259-871a-a27a-c3b3ec8bf8e2");
  CHECK(session::statement_id(zeros, 0, ada + "/reg-1") == "9a30d714-b2c0-8dfc-8e8e-822bc75e7fd2");
  // The scope is the actor with its keys sorted, then the registration.
  session::StatementOptions options;
  options.actor = {{"name", "Ada"}, {"mbox", "mailto:a@example.org"}};
  CHECK(session::statement_scope(options) == R"({"mbox":"mailto:a@example.org","name":"Ada"})");
  options.cmi5 = session::StatementOptions::Cmi5{"reg-1", "session-1", "Normal", std::nullopt};
  CHECK(session::statement_scope(options) == R"({"mbox":"mailto:a@example.org","name":"Ada"}/reg-1)");
}

TEST_CASE("xAPI durations are ISO 8601 in whole centiseconds") {
  CHECK(session::iso_duration(0) == "PT0H0M0S");
  CHECK(session::iso_duration(3'723'450) == "PT1H2M3.45S");  // 1 h + 2 min + 3.45 s
  CHECK(session::iso_duration(59'999) == "PT0H0M59.99S");
}

TEST_CASE("a played course makes the profile's statements in order; reflections and surveys make none") {
  Learner learner;
  learner.finish_first_module();
  learner.final_attempt(2);
  learner.finish_course();
  const std::string c = learner.options.activity;
  CHECK(learner.verbs() ==
        std::vector<std::string>{
            "attempted " + c, "experienced " + c + "/intro", "experienced " + c + "/diagram",
            "experienced " + c + "/rule", "experienced " + c + "/walkthrough", "answered " + c + "/check-1/q1",
            "passed " + c + "/check-1", "experienced " + c + "/story",
            "answered " + c + "/final/" + learner.s.state().attempts.at("final")[0].items[0],
            "answered " + c + "/final/" + learner.s.state().attempts.at("final")[0].items[1], "passed " + c + "/final",
            "passed " + c, "experienced " + c + "/summary", "completed " + c});
  const json& statements = learner.statements;
  CHECK(statements.dump().find(reflection_text) == std::string::npos);
  CHECK(statements.dump().find(survey_comment) == std::string::npos);
  // The formative answer carries its result; the summative ones only their response until submission.
  CHECK(statements[5]["result"] == json{{"response", "a"},
                                        {"success", true},
                                        {"score", {{"raw", 1.0}, {"min", 0}, {"max", 1.0}, {"scaled", 1.0}}}});
  CHECK_FALSE(statements[8]["result"].contains("success"));
  CHECK(statements[11]["result"]["score"]["scaled"] == 1.0);
  // The first statement is at the first event's time, 10 s after the script's start.
  CHECK(statements[0]["timestamp"] == "2027-01-01T00:00:10.000Z");
  CHECK(statements[0]["id"] == session::statement_id(tessera::record::hash_hex(learner.s.events()[0]), 0,
                                                     session::statement_scope(learner.options)));
  // Completed at the last event, with the time on task so far as its duration: 17 events to open the final
  // check, 4 for the attempt, 4 to finish: 25 events, 24 gaps of 10 s = 4 min.
  REQUIRE(learner.s.events().size() == 25);
  CHECK(statements[13]["result"] == json{{"completion", true}, {"duration", "PT0H4M0S"}});

  std::set<std::string> ids;
  for (const auto& statement : statements) ids.insert(statement["id"].get<std::string>());
  CHECK(ids.size() == statements.size());
  // Replayed from the stored events: the same statements, byte for byte.
  CHECK(session::record_statements(course(), learner.s.events(), learner.options) == statements);
}

TEST_CASE("a learner who opts in shares their reflection as a comment") {
  Learner learner;
  learner.options.include_private = true;
  learner.finish_first_module();
  CHECK(learner.statements.back()["verb"]["id"] == "http://adlnet.gov/expapi/verbs/commented");
  CHECK(learner.statements.back()["result"]["response"] == reflection_text);
}

TEST_CASE("cmi5: the LMS's mastery score decides passed, once; completed and passed are cmi5-defined") {
  Learner learner;
  learner.options.cmi5 = session::StatementOptions::Cmi5{"reg-1", "session-1", "Normal", 0.4};
  learner.finish_first_module();
  learner.final_attempt(0);  // 0/2 = 0 < 0.4: failed
  learner.final_attempt(1);  // 1/2 = 0.5 ≥ 0.4: passed for the LMS, though below the course's own 0.8
  learner.final_attempt(2);  // passed again: cmi5 allows one passed, so none
  learner.finish_course();
  std::vector<std::string> outcomes;
  for (const auto& statement : learner.statements) {
    CHECK(statement["context"]["registration"] == "reg-1");
    CHECK(statement["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"] == "session-1");
    if (statement["object"]["id"] != learner.options.activity ||
        statement["verb"]["id"].get<std::string>().ends_with("attempted")) {
      CHECK_FALSE(statement["context"].value("contextActivities", json::object()).contains("category"));
      continue;
    }
    outcomes.push_back(statement["verb"]["display"]["en-US"]);
    CHECK(statement["context"]["contextActivities"]["category"][0]["id"] ==
          "https://w3id.org/xapi/cmi5/context/categories/cmi5");
    CHECK(statement["object"] == json{{"id", learner.options.activity}});
  }
  CHECK(outcomes == std::vector<std::string>{"failed", "passed", "completed"});
}

TEST_CASE("cmi5: a Browse launch reports no completed, passed or failed") {
  Learner learner;
  learner.options.cmi5 = session::StatementOptions::Cmi5{"reg-1", "session-1", "Browse", std::nullopt};
  learner.finish_first_module();
  learner.final_attempt(2);
  learner.finish_course();
  // Only the first event's "attempted" is about the course itself.
  for (const auto& statement : learner.statements) {
    if (statement["object"]["id"] == learner.options.activity)
      CHECK(statement["verb"]["display"]["en-US"] == "attempted");
  }
}

TEST_CASE("statement options are checked, naming the member") {
  CHECK(session::read_statement_options(json::array()).problems()[0].where == "");
  const auto no_actor = session::read_statement_options({{"activity", "urn:x"}});
  CHECK(no_actor.problems()[0].where == "/actor");
  const auto no_iri =
      session::read_statement_options({{"actor", {{"mbox", "mailto:a@example.org"}}}, {"activity", "course"}});
  CHECK(no_iri.problems()[0].where == "/activity");
  const auto ok =
      session::read_statement_options({{"actor", {{"mbox", "mailto:a@example.org"}}},
                                       {"activity", "urn:x"},
                                       {"cmi5", {{"registration", "r"}, {"sessionId", "s"}, {"masteryScore", 0.8}}}});
  REQUIRE(ok.ok());
  CHECK(ok.value().cmi5->mastery_score == 0.8);
}
