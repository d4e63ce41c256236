// Seeded, replayable draws (draw.hpp): seeds from the record, xoshiro256** and Fisher–Yates.
#include "tessera/draw.hpp"

#include <nlohmann/json.hpp>

#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"

namespace tessera::draw {

Seed seed_for(std::string_view record_id, std::string_view assessment_id, std::uint64_t attempt) {
  const nlohmann::json input = {"tessera-draw-v1", std::string(record_id), std::string(assessment_id), attempt};
  // The array holds strings and a whole number, which always canonicalise.
  const std::string canonical = jcs::canonicalize(input).value();
  return crypto::blake2b(crypto::as_bytes(canonical));
}

namespace {
std::uint64_t rotate_left(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Generator::Generator(const Seed& seed) {
  // Little-endian words, so every platform reads the same state from the same bytes.
  for (std::size_t word = 0; word < 4; ++word) {
    std::uint64_t value = 0;
    for (std::size_t byte = 0; byte < 8; ++byte) value |= std::uint64_t{seed[word * 8 + byte]} << (8 * byte);
    state_[word] = value;
  }
  if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) state_[0] = 1;  // xoshiro's one forbidden state
}

std::uint64_t Generator::next() {
  const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotate_left(state_[3], 45);
  return result;
}

std::uint64_t Generator::below(std::uint64_t bound) {
  // Rejection sampling: drop the top sliver that would make some results more likely than others.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t value = next();
  while (value >= limit) value = next();
  return value % bound;
}

void shuffle(std::vector<std::string>& items, Generator& generator) {
  for (std::size_t i = items.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(generator.below(i));
    std::swap(items[i - 1], items[j]);
  }
}

}  // namespace tessera::draw
