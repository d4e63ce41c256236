// The scenario expression language against tests/golden/scenario/expressions.json: values, exactness,
// round()'s rule, short-circuiting, and every error with its column — natively and in Wasm alike.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/scenario.hpp"

using nlohmann::json;
using tessera::scenario::Expression;
using tessera::scenario::ExpressionError;
using tessera::scenario::Value;

namespace {

struct Fixture {
  std::vector<std::string> names, nodes;
  std::vector<Value> values;
  std::vector<bool> visited;
};

Fixture fixture(const json& golden) {
  Fixture f;
  for (const auto& [name, value] : golden["variables"].items()) {
    f.names.push_back(name);
    if (value.is_boolean()) {
      f.values.push_back(Value::of(value.get<bool>()));
    } else if (auto number = tessera::assess::Fraction::parse(value); number) {
      f.values.push_back(Value::of(*number));
    } else {
      f.values.push_back(Value::of(value.get<std::string>()));
    }
  }
  for (const auto& [node, seen] : golden["visited"].items()) {
    f.nodes.push_back(node);
    f.visited.push_back(seen.get<bool>());
  }
  return f;
}

// The outcome of parse + bind + evaluate as JSON: {"value": …} or {"error": {column, message}}.
json outcome(const std::string& source, const Fixture& f) {
  auto parsed = Expression::parse(source);
  auto error_json = [](const ExpressionError& e) {
    return json{{"error", {{"column", e.column}, {"message", e.message}}}};
  };
  if (auto* e = std::get_if<ExpressionError>(&parsed)) return error_json(*e);
  auto& expr = std::get<Expression>(parsed);
  if (auto e = expr.bind(f.names, f.nodes)) return error_json(*e);
  const tessera::scenario::Environment env{&f.values, &f.visited, nullptr, 0};
  auto result = expr.evaluate(env);
  if (auto* e = std::get_if<ExpressionError>(&result)) return error_json(*e);
  return {{"value", std::get<Value>(result).to_json()}};
}

}  // namespace

TEST_CASE("scenario expressions evaluate exactly and fail with the column", "[scenario][golden]") {
  const json golden = json::parse(tessera::test::read_golden("scenario/expressions.json"));
  const Fixture f = fixture(golden);
  for (const auto& c : golden["cases"]) {
    const std::string source = c["expr"].get<std::string>();
    INFO("expression: " << source);
    json expected = c.contains("error") ? json{{"error", c["error"]}} : json{{"value", c["value"]}};
    CHECK(outcome(source, f).dump() == expected.dump());
  }
}

TEST_CASE("round() rounds halves away from zero", "[scenario]") {
  using tessera::assess::Fraction;
  CHECK(tessera::scenario::round_half_away(Fraction::of(5, 2)) == Fraction::of(3));
  CHECK(tessera::scenario::round_half_away(Fraction::of(-5, 2)) == Fraction::of(-3));
  CHECK(tessera::scenario::round_half_away(Fraction::of(-3, 2)) == Fraction::of(-2));
  CHECK(tessera::scenario::round_half_away(Fraction::of(-7, 5)) == Fraction::of(-1));
  CHECK(tessera::scenario::round_half_away(Fraction::of(0)) == Fraction::of(0));
}

TEST_CASE("scenario expressions stop at their step budget and their nesting limit", "[scenario]") {
  std::string source = "1";
  for (int i = 0; i < 40; ++i) source += " + 1";
  auto parsed = Expression::parse(source);
  REQUIRE(std::holds_alternative<Expression>(parsed));
  const std::vector<Value> none;
  const tessera::scenario::Environment tight{&none, nullptr, nullptr, 10};
  auto result = std::get<Expression>(parsed).evaluate(tight);
  REQUIRE(std::holds_alternative<ExpressionError>(result));
  CHECK(std::get<ExpressionError>(result).message == "the expression ran out of evaluation steps");
  const tessera::scenario::Environment roomy{&none, nullptr, nullptr, 0};
  CHECK(std::get<Value>(std::get<Expression>(parsed).evaluate(roomy)).number == tessera::assess::Fraction::of(41));

  const std::string deep = std::string(100, '(') + "1" + std::string(100, ')');
  auto too_deep = Expression::parse(deep);
  REQUIRE(std::holds_alternative<ExpressionError>(too_deep));
  CHECK(std::get<ExpressionError>(too_deep).message == "the expression nests deeper than 64 levels");
  CHECK(std::holds_alternative<ExpressionError>(Expression::parse(std::string(2001, '1'))));
}

TEST_CASE("random() draws are taken left to right, on every compiler", "[scenario]") {
  // A source that hands out 1, 2, 3, … in order: each operator must evaluate its left side first, or the
  // draws land on the other side (g++ evaluated the right operand of + - * first; Emscripten's clang the left).
  struct Counting : tessera::scenario::RandomSource {
    std::int64_t next = 0;
    std::int64_t between(std::int64_t, std::int64_t) override { return ++next; }
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"random(1, 9) * 10 + random(1, 9)", "12"},                     // 1 × 10 + 2
      {"random(1, 9) - random(1, 9)", "-1"},                          // 1 − 2
      {"random(1, 9) / random(1, 9)", "1/2"},                         // 1 / 2
      {"(random(1, 9) + 10) * random(1, 9)", "22"},                   // (1 + 10) × 2
      {"max(random(1, 9), random(1, 9)) * 10 + random(1, 9)", "23"},  // max(1, 2) × 10 + 3
  };
  for (const auto& [source, expected] : cases) {
    INFO(source);
    auto parsed = Expression::parse(source);
    REQUIRE(std::holds_alternative<Expression>(parsed));
    const std::vector<Value> none;
    Counting draws;
    const tessera::scenario::Environment env{&none, nullptr, &draws, 0};
    const auto result = std::get<Expression>(parsed).evaluate(env);
    REQUIRE(std::holds_alternative<Value>(result));
    CHECK(std::get<Value>(result).number.to_string() == expected);
  }
}

TEST_CASE("an unexpected character is quoted whole, so the message stays UTF-8", "[scenario]") {
  // Found by the scenario_load fuzzer: "tone \u00fb 'angry'" was reported with half of its "\u00fb" (the byte 0xC3).
  auto guillemet = Expression::parse("tone \xC2\xBB 'angry'");
  REQUIRE(std::holds_alternative<ExpressionError>(guillemet));
  CHECK(std::get<ExpressionError>(guillemet).column == 6);
  CHECK(std::get<ExpressionError>(guillemet).message == "unexpected character '\xC2\xBB'");
  // A byte that starts no character is written as an escape.
  auto stray = Expression::parse("tone \xFF");
  REQUIRE(std::holds_alternative<ExpressionError>(stray));
  CHECK(std::get<ExpressionError>(stray).message == "unexpected character '\\xff'");
}
