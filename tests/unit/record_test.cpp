// Tests of the learner record: strict event shape, the hash chain, JSON Lines reading, and the golden chain.
#include "tessera/record.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "tessera/jcs.hpp"

namespace {

using nlohmann::json;
using tessera::Problem;
using tessera::Severity;
namespace record = tessera::record;

bool same_event(const record::Event& a, const record::Event& b) {
  return a.seq == b.seq && a.type == b.type && a.t == b.t && a.payload == b.payload && a.prev == b.prev;
}

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    out += (p.severity == Severity::error ? "error " : "warning ") + p.where + ": " + p.message + " [" + p.hint + "]\n";
  }
  return out;
}

// The three events of tests/golden/record/three-events.jsonl, built the way a player builds them.
std::vector<record::Event> golden_events() {
  std::vector<record::Event> events;
  events.push_back(record::next_event(nullptr, "session.started", 1767225600000,
                                      json{{"course", "golden-course"}, {"version", "1.0.0"}, {"locale", "fr"}}));
  events.push_back(record::next_event(&events.back(), "block.completed", 1767225665000,
                                      json{{"block", "intro"}, {"module", 0}, {"note", "Vérifié ✓ — \"cité\"\n"}}));
  events.push_back(record::next_event(
      &events.back(), "answer.submitted", 1767225730000,
      json{{"item", "q1"}, {"answer", {1, 3}}, {"score", 0.85}, {"correct", true}, {"extra", nullptr}}));
  return events;
}

using tessera::test::non_empty_lines;

// A valid event object to break one member at a time.
json good_event_json() {
  return json{{"seq", 1},
              {"type", "session.started"},
              {"t", 0},
              {"payload", json::object()},
              {"prev", std::string(record::genesis_hash)}};
}

// Replaces the first occurrence of `from` in the line-numbered line of `text` (1-based).
std::string tamper(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// Random JSON payloads from a fixed seed: nested objects and arrays, escapes, non-ASCII text, integers JSON
// numbers hold exactly, and doubles (which the canonical form writes in their shortest round-trip form).
class PayloadMaker {
 public:
  explicit PayloadMaker(std::uint32_t seed) : random_(seed) {}

  json object(int depth) {
    json out = json::object();
    const int members = pick(0, 4);
    for (int i = 0; i < members; ++i) out[key()] = value(depth + 1);
    return out;
  }

 private:
  std::mt19937 random_;

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  std::string key() {
    static const std::vector<std::string> keys = {"a", "b", "block", "score", "é", "ключ", "a/b", "~x", "😀", "", "Z"};
    return keys[static_cast<std::size_t>(pick(0, static_cast<int>(keys.size()) - 1))];
  }

  std::string text() {
    static const std::vector<std::string> pieces = {"a", "Z", " ", "\"", "\\", "\n",     "\t",   "\x01", "\x1f",
                                                    "/", "é", "✓", "漢", "😀",  "\u2028", "\x7f", "<",    "0"};
    std::string out;
    const int length = pick(0, 12);
    for (int i = 0; i < length; ++i)
      out += pieces[static_cast<std::size_t>(pick(0, static_cast<int>(pieces.size()) - 1))];
    return out;
  }

  json value(int depth) {
    const int kind = depth >= 3 ? pick(0, 5) : pick(0, 7);
    switch (kind) {
      case 0:
        return nullptr;
      case 1:
        return pick(0, 1) == 1;
      case 2:
        return std::uniform_int_distribution<std::int64_t>(-record::max_safe_integer,
                                                           record::max_safe_integer)(random_);
      case 3:
        return pick(-1000, 1000);
      case 4:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(random_) / static_cast<double>(pick(1, 1000));
      case 5:
        return text();
      case 6:
        return object(depth);
      default: {
        json array = json::array();
        const int items = pick(0, 4);
        for (int i = 0; i < items; ++i) array.push_back(value(depth + 1));
        return array;
      }
    }
  }
};

}  // namespace

TEST_CASE("next_event starts and extends the chain", "[record]") {
  const auto events = golden_events();
  CHECK(events[0].seq == 1);
  CHECK(events[0].prev == record::genesis_hash);
  CHECK(events[1].seq == 2);
  CHECK(events[1].prev == record::hash_hex(events[0]));
  CHECK(events[2].prev == record::hash_hex(events[1]));
  const std::string hash = record::hash_hex(events[0]);
  REQUIRE(hash.size() == 64);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);

  const json object = record::to_json(events[2]);
  CHECK(object.size() == 5);
  CHECK(object.at("seq") == 3);
  CHECK(object.at("type") == "answer.submitted");
  CHECK(object.at("t") == 1767225730000);
  CHECK(object.at("payload").at("score") == 0.85);

  const auto check = record::verify_chain(events);
  CHECK_FALSE(check.broken.has_value());
  CHECK(check.valid.size() == 3);
}

TEST_CASE("the golden record has the known hashes", "[record][golden]") {
  const std::string text = tessera::test::read_golden("record/three-events.jsonl");
  const std::vector<std::string> expected_hashes =
      non_empty_lines(tessera::test::read_golden("record/three-events.hashes.txt"));
  REQUIRE(expected_hashes.size() == 3);

  // The writer is deterministic: building the same events gives the same bytes on every platform.
  const auto built = golden_events();
  std::string written;
  for (const auto& event : built) written += record::to_json_line(event);
  CHECK(written == text);

  const auto read = record::read_json_lines(text);
  INFO(describe(read.problems));
  REQUIRE(read.problems.empty());
  REQUIRE(read.events.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(same_event(read.events[i], built[i]));
    CHECK(record::hash_hex(read.events[i]) == expected_hashes[i]);
  }
  const auto check = record::verify_chain(read.events);
  CHECK_FALSE(check.broken.has_value());
  CHECK(check.valid.size() == 3);
}

TEST_CASE("changing one payload byte breaks the chain at the next seq", "[record][golden]") {
  const std::string text = tessera::test::read_golden("record/three-events.jsonl");

  SECTION("in the first event") {
    const auto read = record::read_json_lines(tamper(text, "\"locale\":\"fr\"", "\"locale\":\"fs\""));
    REQUIRE(read.problems.empty());  // still well-formed: only the chain can tell
    const auto check = record::verify_chain(read.events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 2");
    CHECK(check.broken->message.find("prev does not match the hash of seq 1") != std::string::npos);
    CHECK(check.valid.size() == 1);
  }
  SECTION("in the second event") {
    const auto read = record::read_json_lines(tamper(text, "\"module\":0", "\"module\":1"));
    REQUIRE(read.problems.empty());
    const auto check = record::verify_chain(read.events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 3");
    CHECK(check.valid.size() == 2);
  }
  SECTION("in the last event, which only a signature over the record can protect") {
    const auto read = record::read_json_lines(tamper(text, "\"score\":0.85", "\"score\":0.95"));
    REQUIRE(read.events.size() == 3);
    CHECK_FALSE(record::verify_chain(read.events).broken.has_value());
    CHECK(record::hash_hex(read.events[2]) !=
          non_empty_lines(tessera::test::read_golden("record/three-events.hashes.txt"))[2]);
  }
}

TEST_CASE("from_json accepts a well-formed event", "[record]") {
  const auto event = record::from_json(good_event_json(), "line 1");
  REQUIRE(event.ok());
  CHECK(event.value().seq == 1);
  CHECK(event.value().type == "session.started");
  CHECK(event.value().payload == json::object());
}

TEST_CASE("from_json rejects every malformed member with a place and a hint", "[record]") {
  struct Case {
    const char* name;
    json value;
    std::string where;
    std::string message_part;
  };
  auto with = [](const char* member, json value) {
    json event = good_event_json();
    event[member] = std::move(value);
    return event;
  };
  auto without = [](const char* member) {
    json event = good_event_json();
    event.erase(member);
    return event;
  };
  const std::vector<Case> cases = {
      {"not an object", json::array(), "line 3", "must be a JSON object"},
      {"seq zero", with("seq", 0), "line 3/seq", "outside the allowed range"},
      {"seq negative", with("seq", -2), "line 3/seq", "outside the allowed range"},
      {"seq beyond 2^53-1", with("seq", std::uint64_t{1} << 53), "line 3/seq", "outside the allowed range"},
      {"seq huge", with("seq", std::uint64_t{18446744073709551615u}), "line 3/seq", "outside the allowed range"},
      {"seq decimal", with("seq", 1.5), "line 3/seq", "must be a whole number, found a decimal number"},
      {"seq string", with("seq", "1"), "line 3/seq", "must be a whole number, found a string"},
      {"seq missing", without("seq"), "line 3", "missing the required member 'seq'"},
      {"type empty", with("type", ""), "line 3/type", "is not a valid event type"},
      {"type upper case", with("type", "Session.Started"), "line 3/type", "is not a valid event type"},
      {"type with space", with("type", "block done"), "line 3/type", "is not a valid event type"},
      {"type too long", with("type", std::string(65, 'a')), "line 3/type", "is not a valid event type"},
      {"type number", with("type", 7), "line 3/type", "must be a string, found an integer"},
      {"t decimal", with("t", 0.5), "line 3/t", "must be a whole number"},
      {"t null", with("t", nullptr), "line 3/t", "must be a whole number, found null"},
      {"t missing", without("t"), "line 3", "missing the required member 't'"},
      {"payload array", with("payload", json::array()), "line 3/payload", "must be an object, found an array"},
      {"payload missing", without("payload"), "line 3", "missing the required member 'payload'"},
      {"prev upper case", with("prev", std::string(64, 'A')), "line 3/prev", "64 lower-case hex"},
      {"prev short", with("prev", std::string(63, '0')), "line 3/prev", "64 lower-case hex"},
      {"prev not hex", with("prev", std::string(63, '0') + "g"), "line 3/prev", "64 lower-case hex"},
      {"prev number", with("prev", 0), "line 3/prev", "found an integer"},
      {"unknown member", with("sig", "x"), "line 3/sig", "unknown member 'sig'"},
      {"unknown member needing escapes", with("a/b~", 1), "line 3/a~1b~0", "unknown member 'a/b~'"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const auto event = record::from_json(c.value, "line 3");
    REQUIRE_FALSE(event.ok());
    INFO(describe(event.problems()));
    REQUIRE(event.problems().size() == 1);
    const Problem& problem = event.problems().front();
    CHECK(problem.severity == Severity::error);
    CHECK(problem.where == c.where);
    CHECK(problem.message.find(c.message_part) != std::string::npos);
    CHECK_FALSE(problem.hint.empty());
  }
}

TEST_CASE("from_json reports every problem of an event at once", "[record]") {
  const json value = {{"seq", 0}, {"type", "X"}, {"t", "now"}, {"prev", "0"}, {"extra", true}};
  const auto event = record::from_json(value, "/events/4");
  REQUIRE_FALSE(event.ok());
  std::vector<std::string> places;
  for (const Problem& p : event.problems()) places.push_back(p.where);
  CHECK(places == std::vector<std::string>{"/events/4/extra", "/events/4/seq", "/events/4/type", "/events/4/t",
                                           "/events/4", "/events/4/prev"});
}

TEST_CASE("verify_chain reports the first break and keeps the prefix", "[record]") {
  auto events = golden_events();
  events.push_back(record::next_event(&events.back(), "session.ended", 1767225800000, json::object()));

  SECTION("a gap") {
    events.erase(events.begin() + 2);
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 4");
    CHECK(check.broken->message == "seq 4 follows seq 2: 1 event is missing");
    CHECK_FALSE(check.broken->hint.empty());
    CHECK(check.valid.size() == 2);
  }
  SECTION("a repeated event") {
    events.insert(events.begin() + 2, events[1]);
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 2");
    CHECK(check.broken->message.find("repeated or out of order") != std::string::npos);
    CHECK(check.valid.size() == 2);
  }
  SECTION("a record that does not start at 1") {
    events.erase(events.begin());
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 2");
    CHECK(check.broken->message == "the record starts at seq 2; the first event must be seq 1");
    CHECK(check.valid.empty());
  }
  SECTION("a first event that does not start from genesis") {
    events[0].prev = std::string(64, 'a');
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 1");
    CHECK(check.broken->message == "the first event's prev must be the genesis hash (64 zeros), found aaaaaaaaaaaa…");
    CHECK(check.valid.empty());
  }
  SECTION("a wrong prev names both hashes") {
    const std::string expected = record::hash_hex(events[1]);
    events[2].prev = std::string(64, 'b');
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 3");
    CHECK(check.broken->message ==
          "prev does not match the hash of seq 2: expected " + expected.substr(0, 12) + "…, found bbbbbbbbbbbb…");
    CHECK(check.valid.size() == 2);
  }
  SECTION("an in-memory event with an invalid type") {
    events[3].type = "Bad Type";
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 4");
    CHECK(check.valid.size() == 3);
  }
  SECTION("an event JSON cannot carry") {
    events[3].payload = json{{"x", std::numeric_limits<double>::quiet_NaN()}};
    CHECK(record::hash_hex(events[3]).empty());
    CHECK(record::to_json_line(events[3]).empty());
    CHECK_FALSE(record::canonical_json(events[3]).ok());
    const auto check = record::verify_chain(events);
    REQUIRE(check.broken.has_value());
    CHECK(check.broken->where == "seq 4");
    CHECK(check.broken->message.find("cannot be hashed") != std::string::npos);
    CHECK(check.valid.size() == 3);
  }
  SECTION("an empty record is a valid record") {
    const auto check = record::verify_chain({});
    CHECK_FALSE(check.broken.has_value());
    CHECK(check.valid.empty());
  }
}

TEST_CASE("a record longer than the limit is cut at the limit, with the place", "[record]") {
  // One event past the limit: the work of replaying stays bounded, the events within it stay trusted.
  std::vector<record::Event> events;
  events.reserve(record::max_record_events + 1);
  for (std::size_t i = 0; i <= record::max_record_events; ++i) {
    events.push_back(record::next_event(events.empty() ? nullptr : &events.back(), "block.opened",
                                        1'800'000'000'000 + static_cast<std::int64_t>(i), {{"block", "b"}}));
  }
  const auto check = record::verify_chain(std::move(events));
  CHECK(check.valid.size() == record::max_record_events);
  REQUIRE(check.broken.has_value());
  CHECK(check.broken->where == "seq 100001");
  CHECK(check.broken->message == "the record holds more than 100000 events, the most a course record may hold");
}

TEST_CASE("read_json_lines tolerates what real files contain", "[record]") {
  const auto events = golden_events();
  const std::string line1 = record::to_json_line(events[0]);
  const std::string line2 = record::to_json_line(events[1]);
  const std::string line3 = record::to_json_line(events[2]);
  const auto without_newline = [](std::string line) {
    line.pop_back();
    return line;
  };

  SECTION("an empty text") {
    const auto read = record::read_json_lines("");
    CHECK(read.events.empty());
    CHECK(read.problems.empty());
    CHECK_FALSE(read.torn_tail);
  }
  SECTION("CRLF line ends, blank lines and a byte order mark") {
    const std::string text =
        "\xEF\xBB\xBF" + without_newline(line1) + "\r\n\r\n  \n" + without_newline(line2) + "\r\n" + line3;
    const auto read = record::read_json_lines(text);
    INFO(describe(read.problems));
    CHECK(read.problems.empty());
    REQUIRE(read.events.size() == 3);
    CHECK(same_event(read.events[2], events[2]));
  }
  SECTION("a last line without newline that parses is kept") {
    const auto read = record::read_json_lines(line1 + line2 + without_newline(line3));
    CHECK(read.problems.empty());
    CHECK(read.events.size() == 3);
    CHECK_FALSE(read.torn_tail);
  }
  SECTION("a torn last line is dropped with a warning") {
    const auto read = record::read_json_lines(line1 + line2 + line3.substr(0, 40));
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].severity == Severity::warning);
    CHECK(read.problems[0].where == "line 3");
    CHECK_FALSE(read.problems[0].hint.empty());
    CHECK(read.torn_tail);
    CHECK(read.events.size() == 2);
  }
  SECTION("damage inside an unterminated last line is an error, not a torn write") {
    std::string damaged = without_newline(line3);
    damaged[10] = '#';  // the colon after "payload"
    const auto read = record::read_json_lines(line1 + line2 + damaged);
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].severity == Severity::error);
    CHECK(read.problems[0].where == "line 3");
    CHECK_FALSE(read.torn_tail);
    CHECK(read.events.size() == 2);
  }
  SECTION("a complete last line followed by stray bytes is damage, not a torn write") {
    // A torn write leaves a prefix of a line; this line's event is whole, with a cut-off token after it.
    const auto read = record::read_json_lines(line1 + line2 + without_newline(line3) + "\"ab");
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].severity == Severity::error);
    CHECK(read.problems[0].where == "line 3");
    CHECK(read.problems[0].message.find("goes on after its JSON value") != std::string::npos);
    CHECK_FALSE(read.torn_tail);
    CHECK(read.events.size() == 2);
  }
  SECTION("an unparseable line that ends with a newline is an error") {
    const auto read = record::read_json_lines(line1 + line2 + line3.substr(0, 40) + "\n");
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].severity == Severity::error);
    CHECK_FALSE(read.torn_tail);
  }
  SECTION("garbage in a middle line stops reading there") {
    const auto read = record::read_json_lines(line1 + "{not json}\n" + line2 + line3);
    REQUIRE(read.problems.size() == 1);
    const Problem& problem = read.problems[0];
    CHECK(problem.severity == Severity::error);
    CHECK(problem.where == "line 2");
    CHECK(problem.message ==
          "line 2 is not valid JSON: syntax error while parsing object key - invalid literal; expected string "
          "literal (column 3)");
    CHECK(problem.hint.find("events before line 2 are kept") != std::string::npos);
    CHECK(read.events.size() == 1);
  }
  SECTION("a well-formed line that is not an event stops reading there") {
    const auto read = record::read_json_lines(line1 + "{\"seq\":2}\n" + line2);
    REQUIRE_FALSE(read.problems.empty());
    CHECK(read.problems[0].where == "line 2");
    CHECK(read.events.size() == 1);
  }
  SECTION("a line longer than 1 MiB") {
    json payload = {{"blob", std::string(record::max_line_bytes, 'x')}};
    const std::string big = record::to_json_line(record::next_event(&events[0], "big", 0, payload));
    const auto read = record::read_json_lines(line1 + big + line2);
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].where == "line 2");
    CHECK(read.problems[0].message.find("bytes long; the limit is 1048576 bytes") != std::string::npos);
    CHECK(read.events.size() == 1);
  }
  SECTION("nesting deeper than the limit") {
    const std::string deep = "{\"seq\":2,\"payload\":" + std::string(100000, '[') + std::string(100000, ']') + "}\n";
    const auto read = record::read_json_lines(line1 + deep);
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].message == "line 2 nests arrays and objects deeper than 64 levels (column 83)");
    CHECK(read.events.size() == 1);
  }
  SECTION("a member written twice") {
    std::string twice = without_newline(line2);
    twice.insert(1, "\"seq\":9,");
    const auto read = record::read_json_lines(line1 + twice + "\n");
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].where == "line 2/seq");
    CHECK(read.problems[0].message.starts_with("line 2 has the member \"seq\" twice in one object (line 2, column "));
  }
  SECTION("invalid UTF-8 inside a string") {
    const auto read = record::read_json_lines(line1 + tamper(line2, "intro", "in\xFFro"));
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].severity == Severity::error);
    CHECK(read.events.size() == 1);
  }
}

TEST_CASE("200 random events survive JSON Lines and every torn last line", "[record][property]") {
  PayloadMaker maker(20261129u);
  const std::vector<std::string> types = {"session.started", "block.completed", "answer.submitted", "x_y-z.0"};
  std::vector<record::Event> events;
  for (std::size_t i = 0; i < 200; ++i) {
    json payload = maker.object(0);
    // The last line is cut at every byte below: keep it short, but with every kind of token to cut into.
    if (i == 199) {
      payload = json{
          {"note", "é ✓ 😀 \" \\ \n"}, {"score", -0.125}, {"list", {12345, true, nullptr}}, {"empty", json::object()}};
    }
    const record::Event* previous = events.empty() ? nullptr : &events.back();
    events.push_back(record::next_event(previous, types[i % types.size()],
                                        1767225600000 + static_cast<std::int64_t>(i) * 997, std::move(payload)));
  }
  std::string text;
  for (const auto& event : events) text += record::to_json_line(event);

  const auto read = record::read_json_lines(text);
  INFO(describe(read.problems));
  REQUIRE(read.problems.empty());
  REQUIRE(read.events.size() == 200);
  std::string rewritten;
  for (std::size_t i = 0; i < 200; ++i) {
    INFO("event " << i + 1);
    REQUIRE(same_event(read.events[i], events[i]));
    rewritten += record::to_json_line(read.events[i]);
  }
  CHECK(rewritten == text);  // canonical in, canonical out
  const auto check = record::verify_chain(read.events);
  CHECK_FALSE(check.broken.has_value());
  CHECK(check.valid.size() == 200);

  const std::size_t last_line_start = text.rfind('\n', text.size() - 2) + 1;
  for (std::size_t cut = last_line_start; cut < text.size(); ++cut) {
    const auto torn = record::read_json_lines(std::string_view(text).substr(0, cut));
    INFO("cut at byte " << cut << " of " << text.size() << "\n" << describe(torn.problems));
    if (cut == last_line_start || cut == text.size() - 1) {
      // Nothing of the last line, or all of it but its newline (complete JSON): no torn tail.
      CHECK(torn.problems.empty());
      CHECK_FALSE(torn.torn_tail);
      CHECK(torn.events.size() == (cut == last_line_start ? 199u : 200u));
    } else {
      REQUIRE(torn.problems.size() == 1);
      CHECK(torn.problems[0].severity == Severity::warning);
      CHECK(torn.problems[0].where == "line 200");
      CHECK(torn.torn_tail);
      REQUIRE(torn.events.size() == 199);
      CHECK(same_event(torn.events.back(), events[198]));
    }
  }
}

TEST_CASE("the direct canonical form of an event equals canonicalising its JSON object", "[record]") {
  using tessera::record::Event;
  const std::vector<Event> events = {
      tessera::record::next_event(nullptr, "block.opened", 1700000000000, {{"block", "intro"}}),
      tessera::record::next_event(nullptr, "survey.submitted", -5,
                                  {{"answers", {{"z", 1}, {"a", "é €😀"}}}, {"block", "b"}}),
      tessera::record::next_event(nullptr, "x", 0, nlohmann::json::object()),
      tessera::record::next_event(nullptr, "needs \"escaping\"", 1, {{"k", 1.5}}),
  };
  for (const Event& event : events) {
    const auto direct = tessera::record::canonical_json(event);
    const auto general = tessera::jcs::canonicalize(tessera::record::to_json(event));
    REQUIRE(direct.ok());
    REQUIRE(general.ok());
    CHECK(direct.value() == general.value());
  }
}
