// eddsa-rdfc-2022: create and verify Data Integrity proofs over RDFC-1.0 canonical N-Quads.
#include "tessera/eddsa_rdfc.hpp"

#include <algorithm>

#include "bytes_memo.hpp"

namespace tessera::eddsa_rdfc {
namespace {

using nlohmann::json;

Problem in_proof(const std::string& where, std::string message, std::string hint = {}) {
  return error_at(where, std::move(message), std::move(hint));
}

// The canonical proof configuration, remembered by the configuration's JSON text when only the shipped
// contexts are in play: the credentials of one issuer's batch share their proof options (suite, method,
// purpose, often the date) and @context, so a batch canonicalizes the configuration once. A pure function
// of its key; a few entries a thread, all dropped when full.
Result<std::string> canonical_config(const json& proof_config, const jsonld::Options& jsonld_options) {
  if (!jsonld_options.extra_contexts.empty()) return jsonld::canonical_nquads(proof_config, jsonld_options);
  thread_local detail::BytesMemo<Result<std::string>, 16> memo;
  const std::string key = proof_config.dump() + '\n' + std::to_string(jsonld_options.max_depth) + ' ' +
                          std::to_string(jsonld_options.max_contexts) + ' ' +
                          std::to_string(jsonld_options.canonicalize.max_work);
  return memo.get(key, [&] { return jsonld::canonical_nquads(proof_config, jsonld_options); });
}

}  // namespace

Result<HashData> hash_data(const json& unsecured, const json& proof_config, const jsonld::Options& jsonld_options) {
  auto canonical_config = eddsa_rdfc::canonical_config(proof_config, jsonld_options);
  if (!canonical_config.ok()) {
    std::vector<Problem> problems = canonical_config.problems();
    for (Problem& p : problems) p.where = "/proof" + p.where;
    return problems;
  }
  auto canonical_document = jsonld::canonical_nquads(unsecured, jsonld_options);
  if (!canonical_document.ok()) return canonical_document.problems();
  HashData out;
  out.canonical_document = std::move(canonical_document.value());
  out.canonical_proof_config = std::move(canonical_config.value());
  const auto config_hash = crypto::sha256(crypto::as_bytes(out.canonical_proof_config));
  const auto document_hash = crypto::sha256(crypto::as_bytes(out.canonical_document));
  std::copy(config_hash.begin(), config_hash.end(), out.hash_data.begin());
  std::copy(document_hash.begin(), document_hash.end(), out.hash_data.begin() + 32);
  return out;
}

Result<json> create_proof(const json& document, const ProofOptions& options, const crypto::KeyPair& key,
                          const jsonld::Options& jsonld_options) {
  if (!document.is_object()) return in_proof("", "the document to sign must be a JSON object");
  if (document.contains("proof")) {
    return in_proof("/proof", "the document already has a proof", "remove it, or sign the unsigned document");
  }
  if (!document.contains("@context")) return in_proof("", "the document has no @context");
  if (options.verification_method.empty()) return in_proof("", "no verification method given");
  json proof = json::object();
  proof["type"] = "DataIntegrityProof";
  proof["cryptosuite"] = std::string(cryptosuite);
  if (!options.created.empty()) proof["created"] = options.created;
  proof["verificationMethod"] = options.verification_method;
  proof["proofPurpose"] = options.proof_purpose;
  json config = proof;
  config["@context"] = document["@context"];
  auto hashed = hash_data(document, config, jsonld_options);
  if (!hashed.ok()) return hashed.problems();
  const crypto::Signature signature = crypto::sign(hashed.value().hash_data, key.secret_key);
  proof["proofValue"] = crypto::multibase_base58btc(signature);
  return proof;
}

Result<bool> verify_proof(const json& secured, const crypto::PublicKey& key, const jsonld::Options& jsonld_options) {
  if (!secured.is_object()) return in_proof("", "a signed document must be a JSON object");
  if (!secured.contains("proof")) return in_proof("/proof", "the document has no proof");
  json proof = secured["proof"];
  std::string where = "/proof";
  if (proof.is_array()) {
    if (proof.size() != 1) {
      return in_proof(where, "a proof set or chain is checked proof by proof against each proof's own key",
                      "use tessera verify (credential::verify_proofs), which reports every proof on its own line");
    }
    proof = proof[0];
    where += "/0";
  }
  if (!proof.is_object()) return in_proof(where, "the proof must be an object");
  if (proof.value("type", json()) != "DataIntegrityProof") {
    return in_proof(where + "/type", "the proof type must be \"DataIntegrityProof\"");
  }
  if (proof.value("cryptosuite", json()) != cryptosuite) {
    return in_proof(where + "/cryptosuite", "the cryptosuite must be \"eddsa-rdfc-2022\"");
  }
  if (!proof.contains("proofValue") || !proof["proofValue"].is_string()) {
    return in_proof(where + "/proofValue", "the proof has no proofValue string");
  }
  if (!proof.contains("verificationMethod") || !proof["verificationMethod"].is_string()) {
    return in_proof(where + "/verificationMethod", "the proof has no verificationMethod");
  }
  if (!proof.contains("proofPurpose") || !proof["proofPurpose"].is_string()) {
    return in_proof(where + "/proofPurpose", "the proof has no proofPurpose");
  }
  const auto signature_bytes = crypto::multibase_decode(proof["proofValue"].get<std::string>());
  if (!signature_bytes || signature_bytes->size() != 64) {
    return in_proof(where + "/proofValue", "proofValue is not a multibase base58btc Ed25519 signature (z…, 64 bytes)");
  }
  json unsecured = secured;
  unsecured.erase("proof");
  json config = proof;
  config.erase("proofValue");
  if (config.contains("@context")) {
    // §2.2.2 step 3: the proof's @context must be a prefix of the document's, and then replaces it.
    const json proof_context = config["@context"].is_array() ? config["@context"] : json::array({config["@context"]});
    const json doc_context = unsecured.value("@context", json::array());
    const json doc_list = doc_context.is_array() ? doc_context : json::array({doc_context});
    if (proof_context.size() > doc_list.size() ||
        !std::equal(proof_context.begin(), proof_context.end(), doc_list.begin())) {
      return in_proof(where + "/@context", "the proof's @context does not match the start of the document's");
    }
    unsecured["@context"] = config["@context"];
  }
  config["@context"] = unsecured.value("@context", json());
  auto hashed = hash_data(unsecured, config, jsonld_options);
  if (!hashed.ok()) return hashed.problems();
  crypto::Signature signature{};
  std::copy(signature_bytes->begin(), signature_bytes->end(), signature.begin());
  if (!crypto::verify(signature, hashed.value().hash_data, key)) {
    return in_proof(where + "/proofValue",
                    "the signature does not verify: the credential was changed after signing, or "
                    "was signed with another key",
                    "check that the key is the issuer's and that the document is exactly as issued");
  }
  return true;
}

std::optional<crypto::PublicKey> public_key_from_verification_method(std::string_view method) {
  if (method.rfind("did:key:", 0) != 0) return std::nullopt;
  return crypto::public_key_from_did_key(method);
}

}  // namespace tessera::eddsa_rdfc
