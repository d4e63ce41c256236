// The status check: Bitstring Status List entries (revocation, suspension) and the 1EdTech revocation list.
#include "status_check.hpp"

#include <algorithm>

#include "facts.hpp"
#include "tessera/status_list.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

constexpr std::string_view bitstring_entry = "BitstringStatusListEntry";
constexpr std::string_view edtech_entry = "1EdTechRevocationList";
// signed_view's name for the 1EdTech type when the credential is read from its JSON-LD expansion.
constexpr std::string_view edtech_entry_iri =
    "https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList";

std::string text_of(const json& holder, const char* name) {
  const json value = holder.is_object() ? holder.value(name, json()) : json();
  return value.is_string() ? value.get<std::string>() : std::string();
}

// An entry's one type ("type": "X" or ["X"]); empty when it has none or several.
std::string entry_type(const json& entry) {
  const json type = entry.is_object() ? entry.value("type", json()) : json();
  if (type.is_string()) return type.get<std::string>();
  if (type.is_array() && type.size() == 1 && type[0].is_string()) return type[0].get<std::string>();
  return {};
}

// Whether the host tried to download the list and could not.
bool unreachable(const VerifyOptions& options, const std::string& list_id) {
  const auto& tried = options.unreachable_lists;
  return std::find(tried.begin(), tried.end(), list_id) != tried.end();
}

// Why a list is missing, as a key's last word: the host tried and could not download it ("unreachable"), or it
// was not supplied ("no-list"); either way revocation could not be checked, never "not revoked".
const char* missing_list(const VerifyOptions& options, const std::string& list_id) {
  return unreachable(options, list_id) ? "unreachable" : "no-list";
}

StatusFinding finding(CheckStatus status, std::string key, strings::Args args = {},
                      std::optional<Problem> problem = std::nullopt) {
  return {status, std::move(key), std::move(args), std::move(problem)};
}

// The sentence key for `purpose`: "revocation" and "suspension" each have their own words.
std::string purpose_key(const std::string& purpose, const char* what) {
  return std::string("verify.status.") + (purpose == "suspension" ? "suspension-" : "") + what;
}

// One Bitstring Status List entry against the supplied list of the same id (and purpose).
StatusFinding bitstring(const json& entry, const json& facts, const VerifyOptions& options,
                        const jsonld::Options& contexts) {
  const std::string purpose = text_of(entry, "statusPurpose");
  const std::string list_id = text_of(entry, "statusListCredential");
  const std::string index = text_of(entry, "statusListIndex");
  if (purpose != "revocation" && purpose != "suspension") {
    // "refresh" and "message" lists say nothing about whether the credential holds.
    return finding(CheckStatus::pass, "verify.status.other-purpose", {{"purpose", purpose}});
  }
  const json* list = nullptr;
  for (const json* candidate : options.status_lists) {
    if (candidate && candidate->is_object() && text_of(*candidate, "id") == list_id) {
      list = candidate;
      break;
    }
  }
  if (!list)
    return finding(CheckStatus::warning, purpose_key(purpose, missing_list(options, list_id)), {{"list", list_id}});
  const ProofCheck list_proof = verify_proof(*list, options.keys, "assertionMethod", contexts);
  if (!list_proof.verified) {
    return finding(CheckStatus::fail, "verify.status.list-proof", {}, list_proof.problems.at(0));
  }
  const auto list_facts = signed_view(*list, contexts);
  if (!list_facts) return finding(CheckStatus::fail, "verify.status.list-unreadable", {}, list_facts.problems()[0]);
  if (issuer_id(list_facts.value()) != issuer_id(facts) || list_proof.controller != issuer_id(facts)) {
    return finding(CheckStatus::fail, "verify.status.other-issuer");
  }
  const auto set = status_of(entry, list_facts.value());
  if (!set) return finding(CheckStatus::fail, "verify.status.unreadable", {}, set.problems()[0]);
  if (set.value())
    return finding(CheckStatus::fail, purpose_key(purpose, "set"), {{"index", index}, {"list", list_id}});
  return finding(CheckStatus::pass, purpose_key(purpose, "clear"), {{"index", index}});
}

// The 1EdTech revocation list (Verifiable Credentials Revocation List 1.0): an unsigned document at the entry's
// id, {id, issuer, revokedCredentials: [{id, revocationReason?}]}, naming the credentials its issuer revoked.
StatusFinding edtech(const json& entry, const json& facts, const VerifyOptions& options) {
  const std::string list_id = text_of(entry, "id");
  if (!options.revocation_list) {
    return finding(CheckStatus::warning,
                   unreachable(options, list_id) ? "verify.status.unreachable" : "verify.status.no-revocation-list",
                   {{"list", list_id}});
  }
  const json& list = *options.revocation_list;
  const json revoked = list.is_object() ? list.value("revokedCredentials", json()) : json();
  if (!revoked.is_array()) {
    return finding(CheckStatus::fail, "verify.status.unreadable", {},
                   error_at("/revokedCredentials", "the revocation list has no revokedCredentials array"));
  }
  if (text_of(list, "id") != list_id) {
    return finding(CheckStatus::fail, "verify.status.unreadable", {},
                   error_at("/id", "the revocation list supplied is '" + text_of(list, "id") + "', not " + list_id,
                            "supply the list the credential names"));
  }
  if (issuer_id(list) != issuer_id(facts)) return finding(CheckStatus::fail, "verify.status.other-issuer");
  const std::string id = text_of(facts, "id");
  if (id.empty()) return finding(CheckStatus::warning, "verify.status.no-id", {{"list", list_id}});
  for (const json& item : revoked) {
    // An entry is {id, revocationReason?}; a bare id is read too, as some lists write them.
    if ((item.is_string() ? item.get<std::string>() : text_of(item, "id")) != id) continue;
    const std::string reason = text_of(item, "revocationReason");
    return finding(CheckStatus::fail, reason.empty() ? "verify.status.listed" : "verify.status.listed-reason",
                   {{"list", list_id}, {"reason", reason}});
  }
  return finding(CheckStatus::pass, "verify.status.not-listed", {{"list", list_id}});
}

}  // namespace

std::vector<StatusFinding> check_status(const json& facts, const VerifyOptions& options,
                                        const jsonld::Options& contexts) {
  if (!facts.contains("credentialStatus")) return {finding(CheckStatus::pass, "verify.status.none")};
  const json& given = facts["credentialStatus"];
  std::vector<StatusFinding> findings;
  for (const json& entry : given.is_array() ? given : json::array({given})) {
    const std::string type = entry_type(entry);
    if (type == bitstring_entry) {
      findings.push_back(bitstring(entry, facts, options, contexts));
    } else if (type == edtech_entry || type == edtech_entry_iri) {
      findings.push_back(edtech(entry, facts, options));
    } else {
      findings.push_back(finding(CheckStatus::warning, "verify.status.unknown-type", {{"type", type}}));
    }
  }
  if (findings.empty()) findings.push_back(finding(CheckStatus::pass, "verify.status.none"));
  return findings;
}

}  // namespace tessera::credential
