// The shared checks of the fuzz targets (harness.hpp).
#include "harness.hpp"

namespace tessera::fuzz {

void require(bool condition, const std::string& what) {
  if (!condition) throw Violation(what);
}

void expect_clear(const std::vector<Problem>& problems, std::string_view api) {
  for (const Problem& problem : problems) {
    require(!problem.message.empty(),
            std::string(api) + " reported a problem without a message at '" + problem.where + "'");
  }
  try {
    (void)to_json(problems).dump();
  } catch (const std::exception& e) {
    throw Violation(std::string(api) + " reported a problem that cannot be printed as JSON: " + e.what());
  }
}

void expect_refusal_clear(const std::vector<Problem>& problems, std::string_view api) {
  require(has_errors(problems), std::string(api) + " refused without saying why");
  expect_clear(problems, api);
}

std::optional<nlohmann::json> read_json(std::string_view input, const json_text::Limits& limits) {
  auto reading = no_throw("json_text::read", [&] { return json_text::read(input, limits, "the input"); });
  expect_clear(reading, "json_text::read");
  if (!reading) return std::nullopt;
  return std::move(reading).value();
}

}  // namespace tessera::fuzz
