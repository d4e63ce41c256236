// Fuzz target scenario_expression: the scenario expression language parsed, bound and evaluated.
#include "harness.hpp"
#include "tessera/scenario.hpp"

namespace tessera::fuzz {

namespace {

// Always the lowest value: random() needs a source, and a fixed one keeps a finding reproducible.
struct LowestSource : scenario::RandomSource {
  std::int64_t between(std::int64_t low, std::int64_t) override { return low; }
};

void expect_clear(const scenario::ExpressionError& error, std::string_view source, std::string_view api) {
  require(!error.message.empty(), std::string(api) + " failed without a message");
  require(error.column >= 1 && static_cast<std::size_t>(error.column) <= source.size() + 1,
          std::string(api) + " reported column " + std::to_string(error.column) + " outside the text");
}

}  // namespace

void scenario_expression(std::string_view input) {
  using scenario::Expression;
  using scenario::ExpressionError;
  using scenario::Value;
  auto parsed = no_throw("Expression::parse", [&] { return Expression::parse(input); });
  if (auto* error = std::get_if<ExpressionError>(&parsed)) return expect_clear(*error, input, "Expression::parse");
  auto& expression = std::get<Expression>(parsed);
  const std::vector<std::string> names{"x", "n", "flag", "tone"};
  const std::vector<std::string> nodes{"intro", "later"};
  if (auto error = no_throw("Expression::bind", [&] { return expression.bind(names, nodes); })) {
    return expect_clear(*error, input, "Expression::bind");
  }
  const std::vector<Value> values{Value::of(assess::Fraction::of(7, 2)), Value::of(assess::Fraction::of(-3)),
                                  Value::of(true), Value::of(std::string("warm"))};
  const std::vector<bool> visited{true, false};
  LowestSource random;
  const scenario::Environment environment{&values, &visited, &random, 0};
  auto result = no_throw("Expression::evaluate", [&] { return expression.evaluate(environment); });
  if (auto* error = std::get_if<ExpressionError>(&result)) expect_clear(*error, input, "Expression::evaluate");
}

}  // namespace tessera::fuzz
