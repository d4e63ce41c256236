// Helpers the credential commands share: options with repeatable values, the clock, packages read from a
// folder, and reports printed for people or as JSON (JSON files: files.hpp).
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> options;  // "--name" → values, in order
  std::vector<std::string> positional;
  std::vector<std::string> flags;  // options without a value, e.g. "--json"
  [[nodiscard]] bool has(const std::string& name) const { return options.count(name) > 0; }
  [[nodiscard]] std::string get(const std::string& name) const { return has(name) ? options.at(name).back() : std::string(); }
  [[nodiscard]] bool flag(const std::string& name) const;
};

// Reads "--name VALUE" (names in `with_value`) and bare flags (names in `flags`); says why and returns nullopt
// on anything else.
[[nodiscard]] std::optional<ParsedArgs> parse_args(Args args, std::initializer_list<const char*> with_value,
                                                   std::initializer_list<const char*> flags, const char* usage);

// The host's clock as a dateTimeStamp, to the second, in UTC.
[[nodiscard]] std::string now_utc();

// A package folder read by read_package (files.hpp), or nullopt after printing why.
[[nodiscard]] std::optional<credential::PackageInput> open_package(const std::filesystem::path& dir, const char* command);

// "pass  proof      Signed with …" lines, then a verdict line.
void print_report(const credential::Report& report);

}  // namespace tessera::cli
