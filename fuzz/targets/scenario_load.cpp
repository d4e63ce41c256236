// Fuzz target scenario_load: one scenario object through scenario::load (validation and the score search),
// then a run started from it.
#include "harness.hpp"
#include "tessera/scenario.hpp"

namespace tessera::fuzz {

// Loads `value` as a scenario, checking the report; the scenario when it loaded. Shared with twee.cpp.
std::optional<scenario::Scenario> load_scenario(const nlohmann::json& value) {
  scenario::LoadOptions options;
  options.max_search_states = 20000;  // a tenth of the default: many inputs per second
  scenario::LoadReport report = no_throw("scenario::load", [&] { return scenario::load(value, "", options); });
  expect_clear(report.problems, "scenario::load");
  require(report.scenario.has_value() != has_errors(report.problems),
          "scenario::load returned a scenario and errors, or neither");
  if (!report.scenario) return std::nullopt;
  expect_clear(no_throw("scenario::start", [&] { return scenario::start(*report.scenario, "fuzz", 0); }),
               "scenario::start");
  return std::move(report.scenario);
}

void scenario_load(std::string_view input) {
  if (auto value = read_json(input, json_text::course_file)) (void)load_scenario(*value);
}

}  // namespace tessera::fuzz
