// Internals shared by the scenario/*.cpp files: the abstract (type + interval) evaluation the validator
// uses, the validation passes, and the step engine with a pluggable random() so the score search can
// branch over draws. Not public API (tessera/scenario.hpp is).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "tessera/scenario.hpp"

namespace tessera::scenario::detail {

// What an expression can be, over every assignment of the variables within their declared ranges.
struct Abstract {
  ValueType type = ValueType::number;
  // numbers: [low, high]; absent bound = unbounded
  std::optional<Fraction> low, high;
  // booleans: which of true / false can come out
  bool can_true = true, can_false = true;
  // strings: the possible values, when known
  std::optional<std::set<std::string>> strings;
};

// Type-checks an expression and bounds its result. Type errors carry the column. `for_condition` adds no
// rules; random() gives [low, high] of its literal bounds or unbounded.
[[nodiscard]] std::variant<Abstract, ExpressionError> abstract_evaluate(const Expression& expression,
                                                                        const std::vector<Variable>& variables);

// "lo…hi" of a declared number variable, for messages.
[[nodiscard]] std::string describe_range(const Variable& variable);

// The validation findings after a structurally sound load: unreachable nodes, dead ends, cycles with no way
// out, conditions that can never hold, and the bounded score search.
void analyze(const Scenario& scenario, const LoadOptions& options, std::vector<Problem>& problems, Analysis& analysis);

// Hands out the RandomSource for one step of one run (real runs: the record's seed).
using RandomFactory = std::function<std::unique_ptr<RandomSource>(std::uint64_t run, std::uint64_t step)>;

[[nodiscard]] Result<Run> start_with(const Scenario& scenario, std::string record_id, std::int64_t t,
                                     const RandomFactory& random);
[[nodiscard]] std::optional<Problem> apply_with(const Scenario& scenario, Run& run, const Step& step,
                                                const RandomFactory& random);

// The seeded source real runs use.
[[nodiscard]] RandomFactory seeded_random(const Scenario& scenario, const std::string& record_id);

}  // namespace tessera::scenario::detail
