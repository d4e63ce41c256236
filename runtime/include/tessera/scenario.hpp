// Scenario simulations (format v1, docs/scenarios.md): the expression language, the typed scenario with its
// validation findings, and the run fold — ScenarioRun = fold(scenario, seed context, steps) — that the
// session, the CLI and the verifier share, so a replayed path reaches the same bytes everywhere.
//
// Sections: 1. values and expressions · 2. the scenario model and loading/validation · 3. runs · 4. Twee.
//
// Does NOT: read a clock (steps carry their time), use a random source (random() draws from a seed derived
// from the record), store anything, or know about sessions (session/scenario_actions.cpp plugs it in).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tessera/assess.hpp"
#include "tessera/draw.hpp"
#include "tessera/problem.hpp"

namespace tessera::scenario {

using assess::Fraction;

// ─── 1. Values and expressions ──────────────────────────────────────────────────────────────────────────

enum class ValueType { number, boolean, string };
[[nodiscard]] std::string_view to_string(ValueType type);

struct Value {
  ValueType type = ValueType::number;
  Fraction number;
  bool boolean = false;
  std::string text;

  [[nodiscard]] static Value of(Fraction n) { return {ValueType::number, n, false, {}}; }
  [[nodiscard]] static Value of(bool b) { return {ValueType::boolean, {}, b, {}}; }
  [[nodiscard]] static Value of(std::string s) { return {ValueType::string, {}, false, std::move(s)}; }
  [[nodiscard]] nlohmann::json to_json() const;  // numbers as exact strings ("7/2"), booleans, strings
  bool operator==(const Value&) const = default;
};

// Where an expression went wrong: the 1-based column in its text and what happened.
struct ExpressionError {
  int column = 1;
  std::string message;
};

// The parsed form: a flat tree (children by index), built once and evaluated many times.
struct ExpressionNode {
  enum class Kind { literal, variable, visited, negate, logical_not, binary, call };
  enum class Op { add, sub, mul, div, eq, ne, lt, le, gt, ge, logical_and, logical_or };
  enum class Function { min, max, clamp, round, abs, random };
  Kind kind = Kind::literal;
  Op op = Op::add;
  Function function = Function::min;
  int column = 1;
  Value literal;           // literal
  std::string name;        // variable name, or visited()'s node id
  std::int32_t slot = -1;  // variable slot or node index, once bound
  std::vector<std::int32_t> children;
};

// Supplies random() draws within one step (the seed is per step; each call takes the generator's next value).
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // An integer in [low, high]; low <= high is checked by the caller.
  virtual std::int64_t between(std::int64_t low, std::int64_t high) = 0;
};

// What an evaluation can see: variable values by slot, visited flags by node index, and random().
struct Environment {
  const std::vector<Value>* variables = nullptr;
  const std::vector<bool>* visited = nullptr;
  RandomSource* random = nullptr;  // null: random() is an evaluation error
  std::uint32_t step_budget = 0;   // node evaluations allowed; 0 = 10,000
};

class Expression {
 public:
  // Parses `source` once. Limits: 2,000 characters, nesting depth 64.
  [[nodiscard]] static std::variant<Expression, ExpressionError> parse(std::string_view source);

  // Resolves variable names and visited() node ids to slots; an unknown one is an error at its column.
  [[nodiscard]] std::optional<ExpressionError> bind(const std::vector<std::string>& variables,
                                                    const std::vector<std::string>& nodes);

  // Evaluates; errors (type mismatch, division by zero, budget exhausted, overflow) carry the column.
  [[nodiscard]] std::variant<Value, ExpressionError> evaluate(const Environment& environment) const;

  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] const std::vector<ExpressionNode>& nodes() const { return nodes_; }
  [[nodiscard]] std::int32_t root() const { return root_; }
  [[nodiscard]] bool uses_random() const;
  [[nodiscard]] bool uses_visited() const;

 private:
  std::string source_;
  std::vector<ExpressionNode> nodes_;
  std::int32_t root_ = -1;
};

// round(): half away from zero (round(2.5) = 3, round(-2.5) = -3), exact.
[[nodiscard]] Fraction round_half_away(Fraction value);

// ─── 2. The scenario model ───────────────────────────────────────────────────────────────────────────────

struct Threshold {
  bool below = true;  // below x, else atLeast x
  Fraction value;
  std::size_t ending = 0;  // node index
};

struct Variable {
  std::string name;
  ValueType type = ValueType::number;
  std::optional<Fraction> min, max;  // numbers
  std::vector<std::string> values;   // strings: the allowed values (empty: any)
  Value initial;
  bool meter = false;
  nlohmann::json meter_label;  // string or {lang: string}
  std::vector<Threshold> thresholds;
  std::string pointer;
};

struct Effect {
  bool add = false;  // add value, else set to
  std::size_t variable = 0;
  Expression expression;
  std::string pointer;  // of the expression string
};

struct Choice {
  std::string id;
  nlohmann::json text, feedback;
  Fraction score;
  std::optional<Expression> show_if, enable_if;
  std::string show_if_pointer, enable_if_pointer;
  std::vector<Effect> effects;
  std::size_t next = 0;
  std::string pointer;
};

enum class NodeType { narrative, decision, timed, ending };
[[nodiscard]] std::string_view to_string(NodeType type);

struct Node {
  std::string id;
  NodeType type = NodeType::narrative;
  nlohmann::json text, media, outcome, feedback;
  std::vector<Effect> on_enter;
  std::size_t next = 0;                 // narrative
  std::vector<Choice> choices;          // decision, timed
  std::int64_t seconds = 0;             // timed
  std::vector<Effect> timeout_effects;  // timed
  std::size_t timeout_next = 0;         // timed
  std::optional<Fraction> score;        // ending
  std::string pointer;
};

enum class ScoringMode { none, ending, path };

struct OutcomeRule {
  Expression when;
  std::string when_pointer;
  nlohmann::json level;  // string or {lang: string}
  std::vector<std::string> competencies;
};

struct Scenario {
  std::string id;
  nlohmann::json title;
  std::size_t start = 0;
  bool allow_back = false;
  bool allow_restart = false;
  std::vector<Variable> variables;
  std::vector<Node> nodes;
  ScoringMode mode = ScoringMode::none;
  std::vector<OutcomeRule> outcomes;
  std::string default_language = "en";  // for texts reduced to one string (levels in the run)
  std::string pointer;

  [[nodiscard]] std::optional<std::size_t> node_index(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> variable_index(std::string_view name) const;
};

// What the validator learnt beyond problems: the best score over the paths it searched.
struct Analysis {
  std::optional<Fraction> max_score;  // none in mode "none" or when no ending was reached
  bool search_complete = true;        // false: the work limit stopped the search (max_score a lower bound)
  std::size_t states_explored = 0;
  std::vector<std::string> reachable_levels;  // outcome levels (default language text) some searched path gives
  [[nodiscard]] nlohmann::json to_json() const;
};

struct LoadOptions {
  std::string default_language = "en";
  std::vector<std::string> competencies;  // known competency ids; empty skips the check
  std::size_t max_search_states = 0;      // work limit for the score search; 0 = 200,000
  std::size_t max_nodes = 0;              // 0 = 20,000
};

struct LoadReport {
  std::optional<Scenario> scenario;  // present when there are no errors
  std::vector<Problem> problems;     // structural errors first, then the validation findings
  Analysis analysis;
};

// Reads and validates one scenario object (course.json /scenarios/N, pointer `where`). Never throws.
[[nodiscard]] LoadReport load(const nlohmann::json& value, const std::string& where, const LoadOptions& options = {});

// ─── 3. Runs ─────────────────────────────────────────────────────────────────────────────────────────────

// The seed of one step's random() draws: BLAKE2b-256 of the RFC 8785 form of
// ["tessera-scenario-v1", record_id, scenario_id, run, step].
[[nodiscard]] draw::Seed seed_for(std::string_view record_id, std::string_view scenario_id, std::uint64_t run,
                                  std::uint64_t step);

enum class StepKind { choose, proceed, back, restart };  // proceed = "continue" (a keyword in C++)
[[nodiscard]] std::string_view to_string(StepKind kind);

struct Step {
  StepKind kind = StepKind::proceed;
  std::string choice;  // choose
  std::int64_t t = 0;  // Unix milliseconds, from the action
};

struct PathEntry {
  std::string node;
  std::string choice;  // "" when the timeout branch was taken
  Fraction score;
  std::vector<Value> variables_before;  // at the node, for back navigation
  bool operator==(const PathEntry&) const = default;
};

struct EndedRun {
  std::uint64_t run = 0;
  std::string ending;
  std::optional<Fraction> score;
  std::string level;
  bool operator==(const EndedRun&) const = default;
};

struct Run {
  std::string record_id;         // seeds random()
  std::uint64_t run = 1;         // restarts count up
  std::uint64_t step = 0;        // steps in this run
  std::size_t node = 0;          // current node index
  std::int64_t entered_t = 0;    // when the current node was entered (timed nodes)
  std::vector<Value> variables;  // by slot
  std::vector<Value> at_entry;   // the variables when the current node was entered (after its onEnter)
  std::vector<std::vector<Fraction>> meter_history;  // by slot (empty for non-meters): value after each step
  std::vector<bool> visited;                         // by node index
  std::vector<std::string> visit_order;
  std::vector<PathEntry> path;       // choices in force (back and revisits replace)
  std::vector<std::string> trail;    // every step as taken: "choose:id", "continue", "timeout", "back", "restart",
                                     // "threshold:ending-id"
  std::string last_feedback_choice;  // node/choice whose feedback to show ("" none)
  bool ended = false;
  std::optional<Fraction> score;  // at the ending (mode none: none)
  std::string level;              // default-language text of the outcome level ("" none)
  nlohmann::json level_text;      // as authored
  std::vector<std::string> competencies;
  std::vector<EndedRun> earlier;  // runs finished before a restart
  bool operator==(const Run&) const = default;

  // The whole state as JSON (ids, not indices): what the golden replay test compares byte for byte.
  [[nodiscard]] nlohmann::json to_json(const Scenario& scenario) const;
};

// A run at the start node (its onEnter applied, step 0's seed), or the problem an onEnter effect raised.
[[nodiscard]] Result<Run> start(const Scenario& scenario, std::string record_id, std::int64_t t);

// Applies one step; on a problem (where "/choice", "/type" or an expression's pointer) `run` is unchanged.
[[nodiscard]] std::optional<Problem> apply(const Scenario& scenario, Run& run, const Step& step);

// start + apply for each step; stops at the first refused step (its index in the problem's where: "step N").
[[nodiscard]] Result<Run> fold(const Scenario& scenario, std::string record_id, std::int64_t start_t,
                               const std::vector<Step>& steps);

// Choices of the current node as the learner sees them (hidden ones left out); evaluation errors hide.
struct VisibleChoice {
  const Choice* choice = nullptr;
  bool enabled = false;
};
[[nodiscard]] std::vector<VisibleChoice> visible_choices(const Scenario& scenario, const Run& run);
[[nodiscard]] bool can_back(const Scenario& scenario, const Run& run);

// ─── 4. Twine import ─────────────────────────────────────────────────────────────────────────────────────

struct TweeImport {
  nlohmann::json scenario;        // in this format; valid input gives a scenario load() accepts
  std::vector<Problem> problems;  // where = "line N": errors (no passages, unknown start) and warnings
};
// Twine 2 Twee 3 text → a scenario. Passages with several links become decisions, one link a narrative,
// none an ending; macros and scripts are kept as text and reported as warnings.
[[nodiscard]] TweeImport import_twee(std::string_view text);

}  // namespace tessera::scenario
