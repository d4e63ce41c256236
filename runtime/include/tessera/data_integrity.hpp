// W3C VC Data Integrity proofs (Data Integrity EdDSA Cryptosuites v1.0): add and verify a DataIntegrityProof
// on any JSON-LD document. eddsa-jcs-2022 is implemented to the letter (proof options carry the document's
// @context; signed bytes = SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document)); Ed25519; multibase
// base58btc proofValue). eddsa-rdfc-2022 goes through the same calls and is delegated to tessera/eddsa_rdfc.hpp
// (JSON-LD to RDFC-1.0 canonical N-Quads in place of JCS).
//
// Verification methods: did:key resolves offline, from the identifier alone. Any other method (did:web, an
// https URL) must come from a controller document the caller hands over (a DID document or a Multikey
// document): nothing here fetches.
//
// Proof sets and chains (VC Data Integrity §2.1.1–2.1.2): "proof" may be an array; each proof is checked on its
// own, a proof with previousProof over the document with the proofs it names put back under "proof" (as a
// list, in the order named). Besides DataIntegrityProof with eddsa-jcs-2022 and eddsa-rdfc-2022, the suite's
// earlier name eddsa-2022 is checked as eddsa-rdfc-2022 (with a warning), and Ed25519Signature2020 (its own
// proof type and context; the same RDFC-1.0 + SHA-256 + Ed25519 steps as eddsa-rdfc-2022). A proof in any
// other suite is reported as unknown and set aside: neither verified nor failed.
//
// Does NOT: fetch contexts or keys, verify ECDSA or VC-JWT proofs, or decide whom to trust (callers compare the
// controller with whom they expect).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/crypto.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/problem.hpp"

namespace tessera::credential {

enum class Cryptosuite { eddsa_jcs_2022, eddsa_rdfc_2022, ed25519_signature_2020 };
[[nodiscard]] std::string_view to_string(Cryptosuite suite);
[[nodiscard]] std::optional<Cryptosuite> cryptosuite_from_string(std::string_view name);

// Zero values mean the default.
struct ProofOptions {
  Cryptosuite cryptosuite = Cryptosuite::eddsa_jcs_2022;
  std::string created;              // dateTimeStamp; empty: no "created" member (the host has the clock)
  std::string expires;              // dateTimeStamp; empty: none
  std::string verification_method;  // empty: the key's did:key ("did:key:z6Mk…#z6Mk…")
  std::string proof_purpose;        // empty: "assertionMethod"
};

// Limits on documents handed to add_proof/verify_proof (and the credential readers built on them).
inline constexpr std::size_t max_document_bytes = 16u << 20;  // canonical form
inline constexpr int max_document_depth = 64;

// The proof object for `unsecured` (which must be a JSON object without "proof"): type, cryptosuite,
// created?, expires?, verificationMethod, proofPurpose, @context (when the document has one), proofValue.
[[nodiscard]] Result<nlohmann::json> create_proof(const nlohmann::json& unsecured, const crypto::KeyPair& key,
                                                  const ProofOptions& options = {});
// `unsecured` with "proof" added.
[[nodiscard]] Result<nlohmann::json> add_proof(const nlohmann::json& unsecured, const crypto::KeyPair& key,
                                               const ProofOptions& options = {});
// The same in eddsa-jcs-2022 only (options.cryptosuite must be it): what the player signs, without linking the
// RDFC suites' JSON-LD processing and its embedded contexts (docs/performance.md).
[[nodiscard]] Result<nlohmann::json> add_jcs_proof(const nlohmann::json& unsecured, const crypto::KeyPair& key,
                                                   const ProofOptions& options = {});

// A resolvable verification method: its public key, its controller, and the relationships (proof purposes)
// its controller document grants it.
struct VerificationMethod {
  std::string id;
  std::string controller;
  crypto::PublicKey public_key{};
  std::vector<std::string> purposes;  // e.g. "assertionMethod", "authentication"
};

// Verification methods known besides did:key, by id.
struct KeyRing {
  std::map<std::string, VerificationMethod> methods;
};

// Reads a DID document ({"id", "verificationMethod": [...], "assertionMethod": [...]}) or a lone Multikey
// document ({"id", "type": "Multikey", "controller", "publicKeyMultibase"}, which grants assertionMethod) and
// adds its Ed25519 Multikey (or Ed25519VerificationKey2020) methods to `ring`. Problems point into it.
[[nodiscard]] std::vector<Problem> add_controller_document(KeyRing& ring, const nlohmann::json& document);

// Resolves `id`: did:key offline (which grants every purpose), else from `ring`.
[[nodiscard]] std::optional<VerificationMethod> resolve(std::string_view id, const KeyRing* ring);

struct ProofCheck {
  bool verified = false;
  bool known_suite = true;  // false: a suite Tessera does not implement, set aside (verified stays false)
  std::optional<Cryptosuite> cryptosuite;
  std::string suite;  // as the proof names it: its cryptosuite, or its type when it has none
  std::string where;  // the proof's JSON pointer: "/proof", or "/proof/1" in a set
  std::string id;     // the proof's id, when it has one
  std::string verification_method;
  std::string controller;  // the resolved method's controller ("did:key:z6Mk…" for a did:key)
  std::string created;
  std::string proof_purpose;
  std::vector<Problem> problems;  // why not verified: each with where (e.g. "/proof/proofValue")
  std::vector<Problem> warnings;  // verified or not, worth saying (e.g. the suite's earlier name)
};

// Most proofs a document may carry: each one costs a canonicalisation, so the work stays bounded.
inline constexpr std::size_t max_proofs = 16;

// Verifies every proof of `secured`, one check each in document order: structure, suite, @context prefix, the
// method resolved and granted the proof's purpose (`expected_purpose`, default assertionMethod),
// created/expires well-formed, signature; in a set also the same proof twice, two proofs with one id, and
// previousProof naming a proof that is not there. A document without a usable proof gives one failed check.
// Never throws; every failure is a problem in its check.
// `jsonld_options` may add context documents by URL (a test vector's example context); nothing is fetched.
[[nodiscard]] std::vector<ProofCheck> verify_proofs(const nlohmann::json& secured, const KeyRing* ring = nullptr,
                                                    std::string_view expected_purpose = "assertionMethod",
                                                    const jsonld::Options& jsonld_options = {});

// The proofs taken together, for callers that need one answer: verified when at least one proof verified and
// no proof in a known suite failed. The check returned is the first failed one, else the first verified one,
// else the first (every proof in an unknown suite); it always has a problem when not verified.
[[nodiscard]] ProofCheck verify_proof(const nlohmann::json& secured, const KeyRing* ring = nullptr,
                                      std::string_view expected_purpose = "assertionMethod",
                                      const jsonld::Options& jsonld_options = {});
// verify_proof for documents Tessera signs with eddsa-jcs-2022 only (project documents): a proof in an RDFC
// suite fails with a problem that says so, and no JSON-LD processing is linked.
[[nodiscard]] ProofCheck verify_jcs_proof(const nlohmann::json& secured, const KeyRing* ring = nullptr,
                                          std::string_view expected_purpose = "assertionMethod");

// The document without its proof (what the proof signed, apart from its own options).
[[nodiscard]] nlohmann::json without_proof(const nlohmann::json& secured);

// The nesting depth of a JSON value (1 for a scalar); stops counting past `limit`.
[[nodiscard]] int json_depth(const nlohmann::json& value, int limit);

}  // namespace tessera::credential
