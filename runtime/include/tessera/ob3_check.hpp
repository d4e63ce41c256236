// Checks a credential against the Open Badges 3.0 data model rules that a verifier can test locally:
// @context order, types, required fields of the credential, issuer Profile, AchievementSubject and
// Achievement, and date formats. Each finding has a JSON pointer and a message (errors and warnings).
// Does NOT check signatures (eddsa_rdfc.hpp does), status lists or expiry against a clock.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::ob3 {

// Every finding; no errors (has_errors() false) means the credential meets the rules checked here.
[[nodiscard]] std::vector<Problem> check(const nlohmann::json& credential);

}  // namespace tessera::ob3
