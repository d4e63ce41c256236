// Helpers the credential commands share: packages read from a folder, and verifier reports printed for
// people (arguments: args.hpp; the clock: clock.hpp; JSON files: files.hpp).
#pragma once

#include <filesystem>
#include <optional>

#include "args.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

// A package folder read by read_package (files.hpp), or nullopt after printing why.
[[nodiscard]] std::optional<credential::PackageInput> open_package(const std::filesystem::path& dir,
                                                                   const char* command);

// --cryptosuite's suite, or `fallback` when it is not given; nullopt after usage_error for an unknown name.
[[nodiscard]] std::optional<credential::Cryptosuite> cryptosuite_option(const ParsedArgs& args, const CommandLine& line,
                                                                        credential::Cryptosuite fallback);

// "pass  proof      Signed with …" lines, then a verdict line.
void print_report(const credential::Report& report);

}  // namespace tessera::cli
