// Helpers for tests that read verifier reports: one check by id, the first check that failed, and the test keys
// (a seed of one repeated byte).
#pragma once

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "tessera/crypto.hpp"
#include "tessera/verifier.hpp"

namespace tessera::test {

inline const credential::Check& check_of(const credential::Report& report, const std::string& id) {
  for (const auto& c : report.checks) {
    if (c.id == id) return c;
  }
  FAIL("no check '" << id << "' in " << report.to_json().dump(2));
  throw std::logic_error("unreachable");
}

// The first failing check's id ("" when none failed).
inline std::string first_failure(const credential::Report& report) {
  for (const auto& c : report.checks) {
    if (c.status == credential::CheckStatus::fail) return c.id;
  }
  return {};
}

// A key seed of 32 equal bytes: the tests' learner (0x11), publisher (0x22), issuer (0x44) and strangers.
inline crypto::Seed seed_of(std::uint8_t byte) {
  crypto::Seed seed{};
  seed.fill(byte);
  return seed;
}

}  // namespace tessera::test
