// libFuzzer's entry point for one target, named at compile time (TESSERA_FUZZ_TARGET, fuzz/CMakeLists.txt).
// It also holds each input to its target's memory bound (harness.hpp): the most heap the call had live at
// once, counted by the sanitizer's allocation hooks, may not pass the bound for the input's size.
#include <sanitizer/allocator_interface.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "harness.hpp"

namespace {

std::atomic<std::size_t> live_bytes{0};
std::atomic<std::size_t> peak_bytes{0};

void count_allocation(const volatile void* /*pointer*/, std::size_t size) {
  const std::size_t now = live_bytes.fetch_add(size, std::memory_order_relaxed) + size;
  std::size_t peak = peak_bytes.load(std::memory_order_relaxed);
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

void count_release(const volatile void* pointer) {
  if (pointer != nullptr) live_bytes.fetch_sub(__sanitizer_get_allocated_size(pointer), std::memory_order_relaxed);
}

const tessera::fuzz::Target& the_target() {
  static const tessera::fuzz::Target* const target = tessera::fuzz::find_target(TESSERA_FUZZ_TARGET);
  if (target == nullptr) {
    std::fprintf(stderr, "no fuzz target named %s\n", TESSERA_FUZZ_TARGET);
    std::abort();
  }
  return *target;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)__sanitizer_install_malloc_and_free_hooks(count_allocation, count_release);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tessera::fuzz::Target& target = the_target();
  const std::size_t before = live_bytes.load(std::memory_order_relaxed);
  peak_bytes.store(before, std::memory_order_relaxed);
  try {
    target.run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& e) {
    // A Violation, or anything else the target itself let through: both are findings.
    std::fprintf(stderr, "fuzz target %s: %s\n", TESSERA_FUZZ_TARGET, e.what());
    std::abort();
  }
  const std::size_t used = peak_bytes.load(std::memory_order_relaxed) - before;
  // NOLINTNEXTLINE(concurrency-mt-unsafe): libFuzzer calls this on one thread, and nothing sets the environment
  if (std::getenv("TESSERA_FUZZ_MEMORY") != nullptr) std::fprintf(stderr, "memory %zu %zu\n", size, used);
  if (used > target.memory.bound(size)) {
    std::fprintf(stderr,
                 "fuzz target %s: an input of %zu bytes had %zu bytes of heap live at once, past its bound of %zu\n",
                 TESSERA_FUZZ_TARGET, size, used, target.memory.bound(size));
    std::abort();
  }
  return 0;
}
