// The verifier's reading of a signed document from what its signature covers, however the JSON spells it.
//
// An eddsa-rdfc-2022 signature covers the document's RDF, not its JSON: `"validUntil"` and
// `"https://www.w3.org/2018/credentials#validUntil"` are the same signed statement, and so is any alias an
// embedded context defines. A verifier that reads JSON keys can be shown a revoked, expired credential as
// current by re-spelling two keys without touching the signature. So for that suite the verifier reads the
// JSON-LD expansion — full IRIs, whatever the spelling — and turns back into familiar names only the IRIs it
// knows, one name per IRI (a small, fixed compaction). An eddsa-jcs-2022 signature covers the JSON bytes
// themselves, so there the JSON is the signed view.
//
// Does NOT: compact in general (unknown properties are left out of the view; nothing the verifier reads is
// lost, because every fact it reads has its IRI here), or read @reverse, @index or @graph containers.
#include <algorithm>

#include "tessera/jsonld.hpp"
#include "tessera/verifier.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

constexpr std::string_view cred = "https://www.w3.org/2018/credentials#";
constexpr std::string_view ob = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
constexpr std::string_view status = "https://www.w3.org/ns/credentials/status#";
constexpr std::string_view sec = "https://w3id.org/security#";
constexpr std::string_view schema = "https://schema.org/";
constexpr std::string_view issuer_dependent = "https://www.w3.org/ns/credentials/issuer-dependent#";

// What the verifier reads, by IRI. `single`: two values are a contradiction the verifier must not resolve
// by picking one (which of two validUntil dates would an employer be shown?).
struct KnownTerm {
  std::string_view vocabulary;
  std::string_view name;
  bool single;
};
constexpr KnownTerm known_properties[] = {
    {cred, "issuer", true},
    {cred, "validFrom", true},
    {cred, "validUntil", true},
    {cred, "issuanceDate", true},
    {cred, "expirationDate", true},
    {cred, "credentialSubject", false},
    {cred, "credentialStatus", false},
    {schema, "name", true},
    {schema, "description", true},
    {ob, "achievement", true},
    // What a certificate shows of an Open Badges 3.0 credential: the results, the competencies they align to
    // and the raw score's result description (a Result's single reference, an Achievement's several).
    {ob, "result", false},
    {ob, "alignment", false},
    {ob, "resultDescription", false},
    {ob, "resultType", true},
    // A result's level against its description's required level and levels: what an outcome met says.
    {ob, "achievedLevel", true},
    {ob, "requiredLevel", true},
    {ob, "rubricCriterionLevel", false},
    {schema, "targetName", true},
    {schema, "value", true},
    {ob, "endorsementComment", true},  // what an endorser says (an EndorsementSubject's)
    // An issuer profile's policy links (tessera/issuer.hpp, policy_context).
    {issuer_dependent, "eligibilityPolicy", true},
    {issuer_dependent, "verificationPolicy", true},
    {issuer_dependent, "appealPolicy", true},
    // What a renewed credential says it renews: an Evidence of genre "Renewal" and a relatedResource's digest.
    {cred, "evidence", false},
    {cred, "relatedResource", false},
    {schema, "genre", true},
    {sec, "digestMultibase", true},
    {status, "statusPurpose", true},
    {status, "statusListIndex", true},
    {status, "statusListCredential", true},
    {status, "encodedList", true},
    {sec, "cryptosuite", true},
    {sec, "verificationMethod", true},
    {sec, "proofPurpose", true},
};
// The names that differ from their IRI's last segment.
struct Renamed {
  std::string_view iri;
  std::string_view name;
  bool single;
};
constexpr Renamed renamed_properties[] = {
    {"https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria", "criteria", true},  // OB 3.0 maps criteria so
    // The achievement's property IRI in the contexts before 3.0.3: 3.0.1 and 3.0.2, then 3.0.0 (the class's).
    {"https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement-0", "achievement", true},
    {"https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement", "achievement", true},
    {"https://w3id.org/security#expiration", "expires", true},
    {"http://purl.org/dc/terms/created", "created", true},
};
constexpr KnownTerm known_types[] = {
    {cred, "VerifiableCredential", false},
    {ob, "OpenBadgeCredential", false},
    {ob, "AchievementCredential", false},
    {ob, "AchievementSubject", false},
    {ob, "Achievement", false},
    {ob, "Profile", false},
    {ob, "EndorsementCredential", false},
    {ob, "EndorsementSubject", false},
    {ob, "Evidence", false},
    {status, "BitstringStatusListEntry", false},
    {status, "BitstringStatusListCredential", false},
    {status, "BitstringStatusList", false},
    {sec, "DataIntegrityProof", false},
    {sec, "Ed25519Signature2020", false},
};

struct ViewName {
  std::string name;
  bool single = false;
};

std::optional<ViewName> property_name(const std::string& iri) {
  for (const auto& term : known_properties) {
    if (iri.size() == term.vocabulary.size() + term.name.size() && iri.starts_with(term.vocabulary) &&
        iri.ends_with(term.name)) {
      return ViewName{std::string(term.name), term.single};
    }
  }
  for (const auto& term : renamed_properties) {
    if (iri == term.iri) return ViewName{std::string(term.name), term.single};
  }
  return std::nullopt;
}

std::string type_name(const std::string& iri) {
  for (const auto& term : known_types) {
    if (iri.size() == term.vocabulary.size() + term.name.size() && iri.starts_with(term.vocabulary) &&
        iri.ends_with(term.name)) {
      return std::string(term.name);
    }
  }
  return iri;  // an unknown type keeps its full IRI, so it never passes for a known one
}

json view_of_node(const json& node, const std::string& where, std::vector<Problem>& problems);

// One expanded value: a value object gives its value, a node with nothing but an @id gives that id (how
// `"issuer": "did:…"` and `"statusListCredential": "https://…"` read), any other node its own view.
json view_of_value(const json& value, const std::string& where, std::vector<Problem>& problems) {
  if (value.is_object() && value.contains("@value")) return value["@value"];
  if (value.is_object() && value.contains("@list")) {
    json items = json::array();
    for (std::size_t i = 0; i < value["@list"].size(); ++i) {
      items.push_back(view_of_value(value["@list"][i], pointer_append(where, i), problems));
    }
    return items;
  }
  if (value.is_object() && value.size() == 1 && value.contains("@id")) return value["@id"];
  return view_of_node(value, where, problems);
}

json view_of_node(const json& node, const std::string& where, std::vector<Problem>& problems) {
  json view = json::object();
  if (!node.is_object()) return view;
  if (node.contains("@id")) view["id"] = node["@id"];
  if (node.contains("@type")) {
    json types = json::array();
    for (const auto& type : node["@type"]) types.push_back(type_name(type.get<std::string>()));
    view["type"] = types.size() == 1 ? types[0] : std::move(types);  // as JSON-LD compaction writes one type
  }
  for (const auto& [iri, values] : node.items()) {
    const auto name = property_name(iri);
    if (!name || !values.is_array() || values.empty()) continue;
    const std::string at = pointer_append(where, name->name);
    if (view.contains(name->name)) {  // two IRIs the verifier reads as one name: which would it show?
      problems.push_back(error_at(at, "the document states " + name->name + " under two different IRIs",
                                  "give " + name->name + " once"));
      continue;
    }
    if (name->single && values.size() > 1) {
      problems.push_back(
          error_at(at,
                   "the document states " + name->name + " " + std::to_string(values.size()) +
                       " times (under different spellings or as a list); a verifier cannot tell which holds",
                   "give " + name->name + " once"));
      continue;
    }
    if (values.size() == 1) {
      view[name->name] = view_of_value(values[0], at, problems);
    } else {
      json many = json::array();
      for (std::size_t i = 0; i < values.size(); ++i) {
        many.push_back(view_of_value(values[i], pointer_append(at, i), problems));
      }
      view[name->name] = std::move(many);
    }
  }
  return view;
}

// The view of one JSON-LD document (no proof): its one top-level node.
Result<json> view_of_expansion(const json& document, const std::string& where, const jsonld::Options& options) {
  auto expanded = jsonld::expand(document, options);
  if (!expanded) return expanded.problems();
  if (!expanded.value().is_array() || expanded.value().size() != 1) {
    return error_at(
        where, "the document must describe exactly one top-level node, not " + std::to_string(expanded.value().size()));
  }
  std::vector<Problem> problems;
  json view = view_of_node(expanded.value()[0], where, problems);
  if (!problems.empty()) return problems;
  return view;
}

// The proofs as a list, whether "proof" holds one or a set.
std::vector<json> proof_list(const json& secured) {
  const json proof = secured.value("proof", json());
  if (proof.is_array()) return proof.get<std::vector<json>>();
  if (proof.is_object()) return {proof};
  return {};
}

// Whether a proof signs the document's RDF (eddsa-rdfc-2022, its earlier name eddsa-2022, and
// Ed25519Signature2020) rather than its JSON bytes.
bool signs_rdf(const json& proof) {
  if (!proof.is_object()) return false;
  if (proof.value("type", json()) == "Ed25519Signature2020") return true;
  const json suite = proof.value("cryptosuite", json());
  return proof.value("type", json()) == "DataIntegrityProof" && (suite == "eddsa-rdfc-2022" || suite == "eddsa-2022");
}

}  // namespace

Result<json> signed_view(const json& secured, const jsonld::Options& jsonld_options) {
  if (!secured.is_object()) return secured;
  const std::vector<json> proofs = proof_list(secured);
  if (std::none_of(proofs.begin(), proofs.end(), signs_rdf)) return secured;
  // One RDF signature is enough to read the whole document from its RDF: the JSON bytes another proof in the
  // set signs are the same document, and the RDF is what cannot be re-spelled.
  auto view = view_of_expansion(without_proof(secured), "", jsonld_options);
  if (!view) return view.problems();
  // Each RDF proof's options are signed as their own RDF, with the document's @context; a proof in another
  // suite is shown as written (a JCS proof signs its JSON; an unknown suite's is set aside by the verifier).
  json proof_views = json::array();
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    if (!signs_rdf(proofs[i])) {
      proof_views.push_back(proofs[i]);
      continue;
    }
    json proof_options = proofs[i];
    proof_options.erase("proofValue");
    proof_options.erase("previousProof");  // an id, not a fact the verifier reads; the set rules check it
    if (secured.contains("@context")) proof_options["@context"] = secured["@context"];
    auto proof_view = view_of_expansion(
        proof_options, secured["proof"].is_array() ? pointer_append("/proof", i) : "/proof", jsonld_options);
    if (!proof_view) return proof_view.problems();
    proof_views.push_back(std::move(proof_view.value()));
  }
  view.value()["proof"] = secured["proof"].is_array() ? std::move(proof_views) : std::move(proof_views[0]);
  // The shape checks name the contexts the document was written against; the RDF does not keep them.
  if (secured.contains("@context")) view.value()["@context"] = secured["@context"];
  return view;
}

}  // namespace tessera::credential
