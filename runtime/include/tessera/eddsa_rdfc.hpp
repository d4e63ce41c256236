// The eddsa-rdfc-2022 Data Integrity cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites v1.0, §3.2–3.4):
// the document and the proof configuration (with the document's @context) are each turned into RDF and
// canonicalized with RDFC-1.0; SHA-256(canonical proof configuration) ‖ SHA-256(canonical document) is
// signed with Ed25519; proofValue is multibase base58btc.
//
// Does NOT: resolve verification methods over the network (callers pass the key; did:key is resolved
// locally by public_key_from_verification_method), or handle proof sets/chains against one key (those go
// through credential::verify_proofs, tessera/data_integrity.hpp, which checks each proof with its own key).
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tessera/crypto.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/problem.hpp"

namespace tessera::eddsa_rdfc {

inline constexpr std::string_view cryptosuite = "eddsa-rdfc-2022";

struct ProofOptions {
  std::string created;              // xsd:dateTime, e.g. "2024-05-01T12:00:00Z" (the runtime has no clock)
  std::string verification_method;  // e.g. "did:key:z6Mk…#z6Mk…"
  std::string proof_purpose = "assertionMethod";
};

// The intermediate values of §3.3.1–3.3.4, exposed so tests can compare them with published vectors.
struct HashData {
  std::string canonical_document;
  std::string canonical_proof_config;
  std::array<std::uint8_t, 64> hash_data{};  // SHA-256(proof config) ‖ SHA-256(document)
};

// `unsecured` must have no "proof"; `proof_config` is the proof without proofValue and with @context.
[[nodiscard]] Result<HashData> hash_data(const nlohmann::json& unsecured, const nlohmann::json& proof_config,
                                         const jsonld::Options& jsonld_options = {});

// Signs `document` (any existing "proof" is an error): returns the proof object to put under "proof".
[[nodiscard]] Result<nlohmann::json> create_proof(const nlohmann::json& document, const ProofOptions& options,
                                                  const crypto::KeyPair& key,
                                                  const jsonld::Options& jsonld_options = {});

// Checks the single eddsa-rdfc-2022 proof of `secured` against `key`. Ok(true) when it verifies; a Problem
// (with the JSON pointer) says why it does not: missing or malformed proof, wrong suite, bad signature…
[[nodiscard]] Result<bool> verify_proof(const nlohmann::json& secured, const crypto::PublicKey& key,
                                        const jsonld::Options& jsonld_options = {});

// The public key behind a did:key verification method (did:key:z6Mk…#z6Mk…); nullopt for anything else.
[[nodiscard]] std::optional<crypto::PublicKey> public_key_from_verification_method(std::string_view method);

}  // namespace tessera::eddsa_rdfc
