// The scenario engine against tests/golden/scenario: validation findings, every scoring mode, refusals,
// and a replay whose whole state must equal a golden file byte for byte (the same test runs in Wasm, so
// native and Wasm replays agree). The expected files are known answers from outside the engine (by hand,
// and from tests/lib/scenario-reference.mjs): tests/golden/scenario/README.md says how each was made.
// No test here writes them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/scenario.hpp"

using nlohmann::json;
namespace scenario = tessera::scenario;

namespace {

std::vector<scenario::Step> steps_of(const json& list) {
  std::vector<scenario::Step> steps;
  for (const auto& s : list) {
    scenario::Step step;
    const std::string kind = s["kind"];
    step.kind = kind == "choose"    ? scenario::StepKind::choose
                : kind == "back"    ? scenario::StepKind::back
                : kind == "restart" ? scenario::StepKind::restart
                                    : scenario::StepKind::proceed;
    step.choice = s.value("choice", std::string());
    step.t = s["t"].get<std::int64_t>();
    steps.push_back(step);
  }
  return steps;
}

scenario::Scenario load_valid(const json& value) {
  auto report = scenario::load(value, "/scenarios/0");
  INFO(tessera::to_json(report.problems).dump(1));
  REQUIRE(report.scenario);
  return std::move(*report.scenario);
}

// A case's scenario: inline, or the name of a file beside the cases.
json scenario_of(const json& c) {
  if (c["scenario"].is_string())
    return json::parse(tessera::test::read_golden("scenario/" + c["scenario"].get<std::string>()));
  return c["scenario"];
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether `problem` is the expected finding: severity, pointer, the finding's phrase and every mention
// (in the message or the hint).
bool is_finding(const tessera::Problem& problem, const json& finding, const json& codes) {
  const std::string severity = problem.severity == tessera::Severity::error ? "error" : "warning";
  const std::string said = problem.message + " | " + problem.hint;
  if (severity != finding["severity"] || problem.where != finding["where"]) return false;
  if (!contains(problem.message, codes.at(finding["finding"].get<std::string>()).get<std::string>())) return false;
  for (const auto& mention : finding["mentions"]) {
    if (!contains(said, mention.get<std::string>())) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("scenario validation findings name the pointer and the node", "[scenario][golden]") {
  const json cases = json::parse(tessera::test::read_golden("scenario/validation-cases.json"))["cases"];
  const json expected = json::parse(tessera::test::read_golden("scenario/validation.expected.json"));
  const json& codes = expected["findingCodes"];
  REQUIRE(expected["cases"].size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    const json& want = expected["cases"][i];
    REQUIRE(want["name"] == c["name"]);
    scenario::LoadOptions options;
    options.max_search_states = c.value("maxSearchStates", std::size_t{0});
    options.competencies = {"c-deescalate"};
    const auto report = scenario::load(c["scenario"], "/scenarios/0", options);
    INFO(c["name"].get<std::string>() << "\nproblems: " << tessera::to_json(report.problems).dump(1));
    CHECK(report.scenario.has_value() == want["valid"].get<bool>());
    CHECK(report.analysis.to_json() == want["analysis"]);
    // Each expected finding is exactly one problem, and no problem is left over (order is not a known answer).
    std::vector<bool> matched(report.problems.size(), false);
    for (const auto& finding : want["findings"]) {
      bool found = false;
      for (std::size_t p = 0; p < report.problems.size() && !found; ++p) {
        if (!matched[p] && is_finding(report.problems[p], finding, codes)) matched[p] = found = true;
      }
      INFO("expected finding: " << finding.dump());
      CHECK(found);
    }
    CHECK(report.problems.size() == want["findings"].size());
  }
}

TEST_CASE("scenario scoring modes, thresholds, draws, timed nodes, back, restart and refusals", "[scenario][golden]") {
  const json cases = json::parse(tessera::test::read_golden("scenario/scoring-cases.json"))["cases"];
  const json expected = json::parse(tessera::test::read_golden("scenario/scoring.expected.json"));
  REQUIRE(expected.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    const json& want = expected[i];
    REQUIRE(want["name"] == c["name"]);
    INFO(c["name"].get<std::string>());
    const auto s = load_valid(scenario_of(c));
    auto run = scenario::fold(s, c["recordId"], c["startT"].get<std::int64_t>(), steps_of(c["steps"]));
    if (want.contains("refused")) {
      const json& refusal = want["refused"];
      REQUIRE(!run);
      const tessera::Problem& problem = run.problems().front();
      INFO(problem.message);
      CHECK(problem.where == refusal["where"]);
      CHECK(problem.message.rfind("step " + std::to_string(refusal["step"].get<int>()) + " (", 0) == 0);
      for (const auto& mention : refusal["mentions"])
        CHECK(contains(problem.message + " | " + problem.hint, mention.get<std::string>()));
      continue;
    }
    INFO((run ? std::string() : tessera::to_json(run.problems()).dump(1)));
    REQUIRE(run);
    const json state = run.value().to_json(s);
    for (const auto& [key, value] : want.items()) {
      if (key == "name") continue;
      INFO(key);
      CHECK(state.value(key, json()) == value);
    }
  }
}

TEST_CASE("a refused step leaves the run exactly as it was", "[scenario]") {
  const auto s = load_valid(json::parse(tessera::test::read_golden("scenario/angry-customer.json")));
  auto started = scenario::start(s, "record", 1000);
  REQUIRE(started);
  scenario::Run run = started.value();
  REQUIRE(!scenario::apply(s, run, {scenario::StepKind::proceed, "", 2000}));
  const scenario::Run before = run;
  const auto problem = scenario::apply(s, run, {scenario::StepKind::choose, "refund-now", 3000});
  REQUIRE(problem);
  CHECK(problem->where == "/choice");
  CHECK(problem->message == "choice 'refund-now' is not on node 'first-reply'");
  CHECK(run == before);
}

TEST_CASE("random() draws from the record's seed: same record, same run; another record may differ", "[scenario]") {
  const auto s = load_valid(json::parse(tessera::test::read_golden("scenario/angry-customer.json")));
  std::set<std::string> moods;
  for (int i = 0; i < 40; ++i) {
    const auto a = scenario::start(s, "record-" + std::to_string(i), 0);
    const auto b = scenario::start(s, "record-" + std::to_string(i), 0);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a.value() == b.value());
    moods.insert(a.value().variables[*s.variable_index("mood")].number.to_string());
  }
  CHECK(moods == std::set<std::string>{"1", "2", "3"});  // every value of random(1, 3) turns up
  // The seed is BLAKE2b of ["tessera-scenario-v1", record, scenario, run, step] in RFC 8785 form.
  const auto seed = scenario::seed_for("r", "s", 1, 0);
  const std::string canonical = R"(["tessera-scenario-v1","r","s",1,0])";
  CHECK(seed == tessera::crypto::blake2b(tessera::crypto::as_bytes(canonical)));
}

TEST_CASE("a replayed path reaches the golden state byte for byte", "[scenario][golden]") {
  const auto s = load_valid(json::parse(tessera::test::read_golden("scenario/angry-customer.json")));
  const json replay = json::parse(tessera::test::read_golden("scenario/replay-steps.json"));
  auto run = scenario::fold(s, replay["recordId"], replay["startT"].get<std::int64_t>(), steps_of(replay["steps"]));
  REQUIRE(run);
  CHECK(run.value().to_json(s).dump(1) + "\n" == tessera::test::read_golden("scenario/replay-state.expected.json"));
}

TEST_CASE("the worked example in docs/scenarios.md", "[scenario]") {
  const auto s = load_valid(json::parse(tessera::test::read_golden("scenario/angry-customer.json")));
  const auto report = scenario::load(json::parse(tessera::test::read_golden("scenario/angry-customer.json")), "");
  CHECK(report.problems.empty());
  CHECK(report.analysis.max_score == tessera::assess::Fraction::of(6));
  using K = scenario::StepKind;
  // Record "r1" draws mood = 1 (as the docs' table says).
  auto run = scenario::fold(s, "r1", 0,
                            {{K::proceed, "", 1000}, {K::choose, "apologise", 5000}, {K::choose, "vip-credit", 9000}});
  REQUIRE(run);
  const json state = run.value().to_json(s);
  CHECK(state["variables"]["mood"] == "1");
  CHECK(state["score"] == "6");
  CHECK(state["level"] == "competent");
  CHECK(state["meters"]["trust"] == json::array({"40", "40", "50", "54"}));
  auto late = scenario::fold(
      s, "r1", 0, {{K::proceed, "", 1000}, {K::choose, "apologise", 5000}, {K::choose, "vip-credit", 36000}});
  REQUIRE(late);
  CHECK(late.value().to_json(s)["ending"] == "hung-up");
  CHECK(late.value().to_json(s)["score"] == "2");
  CHECK(late.value().to_json(s)["variables"]["trust"] == "40");
}
