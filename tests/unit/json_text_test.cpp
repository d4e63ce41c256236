// The strict JSON text reader: every refusal with its place (offsets, lines and columns counted by hand in
// the comments), the limits, integers and doubles, and text order for ordered_json.
#include <catch2/catch.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tessera/json_text.hpp"

using tessera::json_text::Failure;
using tessera::json_text::Limits;
using tessera::json_text::TextError;

namespace {

constexpr Limits roomy{1u << 20, 64};

// The error a refused text must produce.
TextError refused(std::string_view text, const Limits& limits = roomy) {
  const auto reading = tessera::json_text::parse(text, limits, "the text");
  REQUIRE(reading.error.has_value());
  INFO(reading.error->problem.where << ": " << reading.error->problem.message);
  CHECK(reading.error->problem.severity == tessera::Severity::error);
  CHECK_FALSE(reading.error->problem.hint.empty());
  return *reading.error;
}

nlohmann::json accepted(std::string_view text, const Limits& limits = roomy) {
  const auto reading = tessera::json_text::parse(text, limits);
  if (reading.error) INFO(reading.error->problem.where << ": " << reading.error->problem.message);
  REQUIRE_FALSE(reading.error.has_value());
  return reading.value;
}

}  // namespace

TEST_CASE("a member name twice in one object is refused at any depth, with its pointer and line", "[json_text]") {
  // Offsets: line 1 is 8 bytes with its newline, line 2 is 9, line 3 is 12: the second "c" opens at 33.
  const std::string text = "{\"a\": {\n  \"b\": {\n    \"c\": 1,\n    \"c\": 2\n  }\n}}";
  const TextError error = refused(text);
  CHECK(error.failure == Failure::duplicate_name);
  CHECK(error.pointer == "/a/b/c");
  CHECK(error.problem.where == "/a/b/c");
  CHECK(error.offset == 33);
  CHECK(error.line == 4);
  CHECK(error.column == 5);
  CHECK(error.problem.message == "the text has the member \"c\" twice in one object (line 4, column 5)");
  // The same with members in text order.
  const auto ordered = tessera::json_text::parse_ordered(text, roomy);
  REQUIRE(ordered.error.has_value());
  CHECK(ordered.error->pointer == "/a/b/c");
  CHECK(ordered.error->offset == 33);

  // In an array, under names RFC 6901 escapes, and written once with an escape: all the same name.
  CHECK(refused(R"({"list":[{},{"x":1,"x":2}]})").pointer == "/list/1/x");
  CHECK(refused(R"({"a/b":{"~":1,"~":2}})").pointer == "/a~1b/~0");
  CHECK(refused(R"({"a":1,"\u0061":2})").pointer == "/a");
  CHECK(refused(R"({"":0,"":0})").pointer == "/");
  // A name with a quote and backslashes is still found where it opens ({"k\"\\":1, is 11 bytes).
  const TextError escaped = refused(R"({"k\"\\":1,"k\"\\":2})");
  CHECK(escaped.offset == 11);
  CHECK(escaped.problem.message.find(R"("k\"\\")") != std::string::npos);
  // A control character in a name is shown escaped, never raw.
  const TextError control = refused("{\"\\n\":1,\"\\n\":2}");
  CHECK(control.problem.message.find("\"\\n\"") != std::string::npos);
  // The same name in two objects is fine.
  CHECK(accepted(R"({"a":{"x":1},"b":{"x":2}})") == nlohmann::json{{"a", {{"x", 1}}}, {"b", {{"x", 2}}}});
}

TEST_CASE("a NUL byte is refused inside and after the value, where nlohmann alone would stop reading", "[json_text]") {
  using namespace std::string_view_literals;
  // After the value: nlohmann takes the NUL for the end, and would read {"a":1} and ignore the rest.
  const TextError after = refused("{\"a\":1}\0{\"a\":2}"sv);
  CHECK(after.failure == Failure::nul_byte);
  CHECK(after.offset == 7);
  CHECK(after.problem.where == "line 1, column 8");
  CHECK(after.problem.message == "the text has a NUL byte (byte offset 7)");
  CHECK(refused("{}\0"sv).offset == 2);
  // Inside a string (offset 7: {"a":"x then the NUL), between tokens, and inside a number's array.
  CHECK(refused("{\"a\":\"x\0y\"}"sv).offset == 7);
  CHECK(refused("[1,\0 2]"sv).failure == Failure::nul_byte);
  CHECK(refused("[12\0]"sv).offset == 3);
  // Written as an escape, a NUL character is an ordinary part of a string.
  CHECK(accepted(R"("a\u0000b")").get<std::string>() == std::string("a\0b", 3));
}

TEST_CASE("invalid UTF-8 is refused at its byte", "[json_text]") {
  // {"a":" is 6 bytes: the bad byte is at offset 6, column 7.
  for (const char* bad : {"\xff", "\xc3\x28", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80"}) {
    INFO(nlohmann::json(std::string(bad)).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    const TextError error = refused("{\"a\":\"" + std::string(bad) + "\"}");
    CHECK(error.failure == Failure::invalid_utf8);
    CHECK(error.offset == 6);
    CHECK(error.problem.where == "line 1, column 7");
  }
  // Outside a string, and with a character before it on the line: columns count characters, not bytes.
  const TextError outside = refused("[\"\xc3\xa9\", \xff]");
  CHECK(outside.failure == Failure::invalid_utf8);
  CHECK(outside.offset == 7);
  CHECK(outside.column == 7);
  // Every well-formed sequence, up to U+10FFFF, is read as itself.
  const std::string widest =
      "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf";
  CHECK(accepted("\"" + widest + "\"").get<std::string>() == widest);
  // A leading byte order mark is skipped (RFC 8259 §8.1).
  CHECK(accepted("\xef\xbb\xbf{\"a\":1}") == nlohmann::json{{"a", 1}});
}

TEST_CASE("nesting deeper than the caller's limit is refused at the bracket", "[json_text]") {
  constexpr Limits four{1000, 4};
  CHECK(accepted("[[[[1]]]]", four) == nlohmann::json::parse("[[[[1]]]]"));
  CHECK(accepted(R"({"a":[{"b":[]}]})", four).is_object());
  const TextError deep = refused("[[[[[1]]]]]", four);
  CHECK(deep.failure == Failure::too_deep);
  CHECK(deep.offset == 4);
  CHECK(deep.problem.where == "line 1, column 5");
  CHECK(deep.problem.message == "the text nests arrays and objects deeper than 4 levels");
  CHECK(refused(R"({"a":[{"b":[{}]}]})", four).offset == 12);
  // Far deeper than any stack could recurse: refused as quickly.
  const std::string hostile = std::string(200000, '[') + std::string(200000, ']');
  CHECK(refused(hostile, {1u << 20, 64}).offset == 64);
}

TEST_CASE("the size limit is the caller's", "[json_text]") {
  const TextError large = refused("[1,2,3,4,5]", {10, 4});
  CHECK(large.failure == Failure::too_large);
  CHECK(large.problem.where.empty());
  CHECK(large.problem.message == "the text is 11 bytes long; the limit is 10 bytes");
  CHECK(accepted("[1,2,3,4,5]", {11, 4}).size() == 5);
}

TEST_CASE("numbers: beyond a double is refused, integers are exact within ±(2^53−1) and refused beyond",
          "[json_text]") {
  const TextError overflow = refused("[1, 1e400]");
  CHECK(overflow.failure == Failure::number_out_of_range);
  CHECK(overflow.pointer == "/1");
  CHECK(overflow.offset == 4);
  CHECK(overflow.problem.message.find("1e400") != std::string::npos);
  CHECK(refused(R"({"x": -1E+400})").pointer == "/x");
  CHECK(accepted("1e-400").get<double>() == 0.0);  // underflow reads as 0, as in every reader

  const nlohmann::json exact = accepted("[9007199254740991, -9007199254740991, 0, -0]");
  CHECK(exact[0].is_number_integer());
  CHECK(exact[0].get<std::int64_t>() == 9007199254740991);
  CHECK(exact[1].get<std::int64_t>() == -9007199254740991);
  // 2^53 + 1 would be 9007199254740993 here and 9007199254740992 in JavaScript or RFC 8785.
  for (const char* wide : {"9007199254740992", "9007199254740993", "-9007199254740992", "18446744073709551615",
                           "100000000000000000000000"}) {
    INFO(wide);
    const TextError error = refused(std::string("{\"n\": ") + wide + "}");
    CHECK(error.failure == Failure::number_out_of_range);
    CHECK(error.pointer == "/n");
    CHECK(error.offset == 6);
    CHECK(error.problem.message.find(wide) != std::string::npos);
  }
  // With a fraction or an exponent a number is a double, read as every reader reads it.
  CHECK(accepted("9007199254740993.0").get<double>() == 9007199254740992.0);
  CHECK(accepted("1e3").is_number_float());
}

TEST_CASE("text after the one value, text cut short and bad syntax each say so", "[json_text]") {
  const TextError trailing = refused("{} x");
  CHECK(trailing.failure == Failure::trailing_text);
  CHECK(trailing.offset == 3);
  CHECK(refused("[1] [2]").failure == Failure::trailing_text);
  CHECK(refused("{}}").offset == 2);
  CHECK(refused("{}\xc3\xa9").failure == Failure::trailing_text);  // a valid character, but after the value
  CHECK(accepted("{} \n\t\r\n").is_object());

  const TextError cut = refused("{\"a\":");
  CHECK(cut.failure == Failure::ended_early);
  CHECK(cut.offset == 5);
  CHECK(refused("\"ab\xc3").failure == Failure::ended_early);  // cut inside a character
  CHECK(refused(" \n").problem.message == "the text is empty: it holds no JSON value");

  const TextError syntax = refused("{\"a\" 1}");
  CHECK(syntax.failure == Failure::syntax);
  CHECK(syntax.problem.where == "line 1, column 6");
  CHECK(syntax.problem.message.starts_with("the text is not valid JSON: "));
  CHECK(syntax.problem.message.find("last read") == std::string::npos);  // no echo of the input
  for (const char* bad : {"[1,]", "[nul]", "'a'", "{a:1}", "[01]", "\"\t\"", "// comment\n1", "[NaN]", "\"\\ud800\""}) {
    INFO(bad);
    CHECK(refused(bad).failure == Failure::syntax);
  }
}

TEST_CASE("lines count from the caller's first line, and ordered_json keeps the text's order", "[json_text]") {
  const auto reading = tessera::json_text::parse("{\n\"a\":1,\"a\":2}", roomy, "StoryData", 7);
  REQUIRE(reading.error.has_value());
  CHECK(reading.error->line == 8);
  CHECK(reading.error->problem.message == "StoryData has the member \"a\" twice in one object (line 8, column 7)");

  const auto ordered = tessera::json_text::parse_ordered(R"({"z":1,"a":{"y":[true,null],"b":"x"}})", roomy);
  REQUIRE_FALSE(ordered.error.has_value());
  CHECK(ordered.value.dump() == R"({"z":1,"a":{"y":[true,null],"b":"x"}})");

  const auto result = tessera::json_text::read("[1,]", roomy, "the list");
  REQUIRE_FALSE(result.ok());
  CHECK(result.problems().front().message.starts_with("the list is not valid JSON"));
}

TEST_CASE("every prefix and every one-byte change of a document is read or refused, never thrown", "[json_text]") {
  const std::string document = "{\"a\":[1,-2.5e3,\"\xc3\xa9\\u00e9\\n\",true,null],\"b\":{\"c\":{}}}";
  REQUIRE(accepted(document).is_object());
  // Cut anywhere (inside a name, a number, a literal, an escape, a character), the text ends early: what a
  // torn write looks like to the record reader.
  for (std::size_t cut = 0; cut < document.size(); ++cut) {
    INFO("cut at " << cut);
    CHECK(refused(std::string_view(document).substr(0, cut)).failure == Failure::ended_early);
  }
  for (std::size_t at = 0; at < document.size(); ++at) {
    for (const char replacement : {'\0', '"', '{', ']', ',', '\xff', '9'}) {
      std::string changed = document;
      changed[at] = replacement;
      CHECK_NOTHROW((void)tessera::json_text::parse(changed, roomy));
    }
  }
}
