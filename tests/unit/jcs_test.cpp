// RFC 8785 tests: the published input/output pairs, ECMAScript number formatting (including the hash of the
// published generated number file), UTF-16 member order, escaping, and every error with its location.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"

using tessera::jcs::canonicalize;
using tessera::jcs::canonicalize_text;
using tessera::jcs::format_number;

namespace {

double from_bits(std::uint64_t bits) {
  double value = 0;
  static_assert(sizeof value == sizeof bits);
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::string canonical(std::string_view text) {
  const auto result = canonicalize_text(text);
  if (!result.ok()) {
    for (const auto& problem : result.problems()) UNSCOPED_INFO(problem.where << ": " << problem.message);
  }
  REQUIRE(result.ok());
  return result.value();
}

// The single problem a failing call must report.
tessera::Problem only_problem(const tessera::Result<std::string>& result) {
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.problems().size() == 1);
  return result.problems().front();
}

// ─── The ES6 number file of cyberphone/json-canonicalization (golden README.md) ───

// staticU64s from the README's generator, in order.
constexpr std::uint64_t es6_static_values[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001, 0xc46696695dbd1cc3,
    0xc43211ede4974a35, 0xc3fce97ca0f21056, 0xc3c7213080c1a6ac, 0xc39280f39a348556, 0xc35d9b1f5d20d557,
    0xc327af4c4a80aaac, 0xc2f2f2a36ecd5556, 0xc2be51057e155558, 0xc28840d131aaaaac, 0xc253670dc1555557,
    0xc21f0b4935555557, 0xc1e8d5d42aaaaaac, 0xc1b3de4355555556, 0xc17fca0555555556, 0xc1496e6aaaaaaaab,
    0xc114585555555555, 0xc0e046aaaaaaaaab, 0xc0aa0aaaaaaaaaaa, 0xc074d55555555555, 0xc040aaaaaaaaaaab,
    0xc00aaaaaaaaaaaab, 0xbfd5555555555555, 0xbfa1111111111111, 0xbf6b4e81b4e81b4f, 0xbf35d867c3ece2a5,
    0xbf0179ec9cbd821e, 0xbecbf647612f3696, 0xbe965e9f80f29212, 0xbe61e54c672874db, 0xbe2ca213d840baf8,
    0xbdf6e80fe033c8c6, 0xbdc2533fe68fd3d2, 0xbd8d51ffd74c861c, 0xbd5774ccac3d3817, 0xbd22c3d6f030f9ac,
    0xbcee0624b3818f79, 0xbcb804ea293472c7, 0xbc833721ba905bd3, 0xbc4ebe9c5db3c61e, 0xbc18987d17c304e5,
    0xbbe3ad30dfcf371d, 0xbbaf7b816618582f, 0xbb792f9ab81379bf, 0xbb442615600f9499, 0xbb101e77800c76e1,
    0xbad9ca58cce0be35, 0xbaa4a1e0a3e6fe90, 0xba708180831f320d, 0xba3a68cd9e985016, 0x446696695dbd1cc3,
    0x443211ede4974a35, 0x43fce97ca0f21056, 0x43c7213080c1a6ac, 0x439280f39a348556, 0x435d9b1f5d20d557,
    0x4327af4c4a80aaac, 0x42f2f2a36ecd5556, 0x42be51057e155558, 0x428840d131aaaaac, 0x4253670dc1555557,
    0x421f0b4935555557, 0x41e8d5d42aaaaaac, 0x41b3de4355555556, 0x417fca0555555556, 0x41496e6aaaaaaaab,
    0x4114585555555555, 0x40e046aaaaaaaaab, 0x40aa0aaaaaaaaaaa, 0x4074d55555555555, 0x4040aaaaaaaaaaab,
    0x400aaaaaaaaaaaab, 0x3fd5555555555555, 0x3fa1111111111111, 0x3f6b4e81b4e81b4f, 0x3f35d867c3ece2a5,
    0x3f0179ec9cbd821e, 0x3ecbf647612f3696, 0x3e965e9f80f29212, 0x3e61e54c672874db, 0x3e2ca213d840baf8,
    0x3df6e80fe033c8c6, 0x3dc2533fe68fd3d2, 0x3d8d51ffd74c861c, 0x3d5774ccac3d3817, 0x3d22c3d6f030f9ac,
    0x3cee0624b3818f79, 0x3cb804ea293472c7, 0x3c833721ba905bd3, 0x3c4ebe9c5db3c61e, 0x3c18987d17c304e5,
    0x3be3ad30dfcf371d, 0x3baf7b816618582f, 0x3b792f9ab81379bf, 0x3b442615600f9499, 0x3b101e77800c76e1,
    0x3ad9ca58cce0be35, 0x3aa4a1e0a3e6fe90, 0x3a708180831f320d, 0x3a3a68cd9e985016, 0x4024000000000000,
    0x4014000000000000, 0x3fe0000000000000, 0x3fa999999999999a, 0x3f747ae147ae147b, 0x3f40624dd2f1a9fc,
    0x3f0a36e2eb1c432d, 0x3ed4f8b588e368f1, 0x3ea0c6f7a0b5ed8d, 0x3e6ad7f29abcaf48, 0x3e35798ee2308c3a,
    0x3ed539223589fa95, 0x3ed4ff26cd5a7781, 0x3ed4f95a762283ff, 0x3ed4f8c60703520c, 0x3ed4f8b72f19cd0d,
    0x3ed4f8b5b31c0c8d, 0x3ed4f8b58d1c461a, 0x3ed4f8b5894f7f0e, 0x3ed4f8b588ee37f3, 0x3ed4f8b588e47da4,
    0x3ed4f8b588e3849c, 0x3ed4f8b588e36bb5, 0x3ed4f8b588e36937, 0x3ed4f8b588e368f8, 0x3ed4f8b588e368f1,
    0x3ff0000000000000, 0xbff0000000000000, 0xbfeffffffffffffa, 0xbfeffffffffffffb, 0x3feffffffffffffa,
    0x3feffffffffffffb, 0x3feffffffffffffc, 0x3feffffffffffffe, 0xbfefffffffffffff, 0xbfefffffffffffff,
    0x3fefffffffffffff, 0x3fefffffffffffff, 0x3fd3333333333332, 0x3fd3333333333333, 0x3fd3333333333334,
    0x0010000000000000, 0x000ffffffffffffd, 0x000fffffffffffff, 0x7fefffffffffffff, 0xffefffffffffffff,
    0x4340000000000000, 0xc340000000000000, 0x4430000000000000, 0x44b52d02c7e14af5, 0x44b52d02c7e14af6,
    0x44b52d02c7e14af7, 0x444b1ae4d6e2ef4e, 0x444b1ae4d6e2ef4f, 0x444b1ae4d6e2ef50, 0x3eb0c6f7a0b5ed8c,
    0x3eb0c6f7a0b5ed8d, 0x41b3de4355555553, 0x41b3de4355555554, 0x41b3de4355555555, 0x41b3de4355555556,
    0x41b3de4355555557, 0xbecbf647612f3696, 0x43143ff3c1cb0959,
};

// Line `index` of es6testfile100m.txt is "<hex bits>,<expected>\n"; this rebuilds the first `line_count`
// lines with our format_number, exactly as numgen.js generates them.
std::string es6_test_lines(std::size_t line_count) {
  constexpr std::size_t serial_count = 2000;
  std::string lines;
  std::array<std::uint8_t, 32> block{};
  std::vector<double> pending;  // what is left of the current SHA-256 block, as four little-endian doubles
  const auto next_random = [&]() {
    double value = 0;
    while (value == 0 || !std::isfinite(value)) {
      if (pending.empty()) {
        block = tessera::crypto::sha256(block);
        for (std::size_t i = 4; i-- > 0;) {
          std::uint64_t bits = 0;
          for (std::size_t b = 8; b-- > 0;) bits = (bits << 8) | block[i * 8 + b];
          pending.push_back(from_bits(bits));
        }
      }
      value = pending.back();
      pending.pop_back();
    }
    return value;
  };

  constexpr std::size_t static_count = std::size(es6_static_values);
  for (std::size_t index = 0; index < line_count; ++index) {
    double value = 0;
    if (index < static_count) {
      value = from_bits(es6_static_values[index]);
    } else if (index < static_count + serial_count) {
      value = from_bits(0x0010000000000000u + (index - static_count));
    } else {
      value = next_random();
    }
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    char hex[17];
    // NOLINTNEXTLINE(cert-err33-c): 64 bits are at most 16 hex digits; with the NUL they fit the 17 bytes
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(bits));
    lines += hex;
    lines += ',';
    lines += format_number(value);
    lines += '\n';
  }
  return lines;
}

}  // namespace

TEST_CASE("RFC 8785's published inputs canonicalise to exactly the published outputs", "[jcs][golden]") {
  for (const char* name : {"arrays", "french", "structures", "unicode", "values", "weird"}) {
    INFO(name);
    const std::string input = tessera::test::read_golden(std::string("jcs-rfc8785/input/") + name + ".json");
    const std::string expected = tessera::test::read_golden(std::string("jcs-rfc8785/output/") + name + ".json");
    CHECK(canonical(input) == expected);
    // The canonical form is a fixed point, and canonicalize() on a parsed value agrees with the text path.
    CHECK(canonical(expected) == expected);
    const auto from_value = canonicalize(nlohmann::json::parse(input));
    REQUIRE(from_value.ok());
    CHECK(from_value.value() == expected);
  }
}

TEST_CASE("format_number writes ECMAScript's Number::toString", "[jcs][number]") {
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1.0) == "1");
  CHECK(format_number(-1.0) == "-1");
  CHECK(format_number(1e21) == "1e+21");
  CHECK(format_number(1e20) == "100000000000000000000");
  CHECK(format_number(1e-7) == "1e-7");
  CHECK(format_number(1.5e-7) == "1.5e-7");
  CHECK(format_number(1e-6) == "0.000001");
  CHECK(format_number(1.2345678901234568e20) == "123456789012345680000");
  CHECK(format_number(5e-324) == "5e-324");
  CHECK(format_number(-5e-324) == "-5e-324");
  CHECK(format_number(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(333333333.3333333) == "333333333.3333333");
  CHECK(format_number(333333333.33333329) == "333333333.3333333");
  CHECK(format_number(4.5) == "4.5");
  CHECK(format_number(0.002) == "0.002");
  CHECK(format_number(1e30) == "1e+30");
  CHECK(format_number(1e-27) == "1e-27");
  CHECK(format_number(123.456e-10) == "1.23456e-8");
  CHECK(format_number(-1.25e25) == "-1.25e+25");
  CHECK(format_number(9007199254740992.0) == "9007199254740992");
  // The sample lines of the README's ES6 number file (hex IEEE-754 bits → expected text).
  CHECK(format_number(from_bits(0x4340000000000001)) == "9007199254740994");
  CHECK(format_number(from_bits(0x4340000000000002)) == "9007199254740996");
  CHECK(format_number(from_bits(0x444b1ae4d6e2ef50)) == "1e+21");
  CHECK(format_number(from_bits(0x3eb0c6f7a0b5ed8d)) == "0.000001");
  CHECK(format_number(from_bits(0x3eb0c6f7a0b5ed8c)) == "9.999999999999997e-7");
  CHECK(format_number(from_bits(0x8000000000000000)) == "0");
}

TEST_CASE("format_number reproduces the published hashes of the ES6 number test file", "[jcs][number][golden]") {
  REQUIRE(tessera::crypto::init());
  // SHA-256 of the first 10,000 and 100,000 lines, from the README's table: static edge cases, 2,000
  // subnormal neighbours, then pseudo-random doubles from a SHA-256 chain.
  const std::string lines = es6_test_lines(100000);
  const std::size_t first_10000 = [&] {
    std::size_t end = 0;
    for (int line = 0; line < 10000; ++line) end = lines.find('\n', end) + 1;
    return end;
  }();
  CHECK(first_10000 == 399022);
  CHECK(lines.size() == 4031728);
  CHECK(tessera::crypto::to_hex(tessera::crypto::sha256(tessera::crypto::as_bytes(lines).first(first_10000))) ==
        "b9f7a8e75ef22a835685a52ccba7f7d6bdc99e34b010992cbc5864cd12be6892");
  CHECK(tessera::crypto::to_hex(tessera::crypto::sha256(tessera::crypto::as_bytes(lines))) ==
        "22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7");
}

TEST_CASE("integers are written as IEEE-754 doubles, as JCS requires", "[jcs][number]") {
  CHECK(canonical("9007199254740991") == "9007199254740991");
  CHECK(canonical("-9007199254740991") == "-9007199254740991");
  CHECK(canonical("[-0, -0.0, 0e5, 1E2, 1.0, 10.50, 1e23]") == "[0,0,0,100,1,10.5,1e+23]");
  // In text, an integer JCS would round (RFC 8785 relies on I-JSON, RFC 7493 §2.2) is refused at its pointer:
  // the signed form would say another number than the text a person reads.
  for (const char* wide :
       {"9007199254740993", "-9223372036854775808", "18446744073709551615", "100000000000000000000000"}) {
    INFO(wide);
    const auto problem = only_problem(canonicalize_text(std::string("[") + wide + "]"));
    CHECK(problem.where == "/0");
    CHECK_THAT(problem.message, Catch::Contains(wide));
  }
  // A value built in C++ can still hold them; they are written as the nearest double.
  CHECK(canonicalize(nlohmann::json(std::int64_t{9007199254740993})).value() == "9007199254740992");  // to even
  CHECK(canonicalize(nlohmann::json(std::numeric_limits<std::uint64_t>::max())).value() == "18446744073709552000");
  CHECK(canonicalize(nlohmann::json(std::int64_t{-42})).value() == "-42");
}

TEST_CASE("text is canonicalised only to a form the same reader takes back", "[jcs][number]") {
  // Found by the jcs fuzz target (tests/fuzz/regressions/jcs): ECMAScript writes the doubles from 2^53 up to
  // 1e21 as plain integers, so [1e+20] would canonicalise to [100000000000000000000], which the reader above
  // refuses: the canonical form would not canonicalise again. Such a number is refused at its pointer instead.
  for (const char* spelled : {"1e+20", "-1.5e20", "9007199254740992.0", "123456789012345678.0"}) {
    INFO(spelled);
    const auto problem = only_problem(canonicalize_text(std::string(R"({"n":[0,)") + spelled + "]}"));
    CHECK(problem.where == "/n/1");
    CHECK_THAT(problem.message, Catch::Contains("beyond"));
  }
  // From 1e21 on ECMAScript uses an exponent, which reads back: these stay (RFC 8785 §3.2.2.3's 1e+30).
  CHECK(canonical("[1e21, 1E30, -1e300, 9007199254740991.0]") == "[1e+21,1e+30,-1e+300,9007199254740991]");
  // A value built in C++ is still written as RFC 8785 says (1e20 in its Appendix B form).
  CHECK(canonicalize(nlohmann::json(1e20)).value() == "100000000000000000000");
}

TEST_CASE("members are ordered by UTF-16 code units, not UTF-8 bytes", "[jcs]") {
  // U+FB33 is EF AC B3 in UTF-8 (before F0 9F 98 82 for U+1F602) but 0xFB33 in UTF-16 (after 0xD83D).
  CHECK(canonical("{\"\\ufb33\":1,\"\\ud83d\\ude02\":2}") == "{\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
  CHECK(canonical("{\"b\":1,\"a\":2,\"\":3,\"aa\":4,\"A\":5}") == "{\"\":3,\"A\":5,\"a\":2,\"aa\":4,\"b\":1}");
  CHECK(canonical("{\"z\":{\"y\":[{\"b\":1,\"a\":2}]},\"a\":null}") ==
        "{\"a\":null,\"z\":{\"y\":[{\"a\":2,\"b\":1}]}}");
}

TEST_CASE("strings are escaped minimally", "[jcs]") {
  CHECK(canonical(R"("\u0000\u0001\u001f\u001F")") == R"("\u0000\u0001\u001f\u001f")");
  CHECK(canonical(R"("\b\f\n\r\t\"\\\/")") == R"("\b\f\n\r\t\"\\/")");
  CHECK(canonical(R"("\u007f\u2028\u2029\u00e9<>&'")") == "\"\x7f\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9<>&'\"");
  CHECK(canonical(" [ true , false , null , \"\" , [ ] , { } ] ") == "[true,false,null,\"\",[],{}]");
}

TEST_CASE("a duplicate member name is an error at its JSON pointer", "[jcs][errors]") {
  const auto nested = only_problem(canonicalize_text(R"({"a":{"b":1,"c":[{"x":1,"x":2}]}})"));
  CHECK(nested.where == "/a/c/0/x");
  CHECK(nested.severity == tessera::Severity::error);
  CHECK_THAT(nested.message, Catch::Contains("twice"));
  // The same name written with an escape is still the same name.
  CHECK(only_problem(canonicalize_text(R"({"a":1,"\u0061":2})")).where == "/a");
  // Pointer tokens escape '~' and '/' (RFC 6901).
  CHECK(only_problem(canonicalize_text(R"({"a/b":{"~":1,"~":1}})")).where == "/a~1b/~0");
  CHECK(only_problem(canonicalize_text(R"({"":0,"":0})")).where == "/");
  // The same name in different objects is fine.
  CHECK(canonical(R"({"a":{"a":1},"b":{"a":2}})") == R"({"a":{"a":1},"b":{"a":2}})");
}

TEST_CASE("invalid UTF-8 is an error: at its byte in text, at its pointer in a value", "[jcs][errors]") {
  const auto in_text = only_problem(canonicalize_text("{\"a\":\"\xff\"}"));
  CHECK(in_text.where == "line 1, column 7");
  CHECK_THAT(in_text.message, Catch::Contains("UTF-8"));
  for (const char c : in_text.message) CHECK(static_cast<unsigned char>(c) < 0x80);  // no raw bytes echoed

  for (const char* bad : {"\xff", "\xc3\x28", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                          "\xe2\x82", "\x80", "ok\xf0\x9f\x98"}) {
    INFO(nlohmann::json(std::string(bad)).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    const auto value = nlohmann::json{{"list", {"fine", std::string(bad)}}};
    const auto problem = only_problem(canonicalize(value));
    CHECK(problem.where == "/list/1");
    CHECK_THAT(problem.message, Catch::Contains("UTF-8"));
    CHECK_FALSE(canonicalize_text("\"" + std::string(bad) + "\"").ok());
  }
  // A member name that is not UTF-8 cannot appear in a pointer, so the problem sits on its object.
  nlohmann::json bad_name;
  bad_name["outer"][std::string("\xff")] = 1;
  CHECK(only_problem(canonicalize(bad_name)).where == "/outer");
  // Every well-formed sequence, up to U+10FFFF, passes through unchanged.
  const std::string widest =
      "\"\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"";
  CHECK(canonical(widest) == widest);
}

TEST_CASE("NaN and infinities are errors at their JSON pointer", "[jcs][errors]") {
  const nlohmann::json value = {{"x", {1.0, std::nan("")}},
                                {"y", std::numeric_limits<double>::infinity()},
                                {"z", -std::numeric_limits<double>::infinity()}};
  const auto result = canonicalize(value);
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.problems().size() == 3);  // every problem, not only the first
  CHECK(result.problems()[0].where == "/x/1");
  CHECK_THAT(result.problems()[0].message, Catch::Contains("NaN"));
  CHECK(result.problems()[1].where == "/y");
  CHECK(result.problems()[2].where == "/z");
  // In text, a number too large for a double is a parse error.
  const auto overflow = only_problem(canonicalize_text("[1e400]"));
  CHECK(overflow.where == "/0");
  CHECK_THAT(overflow.message, Catch::Contains("1e400"));
}

TEST_CASE("text that is not exactly one JSON value is an error at its line and column", "[jcs][errors]") {
  const auto missing_value = only_problem(canonicalize_text(R"({"a":})"));
  CHECK(missing_value.where == "line 1, column 6");
  CHECK_THAT(missing_value.message, Catch::StartsWith("the JSON text is not valid JSON"));
  for (const char* bad : {"", " ", "{", "[1,]", "{\"a\" 1}", "[1] [2]", "nul", "'a'", "{a:1}", "[01]", "\"\t\"",
                          "// comment\n1", "[NaN]", "\"\\ud800\""}) {
    INFO(bad);
    const auto result = canonicalize_text(bad);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.problems().front().where, Catch::StartsWith("line "));
  }
}

TEST_CASE("nesting is limited so hostile input cannot exhaust the stack", "[jcs][errors]") {
  const std::string fine = std::string(500, '[') + std::string(500, ']');  // within the limit of 512
  CHECK(canonical(fine) == fine);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto problem = only_problem(canonicalize_text(deep));
  CHECK_THAT(problem.message, Catch::Contains("deeper"));
  CHECK(problem.where == "line 1, column 513");
}

TEST_CASE("binary values have no JSON form", "[jcs][errors]") {
  const nlohmann::json value = {{"data", nlohmann::json::binary({1, 2, 3})}};
  CHECK(only_problem(canonicalize(value)).where == "/data");
}
