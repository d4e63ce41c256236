// Golden tests of course.json loading: a valid package, and broken variants with their exact problem lists.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "tessera/assess.hpp"
#include "tessera/course.hpp"

namespace {

// One line per problem: "error /pointer: message" — what the golden files list.
std::vector<std::string> describe(const std::vector<tessera::Problem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& p : problems) {
    out.push_back(std::string(p.severity == tessera::Severity::error ? "error " : "warning ") + p.where + ": " +
                  p.message);
  }
  return out;
}

tessera::course::LoadOptions golden_options() {
  tessera::course::LoadOptions options;
  options.files = tessera::test::non_empty_lines(tessera::test::read_golden("course/valid/files.txt"));
  options.check_files = true;
  options.today = "2026-11-29";
  return options;
}

}  // namespace

TEST_CASE("the golden course loads with no problems", "[course]") {
  const auto report = tessera::course::load(tessera::test::read_golden("course/valid/course.json"), golden_options());
  INFO(nlohmann::json(describe(report.problems)).dump(2));
  REQUIRE(report.problems.empty());
  REQUIRE(report.course.has_value());
  const auto& course = *report.course;
  CHECK(course.id == "golden-course");
  CHECK(course.title.in("fr", "en") == "Vérifier un cours");
  CHECK(course.title.in("de", "en") == "Checking a course");
  CHECK(course.summary.in("fr", "en") == "A small course that exercises every block type.");
  REQUIRE(course.modules.size() == 2);
  CHECK(course.modules[0].blocks.size() == 5);
  CHECK(course.modules[1].blocks[1].type == tessera::course::BlockType::scenario);
  CHECK(course.credential.validity_months == 24);
  CHECK(course.completion.must_pass == std::vector<std::string>{"final-check"});
  CHECK(course.completion.sequential_modules);
}

TEST_CASE("a course may name the learning record store it reports to: an https address only", "[course]") {
  auto with_lrs = [](const nlohmann::json& lrs) {
    auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
    course["lrs"] = lrs;
    return tessera::course::load(course.dump(), golden_options());
  };
  const auto named = with_lrs("https://lrs.example.org/xAPI/");
  REQUIRE(named.course.has_value());
  CHECK(named.course->lrs == "https://lrs.example.org/xAPI/");
  CHECK(tessera::course::load(tessera::test::read_golden("course/valid/course.json"), golden_options())
            .course->lrs.empty());
  for (const auto& wrong :
       {nlohmann::json("http://lrs.example.org/xAPI/"), nlohmann::json("https://"), nlohmann::json(7)}) {
    const auto refused = with_lrs(wrong);
    INFO(wrong.dump());
    CHECK_FALSE(refused.course.has_value());
    REQUIRE_FALSE(refused.problems.empty());
    CHECK(refused.problems.front().where == "/lrs");
  }
}

TEST_CASE("broken courses report exactly the golden problems", "[course][golden]") {
  const auto valid = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  const auto cases = nlohmann::json::parse(tessera::test::read_golden("course/invalid-cases.json"));
  REQUIRE(cases.size() >= 10);
  for (const auto& c : cases) {
    const std::string name = c.at("name");
    auto options = golden_options();
    if (c.contains("today")) options.today = c["today"];
    for (const auto& dropped : c.value("dropFiles", nlohmann::json::array())) {
      std::erase(options.files, dropped.get<std::string>());
    }
    std::string text;
    if (c.contains("text")) {
      text = c["text"].get<std::string>();
    } else if (c.contains("nestedArrays")) {
      const auto depth = c["nestedArrays"].get<std::size_t>();
      text = std::string(depth, '[') + std::string(depth, ']');
    } else {
      text = valid.patch(c.at("patch")).dump(2);
    }
    const auto report = tessera::course::load(text, options);
    const auto actual = describe(report.problems);
    const auto expected = c.at("expected").get<std::vector<std::string>>();
    INFO("case " << name << ": " << c.value("why", ""));
    INFO("actual problems:\n" << nlohmann::json(actual).dump(2));
    CHECK(actual == expected);
    const bool expects_errors = std::any_of(expected.begin(), expected.end(),
                                            [](const std::string& line) { return line.rfind("error", 0) == 0; });
    CHECK(report.course.has_value() == !expects_errors);
  }
}

TEST_CASE("every problem carries a place and a message, and hints where the fix is not obvious", "[course]") {
  const auto report = tessera::course::load(R"({"format": 1, "id": "Bad Id", "modules": {}})");
  REQUIRE_FALSE(report.course.has_value());
  REQUIRE(report.problems.size() > 5);
  for (const auto& p : report.problems) {
    CHECK_FALSE(p.where.empty());
    CHECK_FALSE(p.message.empty());
  }
}

TEST_CASE("hostile input is refused without crashing", "[course]") {
  tessera::course::LoadOptions options;
  options.limits.max_bytes = 1000;
  const auto too_big = tessera::course::load(std::string(2000, ' '), options);
  REQUIRE(too_big.problems.size() == 1);
  CHECK(too_big.problems[0].message == "course.json is 2000 bytes long; the limit is 1000 bytes");

  const auto deep = tessera::course::load(std::string(100000, '['));
  REQUIRE(deep.problems.size() == 1);
  CHECK(deep.problems[0].where == "line 1, column 49");

  // Read by the strict reader: a member twice, a NUL byte, a number beyond a double (which once aborted).
  const auto twice = tessera::course::load("{\"format\": 1,\n \"format\": 1}");
  REQUIRE(twice.problems.size() == 1);
  CHECK(twice.problems[0].where == "/format");
  CHECK(twice.problems[0].message == "course.json has the member \"format\" twice in one object (line 2, column 2)");
  const auto overflow = tessera::course::load(R"({"format": 1, "estimatedMinutes": 1e400})");
  REQUIRE(overflow.problems.size() == 1);
  CHECK(overflow.problems[0].where == "/estimatedMinutes");
  CHECK(overflow.problems[0].message.find("beyond the range of a double") != std::string::npos);

  for (const char* text : {"", "null", "[]", "\"course\"", "{\"format\": \"1\"}", "{\"format\": 2}", "\xff\xfe"}) {
    const auto report = tessera::course::load(text);
    CHECK_FALSE(report.course.has_value());
    CHECK(tessera::has_errors(report.problems));
  }
}

TEST_CASE("stray fields are named up to ten per object, then counted", "[course][limits]") {
  // A problem costs far more than a field's bytes; a course of many stray fields must not cost one each.
  auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  for (int i = 0; i < 25; ++i) course["stray" + std::to_string(100 + i)] = 0;
  const auto report = tessera::course::load(course.dump(), golden_options());
  REQUIRE(report.course.has_value());
  REQUIRE(report.problems.size() == 11);
  CHECK(report.problems[0].where == "/stray100");  // members in name order, as the JSON object keeps them
  CHECK(report.problems[9].where == "/stray109");
  CHECK(report.problems[10].severity == tessera::Severity::warning);
  CHECK(report.problems[10].where == "/");
  CHECK(report.problems[10].message == "15 more unknown fields in the course are ignored");
}

TEST_CASE("a course language without interface strings is a warning that names the catalogue to add",
          "[course][strings]") {
  auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  course["languages"].push_back("de");
  const auto report = tessera::course::load(course.dump(), golden_options());
  REQUIRE(report.course.has_value());  // a warning, not an error: the interface falls back to English
  REQUIRE(report.problems.size() == 1);
  const auto& warning = report.problems.front();
  CHECK(warning.severity == tessera::Severity::warning);
  CHECK(warning.where == "/languages/2");
  CHECK(warning.message ==
        "Tessera's interface has no strings in 'de': learners will see its buttons and messages in English");
  CHECK(warning.hint == "add or complete runtime/strings/de.json (docs/strings.md)");
}

TEST_CASE("a scored item that says nothing after a wrong answer is a warning; feedback on a wrong choice is enough",
          "[course][feedback]") {
  auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  course["assessments"][1]["banks"][0]["items"][0].erase("feedback");               // q2: its incorrect feedback
  course["assessments"][0]["items"][0]["choices"][1].erase("feedback");             // q1: its wrong choice's
  course["assessments"][0]["items"][0]["feedback"] = {{"correct", "Well found."}};  // praise says nothing of why
  const auto report = tessera::course::load(course.dump(), golden_options());
  REQUIRE(report.course.has_value());
  CHECK(describe(report.problems) ==
        std::vector<std::string>{"warning /assessments/0/items/0: the item says nothing after a wrong answer",
                                 "warning /assessments/1/banks/0/items/0: the item says nothing after a wrong answer"});
  CHECK(report.problems[0].hint.find("\"feedback\": {\"incorrect\"") != std::string::npos);
  // Items with no wrong answer are never asked for one (docs/scoring.md's unscored types).
  for (const char* unscored : {"likert", "free-text", "reflection", "no-such-type"})
    CHECK_FALSE(tessera::assess::is_scored_type(unscored));
  for (const char* scored : {"single-choice", "hotspot", "matching"}) CHECK(tessera::assess::is_scored_type(scored));
}

TEST_CASE("a required block after the last must-pass assessment is a warning: the completion proof waits for it",
          "[course][completion]") {
  auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  auto& blocks = course["modules"][1]["blocks"];  // story, sim, think, summary, final, feedback (a survey)
  REQUIRE(blocks[3]["id"] == "summary");
  blocks.push_back(blocks[3]);  // the key points moved to the end, after the final and the survey
  blocks.erase(3);
  auto report = tessera::course::load(course.dump(), golden_options());
  REQUIRE(report.course.has_value());  // a warning: the course still plays
  CHECK(describe(report.problems) ==
        std::vector<std::string>{"warning /modules/1/blocks/5: block 'summary' is required and comes after 'final', "
                                 "the last assessment to pass: the completion proof waits for it"});
  CHECK(report.problems.front().hint.find("move it before 'final'") != std::string::npos);
  // Listed blocks only: key points left out of requiredBlocks may follow the final.
  course["completion"]["requiredBlocks"] = {"intro", "check-1", "final"};
  report = tessera::course::load(course.dump(), golden_options());
  CHECK(describe(report.problems).empty());
  // Without a must-pass assessment there is nothing for the proof to wait behind.
  course["completion"] = {{"requiredBlocks", "all"}};
  report = tessera::course::load(course.dump(), golden_options());
  CHECK(describe(report.problems).empty());
}

TEST_CASE("live sessions: read with their instant, refused with a pointer to what is wrong", "[course][live]") {
  auto course = nlohmann::json::parse(tessera::test::read_golden("course/valid/course.json"));
  course["liveSessions"] = {{{"id", "kick-off"},
                             {"title", {{"en", "Kick-off"}, {"fr", "Lancement"}}},
                             {"start", "2026-02-10T14:00:00+01:00"},
                             {"timeZone", "Europe/Paris"},
                             {"minutes", 45},
                             {"link", "https://meet.example.org/kick-off"},
                             {"prepare", "Read module 1."}}};
  const auto read = tessera::course::load(course.dump(), golden_options());
  REQUIRE(read.course.has_value());
  CHECK(read.problems.empty());
  REQUIRE(read.course->live_sessions.size() == 1);
  const auto& live = read.course->live_sessions[0];
  // By hand: 2026-01-05T09:00:00Z is 1767603600; 36 days and 4 hours on is 2026-02-10T13:00:00Z (14:00 in Paris).
  CHECK(live.start_seconds == 1767603600 + 36 * 86400 + 4 * 3600);
  CHECK(live.time_zone == "Europe/Paris");
  CHECK(live.minutes == 45);
  CHECK(live.title.in("fr", "en") == "Lancement");
  CHECK(live.prepare.in("en", "en") == "Read module 1.");

  auto& bad = course["liveSessions"];
  bad.push_back({{"id", "kick-off"},
                 {"title", "Again"},
                 {"start", "2026-02-10T14:00:00"},
                 {"timeZone", "Paris time"},
                 {"minutes", 0},
                 {"link", "http://meet.example.org/x"}});
  bad.push_back({{"title", "No id"}, {"start", "2026-02-30T14:00:00Z"}, {"timeZone", "UTC"}, {"minutes", 30}});
  const auto refused = tessera::course::load(course.dump(), golden_options());
  CHECK_FALSE(refused.course.has_value());
  const auto lines = describe(refused.problems);
  const auto has = [&](const std::string& start) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return line.rfind(start, 0) == 0; });
  };
  CHECK(has("error /liveSessions/1/id: live session id 'kick-off' is already used at /liveSessions/0/id"));
  CHECK(has("error /liveSessions/1/start: start must be a date and time with its zone offset"));
  CHECK(has("error /liveSessions/1/timeZone: timeZone must be an IANA time zone name"));
  CHECK(has("error /liveSessions/1/minutes: "));
  CHECK(has("error /liveSessions/1/link: the link must start with https://"));
  CHECK(has("error /liveSessions/2: a live session is missing the required field 'id'"));
  CHECK(has("error /liveSessions/2/start: "));  // February 30
  CHECK(has("error /liveSessions/2: a live session is missing the required field 'link'"));
}
