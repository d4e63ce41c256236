// Replays every input the fuzzers found (tests/fuzz/regressions/<target>/) through its target's checks
// (fuzz/harness.hpp): each must now be a clean result or a clear error, natively and in Wasm.
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

TEST_CASE("every fuzz finding replays as a clean result or a clear error", "[fuzz]") {
  const fs::path root(TESSERA_FUZZ_REGRESSIONS_DIR);
  REQUIRE(fs::is_directory(root));
  for (const auto& folder : fs::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    const std::string name = folder.path().filename().string();
    const tessera::fuzz::Target* target = tessera::fuzz::find_target(name);
    INFO("folder tests/fuzz/regressions/" << name);
    REQUIRE(target != nullptr);  // a misnamed folder would otherwise replay nothing
    std::size_t replayed = 0;
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (!file.is_regular_file() || file.path().filename() == "README.md") continue;
      INFO("input " << file.path().filename().string());
      const std::string input = tessera::test::read_file(file.path().string());
      CHECK_NOTHROW(target->run(input));
      ++replayed;
    }
    CHECK(replayed > 0);
  }
}
