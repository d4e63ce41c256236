// Fuzz target manifest: a package's manifest.json through verify_manifest and verify_package, and the input
// as a package path.
#include "harness.hpp"
#include "tessera/package.hpp"

namespace tessera::fuzz {

void manifest(std::string_view input) {
  expect_clear(no_throw("package::verify_manifest", [&] { return package::verify_manifest(input); }),
               "package::verify_manifest");
  const std::map<std::string, std::string> files{{"course.json", "{}"}};
  expect_clear(no_throw("package::verify_package", [&] { return package::verify_package(input, files); }),
               "package::verify_package");
  if (auto problem = no_throw("package::file_name_problem", [&] { return package::file_name_problem(input); })) {
    expect_refusal_clear({*problem}, "package::file_name_problem");
  }
}

}  // namespace tessera::fuzz
