// Helpers the credential commands share: packages read from a folder, and verifier reports printed for
// people (arguments: args.hpp; the clock: clock.hpp; JSON files: files.hpp).
#pragma once

#include <filesystem>
#include <optional>

#include "tessera/verifier.hpp"

namespace tessera::cli {

// A package folder read by read_package (files.hpp), or nullopt after printing why.
[[nodiscard]] std::optional<credential::PackageInput> open_package(const std::filesystem::path& dir, const char* command);

// "pass  proof      Signed with …" lines, then a verdict line.
void print_report(const credential::Report& report);

}  // namespace tessera::cli
