// A Problem written as JSON: one spelling of its members everywhere (the CLI, the bindings, the pages).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tessera/problem.hpp"

using nlohmann::json;

TEST_CASE("a problem serialises as exactly severity, where, message and hint", "[problem]") {
  // Expected objects written by hand from the documented shape (docs/runtime-api.md).
  const json error =
      tessera::to_json(tessera::error_at("/modules/0/blocks/1", "the image has no alt text", "add \"alt\""));
  CHECK(error == json{{"severity", "error"},
                      {"where", "/modules/0/blocks/1"},
                      {"message", "the image has no alt text"},
                      {"hint", "add \"alt\""}});
  // Every member is present even when empty, so a reader never has to guess between missing and "".
  const json warning = tessera::to_json(tessera::warning_at("", "no hint here"));
  CHECK(warning == json{{"severity", "warning"}, {"where", ""}, {"message", "no hint here"}, {"hint", ""}});
  CHECK_FALSE(warning.contains("pointer"));

  const json list =
      tessera::to_json(std::vector<tessera::Problem>{tessera::error_at("line 3", "a"), tessera::warning_at("/x", "b")});
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 2);
  CHECK(list[0]["where"] == "line 3");
  CHECK(list[1]["severity"] == "warning");
  CHECK(tessera::to_json(std::vector<tessera::Problem>{}) == json::array());
}
