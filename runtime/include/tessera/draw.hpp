// Seeded, replayable draws: which items an attempt gets and in what order, from a seed derived from the
// learner's record — never from a random source, so a replay (and the verifier) draws the same.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::draw {

// A 32-byte seed: BLAKE2b-256 of the RFC 8785 form of ["tessera-draw-v1", record_id, assessment_id, attempt].
// `record_id` is the hash of the record's first event, unique per learner and course.
using Seed = std::array<std::uint8_t, 32>;
[[nodiscard]] Seed seed_for(std::string_view record_id, std::string_view assessment_id, std::uint64_t attempt);

// A small deterministic generator (xoshiro256**) over the seed; the same numbers on every platform.
class Generator {
 public:
  explicit Generator(const Seed& seed);
  [[nodiscard]] std::uint64_t next();
  // Uniform in [0, bound) without modulo bias; bound > 0.
  [[nodiscard]] std::uint64_t below(std::uint64_t bound);

 private:
  std::array<std::uint64_t, 4> state_{};
};

// Fisher–Yates shuffle of `items` with `generator`.
void shuffle(std::vector<std::string>& items, Generator& generator);

}  // namespace tessera::draw
