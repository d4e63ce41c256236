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
// Does NOT: fetch contexts or keys, expand JSON-LD, support proof sets or chains (a "proof" array is refused
// with a clear problem), or decide whom to trust (callers compare the controller with whom they expect).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/crypto.hpp"
#include "tessera/problem.hpp"

namespace tessera::credential {

enum class Cryptosuite { eddsa_jcs_2022, eddsa_rdfc_2022 };
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
  std::optional<Cryptosuite> cryptosuite;
  std::string verification_method;
  std::string controller;  // the resolved method's controller ("did:key:z6Mk…" for a did:key)
  std::string created;
  std::string proof_purpose;
  std::vector<Problem> problems;  // why not verified: each with where (e.g. "/proof/proofValue")
};

// Verifies `secured`'s one proof: structure, suite, @context prefix, the method resolved and granted the
// proof's purpose (`expected_purpose`, default assertionMethod), created/expires well-formed, signature.
// Never throws; every failure is a problem in the result.
[[nodiscard]] ProofCheck verify_proof(const nlohmann::json& secured, const KeyRing* ring = nullptr,
                                      std::string_view expected_purpose = "assertionMethod");

// The document without its proof (what the proof signed, apart from its own options).
[[nodiscard]] nlohmann::json without_proof(const nlohmann::json& secured);

// The nesting depth of a JSON value (1 for a scalar); stops counting past `limit`.
[[nodiscard]] int json_depth(const nlohmann::json& value, int limit);

}  // namespace tessera::credential
