// The scenario validator's findings (detail.hpp): type checking and interval bounds of expressions, graph
// checks (unreachable nodes, dead ends, cycles with no way out) and the bounded search over paths that
// gives the maximum achievable score. Findings that bounds cannot decide are left alone, never guessed.
#include <algorithm>
#include <deque>
#include <stdexcept>
#include <unordered_set>

#include "scenario/detail.hpp"

namespace tessera::scenario::detail {

namespace {

using Kind = ExpressionNode::Kind;
using Op = ExpressionNode::Op;
using F = ExpressionNode::Function;
using Bound = std::optional<Fraction>;

struct TypeError {
  ExpressionError error;
};

Abstract number_in(Bound low, Bound high) {
  Abstract a;
  a.type = ValueType::number;
  a.low = low;
  a.high = high;
  return a;
}
Abstract boolean_of(bool can_true, bool can_false) {
  Abstract a;
  a.type = ValueType::boolean;
  a.can_true = can_true;
  a.can_false = can_false;
  return a;
}

// Bound arithmetic that gives up (unbounded) rather than overflow.
template <typename Op2>
Bound combine(const Bound& a, const Bound& b, Op2 op) {
  if (!a || !b) return std::nullopt;
  try {
    return op(*a, *b);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

class AbstractEvaluator {
 public:
  AbstractEvaluator(const Expression& e, const std::vector<Variable>& vars) : e_(e), vars_(vars) {}

  Abstract eval(std::int32_t index) {
    const ExpressionNode& n = e_.nodes()[static_cast<std::size_t>(index)];
    switch (n.kind) {
      case Kind::literal: {
        Abstract a;
        a.type = n.literal.type;
        if (a.type == ValueType::number) a = number_in(n.literal.number, n.literal.number);
        if (a.type == ValueType::boolean) a = boolean_of(n.literal.boolean, !n.literal.boolean);
        if (a.type == ValueType::string) a.strings = std::set<std::string>{n.literal.text};
        return a;
      }
      case Kind::variable: {
        if (n.slot < 0 || static_cast<std::size_t>(n.slot) >= vars_.size())
          fail(n.column, "variable '" + n.name + "' is not declared");
        const Variable& v = vars_[static_cast<std::size_t>(n.slot)];
        Abstract a;
        a.type = v.type;
        if (v.type == ValueType::number) a = number_in(v.min, v.max);
        if (v.type == ValueType::string && !v.values.empty())
          a.strings = std::set<std::string>(v.values.begin(), v.values.end());
        return a;
      }
      case Kind::visited:
        return boolean_of(true, true);
      case Kind::negate: {
        const Abstract a = number(n.children[0], "'-'");
        const Fraction zero = Fraction::of(0);
        auto neg = [&](const Bound& b) {
          return combine(Bound(zero), b, [](Fraction x, Fraction y) { return x - y; });
        };
        return number_in(neg(a.high), neg(a.low));
      }
      case Kind::logical_not: {
        const Abstract a = boolean(n.children[0], "'not'");
        return boolean_of(a.can_false, a.can_true);
      }
      case Kind::binary:
        return binary(n);
      case Kind::call:
        return call(n);
    }
    return {};
  }

  [[noreturn]] static void fail(int column, std::string message) { throw TypeError{{column, std::move(message)}}; }

 private:
  const Expression& e_;
  const std::vector<Variable>& vars_;

  int column_of(std::int32_t index) const { return e_.nodes()[static_cast<std::size_t>(index)].column; }
  Abstract number(std::int32_t index, const char* what) {
    Abstract a = eval(index);
    if (a.type != ValueType::number)
      fail(column_of(index), std::string(what) + " needs a number here, not a " + std::string(to_string(a.type)));
    return a;
  }
  Abstract boolean(std::int32_t index, const char* what) {
    Abstract a = eval(index);
    if (a.type != ValueType::boolean)
      fail(column_of(index), std::string(what) + " needs true or false here, not a " + std::string(to_string(a.type)));
    return a;
  }

  static Bound lower(const Bound& a, const Bound& b) {
    return combine(a, b, [](Fraction x, Fraction y) { return y < x ? y : x; });
  }
  static Bound upper(const Bound& a, const Bound& b) {
    return combine(a, b, [](Fraction x, Fraction y) { return x < y ? y : x; });
  }
  static Abstract min_of(const Abstract& a, const Abstract& b) {
    // The smaller of two: at least the smaller low (unbounded if either is), at most the smaller high.
    const Bound high = !a.high ? b.high : !b.high ? a.high : lower(a.high, b.high);
    return number_in(lower(a.low, b.low), high);
  }
  static Abstract max_of(const Abstract& a, const Abstract& b) {
    const Bound low = !a.low ? b.low : !b.low ? a.low : upper(a.low, b.low);
    return number_in(low, upper(a.high, b.high));
  }

  Abstract binary(const ExpressionNode& n) {
    const std::int32_t l = n.children[0], r = n.children[1];
    switch (n.op) {
      case Op::logical_and: {
        const Abstract a = boolean(l, "'and'"), b = boolean(r, "'and'");
        return boolean_of(a.can_true && b.can_true, a.can_false || b.can_false);
      }
      case Op::logical_or: {
        const Abstract a = boolean(l, "'or'"), b = boolean(r, "'or'");
        return boolean_of(a.can_true || b.can_true, a.can_false && b.can_false);
      }
      case Op::eq:
      case Op::ne: {
        const Abstract a = eval(l), b = eval(r);
        if (a.type != b.type) {
          fail(n.column,
               "cannot compare a " + std::string(to_string(a.type)) + " with a " + std::string(to_string(b.type)));
        }
        bool can_equal = true, can_differ = true;
        if (a.type == ValueType::number) {
          can_equal = !(a.high && b.low && *a.high < *b.low) && !(b.high && a.low && *b.high < *a.low);
          can_differ =
              !(a.low && a.high && b.low && b.high && *a.low == *a.high && *b.low == *b.high && *a.low == *b.low);
        } else if (a.type == ValueType::boolean) {
          can_equal = (a.can_true && b.can_true) || (a.can_false && b.can_false);
          can_differ = (a.can_true && b.can_false) || (a.can_false && b.can_true);
        } else if (a.strings && b.strings) {
          can_equal = std::any_of(a.strings->begin(), a.strings->end(),
                                  [&](const std::string& s) { return b.strings->count(s) > 0; });
          can_differ = !(a.strings->size() == 1 && *a.strings == *b.strings);
        }
        return n.op == Op::eq ? boolean_of(can_equal, can_differ) : boolean_of(can_differ, can_equal);
      }
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        Abstract a = number(l, "a comparison"), b = number(r, "a comparison");
        const bool flip = n.op == Op::gt || n.op == Op::ge;  // a > b is b < a
        if (flip) std::swap(a, b);
        const bool strict = n.op == Op::lt || n.op == Op::gt;
        // a < b can hold unless a's least is at or above b's greatest; it can fail unless a's greatest is below b's
        // least.
        const bool can_true = !(a.low && b.high) || (strict ? *a.low < *b.high : *a.low <= *b.high);
        const bool can_false = !(a.high && b.low) || (strict ? *a.high >= *b.low : *a.high > *b.low);
        return boolean_of(can_true, can_false);
      }
      case Op::add: {
        const Abstract a = number(l, "'+'"), b = number(r, "'+'");
        auto plus = [](Fraction x, Fraction y) { return x + y; };
        return number_in(combine(a.low, b.low, plus), combine(a.high, b.high, plus));
      }
      case Op::sub: {
        const Abstract a = number(l, "'-'"), b = number(r, "'-'");
        auto minus = [](Fraction x, Fraction y) { return x - y; };
        return number_in(combine(a.low, b.high, minus), combine(a.high, b.low, minus));
      }
      case Op::mul:
      case Op::div: {
        const Abstract a = number(l, n.op == Op::mul ? "'*'" : "'/'"), b = number(r, n.op == Op::mul ? "'*'" : "'/'");
        if (!a.low || !a.high || !b.low || !b.high) return number_in(std::nullopt, std::nullopt);
        const Fraction zero = Fraction::of(0);
        if (n.op == Op::div && !(zero < *b.low || *b.high < zero)) return number_in(std::nullopt, std::nullopt);
        try {
          std::vector<Fraction> corners;
          for (const Fraction& x : {*a.low, *a.high}) {
            for (const Fraction& y : {*b.low, *b.high}) corners.push_back(n.op == Op::mul ? x * y : x / y);
          }
          return number_in(*std::min_element(corners.begin(), corners.end()),
                           *std::max_element(corners.begin(), corners.end()));
        } catch (const std::exception&) {
          return number_in(std::nullopt, std::nullopt);
        }
      }
    }
    return {};
  }

  Abstract call(const ExpressionNode& n) {
    switch (n.function) {
      case F::min:
      case F::max: {
        Abstract acc = number(n.children[0], n.function == F::min ? "min()" : "max()");
        for (std::size_t i = 1; i < n.children.size(); ++i) {
          const Abstract next = number(n.children[i], n.function == F::min ? "min()" : "max()");
          acc = n.function == F::min ? min_of(acc, next) : max_of(acc, next);
        }
        return acc;
      }
      case F::clamp: {
        const Abstract x = number(n.children[0], "clamp()"), lo = number(n.children[1], "clamp()"),
                       hi = number(n.children[2], "clamp()");
        return min_of(max_of(x, lo), hi);
      }
      case F::round: {
        const Abstract x = number(n.children[0], "round()");
        auto r = [](const Bound& b) { return b ? Bound(round_half_away(*b)) : std::nullopt; };
        return number_in(r(x.low), r(x.high));
      }
      case F::abs: {
        Abstract x = number(n.children[0], "abs()");
        const Fraction zero = Fraction::of(0);
        auto neg = [&](const Bound& b) {
          return combine(Bound(zero), b, [](Fraction p, Fraction q) { return p - q; });
        };
        if (x.low && zero <= *x.low) return x;
        if (x.high && *x.high <= zero) return number_in(neg(x.high), neg(x.low));
        const Bound high = x.low && x.high ? upper(neg(x.low), x.high) : std::nullopt;
        return number_in(zero, high);
      }
      case F::random: {
        const Abstract lo = number(n.children[0], "random()"), hi = number(n.children[1], "random()");
        return number_in(lo.low, hi.high);
      }
    }
    return {};
  }
};

// "trust is 0…100, mood is 1…3" for the number variables an expression reads.
std::string ranges_of(const Expression& e, const std::vector<Variable>& vars) {
  std::string out;
  std::set<std::int32_t> seen;
  for (const auto& n : e.nodes()) {
    if (n.kind != Kind::variable || n.slot < 0 || !seen.insert(n.slot).second) continue;
    const Variable& v = vars[static_cast<std::size_t>(n.slot)];
    if (v.type == ValueType::boolean) continue;
    if (!out.empty()) out += ", ";
    if (v.type == ValueType::number) {
      out += v.name + " is " + describe_range(v);
    } else {
      out += v.name + " is one of";
      for (const auto& value : v.values) out += " '" + value + "'";
      if (v.values.empty()) out += " any text";
    }
  }
  return out;
}

// Draws within one step come from a script; a draw beyond the script is recorded so the caller can branch.
struct Script {
  std::vector<std::int64_t> picks;
  std::size_t next = 0;
  std::optional<std::pair<std::int64_t, std::int64_t>> needed;
};
class ScriptedSource : public RandomSource {
 public:
  explicit ScriptedSource(Script& script) : script_(script) {}
  std::int64_t between(std::int64_t low, std::int64_t high) override {
    if (script_.next < script_.picks.size()) return std::clamp(script_.picks[script_.next++], low, high);
    if (!script_.needed) script_.needed = std::make_pair(low, high);
    ++script_.next;
    return low;
  }

 private:
  Script& script_;
};

constexpr std::int64_t max_enumerated_draws = 16;

// The values a draw in [low, high] is explored with: all of them up to 16, else 16 spread evenly.
std::vector<std::int64_t> draw_values(std::int64_t low, std::int64_t high, bool& sampled) {
  std::vector<std::int64_t> out;
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  if (span < static_cast<std::uint64_t>(max_enumerated_draws)) {
    for (std::uint64_t i = 0; i <= span; ++i)
      out.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + i));
    return out;
  }
  sampled = true;
  for (std::int64_t i = 0; i < max_enumerated_draws; ++i) {
    const auto offset =
        static_cast<std::uint64_t>(static_cast<double>(span) * static_cast<double>(i) / (max_enumerated_draws - 1));
    out.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + std::min(offset, span)));
  }
  return out;
}

class Search {
 public:
  Search(const Scenario& s, std::size_t limit) : s_(s), limit_(limit) {
    for (const Node& node : s.nodes) {
      for (const Effect& e : node.on_enter) tracks_visited_ = tracks_visited_ || e.expression.uses_visited();
      for (const Choice& c : node.choices) {
        tracks_visited_ =
            tracks_visited_ || (c.show_if && c.show_if->uses_visited()) || (c.enable_if && c.enable_if->uses_visited());
        for (const Effect& e : c.effects) tracks_visited_ = tracks_visited_ || e.expression.uses_visited();
      }
    }
    for (const OutcomeRule& rule : s.outcomes) tracks_visited_ = tracks_visited_ || rule.when.uses_visited();
  }

  void run(Analysis& analysis, std::vector<Problem>& problems) {
    std::vector<Run> stack;
    branch([&](const RandomFactory& random) { return start_with(s_, "search", 0, random); }, stack);
    std::set<std::string> levels;
    std::set<std::size_t> stuck_reported;
    while (!stack.empty()) {
      if (explored_ >= limit_) {
        complete_ = false;
        break;
      }
      Run state = std::move(stack.back());
      stack.pop_back();
      if (!seen_.insert(key(state)).second) continue;
      ++explored_;
      if (state.ended) {
        if (state.score && (!best_ || *best_ < *state.score)) best_ = state.score;
        if (!state.level.empty()) levels.insert(state.level);
        continue;
      }
      const Node& node = s_.nodes[state.node];
      std::vector<Step> steps;
      if (node.type == NodeType::narrative) steps.push_back({StepKind::proceed, {}, state.entered_t});
      for (const VisibleChoice& v : visible_choices(s_, state)) {
        if (v.enabled) steps.push_back({StepKind::choose, v.choice->id, state.entered_t});
      }
      if (node.type == NodeType::timed)
        steps.push_back({StepKind::proceed, {}, state.entered_t + node.seconds * 1000 + 1});
      const std::size_t before = stack.size();
      for (const Step& step : steps) {
        branch(
            [&](const RandomFactory& random) -> Result<Run> {
              Run next = state;
              if (auto problem = apply_with(s_, next, step, random)) return *problem;
              slim(next);
              return next;
            },
            stack);
      }
      if (stack.size() == before && steps.empty() && stuck_reported.insert(state.node).second) {
        std::string trail;
        for (const auto& t : state.trail) trail += (trail.empty() ? "" : ", ") + t;
        problems.push_back(warning_at(
            node.pointer, "node '" + node.id + "' can leave the learner stuck: no choice is shown and enabled",
            "reached by: " + (trail.empty() ? std::string("the start") : trail) +
                "; loosen a showIf/enableIf or add a choice without conditions"));
      }
    }
    analysis.states_explored = explored_;
    analysis.search_complete = complete_ && !sampled_;
    if (s_.mode != ScoringMode::none) analysis.max_score = best_;
    analysis.reachable_levels.assign(levels.begin(), levels.end());
    if (!complete_) {
      problems.push_back(warning_at(
          s_.pointer,
          "the search for the maximum score stopped after " + std::to_string(explored_) + " states" +
              (best_ ? "; " + best_->to_string() + " is a lower bound" : ""),
          "the scenario has more distinct states than the work limit; fewer variables or narrower ranges help"));
    } else if (sampled_) {
      problems.push_back(warning_at(
          s_.pointer,
          "random() ranges wider than 16 values were sampled in the score search; the maximum score is a lower bound"));
    }
  }

 private:
  const Scenario& s_;
  std::size_t limit_;
  bool tracks_visited_ = false;
  bool complete_ = true;
  bool sampled_ = false;
  std::size_t explored_ = 0;
  std::optional<Fraction> best_;
  std::unordered_set<std::string> seen_;

  // Drops what no later state or finding reads, so that copying a state stays cheap on long paths: the
  // visit order and meter histories always, the path unless it is the score, and all but the last steps
  // of the trail (kept for the stuck-learner message).
  void slim(Run& run) const {
    run.visit_order.clear();
    for (auto& history : run.meter_history) history.clear();
    if (s_.mode != ScoringMode::path) run.path.clear();
    for (auto& entry : run.path) entry.variables_before.clear();
    constexpr std::size_t kept_steps = 16;
    if (run.trail.size() > kept_steps) {
      run.trail.erase(run.trail.begin(), run.trail.end() - static_cast<std::ptrdiff_t>(kept_steps - 1));
      run.trail.insert(run.trail.begin(), "…");
    }
  }

  // Everything the future of a run depends on: node, variables, visited flags (if read), the path (scores).
  std::string key(const Run& run) const {
    std::string k = std::to_string(run.node) + (run.ended ? "!" : "|");
    for (const Value& v : run.variables) {
      k += v.type == ValueType::number    ? v.number.to_string()
           : v.type == ValueType::boolean ? (v.boolean ? "T" : "F")
                                          : v.text;
      k += '\x1f';
    }
    if (tracks_visited_) {
      for (bool b : run.visited) k += b ? '1' : '0';
    }
    if (s_.mode == ScoringMode::path) {
      for (const PathEntry& p : run.path) k += p.node + "/" + p.choice + ";";
    }
    return k;
  }

  // Runs `attempt` with scripted draws, branching over each draw's values; successes go on the stack.
  template <typename Attempt>
  void branch(Attempt attempt, std::vector<Run>& stack) {
    std::deque<std::vector<std::int64_t>> scripts{{}};
    while (!scripts.empty()) {
      Script script{std::move(scripts.front()), 0, std::nullopt};
      scripts.pop_front();
      const RandomFactory random = [&script](std::uint64_t, std::uint64_t) -> std::unique_ptr<RandomSource> {
        return std::make_unique<ScriptedSource>(script);
      };
      Result<Run> result = attempt(random);
      if (script.needed) {
        for (std::int64_t value : draw_values(script.needed->first, script.needed->second, sampled_)) {
          auto picks = script.picks;
          picks.push_back(value);
          scripts.push_back(std::move(picks));
        }
        continue;
      }
      if (result) stack.push_back(std::move(result).value());
    }
  }
};

}  // namespace

std::variant<Abstract, ExpressionError> abstract_evaluate(const Expression& expression,
                                                          const std::vector<Variable>& variables) {
  if (expression.root() < 0) return ExpressionError{1, "the expression is empty"};
  try {
    AbstractEvaluator evaluator(expression, variables);
    return evaluator.eval(expression.root());
  } catch (const TypeError& e) {
    return e.error;
  }
}

std::string describe_range(const Variable& v) {
  return (v.min ? v.min->to_string() : std::string("-∞")) + "…" + (v.max ? v.max->to_string() : std::string("∞"));
}

void analyze(const Scenario& s, const LoadOptions& options, std::vector<Problem>& problems, Analysis& analysis) {
  const std::size_t n = s.nodes.size();
  const std::size_t errors_before = static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::error; }));
  auto never = [&](const Expression& e) {
    auto a = abstract_evaluate(e, s.variables);
    return std::holds_alternative<Abstract>(a) && !std::get<Abstract>(a).can_true;
  };
  auto report_never = [&](const std::string& where, const std::string& what, const Expression& e) {
    const std::string ranges = ranges_of(e, s.variables);
    problems.push_back(warning_at(where,
                                  what + " \"" + e.source() + "\" can never hold within the declared ranges" +
                                      (ranges.empty() ? "" : " (" + ranges + ")"),
                                  "fix the condition or the variables' min/max"));
  };

  // Edges that bounds do not rule out.
  std::vector<std::vector<std::size_t>> next(n);
  std::vector<std::size_t> threshold_endings;
  for (const Variable& v : s.variables) {
    for (std::size_t t = 0; t < v.thresholds.size(); ++t) {
      const Threshold& th = v.thresholds[t];
      const bool possible = th.below ? !(v.min && th.value <= *v.min) : !(v.max && *v.max < th.value);
      if (possible) {
        threshold_endings.push_back(th.ending);
      } else {
        problems.push_back(
            warning_at(pointer_append(v.pointer + "/meter/thresholds", t),
                       "meter '" + v.name + "': the threshold can never be crossed within " + describe_range(v),
                       "change the threshold or the variable's min/max"));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Node& node = s.nodes[i];
    if (node.type == NodeType::ending) continue;
    if (node.type == NodeType::narrative) next[i].push_back(node.next);
    if (node.type == NodeType::timed) next[i].push_back(node.timeout_next);
    for (const Choice& c : node.choices) {
      const std::string context = "node '" + node.id + "', choice '" + c.id + "':";
      bool impossible = false;
      if (c.show_if && never(*c.show_if)) {
        report_never(c.show_if_pointer, context + " showIf", *c.show_if);
        impossible = true;
      }
      if (c.enable_if && never(*c.enable_if)) {
        report_never(c.enable_if_pointer, context + " enableIf", *c.enable_if);
        impossible = true;
      }
      if (!impossible) next[i].push_back(c.next);
    }
    if (next[i].empty()) {
      problems.push_back(error_at(
          node.pointer, "node '" + node.id + "' is a dead end: it is not an ending and no choice can ever be taken",
          "make a choice's showIf/enableIf satisfiable, or make the node an ending"));
    }
    // A threshold can end the run from any node the learner stands on.
    if (!next[i].empty()) next[i].insert(next[i].end(), threshold_endings.begin(), threshold_endings.end());
  }
  for (std::size_t r = 0; r < s.outcomes.size(); ++r) {
    if (never(s.outcomes[r].when))
      report_never(s.outcomes[r].when_pointer, "outcome rule " + std::to_string(r) + ":", s.outcomes[r].when);
  }

  // Reachable from the start; able to reach an ending.
  std::vector<bool> reachable(n, false), finishes(n, false);
  std::vector<std::size_t> todo{s.start};
  reachable[s.start] = true;
  // Thresholds can fire before the first choice, too.
  for (std::size_t e : threshold_endings) {
    if (!reachable[e]) {
      reachable[e] = true;
      todo.push_back(e);
    }
  }
  while (!todo.empty()) {
    const std::size_t i = todo.back();
    todo.pop_back();
    for (std::size_t j : next[i]) {
      if (!reachable[j]) {
        reachable[j] = true;
        todo.push_back(j);
      }
    }
  }
  std::vector<std::vector<std::size_t>> previous(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j : next[i]) previous[j].push_back(i);
    if (s.nodes[i].type == NodeType::ending) {
      finishes[i] = true;
      todo.push_back(i);
    }
  }
  while (!todo.empty()) {
    const std::size_t i = todo.back();
    todo.pop_back();
    for (std::size_t j : previous[i]) {
      if (!finishes[j]) {
        finishes[j] = true;
        todo.push_back(j);
      }
    }
  }
  if (std::none_of(s.nodes.begin(), s.nodes.end(), [](const Node& node) { return node.type == NodeType::ending; })) {
    problems.push_back(
        error_at(s.pointer + "/nodes", "the scenario has no ending node", "add a node of type \"ending\""));
  }
  std::vector<std::string> trapped;
  std::string trapped_where;
  for (std::size_t i = 0; i < n; ++i) {
    if (!reachable[i]) {
      problems.push_back(
          warning_at(s.nodes[i].pointer,
                     "node '" + s.nodes[i].id + "' cannot be reached from the start node '" + s.nodes[s.start].id + "'",
                     "link to it from a choice or a next, or remove it"));
    } else if (!finishes[i] && !next[i].empty()) {
      if (trapped.empty()) trapped_where = s.nodes[i].pointer;
      trapped.push_back(s.nodes[i].id);
    }
  }
  if (!trapped.empty()) {
    std::string list;
    for (std::size_t i = 0; i < trapped.size() && i < 12; ++i) list += (i ? ", " : "") + trapped[i];
    if (trapped.size() > 12) list += ", … (" + std::to_string(trapped.size()) + " in all)";
    problems.push_back(error_at(trapped_where,
                                "no ending can be reached from node" + std::string(trapped.size() > 1 ? "s " : " ") +
                                    list + ": the paths loop or stop with no way out",
                                "add a choice that leads towards an ending"));
  }

  const auto errors_now = static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::error; }));
  if (errors_now > errors_before) return;  // the search needs a sound graph
  if (s.mode == ScoringMode::none && s.outcomes.empty()) return;
  Search search(s, options.max_search_states ? options.max_search_states : 200000);
  search.run(analysis, problems);
}

}  // namespace tessera::scenario::detail
