// Issuing Open Badges 3.0 credentials from verified completion proofs: the issuer's policy, and the
// AchievementCredential (type OpenBadgeCredential, its OB 3.0 alias) for one course or for a pathway that
// stacks several. The caller verifies each proof first (tessera/verifier.hpp) and signs the result
// (tessera/data_integrity.hpp); this part only decides and shapes.
//
// Does NOT: read or write the issuer's folder (the CLI does), pick status list indexes (the host, with its
// random source), or read a clock (validFrom comes in as an argument).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tessera/catalog.hpp"
#include "tessera/course.hpp"
#include "tessera/problem.hpp"
#include "tessera/verifier.hpp"

namespace tessera::credential {

inline constexpr std::string_view ob3_context_url = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

struct IssuerProfile {
  std::string id;  // did:key of the issuer's key
  std::string name;
  std::string url;  // the issuer's public home page
  std::string email;
  // Where the issuer publishes who may earn its credentials, how they are verified, and how to appeal a
  // decision (https URLs; empty: not given). OB 3.0 has no terms for them: the credential defines them in an
  // embedded context (policy_context), in the VC 2.0 issuer-dependent namespace.
  std::string eligibility_policy{};  // (default member initializers: aggregate initialisers may leave them out)
  std::string verification_policy{};
  std::string appeal_policy{};
};

// The embedded @context entry that defines the Profile's eligibilityPolicy, verificationPolicy and appealPolicy
// (links, "@type": "@id") under https://www.w3.org/ns/credentials/issuer-dependent#.
[[nodiscard]] nlohmann::json policy_context();

// What the issuer requires beyond a proof that verifies. Zero values mean the default (the most lenient
// that is still safe: every check must pass; warnings are allowed except where said).
struct IssuePolicy {
  bool require_package = true;            // the package must have been supplied and checked
  bool allow_timing_warnings = false;     // implausibly fast summatives block issuing
  bool require_all_competencies = false;  // every course competency mastered
  std::vector<std::string> courses;       // course ids this issuer certifies; empty: any
};
[[nodiscard]] IssuePolicy read_policy(const nlohmann::json& policy);

// Applies the policy to a verified proof's report; problems say which rule refused it.
[[nodiscard]] std::vector<Problem> apply_policy(const Report& report, const IssuePolicy& policy);

struct Issuance {
  std::string id;          // the new credential's id (the host mints it)
  std::string valid_from;  // now, from the host's clock
  nlohmann::json status;   // a BitstringStatusListEntry (or null for none)
  IssuerProfile issuer;
  // Signed EndorsementCredentials of the course's achievement, already checked (tessera/endorsement.hpp),
  // put on the achievement as its `endorsement` list.
  nlohmann::json endorsements = nlohmann::json::array();
};

// The id of a course's achievement, urn:tessera:course:ID:VERSION: what its credentials and endorsements name.
[[nodiscard]] std::string course_achievement_id(const course::Course& course);

// validFrom, and validUntil `months` calendar months later (none: the credential does not expire).
void set_validity(nlohmann::json& credential, const std::string& valid_from, const std::optional<int>& months);

// The evidence entry naming a verified completion proof by its digest (urn:sha256:…).
[[nodiscard]] nlohmann::json proof_evidence(const Report& proof);

// One course: from a proof that verified (report.ok(), kind completion-proof) and its course.
[[nodiscard]] Result<nlohmann::json> course_credential(const Report& proof, const course::Course& course,
                                                       const Issuance& issuance);

// A pathway certificate: `proofs` are verified completion proofs of the pathway's courses; refused with
// what is missing unless the pathway's rules hold.
[[nodiscard]] Result<nlohmann::json> pathway_credential(const std::vector<const Report*>& proofs,
                                                        const catalog::Pathway& pathway, const Issuance& issuance,
                                                        const std::string& default_language);

}  // namespace tessera::credential
