// The verifier's status check (check id "status"): each entry of a credential's credentialStatus against the
// lists the host supplied. W3C Bitstring Status List entries for "revocation" and "suspension" (a credential
// may name several, in several lists), and the 1EdTech revocation list an Open Badges credential may name.
//
// A list that was not supplied (not given, or it could not be fetched) is never read as "not revoked": the
// finding says revocation (or suspension) could not be checked, a warning the verdict rests on.
//
// Does NOT: fetch lists (the host does), or word the findings (the verifier says them from its catalogue).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tessera/strings.hpp"
#include "tessera/verifier.hpp"

namespace tessera::credential {

struct StatusFinding {
  CheckStatus status = CheckStatus::pass;
  std::string key;                 // the verify.status.* sentence
  strings::Args args;              // its arguments but "problem"
  std::optional<Problem> problem;  // described into "problem" by the verifier, as its other checks do
};

// One finding per entry (one "the credential has none" finding without entries), in the entries' order.
[[nodiscard]] std::vector<StatusFinding> check_status(const nlohmann::json& facts, const VerifyOptions& options,
                                                      const jsonld::Options& contexts);

}  // namespace tessera::credential
