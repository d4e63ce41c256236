// libFuzzer's entry point for one target, named at compile time (TESSERA_FUZZ_TARGET, fuzz/CMakeLists.txt).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tessera::fuzz::Target* const target = tessera::fuzz::find_target(TESSERA_FUZZ_TARGET);
  if (target == nullptr) {
    std::fprintf(stderr, "no fuzz target named %s\n", TESSERA_FUZZ_TARGET);
    std::abort();
  }
  try {
    target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& e) {
    // A Violation, or anything else the target itself let through: both are findings.
    std::fprintf(stderr, "fuzz target %s: %s\n", TESSERA_FUZZ_TARGET, e.what());
    std::abort();
  }
  return 0;
}
