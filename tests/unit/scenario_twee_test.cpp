// Twee 3 import: the four link forms, node types by link count, escapes in names, macros reported by
// line, broken links and a missing start refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tessera/scenario.hpp"

using nlohmann::json;

TEST_CASE("Twee links in every form become choices; link count decides the node type", "[scenario][twee]") {
  const auto imported = tessera::scenario::import_twee(
      ":: StoryTitle\nLinks\n\n:: Start\nPick one:\n[[Plain]]\n[[go right->Right]]\n[[Left<-go "
      "left]]\n[[pipe|Right]]\n\n"
      ":: Plain\nOn we go [[Right]]\n\n:: Right\nThe end.\n\n:: Left [tag] {\"position\":\"1,1\"}\nAlso the end.\n");
  INFO(imported.scenario.dump(1));
  REQUIRE(imported.problems.empty());
  const json& nodes = imported.scenario["nodes"];
  CHECK(imported.scenario["start"] == "start");
  CHECK(nodes[0]["type"] == "decision");
  CHECK(nodes[0]["text"] == "Pick one:");
  CHECK(nodes[0]["choices"] == json::parse(R"([{"id":"plain","text":"Plain","next":"plain"},
    {"id":"go-right","text":"go right","next":"right"},{"id":"go-left","text":"go left","next":"left"},
    {"id":"pipe","text":"pipe","next":"right"}])"));
  CHECK(nodes[1] == json::parse(R"({"id":"plain","type":"narrative","text":"On we go","next":"right"})"));
  CHECK(nodes[2] == json::parse(R"({"id":"right","type":"ending","outcome":"Right","feedback":"The end."})"));
  CHECK(nodes[3]["outcome"] == "Left");
  // Twee escapes brackets in names: "\[" is a literal "[".
  CHECK(tessera::scenario::import_twee(":: Notes \\[draft\\] [tag]\nx\n").scenario["nodes"][0]["outcome"] ==
        "Notes [draft]");
  CHECK(tessera::scenario::load(imported.scenario, "").scenario.has_value());
}

TEST_CASE("Twee macros are kept as text with a warning; broken links and starts are errors", "[scenario][twee]") {
  const auto macros =
      tessera::scenario::import_twee(":: Start\n(if: $met)[Hi again]\n[[Bye]]\n\n:: Bye\n<<set $x to 1>>\n");
  REQUIRE(macros.problems.size() == 2);
  CHECK(macros.problems[0].where == "line 2");
  CHECK(macros.problems[0].message == "passage 'Start': story-format code '(if:' is kept as plain text");
  CHECK(macros.problems[1].where == "line 6");
  CHECK(macros.problems[1].severity == tessera::Severity::warning);

  const auto broken = tessera::scenario::import_twee(":: Start\n[[a->Missing]]\n");
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].where == "line 2");
  CHECK(broken.problems[0].message == "passage 'Start' links to 'Missing', which is not a passage");

  const auto no_start = tessera::scenario::import_twee(":: StoryData\n{\"start\": \"Begin\"}\n:: Other\nx\n");
  REQUIRE(no_start.problems.size() == 1);
  CHECK(no_start.problems[0].message == "the start passage 'Begin' named in StoryData does not exist");
  CHECK(tessera::scenario::import_twee("no passages here").problems.back().message == "the file has no story passages");
}

TEST_CASE("Twee passages whose names slugify alike get distinct ids, in linear time", "[scenario][twee]") {
  // Hand-worked: "A" takes a, "a!" the next free a-2, "A 2" slugifies to the now-taken a-2 and so takes
  // a-2-2, and "a?" skips the taken a-2 to a-3.
  const auto small = tessera::scenario::import_twee(":: A\n[[a!]]\n:: a!\n[[A 2]]\n:: A 2\n[[a?]]\n:: a?\nend\n");
  REQUIRE(small.scenario.contains("nodes"));
  std::vector<std::string> ids;
  for (const auto& node : small.scenario["nodes"]) ids.push_back(node["id"].get<std::string>());
  CHECK(ids == std::vector<std::string>{"a", "a-2", "a-2-2", "a-3"});

  // 20,000 names that all slugify to "x" (x plus four punctuation marks): each used to try every id before
  // it (two hundred million tries); now each takes the next suffix.
  const std::string marks = "!#$%&()*+,.;<=>?@^_~";
  std::string story;
  for (std::size_t i = 0; i < 20000; ++i) {
    std::string name = "x";
    for (std::size_t n = i, digit = 0; digit < 4; ++digit, n /= marks.size()) name += marks[n % marks.size()];
    story += ":: " + name + "\nend\n";
  }
  const auto large = tessera::scenario::import_twee(story);
  REQUIRE(large.scenario.contains("nodes"));
  REQUIRE(large.scenario["nodes"].size() == 20000);
  CHECK(large.scenario["nodes"][0]["id"] == "x");
  CHECK(large.scenario["nodes"][19999]["id"] == "x-20000");
}

TEST_CASE("a Twee story that is not UTF-8 is refused with its line, never a crash", "[scenario][twee]") {
  // Bytes 1–36 are the four lines before and "bad ", so 0xFF is byte 37.
  const auto imported = tessera::scenario::import_twee(":: Start\nHello\n[[Next]]\n:: Next\nbad \xff\xfe here\n");
  REQUIRE(imported.problems.size() == 1);
  CHECK(imported.problems[0].severity == tessera::Severity::error);
  CHECK(imported.problems[0].where == "line 5");
  CHECK(imported.problems[0].message == "the story is not valid UTF-8 (byte 37 of the file)");
  CHECK(imported.scenario.is_null());
}
