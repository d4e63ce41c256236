// The shared fuzz harness: the target table, and the checks every target makes of the API it drives —
// nothing thrown, every refusal a clear problem — so libFuzzer and the regression replay test judge alike.
#pragma once

#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"

namespace tessera::fuzz {

// A broken promise of the API under test. main.cpp turns it into an abort (a libFuzzer finding); the
// regression replay test (tests/unit/fuzz_regressions_test.cpp) into a failed check.
struct Violation : std::logic_error {
  using std::logic_error::logic_error;
};

// The most heap one call may have live at once for an input of `size` bytes: a multiple of the input, plus an
// allowance for what does not grow with it (tables built once, an inflation cap). docs/limits.md states them.
struct MemoryBound {
  std::size_t per_input_byte;
  std::size_t allowance;
  [[nodiscard]] constexpr std::size_t bound(std::size_t size) const { return allowance + per_input_byte * size; }
};

// One fuzz target: feeds one input to one untrusted-input API and checks what comes back.
struct Target {
  std::string_view name;  // also fuzz/dicts/<dictionary>.dict's and tests/fuzz/regressions/<name>/'s
  void (*run)(std::string_view input);
  MemoryBound memory;  // checked on every input by the libFuzzer build (fuzz/main.cpp)
};
[[nodiscard]] const std::vector<Target>& targets();
[[nodiscard]] const Target* find_target(std::string_view name);

// Throws a Violation unless every problem has a message and prints as JSON (valid UTF-8: the CLI's --json
// and the pages print problems so).
void expect_clear(const std::vector<Problem>& problems, std::string_view api);
// The same for a refusal, which must also say at least one thing.
void expect_refusal_clear(const std::vector<Problem>& problems, std::string_view api);

template <typename T>
void expect_clear(const Result<T>& result, std::string_view api) {
  if (!result) expect_refusal_clear(result.problems(), api);
}

// Runs `call`, turning an exception that escapes the API (which promises never to throw) into a Violation.
template <typename Call>
auto no_throw(std::string_view api, Call&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const Violation&) {
    throw;
  } catch (const std::exception& e) {
    throw Violation(std::string(api) + " threw " + e.what());
  }
}

// The input read as JSON by the strict reader, checking that a refusal is clear; nullopt when refused.
[[nodiscard]] std::optional<nlohmann::json> read_json(std::string_view input, const json_text::Limits& limits);

// Throws a Violation saying `what` unless `condition` holds.
void require(bool condition, const std::string& what);

}  // namespace tessera::fuzz
