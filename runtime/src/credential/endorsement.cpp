// Open Badges 3.0 EndorsementCredentials: made for an endorser to sign, and checked where a credential carries them.
#include "tessera/endorsement.hpp"

#include "facts.hpp"
#include "tessera/strings.hpp"

namespace tessera::credential {

using nlohmann::json;

Result<json> endorsement_credential(const EndorsementRequest& request) {
  std::vector<Problem> problems;
  if (request.id.empty()) problems.push_back(error_at("/id", "the endorsement needs an id"));
  if (request.valid_from.empty()) problems.push_back(error_at("/validFrom", "the endorsement needs validFrom"));
  if (request.endorser.id.empty()) problems.push_back(error_at("/issuer/id", "the endorser needs an id"));
  if (request.endorser.name.empty())
    problems.push_back(error_at("/issuer/name", "the endorser needs a name", "give the endorser's issuer.json a name"));
  if (request.subject.empty()) problems.push_back(error_at("/credentialSubject/id", "nothing to endorse"));
  if (!problems.empty()) return problems;
  json issuer = {{"id", request.endorser.id}, {"type", {"Profile"}}, {"name", request.endorser.name}};
  if (!request.endorser.url.empty()) issuer["url"] = request.endorser.url;
  if (!request.endorser.email.empty()) issuer["email"] = request.endorser.email;
  json subject = {{"id", request.subject}, {"type", {"EndorsementSubject"}}};
  if (!request.comment.empty()) subject["endorsementComment"] = request.comment;
  const std::string what = request.subject_name.empty() ? request.subject : request.subject_name;
  json credential = {{"@context", {"https://www.w3.org/ns/credentials/v2", ob3_context_url}},
                     {"id", request.id},
                     {"type", {"VerifiableCredential", "EndorsementCredential"}},
                     {"name", request.endorser.name + " endorses " + what},
                     {"issuer", std::move(issuer)},
                     {"validFrom", request.valid_from}};
  if (request.valid_until) credential["validUntil"] = *request.valid_until;
  credential["credentialSubject"] = std::move(subject);
  return credential;
}

namespace {

std::string string_member(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The id of a node written as a string or as an object with an id (an achievement).
std::string id_of(const json& value) {
  return value.is_string() ? value.get<std::string>() : string_member(value, "id");
}

}  // namespace

EndorsementCheck check_endorsement(const json& endorsement, const std::string& subject, const std::string& where,
                                   const VerifyOptions& options) {
  VerifyOptions own = options;
  own.package = nullptr;     // an endorsement has no course to re-score
  own.status_lists.clear();  // the carrying credential's lists are not the endorser's
  own.revocation_list = nullptr;
  const Report report = verify_document(endorsement, own);
  const strings::Catalogue& words = strings::Catalogue::for_language(options.language);
  EndorsementCheck check;
  check.where = where;
  const json& facts = report.facts;
  if (facts.is_object()) {
    const json issuer = facts.value("issuer", json());
    check.endorser = issuer_id(facts);
    check.endorser_name = string_member(issuer, "name");
    const json subjects = facts.value("credentialSubject", json());
    const json& first = subjects.is_array() && !subjects.empty() ? subjects[0] : subjects;
    check.subject = string_member(first, "id");
    check.comment = string_member(first, "endorsementComment");
  }
  if (report.kind != "endorsement-credential") {
    check.reason = words.text("verify.endorsement.not-endorsement");
  }
  for (const Check& c : report.checks) {
    if (check.reason.empty() && c.status == CheckStatus::fail) check.reason = c.sentence;
  }
  if (check.reason.empty() && check.subject != subject) {
    check.reason = words.text("verify.endorsement.other-subject", {{"endorsed", check.subject}, {"subject", subject}});
  }
  check.verified = check.reason.empty();
  return check;
}

std::vector<EndorsementCheck> check_endorsements(const json& document, const json& facts,
                                                 const VerifyOptions& options) {
  std::vector<EndorsementCheck> checks;
  const auto check_list = [&](const json& holder, const std::string& holder_where, const std::string& subject) {
    if (!holder.is_object() || !holder.contains("endorsement")) return;
    const json& list = holder["endorsement"];
    const std::string at = holder_where + "/endorsement";
    if (!list.is_array()) {
      checks.push_back(check_endorsement(list, subject, at, options));
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      checks.push_back(check_endorsement(list[i], subject, pointer_append(at, i), options));
    }
  };
  const json& subject = document.value("credentialSubject", json::object());
  const json achievement_facts = facts.value("credentialSubject", json()).is_object()
                                     ? facts["credentialSubject"].value("achievement", json())
                                     : json();
  check_list(document, "", string_member(document, "id"));
  check_list(document.value("issuer", json()), "/issuer", issuer_id(facts));
  if (subject.is_object()) {
    check_list(subject.value("achievement", json()), "/credentialSubject/achievement", id_of(achievement_facts));
  }
  return checks;
}

json to_json(const EndorsementCheck& check) {
  json out = {
      {"where", check.where}, {"endorser", check.endorser}, {"subject", check.subject}, {"verified", check.verified}};
  if (!check.endorser_name.empty()) out["endorserName"] = check.endorser_name;
  if (!check.comment.empty()) out["comment"] = check.comment;
  if (!check.reason.empty()) out["reason"] = check.reason;
  return out;
}

}  // namespace tessera::credential
