// VC Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA Cryptosuites v1.0 §3.3),
// and verification-method resolution (did:key offline, controller documents handed in by the caller).
//
// Sections: suite names · hashing (the spec's transformation, proof configuration and hashing steps) ·
// create · controller documents and resolution · verify.
#include "tessera/data_integrity.hpp"

#include <algorithm>

#include "tessera/datetime.hpp"
#include "tessera/eddsa_rdfc.hpp"
#include "tessera/jcs.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

constexpr std::string_view proof_type = "DataIntegrityProof";
constexpr std::string_view default_purpose = "assertionMethod";

}  // namespace

// ─── Suite names ───

std::string_view to_string(Cryptosuite suite) {
  return suite == Cryptosuite::eddsa_jcs_2022 ? "eddsa-jcs-2022" : "eddsa-rdfc-2022";
}

std::optional<Cryptosuite> cryptosuite_from_string(std::string_view name) {
  if (name == "eddsa-jcs-2022") return Cryptosuite::eddsa_jcs_2022;
  if (name == "eddsa-rdfc-2022") return Cryptosuite::eddsa_rdfc_2022;
  return std::nullopt;
}

int json_depth(const json& value, int limit) {
  if (limit <= 0) return 1;
  if (!value.is_structured() || value.empty()) return 1;
  int deepest = 0;
  for (const auto& child : value) {
    deepest = std::max(deepest, json_depth(child, limit - 1));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

json without_proof(const json& secured) {
  json unsecured = secured;
  if (unsecured.is_object()) unsecured.erase("proof");
  return unsecured;
}

// ─── Hashing ───

namespace {

// §3.3.4–3.3.6: SHA-256 of the canonical proof configuration ‖ SHA-256 of the canonical document.
Result<crypto::Bytes> hash_data(const json& proof_config, const json& document, const std::string& where) {
  auto canonical_config = jcs::canonicalize(proof_config);
  if (!canonical_config)
    return error_at(where + "/proof",
                    "the proof options cannot be canonicalised: " + canonical_config.problems()[0].message);
  auto canonical_document = jcs::canonicalize(document);
  if (!canonical_document) {
    auto problem = canonical_document.problems()[0];
    problem.message = "the document cannot be canonicalised (RFC 8785): " + problem.message;
    return problem;
  }
  if (canonical_document.value().size() > max_document_bytes) {
    return error_at(where, "the document is larger than " + std::to_string(max_document_bytes >> 20) + " MiB");
  }
  const auto config_hash = crypto::sha256(crypto::as_bytes(canonical_config.value()));
  const auto document_hash = crypto::sha256(crypto::as_bytes(canonical_document.value()));
  crypto::Bytes combined(config_hash.begin(), config_hash.end());
  combined.insert(combined.end(), document_hash.begin(), document_hash.end());
  return combined;
}

}  // namespace

// ─── Create ───

Result<json> create_proof(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  if (!unsecured.is_object()) return error_at("", "the document to sign must be a JSON object");
  if (unsecured.contains("proof")) {
    return error_at("/proof", "the document already has a proof", "sign the document without its proof");
  }
  if (json_depth(unsecured, max_document_depth + 1) > max_document_depth) {
    return error_at("", "the document nests deeper than " + std::to_string(max_document_depth) + " levels");
  }
  for (const auto* stamp : {&options.created, &options.expires}) {
    if (!stamp->empty() && !datetime::parse(*stamp)) {
      return error_at(stamp == &options.created ? "/proof/created" : "/proof/expires",
                      "'" + *stamp + "' is not a date-time with a time zone", "write e.g. 2026-01-31T09:00:00Z");
    }
  }
  const std::string multikey = crypto::ed25519_multikey(key.public_key);
  if (options.cryptosuite == Cryptosuite::eddsa_rdfc_2022) {
    // RDFC-1.0 canonicalisation of the JSON-LD (tessera/eddsa_rdfc.hpp); its proof carries no "expires".
    if (!options.expires.empty()) {
      return error_at("/proof/expires", "an expiring proof is only made with eddsa-jcs-2022 here",
                      "let the credential's validUntil say when it ends");
    }
    return eddsa_rdfc::create_proof(
        unsecured,
        {.created = options.created,
         .verification_method = options.verification_method.empty() ? crypto::did_key(key.public_key) + "#" + multikey
                                                                    : options.verification_method,
         .proof_purpose = options.proof_purpose.empty() ? std::string(default_purpose) : options.proof_purpose},
        key);
  }
  json proof = {{"type", proof_type}, {"cryptosuite", to_string(options.cryptosuite)}};
  if (!options.created.empty()) proof["created"] = options.created;
  if (!options.expires.empty()) proof["expires"] = options.expires;
  proof["verificationMethod"] = options.verification_method.empty() ? crypto::did_key(key.public_key) + "#" + multikey
                                                                    : options.verification_method;
  proof["proofPurpose"] = options.proof_purpose.empty() ? std::string(default_purpose) : options.proof_purpose;
  // §3.3.1 step 3: the proof options carry the document's @context, so the signature covers it.
  if (unsecured.contains("@context")) proof["@context"] = unsecured["@context"];

  auto combined = hash_data(proof, unsecured, "");
  if (!combined) return combined.problems();
  const auto signature = crypto::sign(combined.value(), key.secret_key);
  proof["proofValue"] = crypto::multibase_base58btc(signature);
  return proof;
}

Result<json> add_proof(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  auto proof = create_proof(unsecured, key, options);
  if (!proof) return proof.problems();
  json secured = unsecured;
  secured["proof"] = std::move(proof.value());
  return secured;
}

// ─── Controller documents and resolution ───

namespace {

constexpr std::string_view purpose_names[] = {"assertionMethod", "authentication", "capabilityInvocation",
                                              "capabilityDelegation", "keyAgreement"};

// A verification method object: Multikey (publicKeyMultibase z6Mk…) or Ed25519VerificationKey2020.
std::optional<Problem> read_method(const json& object, const std::string& where, VerificationMethod& out) {
  if (!object.is_object()) return error_at(where, "a verification method must be an object");
  const auto id = object.find("id");
  if (id == object.end() || !id->is_string()) return error_at(where + "/id", "the verification method has no id");
  const auto type = object.value("type", json()).is_string() ? object["type"].get<std::string>() : std::string();
  if (type != "Multikey" && type != "Ed25519VerificationKey2020") {
    return error_at(where + "/type", "verification method type '" + type + "' is not supported",
                    "use a Multikey with an Ed25519 publicKeyMultibase (z6Mk…)");
  }
  const auto multibase = object.find("publicKeyMultibase");
  if (multibase == object.end() || !multibase->is_string()) {
    return error_at(where + "/publicKeyMultibase", "the verification method has no publicKeyMultibase");
  }
  const auto key = crypto::public_key_from_multikey(multibase->get<std::string>());
  if (!key) {
    return error_at(where + "/publicKeyMultibase", "publicKeyMultibase is not an Ed25519 Multikey (z6Mk…)");
  }
  out.id = id->get<std::string>();
  out.controller = object.value("controller", json()).is_string() ? object["controller"].get<std::string>() : "";
  out.public_key = *key;
  return std::nullopt;
}

}  // namespace

std::vector<Problem> add_controller_document(KeyRing& ring, const json& document) {
  std::vector<Problem> problems;
  if (!document.is_object()) return {error_at("", "a controller document must be a JSON object")};
  if (json_depth(document, max_document_depth + 1) > max_document_depth) {
    return {error_at("", "the controller document nests too deeply")};
  }
  // A lone Multikey document: its controller may use it for assertions.
  if (document.value("type", json()) == "Multikey") {
    VerificationMethod method;
    if (auto problem = read_method(document, "", method)) return {*problem};
    method.purposes = {std::string(default_purpose)};
    ring.methods[method.id] = method;
    return problems;
  }
  const auto controller = document.find("id");
  if (controller == document.end() || !controller->is_string()) {
    return {error_at("/id", "the controller document has no id")};
  }
  std::map<std::string, VerificationMethod> found;
  const auto listed = document.find("verificationMethod");
  if (listed != document.end()) {
    if (!listed->is_array()) return {error_at("/verificationMethod", "verificationMethod must be an array")};
    for (std::size_t i = 0; i < listed->size(); ++i) {
      VerificationMethod method;
      if (auto problem = read_method((*listed)[i], pointer_append("/verificationMethod", i), method)) {
        problems.push_back(*problem);
        continue;
      }
      found[method.id] = method;
    }
  }
  // The relationships: each lists method ids (or embeds methods) its controller authorises for that purpose.
  for (const auto purpose : purpose_names) {
    const auto relation = document.find(std::string(purpose));
    if (relation == document.end()) continue;
    const std::string where = pointer_append("", purpose);
    if (!relation->is_array()) {
      problems.push_back(error_at(where, std::string(purpose) + " must be an array"));
      continue;
    }
    for (std::size_t i = 0; i < relation->size(); ++i) {
      const json& entry = (*relation)[i];
      std::string id;
      if (entry.is_string()) {
        id = entry.get<std::string>();
        // Relative references ("#key-1") are relative to the document's id.
        if (id.starts_with("#")) id = controller->get<std::string>() + id;
      } else {
        VerificationMethod method;
        if (auto problem = read_method(entry, pointer_append(where, i), method)) {
          problems.push_back(*problem);
          continue;
        }
        id = method.id;
        found.emplace(id, method);
      }
      const auto method = found.find(id);
      if (method == found.end()) {
        problems.push_back(error_at(pointer_append(where, i), "'" + id + "' names no verification method here"));
        continue;
      }
      method->second.purposes.emplace_back(purpose);
    }
  }
  for (auto& [id, method] : found) {
    if (method.controller.empty()) method.controller = controller->get<std::string>();
    ring.methods[id] = method;
  }
  return problems;
}

std::optional<VerificationMethod> resolve(std::string_view id, const KeyRing* ring) {
  if (const auto key = crypto::public_key_from_did_key(id)) {
    const auto hash = id.find('#');
    const std::string did(id.substr(0, hash));
    return VerificationMethod{std::string(id), did, *key, {std::string(default_purpose), "authentication"}};
  }
  if (ring != nullptr) {
    const auto found = ring->methods.find(std::string(id));
    if (found != ring->methods.end()) return found->second;
  }
  return std::nullopt;
}

// ─── Verify ───

ProofCheck verify_proof(const json& secured, const KeyRing* ring, std::string_view expected_purpose) {
  ProofCheck check;
  auto fail = [&](std::string where, std::string message, std::string hint = {}) {
    check.problems.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
    return check;
  };
  try {
    if (!secured.is_object()) return fail("", "the document must be a JSON object");
    if (json_depth(secured, max_document_depth + 1) > max_document_depth) {
      return fail("", "the document nests deeper than " + std::to_string(max_document_depth) + " levels");
    }
    const auto found = secured.find("proof");
    if (found == secured.end()) return fail("/proof", "the document has no proof", "sign it first");
    if (found->is_array()) {
      return fail("/proof", "proof sets and chains (an array of proofs) are not supported",
                  "give the document exactly one proof object");
    }
    if (!found->is_object()) return fail("/proof", "the proof must be a JSON object");
    const json& proof = *found;
    auto text = [&](const char* name) -> std::optional<std::string> {
      const auto member = proof.find(name);
      if (member == proof.end() || !member->is_string()) return std::nullopt;
      return member->get<std::string>();
    };
    if (text("type") != std::string(proof_type)) {
      return fail("/proof/type", "the proof's type is not DataIntegrityProof");
    }
    const auto suite_name = text("cryptosuite");
    const auto suite = suite_name ? cryptosuite_from_string(*suite_name) : std::nullopt;
    if (!suite) {
      return fail("/proof/cryptosuite", "cryptosuite '" + suite_name.value_or("") + "' is not known",
                  "eddsa-jcs-2022 and eddsa-rdfc-2022 are verified here");
    }
    check.cryptosuite = suite;
    const bool rdfc = *suite == Cryptosuite::eddsa_rdfc_2022;
    const auto method_id = text("verificationMethod");
    if (!method_id || method_id->empty())
      return fail("/proof/verificationMethod", "the proof names no verification method");
    check.verification_method = *method_id;
    const auto purpose = text("proofPurpose");
    if (!purpose) return fail("/proof/proofPurpose", "the proof has no proofPurpose");
    check.proof_purpose = *purpose;
    if (*purpose != expected_purpose) {
      return fail("/proof/proofPurpose",
                  "the proof's purpose is '" + *purpose + "', not '" + std::string(expected_purpose) + "'");
    }
    for (const char* stamp : {"created", "expires"}) {
      if (!proof.contains(stamp)) continue;
      const auto value = text(stamp);
      if (!value || !datetime::parse(*value)) {
        return fail(std::string("/proof/") + stamp,
                    std::string("the proof's ") + stamp + " is not a date-time with a time zone");
      }
    }
    check.created = text("created").value_or("");
    const auto proof_value = text("proofValue");
    if (!proof_value) return fail("/proof/proofValue", "the proof has no proofValue");
    const auto signature_bytes = crypto::multibase_decode(*proof_value);
    if (!signature_bytes || signature_bytes->size() != std::tuple_size_v<crypto::Signature>) {
      return fail("/proof/proofValue", "proofValue is not a base58btc multibase Ed25519 signature (64 bytes)");
    }

    // §3.3.2: the proof options are the proof without proofValue; their @context must open the document's.
    json options = proof;
    options.erase("proofValue");
    json unsecured = without_proof(secured);
    if (options.contains("@context")) {
      const json& proof_context = options["@context"];
      const json document_context = unsecured.value("@context", json());
      const json proof_list = proof_context.is_array() ? proof_context : json::array({proof_context});
      const json document_list = document_context.is_array() ? document_context : json::array({document_context});
      const bool prefix = proof_list.size() <= document_list.size() &&
                          std::equal(proof_list.begin(), proof_list.end(), document_list.begin());
      if (!prefix) {
        return fail("/@context", "the document's @context does not start with the proof's @context",
                    "the @context was changed after signing");
      }
      unsecured["@context"] = proof_context;
    }
    // eddsa-rdfc-2022 hashes the RDFC-1.0 canonical N-Quads instead, inside eddsa_rdfc::verify_proof below.
    auto combined = rdfc ? Result<crypto::Bytes>(crypto::Bytes()) : hash_data(options, unsecured, "");
    if (!combined) {
      check.problems = combined.problems();
      return check;
    }
    const auto method = resolve(*method_id, ring);
    if (!method) {
      return fail("/proof/verificationMethod", "verification method '" + *method_id + "' cannot be resolved",
                  "did:key resolves by itself; for other methods supply the controller document (--did-doc)");
    }
    check.controller = method->controller;
    if (std::find(method->purposes.begin(), method->purposes.end(), *purpose) == method->purposes.end()) {
      return fail("/proof/verificationMethod",
                  "the controller document does not authorise '" + *method_id + "' for " + *purpose);
    }
    if (rdfc) {
      const auto verified = eddsa_rdfc::verify_proof(secured, method->public_key);
      if (!verified) {
        check.problems = verified.problems();
        return check;
      }
      check.verified = true;
      return check;
    }
    crypto::Signature signature{};
    std::copy(signature_bytes->begin(), signature_bytes->end(), signature.begin());
    if (!crypto::verify(signature, combined.value(), method->public_key)) {
      return fail("/proof/proofValue", "the signature does not match the document and its proof options",
                  "the document or its proof was changed after signing, or was signed by another key");
    }
    check.verified = true;
  } catch (const std::exception& error) {  // nlohmann on pathological input; never to the caller
    check.verified = false;
    check.problems.push_back(error_at("", std::string("the document could not be checked: ") + error.what()));
  }
  return check;
}

}  // namespace tessera::credential
