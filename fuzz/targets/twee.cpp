// Fuzz target twee: Twine 2 Twee 3 text through import_twee, then the scenario it made through load.
#include "harness.hpp"
#include "tessera/scenario.hpp"

namespace tessera::fuzz {

std::optional<scenario::Scenario> load_scenario(const nlohmann::json& value);  // scenario_load.cpp

void twee(std::string_view input) {
  const scenario::TweeImport imported = no_throw("scenario::import_twee", [&] { return scenario::import_twee(input); });
  expect_clear(imported.problems, "scenario::import_twee");
  if (!has_errors(imported.problems)) (void)load_scenario(imported.scenario);
}

}  // namespace tessera::fuzz
