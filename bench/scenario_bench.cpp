// Benchmarks of the scenario engine: evaluate 1,000,000 expressions; load and validate a generated
// 5,000-node scenario (graph checks, interval bounds and the bounded score search); replay a 1,000-step path.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"
#include "tessera/scenario.hpp"

namespace {

using nlohmann::json;
namespace scenario = tessera::scenario;

std::vector<scenario::Expression> expressions;
std::vector<scenario::Value> variables;
std::vector<bool> visited;
json big_scenario;
std::optional<scenario::Scenario> loop_scenario;  // optional: filled by setup, so nothing can throw before main
std::vector<scenario::Step> loop_steps;

void prepare_expressions() {
  if (!expressions.empty()) return;
  const std::vector<std::string> names = {"trust", "minutes", "mood", "apologised", "tone"};
  variables = {scenario::Value::of(tessera::assess::Fraction::of(55)),
               scenario::Value::of(tessera::assess::Fraction::of(7, 2)),
               scenario::Value::of(tessera::assess::Fraction::of(2)), scenario::Value::of(true),
               scenario::Value::of(std::string("warm"))};
  visited = {true, false};
  for (const char* source : {"trust >= 70 and apologised", "clamp(trust + 5 * mood / 2, 0, 100)",
                             "round(minutes * 3 / 2) + abs(-mood)", "tone == 'warm' or visited(\"intro\")",
                             "max(trust, minutes, 10) - min(mood, 1)", "not apologised or trust < 40"}) {
    auto parsed = scenario::Expression::parse(source);
    auto& expression = std::get<scenario::Expression>(parsed);
    if (expression.bind(names, {"intro", "later"}))
      throw std::runtime_error(std::string("bench expression does not bind: ") + source);
    expressions.push_back(std::move(expression));
  }
}

// 50 chapters of 100 nodes: each node a decision (advance, or skip ahead when trust allows) with effects;
// each chapter ends in an ending or leads on. Loops back one node keep the cycle checks honest.
void prepare_big() {
  if (!big_scenario.is_null()) return;
  json nodes = json::array();
  const int count = 5000;
  for (int i = 0; i < count; ++i) {
    const std::string id = "n" + std::to_string(i);
    if (i % 100 == 99 || i == count - 1) {
      nodes.push_back({{"id", id}, {"type", "ending"}, {"outcome", "Chapter end"}, {"score", i % 7}});
      continue;
    }
    const std::string next = "n" + std::to_string(i + 1);
    const std::string skip = "n" + std::to_string(std::min(i + 2, count - 1));
    const std::string back = "n" + std::to_string(i > 0 && i % 100 != 0 ? i - 1 : i + 1);
    nodes.push_back(
        {{"id", id},
         {"type", "decision"},
         {"text", "Step"},
         {"choices",
          {{{"id", "advance"}, {"text", "On"}, {"effects", {{{"add", "trust"}, {"value", "1"}}}}, {"next", next}},
           {{"id", "skip"},
            {"text", "Skip"},
            {"enableIf", "trust >= 3 and not flag"},
            {"effects", {{{"add", "trust"}, {"value", "-2"}}, {{"set", "flag"}, {"to", "true"}}}},
            {"next", skip}},
           {{"id", "back"}, {"text", "Back"}, {"showIf", "trust < 10"}, {"next", back}}}}});
  }
  // Chapters chain: each chapter's ending is reached; the first node of each chapter is linked from the start.
  json start_choices = json::array();
  for (int c = 0; c < count / 100; ++c) {
    start_choices.push_back(
        {{"id", "chapter-" + std::to_string(c)}, {"text", "Chapter"}, {"next", "n" + std::to_string(c * 100)}});
  }
  nodes.push_back({{"id", "start"}, {"type", "decision"}, {"text", "Pick a chapter"}, {"choices", start_choices}});
  big_scenario = {{"id", "big"},
                  {"start", "start"},
                  {"variables",
                   {{"trust", {{"type", "number"}, {"min", 0}, {"max", 10}, {"initial", 0}}},
                    {"flag", {{"type", "boolean"}, {"initial", false}}}}},
                  {"scoring", {{"mode", "ending"}}},
                  {"nodes", nodes}};
  const auto report = scenario::load(big_scenario, "");
  if (!report.scenario) throw std::runtime_error("bench scenario does not load: " + report.problems.front().message);
}

void prepare_loop() {
  if (!loop_steps.empty()) return;
  const json loop = json::parse(R"json({"id": "loop", "start": "desk", "allowBack": true,
    "variables": {"energy": {"type": "number", "min": 0, "max": 100, "initial": 50,
                             "meter": {"label": "Energy", "thresholds": [{"below": 0, "ending": "done"}]}},
                  "calls": {"type": "number", "min": 0, "max": 100000, "initial": 0}},
    "scoring": {"mode": "path", "outcomes": [{"when": "calls >= 100", "level": "busy"}, {"when": "true", "level": "quiet"}]},
    "nodes": [
      {"id": "desk", "type": "decision", "text": "The phone rings.", "choices": [
        {"id": "answer", "text": "Answer", "score": 1, "effects": [{"add": "energy", "value": "random(-3, 3)"}, {"add": "calls", "value": "1"}], "next": "call"},
        {"id": "rest", "text": "Rest", "enableIf": "calls >= 0 and energy <= 100", "effects": [{"add": "energy", "value": "5"}], "next": "call"},
        {"id": "leave", "text": "Leave", "next": "done"}]},
      {"id": "call", "type": "narrative", "text": "A call.", "next": "desk"},
      {"id": "done", "type": "ending", "outcome": "Day over"}]})json");
  auto report = scenario::load(loop, "");
  if (!report.scenario) throw std::runtime_error("bench loop does not load: " + report.problems.front().message);
  loop_scenario = std::move(*report.scenario);
  for (int i = 0; i < 1000; ++i) {
    if (i % 2 == 1) {
      loop_steps.push_back({scenario::StepKind::proceed, "", std::int64_t{i} * 1000});
    } else {
      loop_steps.push_back({scenario::StepKind::choose, i % 10 == 4 ? "rest" : "answer", std::int64_t{i} * 1000});
    }
  }
  if (auto run = scenario::fold(*loop_scenario, "record", 0, loop_steps); !run) {
    throw std::runtime_error("bench replay is refused: " + run.problems().front().message);
  }
}

TESSERA_BENCH({.name = "scenario/evaluate-1000000-expressions", .repeats = 5, .setup = prepare_expressions, .run = [] {
                 const scenario::Environment env{&variables, &visited, nullptr, 0};
                 std::size_t trues = 0;
                 for (int i = 0; i < 1'000'000; ++i) {
                   auto value = expressions[static_cast<std::size_t>(i) % expressions.size()].evaluate(env);
                   trues += std::get<scenario::Value>(value).boolean ? 1 : 0;
                 }
                 tessera::bench::keep(&trues);
               }});

TESSERA_BENCH({.name = "scenario/validate-5000-node-scenario", .repeats = 3, .setup = prepare_big, .run = [] {
                 const auto report = scenario::load(big_scenario, "");
                 tessera::bench::keep(&report);
               }});

TESSERA_BENCH({.name = "scenario/replay-1000-step-path", .repeats = 7, .setup = prepare_loop, .run = [] {
                 const auto run = scenario::fold(*loop_scenario, "record", 0, loop_steps);
                 tessera::bench::keep(&run);
               }});

}  // namespace
