// The benchmark harness's registry, timing loop and main(). Timing lives here, outside runtime/, which
// has no clock by design.
#include "harness.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace tessera::bench {

namespace {
std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
}  // namespace

int register_case(Case c) {
  registry().push_back(std::move(c));
  return static_cast<int>(registry().size());
}

void keep(const void* p) {
  // An empty asm that claims to read p and clobber memory: the work behind p must have happened.
  asm volatile("" : : "g"(p) : "memory");
}

int run_all(const std::string& filter) {
#if defined(__EMSCRIPTEN__)
  constexpr const char* platform = "wasm";
#else
  constexpr const char* platform = "native";
#endif
  for (Case& c : registry()) {
    if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
    if (c.setup) c.setup();
    c.run();  // warm-up: caches, allocator, lazy initialisation
    std::vector<double> times;
    times.reserve(static_cast<size_t>(c.repeats));
    for (int i = 0; i < c.repeats; ++i) {
      const auto start = std::chrono::steady_clock::now();
      c.run();
      const auto stop = std::chrono::steady_clock::now();
      times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times.begin(), times.end());
    nlohmann::ordered_json row = {
        {"name", c.name},          {"platform", platform},
        {"repeats", c.repeats},    {"median_ms", times[times.size() / 2]},
        {"min_ms", times.front()}, {"max_ms", times.back()},
    };
    if (!c.baseline.empty()) row["floor"] = c.baseline;
    std::printf("%s\n", row.dump().c_str());
    // scripts/bench reads these lines: a result that cannot be written fails the run rather than vanish.
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
      std::fprintf(stderr, "bench: could not write the result of %s to standard output\n", c.name.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace tessera::bench

int main(int argc, char** argv) { return tessera::bench::run_all(argc > 1 ? argv[1] : ""); }
