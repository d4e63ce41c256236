// VC Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA Cryptosuites v1.0 §3.3),
// verification of proof sets and chains in every suite Tessera knows, and verification-method resolution
// (did:key offline, controller documents handed in by the caller).
//
// Sections: suite names · hashing (the spec's transformation, proof configuration and hashing steps) ·
// create · controller documents and resolution · verify (suites, one proof, the set rules, entry points).
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
  switch (suite) {
    case Cryptosuite::eddsa_jcs_2022:
      return "eddsa-jcs-2022";
    case Cryptosuite::eddsa_rdfc_2022:
      return "eddsa-rdfc-2022";
    case Cryptosuite::ed25519_signature_2020:
      return "Ed25519Signature2020";
  }
  return "";
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

namespace {

// Why `unsecured` cannot be signed with `options` in any suite; nullopt when it can.
std::optional<Problem> refuse_to_sign(const json& unsecured, const ProofOptions& options) {
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
  if (options.cryptosuite == Cryptosuite::ed25519_signature_2020) {
    return error_at("/proof/type", "Tessera verifies Ed25519Signature2020 proofs but does not make them",
                    "sign with eddsa-rdfc-2022, the suite's current form");
  }
  return std::nullopt;
}

std::string method_of(const crypto::KeyPair& key, const ProofOptions& options) {
  return options.verification_method.empty()
             ? crypto::did_key(key.public_key) + "#" + crypto::ed25519_multikey(key.public_key)
             : options.verification_method;
}

std::string purpose_of(const ProofOptions& options) {
  return options.proof_purpose.empty() ? std::string(default_purpose) : options.proof_purpose;
}

// An eddsa-jcs-2022 proof of a document refuse_to_sign accepted.
Result<json> create_jcs(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  json proof = {{"type", proof_type}, {"cryptosuite", to_string(Cryptosuite::eddsa_jcs_2022)}};
  if (!options.created.empty()) proof["created"] = options.created;
  if (!options.expires.empty()) proof["expires"] = options.expires;
  proof["verificationMethod"] = method_of(key, options);
  proof["proofPurpose"] = purpose_of(options);
  // §3.3.1 step 3: the proof options carry the document's @context, so the signature covers it.
  if (unsecured.contains("@context")) proof["@context"] = unsecured["@context"];

  auto combined = hash_data(proof, unsecured, "");
  if (!combined) return combined.problems();
  const auto signature = crypto::sign(combined.value(), key.secret_key);
  proof["proofValue"] = crypto::multibase_base58btc(signature);
  return proof;
}

Result<json> with_proof(const json& unsecured, Result<json> proof) {
  if (!proof) return proof.problems();
  json secured = unsecured;
  secured["proof"] = std::move(proof.value());
  return secured;
}

}  // namespace

Result<json> create_proof(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  if (auto refused = refuse_to_sign(unsecured, options)) return *refused;
  if (options.cryptosuite != Cryptosuite::eddsa_rdfc_2022) return create_jcs(unsecured, key, options);
  // RDFC-1.0 canonicalisation of the JSON-LD (tessera/eddsa_rdfc.hpp); its proof carries no "expires".
  if (!options.expires.empty()) {
    return error_at("/proof/expires", "an expiring proof is only made with eddsa-jcs-2022 here",
                    "let the credential's validUntil say when it ends");
  }
  return eddsa_rdfc::create_proof(unsecured,
                                  {.created = options.created,
                                   .verification_method = method_of(key, options),
                                   .proof_purpose = purpose_of(options)},
                                  key);
}

Result<json> add_proof(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  return with_proof(unsecured, create_proof(unsecured, key, options));
}

Result<json> add_jcs_proof(const json& unsecured, const crypto::KeyPair& key, const ProofOptions& options) {
  if (auto refused = refuse_to_sign(unsecured, options)) return *refused;
  if (options.cryptosuite != Cryptosuite::eddsa_jcs_2022) {
    return error_at("/proof/cryptosuite", "this document is signed with eddsa-jcs-2022 only",
                    "leave ProofOptions::cryptosuite at eddsa-jcs-2022");
  }
  return with_proof(unsecured, create_jcs(unsecured, key, options));
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

namespace {

struct SuiteName {
  std::optional<Cryptosuite> suite;  // nullopt: not one Tessera implements
  std::string name;                  // as written
  std::optional<std::string> warning;
};

// The suite a proof object names: DataIntegrityProof's cryptosuite, or the proof type of an older suite.
std::optional<SuiteName> suite_of(const json& proof, const std::string& where, ProofCheck& check) {
  const json type = proof.value("type", json());
  if (!type.is_string() || type.get<std::string>().empty()) {
    check.problems.push_back(error_at(where + "/type", "the proof has no type"));
    return std::nullopt;
  }
  const std::string type_name = type.get<std::string>();
  if (type_name == "Ed25519Signature2020") return SuiteName{Cryptosuite::ed25519_signature_2020, type_name, {}};
  if (type_name != proof_type) return SuiteName{std::nullopt, type_name, {}};
  const json name = proof.value("cryptosuite", json());
  if (!name.is_string()) {
    check.problems.push_back(error_at(where + "/cryptosuite", "the DataIntegrityProof names no cryptosuite"));
    return std::nullopt;
  }
  const std::string suite_name = name.get<std::string>();
  if (suite_name == "eddsa-2022") {
    return SuiteName{Cryptosuite::eddsa_rdfc_2022, suite_name,
                     "eddsa-2022 is the earlier name of eddsa-rdfc-2022; the proof was checked as eddsa-rdfc-2022"};
  }
  return SuiteName{cryptosuite_from_string(suite_name), suite_name, {}};
}

// The document a proof signed: the proof's @context (when it has one) must open the document's and then stands
// for it (§3.3.2 / §2.2.2). Returns false when it does not.
bool apply_proof_context(const json& options, json& unsecured) {
  if (!options.contains("@context")) return true;
  const json& proof_context = options["@context"];
  const json document_context = unsecured.value("@context", json());
  const json proof_list = proof_context.is_array() ? proof_context : json::array({proof_context});
  const json document_list = document_context.is_array() ? document_context : json::array({document_context});
  if (proof_list.size() > document_list.size() ||
      !std::equal(proof_list.begin(), proof_list.end(), document_list.begin())) {
    return false;
  }
  unsecured["@context"] = proof_context;
  return true;
}

// The bytes an eddsa-rdfc-2022 or Ed25519Signature2020 signature covers: the RDFC-1.0 N-Quads of the document
// and of the proof configuration, which carries the document's @context, each hashed with SHA-256.
Result<crypto::Bytes> rdfc_signed_bytes(json options, const json& unsecured, const std::string& where,
                                        const jsonld::Options& jsonld_options) {
  options["@context"] = unsecured.value("@context", json());
  auto hashed = eddsa_rdfc::hash_data(unsecured, options, jsonld_options);
  if (!hashed) {
    std::vector<Problem> problems = hashed.problems();
    for (Problem& p : problems) {
      if (p.where.starts_with("/proof")) p.where = where + p.where.substr(6);
    }
    return problems;
  }
  return crypto::Bytes(hashed.value().hash_data.begin(), hashed.value().hash_data.end());
}

// The RDFC suites' hashing, or nullptr where only eddsa-jcs-2022 is read: passed down rather than called, so a
// program that only reads eddsa-jcs-2022 documents (the player: project documents) links no JSON-LD.
using RdfcSignedBytes = decltype(&rdfc_signed_bytes);

// The bytes an Ed25519 signature of `suite` covers: JCS for eddsa-jcs-2022, RDFC-1.0 N-Quads for the others.
Result<crypto::Bytes> signed_bytes(Cryptosuite suite, json options, const json& unsecured, const std::string& where,
                                   const jsonld::Options& jsonld_options, RdfcSignedBytes rdfc) {
  if (suite == Cryptosuite::eddsa_jcs_2022) return hash_data(options, unsecured, "");
  if (rdfc == nullptr) {
    return error_at(
        where + "/cryptosuite",
        "the proof's suite is '" + std::string(to_string(suite)) + "'; this document is read with eddsa-jcs-2022 only",
        "sign it with eddsa-jcs-2022, as Tessera does");
  }
  return rdfc(std::move(options), unsecured, where, jsonld_options);
}

// One proof over `unsecured` (the document as this proof signed it). `check` arrives with where and id set.
void verify_one(const json& unsecured_in, const json& proof, const KeyRing* ring, std::string_view expected_purpose,
                const jsonld::Options& jsonld_options, RdfcSignedBytes rdfc, ProofCheck& check) {
  const std::string& where = check.where;
  auto fail = [&](const std::string& member, std::string message, std::string hint = {}) {
    check.problems.push_back(error_at(where + member, std::move(message), std::move(hint)));
  };
  if (!proof.is_object()) return fail("", "the proof must be a JSON object");
  const auto suite = suite_of(proof, where, check);
  if (!suite) return;
  check.suite = suite->name;
  if (!suite->suite) {
    check.known_suite = false;
    return fail(proof.value("type", json()) == proof_type ? "/cryptosuite" : "/type",
                "the proof's suite '" + suite->name + "' is not one Tessera verifies; the proof was set aside",
                "eddsa-rdfc-2022, eddsa-jcs-2022 (and eddsa-2022) and Ed25519Signature2020 are verified here");
  }
  check.cryptosuite = suite->suite;
  if (suite->warning) check.warnings.push_back(warning_at(where + "/cryptosuite", *suite->warning));
  auto text = [&](const char* name) -> std::optional<std::string> {
    const auto member = proof.find(name);
    if (member == proof.end() || !member->is_string()) return std::nullopt;
    return member->get<std::string>();
  };
  const auto method_id = text("verificationMethod");
  if (!method_id || method_id->empty()) return fail("/verificationMethod", "the proof names no verification method");
  check.verification_method = *method_id;
  const auto purpose = text("proofPurpose");
  if (!purpose) return fail("/proofPurpose", "the proof has no proofPurpose");
  check.proof_purpose = *purpose;
  if (*purpose != expected_purpose) {
    return fail("/proofPurpose",
                "the proof's purpose is '" + *purpose + "', not '" + std::string(expected_purpose) + "'");
  }
  for (const char* stamp : {"created", "expires"}) {
    if (!proof.contains(stamp)) continue;
    const auto value = text(stamp);
    if (!value || !datetime::parse(*value)) {
      return fail(std::string("/") + stamp,
                  std::string("the proof's ") + stamp + " is not a date-time with a time zone");
    }
  }
  check.created = text("created").value_or("");
  const auto proof_value = text("proofValue");
  if (!proof_value) return fail("/proofValue", "the proof has no proofValue");
  const auto signature_bytes = crypto::multibase_decode(*proof_value);
  if (!signature_bytes || signature_bytes->size() != std::tuple_size_v<crypto::Signature>) {
    return fail("/proofValue", "proofValue is not a base58btc multibase Ed25519 signature (z…, 64 bytes)");
  }
  json options = proof;
  options.erase("proofValue");
  // The document as signed: a copy only when the proof's @context replaces the document's, since the
  // document may hold a long event chain (apply_proof_context does nothing without one).
  const json* unsecured = &unsecured_in;
  json recontexted;
  if (options.contains("@context")) {
    recontexted = unsecured_in;
    if (!apply_proof_context(options, recontexted)) {  // the document's @context, whichever proof finds it changed
      check.problems.push_back(error_at("/@context", "the document's @context does not start with the proof's @context",
                                        "the @context was changed after signing"));
      return;
    }
    unsecured = &recontexted;
  }
  const auto method = resolve(*method_id, ring);
  if (!method) {
    return fail("/verificationMethod", "verification method '" + *method_id + "' cannot be resolved",
                "did:key resolves by itself; for other methods supply the controller document (--did-doc)");
  }
  check.controller = method->controller;
  if (std::find(method->purposes.begin(), method->purposes.end(), *purpose) == method->purposes.end()) {
    return fail("/verificationMethod",
                "the controller document does not authorise '" + *method_id + "' for " + *purpose);
  }
  auto combined = signed_bytes(*suite->suite, std::move(options), *unsecured, where, jsonld_options, rdfc);
  if (!combined) {
    check.problems = combined.problems();
    return;
  }
  crypto::Signature signature{};
  std::copy(signature_bytes->begin(), signature_bytes->end(), signature.begin());
  if (!crypto::verify(signature, combined.value(), method->public_key)) {
    return fail("/proofValue", "the signature does not match the document and this proof's options",
                "the document or the proof was changed after signing, the proof was made for another "
                "document, or it was signed by another key");
  }
  check.verified = true;
}

// previousProof as a list of ids (a string or an array of strings); nullopt when malformed.
std::optional<std::vector<std::string>> previous_ids(const json& proof) {
  const json previous = proof.value("previousProof", json());
  if (previous.is_null()) return std::vector<std::string>{};
  if (previous.is_string()) return std::vector<std::string>{previous.get<std::string>()};
  if (!previous.is_array() || previous.empty()) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& id : previous) {
    if (!id.is_string()) return std::nullopt;
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

// The set-level rules for proof `index`: not a repeat of an earlier proof, an id of its own, and every
// previousProof present. Fills `signed_document` with what the proof signed. False when a rule fails.
bool place_in_set(const std::vector<json>& proofs, std::size_t index, const json& unsecured, ProofCheck& check,
                  json& signed_document) {
  const json& proof = proofs[index];
  for (std::size_t earlier = 0; earlier < index; ++earlier) {
    const bool same_value = proof.value("proofValue", json()).is_string() &&
                            proof.value("proofValue", json()) == proofs[earlier].value("proofValue", json());
    if (proof == proofs[earlier] || same_value) {
      check.problems.push_back(error_at(
          check.where,
          "this is the same proof as /proof/" + std::to_string(earlier) + " again: a proof set counts each proof once",
          "remove the repeated proof"));
      return false;
    }
    if (!check.id.empty() && proofs[earlier].value("id", json()) == check.id) {
      check.problems.push_back(
          error_at(check.where + "/id", "two proofs have the id '" + check.id + "'", "give each proof its own id"));
      return false;
    }
  }
  const auto previous = previous_ids(proof);
  if (!previous) {
    check.problems.push_back(
        error_at(check.where + "/previousProof", "previousProof must be a proof id or a list of proof ids"));
    return false;
  }
  signed_document = unsecured;
  if (previous->empty()) return true;
  json named = json::array();
  for (const auto& id : *previous) {
    const auto found = std::find_if(proofs.begin(), proofs.end(), [&](const json& other) {
      return other.is_object() && other.value("id", json()) == id;
    });
    if (found == proofs.end() || (!check.id.empty() && id == check.id)) {
      check.problems.push_back(
          error_at(check.where + "/previousProof",
                   "previousProof names '" + id + "', but no other proof in the document has that id",
                   "a chained proof can only be checked with the proof it follows"));
      return false;
    }
    named.push_back(*found);
  }
  signed_document["proof"] = std::move(named);
  return true;
}

std::vector<ProofCheck> verify_proofs_with(const json& secured, const KeyRing* ring, std::string_view expected_purpose,
                                           const jsonld::Options& jsonld_options, RdfcSignedBytes rdfc) {
  const auto failed = [](std::string where, std::string message, std::string hint = {}) {
    ProofCheck check;
    check.where = "/proof";
    check.problems.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
    return std::vector<ProofCheck>{check};
  };
  try {
    if (!secured.is_object()) return failed("", "the document must be a JSON object");
    if (json_depth(secured, max_document_depth + 1) > max_document_depth) {
      return failed("", "the document nests deeper than " + std::to_string(max_document_depth) + " levels");
    }
    const auto found = secured.find("proof");
    if (found == secured.end()) return failed("/proof", "the document has no proof", "sign it first");
    const bool is_set = found->is_array();
    if (is_set && found->empty()) return failed("/proof", "the document's proof list is empty");
    if (is_set && found->size() > max_proofs) {
      return failed("/proof", "the document carries " + std::to_string(found->size()) + " proofs; at most " +
                                  std::to_string(max_proofs) + " are checked");
    }
    const std::vector<json> proofs = is_set ? found->get<std::vector<json>>() : std::vector<json>{*found};
    const json unsecured = without_proof(secured);
    std::vector<ProofCheck> checks(proofs.size());
    for (std::size_t i = 0; i < proofs.size(); ++i) {
      ProofCheck& check = checks[i];
      check.where = is_set ? "/proof/" + std::to_string(i) : "/proof";
      try {
        if (proofs[i].is_object()) {  // named before any rule runs, so even a refused proof says what it was
          if (proofs[i].value("id", json()).is_string()) check.id = proofs[i]["id"];
          const json named = proofs[i].value("cryptosuite", proofs[i].value("type", json()));
          if (named.is_string()) check.suite = named.get<std::string>();
        }
        json signed_document;
        if (!proofs[i].is_object()) {
          check.problems.push_back(error_at(check.where, "the proof must be a JSON object"));
        } else if (place_in_set(proofs, i, unsecured, check, signed_document)) {
          verify_one(signed_document, proofs[i], ring, expected_purpose, jsonld_options, rdfc, check);
        }
      } catch (const std::exception& error) {  // nlohmann on pathological input; never to the caller
        check.verified = false;
        check.problems.push_back(error_at(check.where, std::string("the proof could not be checked: ") + error.what()));
      }
    }
    return checks;
  } catch (const std::exception& error) {
    return failed("", std::string("the document could not be checked: ") + error.what());
  }
}

// The checks taken together (verify_proof's answer).
ProofCheck one_answer(std::vector<ProofCheck> checks) {
  const auto failed =
      std::find_if(checks.begin(), checks.end(), [](const ProofCheck& c) { return c.known_suite && !c.verified; });
  if (failed != checks.end()) return *failed;
  const auto verified = std::find_if(checks.begin(), checks.end(), [](const ProofCheck& c) { return c.verified; });
  if (verified != checks.end()) return *verified;
  ProofCheck none = checks.front();  // every proof in a suite not verified here: none speaks for the document
  none.problems.push_back(error_at("/proof", "no proof is in a suite Tessera verifies"));
  return none;
}

}  // namespace

std::vector<ProofCheck> verify_proofs(const json& secured, const KeyRing* ring, std::string_view expected_purpose,
                                      const jsonld::Options& jsonld_options) {
  return verify_proofs_with(secured, ring, expected_purpose, jsonld_options, &rdfc_signed_bytes);
}

ProofCheck verify_proof(const json& secured, const KeyRing* ring, std::string_view expected_purpose,
                        const jsonld::Options& jsonld_options) {
  return one_answer(verify_proofs(secured, ring, expected_purpose, jsonld_options));
}

ProofCheck verify_jcs_proof(const json& secured, const KeyRing* ring, std::string_view expected_purpose) {
  return one_answer(verify_proofs_with(secured, ring, expected_purpose, {}, nullptr));
}

}  // namespace tessera::credential
