// Renewal of issued credentials: the rule's checks (assessment passed again, a renewal course completed, or
// recall kept up) and the renewed credential with its link to the one it renews.
//
// Sections: reading the reports · recall retention · the rule's checks · the renewed credential.
#include "tessera/renewal.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "facts.hpp"
#include "tessera/completion.hpp"
#include "tessera/crypto.hpp"
#include "tessera/datetime.hpp"
#include "tessera/jcs.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

// ─── Reading the reports ───

const json& field(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto found = object.find(key);
  return found == object.end() ? null_value : *found;
}

std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::int64_t seconds_of(const json& value) { return datetime::parse(text_of(value)).value_or(0); }

// The old credential may have expired (renewing it afterwards is what an expired credential in the wallet
// offers); any other failed check refuses it.
void check_old_credential(const RenewalRequest& request, std::int64_t now, std::vector<Problem>& refused) {
  const Report& old = *request.old_credential;
  if (old.kind != "achievement-credential") {
    refused.push_back(error_at("/old", "the credential to renew is not an Open Badges 3.0 credential",
                               "pass the credential this issuer issued (tessera issue's output)"));
    return;
  }
  const json& facts = old.facts;
  const std::int64_t until = seconds_of(field(facts, "validUntil"));
  for (const auto& check : old.checks) {
    if (check.status != CheckStatus::fail) continue;
    if (check.id == "validity" && until > 0 && until < now && seconds_of(field(facts, "validFrom")) <= now) continue;
    refused.push_back(error_at("/old/" + check.id,
                               "the credential to renew fails its " + check.id + " check: " + check.sentence,
                               "renew only a credential that verifies; a changed one is refused"));
  }
  if (issuer_id(facts) != request.issuer_id) {
    refused.push_back(error_at("/old/issuer",
                               "the credential to renew was issued by " + issuer_id(facts) + ", not by this issuer (" +
                                   request.issuer_id + ")",
                               "only the issuer of a credential renews it"));
  }
  const std::string achievement = text_of(field(field(field(facts, "credentialSubject"), "achievement"), "id"));
  if (achievement != request.achievement_id) {
    refused.push_back(error_at("/old/credentialSubject/achievement/id",
                               "the credential to renew is for " + achievement + ", not " + request.achievement_id,
                               "renew a credential with the package or pathway of its own achievement"));
  }
}

// The proof must be verified, the same learner's, and (for renewal by assessment or recall) of the achievement's
// own course and version.
void check_proof(const RenewalRequest& request, std::vector<Problem>& refused) {
  const Report& proof = *request.proof;
  if (!proof.ok() || proof.kind != "completion-proof") {
    refused.push_back(error_at("/proof", "the renewal proof is not a verified completion proof",
                               "the learner makes one with their record (tessera prove)"));
    return;
  }
  const json& subject = field(proof.document, "credentialSubject");
  const std::string learner = text_of(field(field(request.old_credential->facts, "credentialSubject"), "id"));
  if (text_of(field(subject, "id")) != learner) {
    refused.push_back(error_at(
        "/proof/credentialSubject/id",
        "the proof is by " + text_of(field(subject, "id")) + ", but the credential to renew belongs to " + learner,
        "only the holder's own proof renews a credential"));
  }
  const course::RenewalRule& rule = request.definition->renew_by;
  const json& course = field(subject, "course");
  const std::string proof_course = text_of(field(course, "id")) + " " + text_of(field(course, "version"));
  if (rule.method == course::RenewalMethod::course) {
    if (text_of(field(course, "id")) != rule.course) {
      refused.push_back(error_at("/proof/credentialSubject/course/id",
                                 "the proof is for course " + proof_course +
                                     ", but this credential is renewed by "
                                     "completing course " +
                                     rule.course,
                                 "complete " + rule.course + " and prove it"));
    }
    return;
  }
  if (rule.method == course::RenewalMethod::none) return;
  if (request.course == nullptr || text_of(field(course, "id")) != request.course->id ||
      text_of(field(course, "version")) != request.course->version) {
    refused.push_back(
        error_at("/proof/credentialSubject/course",
                 "the proof is for course " + proof_course + ", not for the achievement's course " +
                     (request.course ? request.course->id + " " + request.course->version : request.achievement_id),
                 "renew with a proof of the same course and version"));
  }
}

// The proof's evidence replayed through a Session of its course (it verified, so it replays).
std::optional<session::Session> replay(const Report& proof, const course::Course& course) {
  const json& evidence = field(proof.document, "evidence");
  if (!evidence.is_array() || evidence.empty()) return std::nullopt;
  auto read = read_evidence(field(evidence[0], "events"));
  if (!read.problems.empty()) return std::nullopt;
  auto opened = session::Session::open(std::make_shared<const course::Course>(course), std::move(read.replay));
  if (!opened.problems.empty()) return std::nullopt;
  return std::move(opened.session);
}

// A fraction as a percentage to one decimal ("85.0%"), from whole tenths: no printf of a double, whose
// rounding may differ between native and Wasm.
std::string percent(double fraction) {
  const std::int64_t tenths = std::llround(fraction * 1000);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

}  // namespace

// ─── Recall retention ───

std::vector<CompetencyRetention> recall_retention(const session::Session& session, const course::RenewalRule& rule,
                                                  std::int64_t now_seconds) {
  const std::int64_t window_start = datetime::add_months(now_seconds, -rule.months);
  std::map<std::string, std::pair<double, std::size_t>> sum;        // competency → (retrievability sum, cards)
  std::map<std::string, std::vector<std::string>> competencies_of;  // "BLOCK/ITEM" → its competencies
  for (const auto& card : session.recall_cards()) {
    const assess::Item* item = session.item(card.block, card.item);
    if (item == nullptr) continue;
    const double r = card.state.reps == 0 ? 0.0 : recall::retrievability(card.state, now_seconds);
    for (const auto& competency : item->competencies) {
      sum[competency].first += r;
      sum[competency].second += 1;
    }
    competencies_of[card.block + "/" + card.item] = item->competencies;
  }
  std::map<std::string, std::size_t> in_window;
  for (const auto& event : session.events()) {
    if (event.type != "recall.reviewed" || event.t / 1000 < window_start || event.t / 1000 > now_seconds) continue;
    const auto found =
        competencies_of.find(text_of(field(event.payload, "block")) + "/" + text_of(field(event.payload, "item")));
    if (found == competencies_of.end()) continue;
    for (const auto& competency : found->second) ++in_window[competency];
  }
  std::vector<CompetencyRetention> out;
  for (const auto& competency : session.course().competencies) {
    const auto found = sum.find(competency.id);
    if (found == sum.end()) continue;
    CompetencyRetention line{competency.id, found->second.first / static_cast<double>(found->second.second),
                             found->second.second, in_window[competency.id], false};
    line.met = line.reviews_in_window > 0 && line.retention >= rule.retention;
    out.push_back(std::move(line));
  }
  return out;
}

namespace {

// ─── The rule's checks ───

// Renewal by assessment: the assessment's last submitted attempt passed, submitted after the old credential
// was issued.
void check_assessment(const RenewalRequest& request, const session::Session& session, std::int64_t issued,
                      std::vector<Problem>& refused) {
  const std::string& id = request.definition->renew_by.assessment;
  const session::Attempt* last = nullptr;
  for (const auto& module : session.course().modules) {
    for (const auto& block : module.blocks) {
      if (block.type != course::BlockType::assessment || block.data.value("assessment", std::string()) != id) continue;
      const auto attempts = session.state().attempts.find(block.id);
      if (attempts == session.state().attempts.end()) continue;
      for (const auto& attempt : attempts->second) {
        if (attempt.submitted && (last == nullptr || attempt.submitted_seq > last->submitted_seq)) last = &attempt;
      }
    }
  }
  const std::string since = datetime::format(issued);
  if (last == nullptr || last->submitted_t / 1000 < issued) {
    refused.push_back(
        error_at("/renewBy/assessment",
                 "assessment " + id + " was not taken again after the credential was issued (" + since + ")",
                 "the learner passes " + id + " again, then proves their record"));
  } else if (!last->passed) {
    refused.push_back(error_at(
        "/renewBy/assessment",
        "the last attempt at assessment " + id + " (" + datetime::format(last->submitted_t / 1000) + ") did not pass",
        "the learner passes " + id + " again, then proves their record"));
  }
}

// Renewal by recall: every competency with recall cards keeps the predicted retention, with reviews in the window.
void check_recall(const RenewalRequest& request, const session::Session& session, std::int64_t now,
                  std::vector<Problem>& refused, json& detail) {
  const course::RenewalRule& rule = request.definition->renew_by;
  const auto lines = recall_retention(session, rule, now);
  detail["competencies"] = json::array();
  for (const auto& line : lines) {
    detail["competencies"].push_back({{"competency", line.competency},
                                      {"retention", line.retention},
                                      {"cards", line.cards},
                                      {"reviewsInWindow", line.reviews_in_window},
                                      {"met", line.met}});
    if (line.met) continue;
    refused.push_back(error_at(
        "/renewBy/recall",
        line.reviews_in_window == 0
            ? "competency " + line.competency + " has no recall review in the last " +
                  (rule.months == 1 ? std::string("month") : std::to_string(rule.months) + " months")
            : "the predicted retention of competency " + line.competency + " is " + percent(line.retention) +
                  " (mean of " + std::to_string(line.cards) + " cards), under the " + percent(rule.retention) +
                  " the course requires",
        "the learner reviews the cards due (the dashboard's \"Due for review\"), then proves their record again"));
  }
  if (lines.empty()) {
    refused.push_back(error_at("/renewBy/recall", "the record has no recall cards of this course",
                               "recall cards come from the assessed items of completed modules"));
  }
}

}  // namespace

std::vector<Problem> check_renewal(const RenewalRequest& request, json& detail) {
  const auto now = datetime::parse(request.now);
  if (!now) return {error_at("/now", "now is not a date and time with a zone: " + request.now)};
  std::vector<Problem> refused;
  const course::RenewalRule& rule = request.definition->renew_by;
  detail = {{"method", to_string(rule.method)}, {"old", text_of(field(request.old_credential->facts, "id"))}};
  if (rule.method == course::RenewalMethod::none) {
    return {error_at("/renewBy", "the credential's achievement has no renewal rule",
                     "the author adds credential.renewBy to course.json (or to the pathway in catalog.json)")};
  }
  check_old_credential(request, *now, refused);
  check_proof(request, refused);
  if (!refused.empty()) return refused;
  const std::int64_t issued = seconds_of(field(request.old_credential->facts, "validFrom"));
  if (rule.method == course::RenewalMethod::course) {
    const json& subject = field(request.proof->document, "credentialSubject");
    if (seconds_of(field(subject, "completedAt")) < issued) {
      refused.push_back(error_at("/proof/credentialSubject/completedAt",
                                 "course " + rule.course + " was completed before the credential was issued",
                                 "the renewal course is completed after the credential it renews"));
    }
    return refused;
  }
  const auto session = replay(*request.proof, *request.course);
  if (!session) return {error_at("/proof/evidence", "the proof's evidence does not replay over the course")};
  if (rule.method == course::RenewalMethod::assessment) check_assessment(request, *session, issued, refused);
  if (rule.method == course::RenewalMethod::recall) check_recall(request, *session, *now, refused, detail);
  return refused;
}

// ─── The renewed credential ───

std::string credential_digest_multibase(const json& credential) {
  auto canonical = jcs::canonicalize(credential);
  if (!canonical) return {};
  const auto digest = crypto::sha256(crypto::as_bytes(canonical.value()));
  crypto::Bytes multihash = {0x12, 0x20};  // sha2-256, 32 bytes
  multihash.insert(multihash.end(), digest.begin(), digest.end());
  return "u" + crypto::base64url_encode(multihash);
}

namespace {

json renewal_evidence(const RenewalRequest& request) {
  const json& facts = request.old_credential->facts;
  const std::string id = text_of(field(facts, "id"));
  const std::string method(to_string(request.definition->renew_by.method));
  return {{"id", id},
          {"type", {"Evidence"}},
          {"genre", "Renewal"},
          {"name", "Renews " + id},
          {"description", "This credential renews the credential " + id + " (the same achievement, issued " +
                              text_of(field(facts, "validFrom")) + ", valid until " +
                              text_of(field(facts, "validUntil")) + ") by the same issuer."},
          {"narrative", "Renewed by " + method +
                            ": the issuer checked the renewal rule against the learner's "
                            "completion proof named below."}};
}

}  // namespace

Result<json> renewed_credential(const RenewalRequest& request, const Issuance& issuance) {
  const Report& old = *request.old_credential;
  json credential;
  if (request.course != nullptr && request.definition->renew_by.method != course::RenewalMethod::course) {
    auto made = course_credential(*request.proof, *request.course, issuance);
    if (!made) return made.problems();
    credential = std::move(made).value();
  } else {
    // The old credential's achievement and results, as this issuer signed them, under a new id and validity.
    credential = without_proof(old.document);
    credential["id"] = issuance.id;
    credential.erase("validUntil");
    credential.erase("credentialStatus");
    set_validity(credential, issuance.valid_from, request.definition->validity_months);
    if (!issuance.status.is_null()) credential["credentialStatus"] = issuance.status;
    credential["evidence"] = json::array({proof_evidence(*request.proof)});
  }
  credential["evidence"].insert(credential["evidence"].begin(), renewal_evidence(request));
  credential["relatedResource"] = json::array(
      {{{"id", text_of(field(old.facts, "id"))}, {"digestMultibase", credential_digest_multibase(old.document)}}});
  return credential;
}

}  // namespace tessera::credential
