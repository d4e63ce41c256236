// Renewing an issued credential (docs/credentials.md, "Renewal"): whether a learner's new completion proof meets
// the renewal rule of the credential's achievement (course.json's `credential.renewBy`, or a pathway's in the
// catalog), and the renewed credential — the same achievement, a new validity, and a link to the one it renews.
// Renewal by recall replays the proof's review events through FSRS (tessera/recall.hpp) at the host's `now`.
//
// Does NOT: verify (the caller passes verifier reports), read the issuer's ledger (the CLI checks that the old
// credential is in it and not revoked), sign, or read a clock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/issuer.hpp"
#include "tessera/problem.hpp"
#include "tessera/session.hpp"
#include "tessera/verifier.hpp"

namespace tessera::credential {

// One competency's predicted retention for renewal by recall: the mean chance of recall at `now` of the recall
// cards aligned to it (a card never reviewed counts 0), and how many reviews of them fall in the rule's window.
struct CompetencyRetention {
  std::string competency;
  double retention = 0;
  std::size_t cards = 0;
  std::size_t reviews_in_window = 0;
  bool met = false;  // retention ≥ the rule's, with at least one review in the window
};

// Every competency of the course that has recall cards, in course order.
[[nodiscard]] std::vector<CompetencyRetention> recall_retention(const session::Session& session,
                                                                const course::RenewalRule& rule,
                                                                std::int64_t now_seconds);

// What a renewal is decided from. Reports come from the verifier core, run at `now`.
struct RenewalRequest {
  const Report* old_credential = nullptr;                    // the issued credential to renew
  const Report* proof = nullptr;                             // the learner's new completion proof
  const course::CredentialDefinition* definition = nullptr;  // of the old credential's achievement
  const course::Course* course = nullptr;  // the achievement's course (null for a pathway certificate)
  std::string achievement_id;              // the achievement the definition describes (urn:tessera:…)
  std::string issuer_id;                   // the issuer renewing it: only its own credentials
  std::string now;                         // dateTimeStamp, the host's clock
};

// The reasons a renewal is refused (empty: renewable), each with where it comes from (/old/…, /proof/…,
// /renewBy/…) and a hint. `detail` receives what was decided: {"method", "old", "renewedFrom"?, and for recall
// "competencies": [{"competency", "retention", "cards", "reviewsInWindow", "met"}]}.
[[nodiscard]] std::vector<Problem> check_renewal(const RenewalRequest& request, nlohmann::json& detail);

// The renewed credential before its proof, for a request check_renewal accepted: for a course renewed by a proof
// of itself, the course's credential from that proof; otherwise the old credential's achievement and results.
// Either way a new id, validity from now, status and issuer from `issuance`, and the link to the old one
// (an Evidence with genre "Renewal" and a relatedResource with its digest).
[[nodiscard]] Result<nlohmann::json> renewed_credential(const RenewalRequest& request, const Issuance& issuance);

// `relatedResource`'s digestMultibase of an issued credential: "u" + base64url of the SHA-256 multihash
// (0x12 0x20 ‖ digest) of its RFC 8785 form, proof included.
[[nodiscard]] std::string credential_digest_multibase(const nlohmann::json& credential);

}  // namespace tessera::credential
