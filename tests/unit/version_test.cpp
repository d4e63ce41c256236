// Tests of the runtime's version and build facts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tessera/version.hpp"

TEST_CASE("version is a semantic version", "[version]") {
  const std::string v(tessera::version());
  REQUIRE(std::regex_match(v, std::regex(R"(\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)")));
}

TEST_CASE("build info names the platform, version and package format", "[version]") {
  const auto info = nlohmann::json::parse(tessera::build_info_json());
  CHECK(info.at("runtime") == "tessera");
  CHECK(info.at("version") == std::string(tessera::version()));
  CHECK(info.at("packageFormat") == tessera::package_format_version);
#if defined(__EMSCRIPTEN__)
  CHECK(info.at("platform") == "wasm");
#else
  CHECK(info.at("platform") == "native");
#endif
  CHECK(info.at("libsodium").get<std::string>().rfind("1.0.", 0) == 0);
}
