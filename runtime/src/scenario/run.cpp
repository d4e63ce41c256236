// The run fold (scenario.hpp §3): start, choose, continue, back, restart; effects clamped to declared
// ranges, meter thresholds, timed nodes decided by the steps' own timestamps, scoring per mode and the
// outcome rules, random() from a seed per record, scenario, run and step.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "scenario/detail.hpp"
#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"

namespace tessera::scenario {

namespace {

using detail::RandomFactory;

class SeededSource : public RandomSource {
 public:
  explicit SeededSource(const draw::Seed& seed) : generator_(seed) {}
  std::int64_t between(std::int64_t low, std::int64_t high) override {
    const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
    const std::uint64_t offset = span == UINT64_MAX ? generator_.next() : generator_.below(span + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
  }

 private:
  draw::Generator generator_;
};

// Creates the step's source on the first random() call only: most steps draw nothing, and a seed costs a hash.
class LazySource : public RandomSource {
 public:
  LazySource(const RandomFactory& factory, std::uint64_t run, std::uint64_t step)
      : factory_(factory), run_(run), step_(step) {}
  std::int64_t between(std::int64_t low, std::int64_t high) override {
    if (!source_) source_ = factory_(run_, step_);
    return source_->between(low, high);
  }

 private:
  const RandomFactory& factory_;
  std::uint64_t run_, step_;
  std::unique_ptr<RandomSource> source_;
};

std::string text_in(const nlohmann::json& text, const std::string& language) {
  if (text.is_string()) return text.get<std::string>();
  if (text.is_object() && !text.empty()) {
    const auto found = text.find(language);
    const auto& chosen = found != text.end() ? *found : text.begin().value();
    if (chosen.is_string()) return chosen.get<std::string>();
  }
  return {};
}

class Stepper {
 public:
  Stepper(const Scenario& s, Run& run, LazySource& random) : s_(s), run_(run), random_(random) {}

  Environment environment() const { return {&run_.variables, &run_.visited, &random_, 0}; }

  std::optional<Problem> evaluate(const Expression& e, const std::string& where, const std::string& context,
                                  Value& out) {
    auto result = e.evaluate(environment());
    if (auto* error = std::get_if<ExpressionError>(&result)) {
      return error_at(where, context + ": column " + std::to_string(error->column) + ": " + error->message,
                      "the expression is \"" + e.source() + "\"");
    }
    out = std::get<Value>(std::move(result));
    return std::nullopt;
  }

  std::optional<Problem> effects(const std::vector<Effect>& list, const std::string& context) {
    for (const Effect& effect : list) {
      const Variable& v = s_.variables[effect.variable];
      Value value;
      if (auto problem = evaluate(effect.expression, effect.pointer, context, value)) return problem;
      if (value.type != v.type) {
        return error_at(effect.pointer, context + ": '" + v.name + "' is a " + std::string(to_string(v.type)) +
                                            " but the effect gives a " + std::string(to_string(value.type)));
      }
      Value& target = run_.variables[effect.variable];
      if (v.type == ValueType::number) {
        Fraction result = value.number;
        try {
          if (effect.add) result = target.number + value.number;
        } catch (const std::exception&) {
          return error_at(effect.pointer, context + ": '" + v.name + "' grew beyond the exact range");
        }
        if (v.min && result < *v.min) result = *v.min;
        if (v.max && *v.max < result) result = *v.max;
        target = Value::of(result);
      } else {
        if (v.type == ValueType::string && !v.values.empty() &&
            std::find(v.values.begin(), v.values.end(), value.text) == v.values.end()) {
          return error_at(effect.pointer,
                          context + ": '" + value.text + "' is not one of the values of '" + v.name + "'");
        }
        target = std::move(value);
      }
    }
    return std::nullopt;
  }

  // The first meter threshold that holds, in variable then threshold order.
  std::optional<std::size_t> threshold() const {
    for (std::size_t i = 0; i < s_.variables.size(); ++i) {
      for (const Threshold& t : s_.variables[i].thresholds) {
        const Fraction value = run_.variables[i].number;
        if (t.below ? value < t.value : t.value <= value) return t.ending;
      }
    }
    return std::nullopt;
  }

  // Enters a node: revisits cut the path back, onEnter runs, an ending finishes the run.
  std::optional<Problem> enter(std::size_t index, std::int64_t t) {
    const Node& node = s_.nodes[index];
    run_.node = index;
    run_.entered_t = t;
    if (!run_.visited[index]) run_.visit_order.push_back(node.id);
    run_.visited[index] = true;
    for (std::size_t i = 0; i < run_.path.size(); ++i) {
      if (run_.path[i].node == node.id) {
        run_.path.resize(i);  // revisiting a node replaces its choice and discards the later ones
        break;
      }
    }
    if (auto problem = effects(node.on_enter, "node '" + node.id + "', onEnter")) return problem;
    run_.at_entry = run_.variables;
    if (node.type == NodeType::ending) return finish();
    return std::nullopt;
  }

  // After a step's effects: a threshold that holds sends the learner to its ending.
  std::optional<Problem> settle(std::int64_t t) {
    if (s_.nodes[run_.node].type == NodeType::ending) return std::nullopt;
    if (auto ending = threshold()) {
      run_.trail.push_back("threshold:" + s_.nodes[*ending].id);
      return enter(*ending, t);
    }
    return std::nullopt;
  }

  std::optional<Problem> go(std::size_t target, std::int64_t t) {
    if (auto ending = threshold()) {
      run_.trail.push_back("threshold:" + s_.nodes[*ending].id);
      return enter(*ending, t);
    }
    if (auto problem = enter(target, t)) return problem;
    return settle(t);
  }

  std::optional<Problem> finish() {
    const Node& ending = s_.nodes[run_.node];
    run_.ended = true;
    switch (s_.mode) {
      case ScoringMode::none:
        run_.score.reset();
        break;
      case ScoringMode::ending:
        run_.score = ending.score.value_or(Fraction::of(0));
        break;
      case ScoringMode::path: {
        Fraction total;
        for (const PathEntry& p : run_.path) total = total + p.score;
        run_.score = total;
        break;
      }
    }
    for (std::size_t r = 0; r < s_.outcomes.size(); ++r) {
      Value holds;
      if (auto problem =
              evaluate(s_.outcomes[r].when, s_.outcomes[r].when_pointer, "outcome rule " + std::to_string(r), holds)) {
        return problem;
      }
      if (holds.type == ValueType::boolean && holds.boolean) {
        run_.level_text = s_.outcomes[r].level;
        run_.level = text_in(s_.outcomes[r].level, s_.default_language);
        run_.competencies = s_.outcomes[r].competencies;
        break;
      }
    }
    return std::nullopt;
  }

  void record_meters() {
    for (std::size_t i = 0; i < s_.variables.size(); ++i) {
      if (s_.variables[i].meter) run_.meter_history[i].push_back(run_.variables[i].number);
    }
  }

 private:
  const Scenario& s_;
  Run& run_;
  LazySource& random_;
};

Run fresh(const Scenario& s, std::string record_id, std::uint64_t run_number) {
  Run run;
  run.record_id = std::move(record_id);
  run.run = run_number;
  run.node = s.start;
  for (const Variable& v : s.variables) run.variables.push_back(v.initial);
  run.meter_history.resize(s.variables.size());
  run.visited.assign(s.nodes.size(), false);
  return run;
}

std::optional<Problem> begin(const Scenario& s, Run& run, std::int64_t t, const RandomFactory& random) {
  LazySource source(random, run.run, 0);
  Stepper stepper(s, run, source);
  if (auto problem = stepper.enter(s.start, t)) return problem;
  if (auto problem = stepper.settle(t)) return problem;
  stepper.record_meters();
  return std::nullopt;
}

}  // namespace

namespace detail {

RandomFactory seeded_random(const Scenario& scenario, const std::string& record_id) {
  return [id = scenario.id, record_id](std::uint64_t run, std::uint64_t step) -> std::unique_ptr<RandomSource> {
    return std::make_unique<SeededSource>(seed_for(record_id, id, run, step));
  };
}

Result<Run> start_with(const Scenario& scenario, std::string record_id, std::int64_t t, const RandomFactory& random) {
  Run run = fresh(scenario, std::move(record_id), 1);
  if (auto problem = begin(scenario, run, t, random)) return *problem;
  return run;
}

std::optional<Problem> apply_with(const Scenario& s, Run& live, const Step& step, const RandomFactory& random) {
  Run run = live;  // work on a copy: a refused step leaves the run as it was
  ++run.step;
  const Node& node = s.nodes[run.node];
  if (step.kind == StepKind::restart) {
    if (!s.allow_restart) return error_at("/type", "scenario '" + s.id + "' does not allow restarting");
    Run next = fresh(s, run.record_id, run.run + 1);
    next.earlier = run.earlier;
    next.earlier.push_back({run.run, run.ended ? node.id : std::string(), run.score, run.level});
    next.trail = run.trail;
    next.trail.push_back("restart");
    if (auto problem = begin(s, next, step.t, random)) return problem;
    live = std::move(next);
    return std::nullopt;
  }
  if (run.ended) {
    return error_at("/type", "scenario '" + s.id + "' has ended at '" + node.id + "'",
                    s.allow_restart ? "restart it to play again" : "this scenario cannot be replayed");
  }
  LazySource source(random, run.run, run.step);
  Stepper stepper(s, run, source);
  std::optional<Problem> problem;
  const bool timed_out = node.type == NodeType::timed && step.t > run.entered_t + node.seconds * 1000;
  if (step.kind == StepKind::back) {
    if (!s.allow_back) return error_at("/type", "scenario '" + s.id + "' does not allow going back");
    if (run.path.empty())
      return error_at("/type", "there is no earlier choice to go back to", "choose one of the choices shown");
    PathEntry last = std::move(run.path.back());
    run.path.pop_back();
    run.variables = last.variables_before;
    run.at_entry = last.variables_before;
    run.node = *s.node_index(last.node);
    run.entered_t = step.t;
    run.last_feedback_choice.clear();
    run.trail.push_back("back");
  } else if (timed_out && (step.kind == StepKind::choose || step.kind == StepKind::proceed)) {
    // The learner answered after the time ran out: the timeout branch is taken instead.
    run.path.push_back({node.id, "", Fraction::of(0), run.at_entry});
    run.trail.push_back("timeout");
    run.last_feedback_choice.clear();
    problem = stepper.effects(node.timeout_effects, "node '" + node.id + "', timeout");
    if (!problem) problem = stepper.go(node.timeout_next, step.t);
  } else if (step.kind == StepKind::proceed) {
    if (node.type != NodeType::narrative) {
      if (node.type == NodeType::timed) {
        return error_at("/type", "the time on node '" + node.id + "' has not run out; choose one of its choices",
                        "continue is taken on a timed node only after its deadline");
      }
      return error_at(
          "/type", "node '" + node.id + "' is a " + std::string(to_string(node.type)) + "; choose one of its choices");
    }
    run.trail.push_back("continue");
    run.last_feedback_choice.clear();
    problem = stepper.go(node.next, step.t);
  } else {
    if (node.type != NodeType::decision && node.type != NodeType::timed) {
      return error_at("/choice",
                      "node '" + node.id + "' is a " + std::string(to_string(node.type)) + " and has no choices",
                      "continue instead");
    }
    const auto found =
        std::find_if(node.choices.begin(), node.choices.end(), [&](const Choice& c) { return c.id == step.choice; });
    if (found == node.choices.end()) {
      return error_at("/choice", "choice '" + step.choice + "' is not on node '" + node.id + "'",
                      "choose one of the choices shown");
    }
    const Choice& choice = *found;
    const std::string context = "node '" + node.id + "', choice '" + choice.id + "'";
    Value shown = Value::of(true), enabled = Value::of(true);
    if (choice.show_if) {
      if (auto p = stepper.evaluate(*choice.show_if, choice.show_if_pointer, context + ", showIf", shown)) return p;
    }
    if (!shown.boolean)
      return error_at("/choice", "choice '" + choice.id + "' is hidden on node '" + node.id + "'",
                      "choose one of the choices shown");
    if (choice.enable_if) {
      if (auto p = stepper.evaluate(*choice.enable_if, choice.enable_if_pointer, context + ", enableIf", enabled))
        return p;
    }
    if (!enabled.boolean)
      return error_at("/choice", "choice '" + choice.id + "' is disabled on node '" + node.id + "'",
                      "choose an enabled choice");
    run.path.push_back({node.id, choice.id, choice.score, run.at_entry});
    run.trail.push_back("choose:" + choice.id);
    run.last_feedback_choice = choice.feedback.is_null() ? std::string() : node.id + "/" + choice.id;
    problem = stepper.effects(choice.effects, context);
    if (!problem) problem = stepper.go(choice.next, step.t);
  }
  if (problem) return problem;
  stepper.record_meters();
  live = std::move(run);
  return std::nullopt;
}

}  // namespace detail

draw::Seed seed_for(std::string_view record_id, std::string_view scenario_id, std::uint64_t run, std::uint64_t step) {
  const nlohmann::json input = {"tessera-scenario-v1", std::string(record_id), std::string(scenario_id), run, step};
  // Strings and whole numbers always canonicalise.
  const std::string canonical = jcs::canonicalize(input).value();
  return crypto::blake2b(crypto::as_bytes(canonical));
}

std::string_view to_string(StepKind kind) {
  switch (kind) {
    case StepKind::choose:
      return "choose";
    case StepKind::proceed:
      return "continue";
    case StepKind::back:
      return "back";
    case StepKind::restart:
      return "restart";
  }
  return "continue";
}

Result<Run> start(const Scenario& scenario, std::string record_id, std::int64_t t) {
  const auto random = detail::seeded_random(scenario, record_id);
  return detail::start_with(scenario, std::move(record_id), t, random);
}

std::optional<Problem> apply(const Scenario& scenario, Run& run, const Step& step) {
  return detail::apply_with(scenario, run, step, detail::seeded_random(scenario, run.record_id));
}

Result<Run> fold(const Scenario& scenario, std::string record_id, std::int64_t start_t,
                 const std::vector<Step>& steps) {
  auto started = start(scenario, std::move(record_id), start_t);
  if (!started) return started;
  Run run = std::move(started).value();
  const auto random = detail::seeded_random(scenario, run.record_id);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (auto problem = detail::apply_with(scenario, run, steps[i], random)) {
      problem->message = "step " + std::to_string(i + 1) + " (" + std::string(to_string(steps[i].kind)) +
                         (steps[i].choice.empty() ? "" : " " + steps[i].choice) + "): " + problem->message;
      return *problem;
    }
  }
  return run;
}

std::vector<VisibleChoice> visible_choices(const Scenario& scenario, const Run& run) {
  std::vector<VisibleChoice> out;
  if (run.ended) return out;
  const Environment env{&run.variables, &run.visited, nullptr, 0};
  auto holds = [&](const std::optional<Expression>& e) {
    if (!e) return true;
    auto result = e->evaluate(env);
    const Value* v = std::get_if<Value>(&result);
    return v && v->type == ValueType::boolean && v->boolean;
  };
  for (const Choice& c : scenario.nodes[run.node].choices) {
    if (holds(c.show_if)) out.push_back({&c, holds(c.enable_if)});
  }
  return out;
}

bool can_back(const Scenario& scenario, const Run& run) {
  return scenario.allow_back && !run.ended && !run.path.empty();
}

nlohmann::json Run::to_json(const Scenario& scenario) const {
  using nlohmann::json;
  json vars = json::object(), meters = json::object();
  for (std::size_t i = 0; i < scenario.variables.size() && i < variables.size(); ++i) {
    vars[scenario.variables[i].name] = variables[i].to_json();
    if (scenario.variables[i].meter) {
      json history = json::array();
      for (const Fraction& f : meter_history[i]) history.push_back(f.to_string());
      meters[scenario.variables[i].name] = std::move(history);
    }
  }
  json path_json = json::array();
  for (const PathEntry& p : path) {
    json entry = {{"node", p.node}, {"score", p.score.to_string()}};
    entry[p.choice.empty() ? "timeout" : "choice"] = p.choice.empty() ? json(true) : json(p.choice);
    path_json.push_back(std::move(entry));
  }
  json earlier_json = json::array();
  for (const EndedRun& e : earlier) {
    json entry = {{"run", e.run},
                  {"ending", e.ending.empty() ? json(nullptr) : json(e.ending)},
                  {"level", e.level.empty() ? json(nullptr) : json(e.level)}};
    entry["score"] = e.score ? json(e.score->to_string()) : json(nullptr);
    earlier_json.push_back(std::move(entry));
  }
  json out = {{"scenario", scenario.id}, {"run", run},        {"step", step},     {"node", scenario.nodes[node].id},
              {"enteredT", entered_t},   {"variables", vars}, {"meters", meters}, {"visited", visit_order},
              {"path", path_json},       {"trail", trail},    {"ended", ended},   {"earlierRuns", earlier_json}};
  if (ended) {
    out["ending"] = scenario.nodes[node].id;
    out["score"] = score ? json(score->to_string()) : json(nullptr);
    out["level"] = level.empty() ? json(nullptr) : json(level);
    out["competencies"] = competencies;
  }
  return out;
}

}  // namespace tessera::scenario
