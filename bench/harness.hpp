// A small benchmark harness: cases register themselves, run with warm-up and repeats, and report the
// median, minimum and maximum wall time as JSON Lines, natively and in Wasm alike (scripts/bench merges).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace tessera::bench {

struct Case {
  std::string name;
  int repeats = 15;             // timed runs; the median is the reported figure
  std::function<void()> setup;  // untimed, once before the runs (may be empty)
  std::function<void()> run;    // the timed work
  // Another case, on the same platform in the same run, this one is measured against (its floor: e.g. the raw
  // Ed25519 verifications a batch of credentials needs); scripts/bench reports median / its median.
  std::string baseline = {};
};

// Adds a case to the registry; use through TESSERA_BENCH below.
int register_case(Case c);

// Runs every registered case whose name contains `filter` and prints one JSON object a line:
// {"name":…,"platform":"native"|"wasm","repeats":…,"median_ms":…,"min_ms":…,"max_ms":…[,"floor":…]}.
int run_all(const std::string& filter);

// Keeps the optimiser from deleting work whose result is otherwise unused.
void keep(const void* p);

}  // namespace tessera::bench

#define TESSERA_BENCH_CAT2(a, b) a##b
#define TESSERA_BENCH_CAT(a, b) TESSERA_BENCH_CAT2(a, b)
// A case that cannot be registered (no memory for its name) ends the program before main: nothing to catch.
#define TESSERA_BENCH(...)                                                                    \
  static const int TESSERA_BENCH_CAT(tessera_bench_, __LINE__) /* NOLINT(cert-err58-cpp) */ = \
      ::tessera::bench::register_case(__VA_ARGS__)
