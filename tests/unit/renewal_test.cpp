// Renewal: the `renewBy` rule read and refused with its pointer (course and pathway), retention by recall worked
// out by hand, the renewal decision (assessment passed again, recall kept up, and each refusal), and the renewed
// credential naming the one it renews, read back from its signed RDF by the verifier.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "proof_support.hpp"
#include "support.hpp"
#include "tessera/catalog.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/datetime.hpp"
#include "tessera/issuer.hpp"
#include "tessera/package.hpp"
#include "tessera/record.hpp"
#include "tessera/renewal.hpp"
#include "tessera/session.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::session::Session;
using tessera::test::act;
using tessera::test::check_of;
using tessera::test::seed_of;

namespace {

json credential_course(const json& renew_by) {
  json course = json::parse(tessera::test::read_golden("credential/course.json"));
  if (!renew_by.is_null()) course["credential"]["renewBy"] = renew_by;
  return course;
}

std::vector<std::string> errors_of(const json& course) {
  std::vector<std::string> out;
  for (const auto& p : tessera::course::load(course.dump()).problems) {
    if (p.severity == tessera::Severity::error) out.push_back(p.where + ": " + p.message);
  }
  return out;
}

std::int64_t ms(const char* iso) { return tessera::datetime::parse(iso).value() * 1000; }

// The golden course with a renewal rule, its signed package, the learner (seed 11…), the issuer (seed 44…) and
// the golden completed record (its last event 2027-01-01T00:08:20Z) opened as a session.
struct Fixture : tessera::test::SignedCourse {
  crypto::KeyPair issuer = crypto::keypair_from_seed(seed_of(0x44));
  std::string issuer_did = crypto::did_key(issuer.public_key);
};

Fixture make_fixture(const json& renew_by) {
  return {tessera::test::signed_course(credential_course(renew_by).dump(2), true)};
}

Session completed(const Fixture& f) {
  auto read = tessera::record::read_json_lines(tessera::test::read_golden("credential/completed-record.jsonl"));
  REQUIRE(read.problems.empty());
  auto opened = Session::open(f.course, read.events);
  REQUIRE(opened.problems.empty());
  return std::move(opened.session);
}

void review(Session& s, const char* block, const char* item, int rating, const char* when) {
  act(s, {{"type", "review"}, {"block", block}, {"item", item}, {"rating", rating}, {"t", ms(when)}});
}

// The final check taken again from `when`, every answer right (q2 false, q3 a+b, q4 a), 20 s apart.
void retake_final(Session& s, const char* when) {
  std::int64_t t = ms(when);
  act(s, {{"type", "start-attempt"}, {"block", "final"}, {"t", t}});
  for (const auto& item : s.state().attempts.at("final").back().items) {
    const json answer = item == "q2" ? json(false) : item == "q3" ? json::array({"a", "b"}) : json("a");
    act(s, {{"type", "answer"}, {"block", "final"}, {"item", item}, {"answer", answer}, {"t", t += 20000}});
  }
  act(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", t += 20000}});
}

credential::Report proof_report(const Fixture& f, const Session& s, const std::string& now) {
  auto proof = credential::create_completion_proof(s, f.learner, f.manifest_sha256, now);
  REQUIRE(proof.ok());
  credential::VerifyOptions options;
  options.package = &f.package;
  options.now = now;
  auto report = credential::verify_document(proof.value(), options);
  INFO(report.to_json().dump(2));
  REQUIRE(report.ok());
  return report;
}

// The credential the issuer gave for the golden record on 2027-01-02 (valid until 2029-01-02), eddsa-rdfc-2022.
json issued(const Fixture& f, const std::string& id = "urn:uuid:11111111-1111-4111-8111-111111111111") {
  const auto report = proof_report(f, completed(f), "2027-01-02T00:00:00Z");
  const credential::Issuance issuance{id, "2027-01-02T00:00:00Z", nullptr, {f.issuer_did, "Example Academy", "", ""}};
  auto badge = credential::course_credential(report, *f.course, issuance);
  REQUIRE(badge.ok());
  auto signed_badge = credential::add_proof(badge.value(), f.issuer);
  REQUIRE(signed_badge.ok());
  return signed_badge.value();
}

credential::Report verified(const json& document, const std::string& now) {
  credential::VerifyOptions options;
  options.now = now;
  return credential::verify_document(document, options);
}

struct Decision {
  std::vector<tessera::Problem> refused;
  json detail;
};

Decision decide(const Fixture& f, const credential::Report& old, const credential::Report& proof,
                const std::string& now) {
  const credential::RenewalRequest request{
      &old, &proof, &f.course->credential, f.course.get(), "urn:tessera:course:golden-course:1.0.0", f.issuer_did, now};
  Decision d;
  d.refused = credential::check_renewal(request, d.detail);
  return d;
}

bool refused_with(const Decision& d, const std::string& where, const std::string& words) {
  for (const auto& p : d.refused) {
    if (p.where == where && p.message.find(words) != std::string::npos) return true;
  }
  FAIL_CHECK("no refusal at " << where << " saying '" << words << "' in " << json(d.detail).dump());
  return false;
}

}  // namespace

TEST_CASE("renewBy: each way to renew is read, and a wrong rule is refused at its pointer", "[renewal][course]") {
  const auto rule = [](const json& renew_by) {
    return tessera::course::load(credential_course(renew_by).dump()).course.value().credential.renew_by;
  };
  using tessera::course::RenewalMethod;
  CHECK(rule(nullptr).method == RenewalMethod::none);
  CHECK(rule({{"assessment", "final-check"}}).assessment == "final-check");
  CHECK(rule({{"course", "golden-course-recall"}}).method == RenewalMethod::course);
  const auto recall = rule({{"recall", {{"retention", 0.85}, {"months", 6}}}});
  CHECK(recall.method == RenewalMethod::recall);
  CHECK(recall.retention == 0.85);
  CHECK(recall.months == 6);

  CHECK(errors_of(credential_course({{"assessment", "final"}})) ==
        std::vector<std::string>{"/credential/renewBy/assessment: assessment 'final' is not defined in /assessments"});
  CHECK(
      errors_of(credential_course({{"assessment", "final-check"}, {"course", "x"}})) ==
      std::vector<std::string>{"/credential/renewBy: the renewal rule must name exactly one way to renew; it names 2"});
  CHECK(
      errors_of(credential_course(json::object())) ==
      std::vector<std::string>{"/credential/renewBy: the renewal rule must name exactly one way to renew; it names 0"});
  CHECK(errors_of(credential_course({{"recall", {{"retention", 1.2}, {"months", 0}}}})) ==
        std::vector<std::string>{
            "/credential/renewBy/recall/retention: 'retention' must be a number from 0.5 to 0.99, found 1.2",
            "/credential/renewBy/recall/months: 'months' is 0; it must be between 1 and 24"});
  CHECK(errors_of(credential_course({{"recall", {{"months", 6}}}})) ==
        std::vector<std::string>{
            "/credential/renewBy/recall: the renewal by recall is missing the required field 'retention'"});
  CHECK(errors_of(credential_course({{"course", "Not A Slug"}})).size() == 1);
  CHECK(errors_of(credential_course("final-check")) ==
        std::vector<std::string>{"/credential/renewBy: expected the renewal rule as a JSON object, found a string"});
  json never = credential_course({{"assessment", "final-check"}});
  never["credential"]["validityMonths"] = nullptr;
  CHECK(errors_of(never) ==
        std::vector<std::string>{
            "/credential/renewBy: a credential that never expires (validityMonths null) has nothing to renew"});
}

TEST_CASE("renewBy in a pathway: by a course of the catalog only", "[renewal][catalog]") {
  json catalog = json::parse(tessera::test::read_golden("catalog/catalog.json"));
  auto& credential = catalog["pathways"][0]["credential"];
  const auto errors = [&](const json& renew_by) {
    credential["renewBy"] = renew_by;
    std::vector<std::string> out;
    for (const auto& p : tessera::catalog::load(catalog.dump()).problems) {
      if (p.severity == tessera::Severity::error) out.push_back(p.where + ": " + p.message);
    }
    return out;
  };
  const std::string known = catalog["courses"][0]["id"];
  CHECK(errors({{"course", known}}).empty());
  CHECK(errors({{"course", "not-listed"}}) ==
        std::vector<std::string>{"/pathways/0/credential/renewBy/course: course 'not-listed' is not in this "
                                 "catalog's 'courses'"});
  CHECK(errors({{"assessment", "final"}}) ==
        std::vector<std::string>{
            "/pathways/0/credential/renewBy/assessment: a pathway has no assessments of its own to pass again"});
}

TEST_CASE("renewal by recall: each competency's retention is its cards' mean retrievability now, by hand",
          "[renewal][recall]") {
  const Fixture f = make_fixture({{"recall", {{"retention", 0.9}, {"months", 1}}}});
  const auto& rule = f.course->credential.renew_by;
  // The golden record's cards: check-1/q1 and the final's two drawn items q3, q4, all aligned to "validate".
  Session s = completed(f);
  REQUIRE(s.recall_cards().size() == 3);
  const std::int64_t now = ms("2027-03-09T09:00:00Z") / 1000;

  // Nothing reviewed: every card counts 0, and no review falls in the window.
  auto lines = credential::recall_retention(s, rule, now);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].competency == "validate");
  CHECK(lines[0].retention == 0);
  CHECK(lines[0].reviews_in_window == 0);
  CHECK_FALSE(lines[0].met);

  // Two of three cards rated Easy on 2027-03-01 09:00: S = w3 = 8.2956; eight whole days later
  // R = (1 + 0.98034649 · 8 / 8.2956)^-0.1542 = 0.9024733 (docs/recall.md), the third card 0:
  // mean 2 · 0.9024733 / 3 = 0.6016489.
  review(s, "check-1", "q1", 4, "2027-03-01T09:00:00Z");
  review(s, "final", "q3", 4, "2027-03-01T09:00:00Z");
  lines = credential::recall_retention(s, rule, now);
  CHECK(lines[0].retention == Approx(0.6016489).margin(1e-7));
  CHECK(lines[0].reviews_in_window == 2);
  CHECK_FALSE(lines[0].met);

  // All three: 0.9024733 ≥ 0.9, three reviews in the month before 2027-03-09.
  review(s, "final", "q4", 4, "2027-03-01T09:00:00Z");
  lines = credential::recall_retention(s, rule, now);
  CHECK(lines[0].retention == Approx(0.9024733).margin(1e-7));
  CHECK(lines[0].cards == 3);
  CHECK(lines[0].met);

  // On 2027-04-05 the reviews of 2027-03-01 are outside the month (window from 2027-03-05), and
  // R(35, 8.2956) = (1 + 0.98034649 · 35 / 8.2956)^-0.1542 = 5.13618^-0.1542 = 0.7769968 < 0.9.
  lines = credential::recall_retention(s, rule, ms("2027-04-05T09:00:00Z") / 1000);
  CHECK(lines[0].reviews_in_window == 0);
  CHECK(lines[0].retention == Approx(0.7769968).margin(1e-7));
  CHECK_FALSE(lines[0].met);
}

TEST_CASE("renewal by recall: decided from the proof's review events at now", "[renewal][recall]") {
  const Fixture f = make_fixture({{"recall", {{"retention", 0.9}, {"months", 1}}}});
  const auto old = verified(issued(f), "2028-12-20T09:00:00Z");
  Session s = completed(f);
  for (const char* item : {"q3", "q4"}) review(s, "final", item, 4, "2028-12-12T09:00:00Z");
  review(s, "check-1", "q1", 4, "2028-12-12T09:00:00Z");
  const auto proof = proof_report(f, s, "2028-12-20T09:00:00Z");

  const auto accepted = decide(f, old, proof, "2028-12-20T09:00:00Z");  // eight days on: 0.9024733
  CHECK(accepted.refused.empty());
  CHECK(accepted.detail["method"] == "recall");
  CHECK(accepted.detail["competencies"][0]["retention"].get<double>() == Approx(0.9024733).margin(1e-7));

  // Ten days later: R(18, 8.2956) = (1 + 0.98034649 · 18 / 8.2956)^-0.1542 = 0.8387788 < 0.9.
  const auto later = decide(f, old, proof, "2028-12-30T09:00:00Z");
  refused_with(later, "/renewBy/recall", "the predicted retention of competency validate is 83.9%");
}

TEST_CASE("renewal by assessment: passed again after issue; every other case refused with its reason",
          "[renewal][assessment]") {
  const Fixture f = make_fixture({{"assessment", "final-check"}});
  const json old_document = issued(f);
  const auto old = verified(old_document, "2028-12-20T09:00:00Z");
  REQUIRE(old.ok());

  // The golden record alone: its only final attempt was in 2027-01-01, before the credential was issued.
  const auto stale = decide(f, old, proof_report(f, completed(f), "2028-12-20T09:00:00Z"), "2028-12-20T09:00:00Z");
  refused_with(stale, "/renewBy/assessment", "was not taken again after the credential was issued");

  Session s = completed(f);
  retake_final(s, "2028-12-15T10:00:00Z");
  const auto proof = proof_report(f, s, "2028-12-20T09:00:00Z");
  CHECK(decide(f, old, proof, "2028-12-20T09:00:00Z").refused.empty());

  // After validUntil (2029-01-02) the credential has expired: still renewable, as the wallet offers.
  const auto expired = verified(old_document, "2029-02-01T00:00:00Z");
  REQUIRE(tessera::test::first_failure(expired) == "validity");
  CHECK(decide(f, expired, proof, "2029-02-01T00:00:00Z").refused.empty());

  // A forged credential (its achievement renamed after signing) fails its proof check.
  json forged = old_document;
  forged["credentialSubject"]["achievement"]["name"] = "Senior package checker";
  refused_with(decide(f, verified(forged, "2028-12-20T09:00:00Z"), proof, "2028-12-20T09:00:00Z"), "/old/proof",
               "the credential to renew fails its proof check");

  // Another issuer's credential for the same achievement.
  Fixture other = make_fixture({{"assessment", "final-check"}});
  other.issuer = crypto::keypair_from_seed(seed_of(0x55));
  other.issuer_did = crypto::did_key(other.issuer.public_key);
  refused_with(decide(f, verified(issued(other), "2028-12-20T09:00:00Z"), proof, "2028-12-20T09:00:00Z"), "/old/issuer",
               "not by this issuer");

  // Another learner's proof.
  Fixture stranger = make_fixture({{"assessment", "final-check"}});
  stranger.learner = credential::learner_key_from_entropy(seed_of(0x66));
  refused_with(decide(f, old, proof_report(stranger, s, "2028-12-20T09:00:00Z"), "2028-12-20T09:00:00Z"),
               "/proof/credentialSubject/id", "the credential to renew belongs to");

  // A proof of another course version: not the achievement's course.
  json v2 = credential_course({{"assessment", "final-check"}});
  v2["version"] = "2.0.0";
  Fixture newer = make_fixture({{"assessment", "final-check"}});
  newer.course = std::make_shared<const tessera::course::Course>(tessera::course::load(v2.dump()).course.value());
  newer.package.files["course.json"] = v2.dump();
  newer.package.manifest_text = tessera::package::sign_manifest("golden-course", "2.0.0", newer.package.files,
                                                                crypto::keypair_from_seed(seed_of(0x22)))
                                    .value();
  newer.manifest_sha256 = crypto::to_hex(crypto::sha256(crypto::as_bytes(newer.package.manifest_text)));
  Session on_v2 = completed(newer);
  retake_final(on_v2, "2028-12-15T10:00:00Z");
  refused_with(decide(f, old, proof_report(newer, on_v2, "2028-12-20T09:00:00Z"), "2028-12-20T09:00:00Z"),
               "/proof/credentialSubject/course", "not for the achievement's course golden-course 1.0.0");
}

TEST_CASE("the renewed credential keeps the achievement, is valid from now, and names the one it renews",
          "[renewal][issuer]") {
  const Fixture f = make_fixture({{"assessment", "final-check"}});
  const json old_document = issued(f);
  const auto old = verified(old_document, "2028-12-20T09:00:00Z");
  Session s = completed(f);
  retake_final(s, "2028-12-15T10:00:00Z");
  const auto proof = proof_report(f, s, "2028-12-20T09:00:00Z");
  const credential::RenewalRequest request{&old,
                                           &proof,
                                           &f.course->credential,
                                           f.course.get(),
                                           "urn:tessera:course:golden-course:1.0.0",
                                           f.issuer_did,
                                           "2028-12-20T09:00:00Z"};
  const credential::Issuance issuance{"urn:uuid:22222222-2222-4222-8222-222222222222",
                                      "2028-12-20T09:00:00Z",
                                      nullptr,
                                      {f.issuer_did, "Example Academy", "", ""}};
  auto renewed = credential::renewed_credential(request, issuance);
  REQUIRE(renewed.ok());
  const json& r = renewed.value();
  CHECK(r["credentialSubject"]["achievement"]["id"] == "urn:tessera:course:golden-course:1.0.0");
  CHECK(r["validFrom"] == "2028-12-20T09:00:00Z");
  CHECK(r["validUntil"] == "2030-12-20T09:00:00Z");  // 24 calendar months on
  CHECK(r["evidence"][0]["id"] == old_document["id"]);
  CHECK(r["evidence"][0]["genre"] == "Renewal");
  CHECK(r["evidence"][1]["id"] == "urn:sha256:" + credential::proof_digest(proof.document));
  // The digest: multihash sha2-256 (0x12 0x20) of the old credential's RFC 8785 form, base64url, multibase 'u'.
  const std::string digest = credential::credential_digest_multibase(old_document);
  CHECK(digest.size() == 1 + 46);  // 34 bytes in base64url without padding
  // base64url of 0x12 0x20 then the digest: "uEi", then A–D (0x20's last four bits 0000 and the digest's first two).
  CHECK(digest.starts_with("uEi"));
  CHECK(std::string("ABCD").find(digest.at(3)) != std::string::npos);
  CHECK(r["relatedResource"] == json::array({{{"id", old_document["id"]}, {"digestMultibase", digest}}}));

  // Signed with eddsa-rdfc-2022, the verifier reads the link from the signed RDF and says so.
  auto signed_renewed = credential::add_proof(r, f.issuer);
  REQUIRE(signed_renewed.ok());
  const auto report = verified(signed_renewed.value(), "2029-06-01T00:00:00Z");
  INFO(report.to_json().dump(2));
  CHECK(report.ok());
  CHECK(check_of(report, "renewal").sentence ==
        "Renewed from urn:uuid:11111111-1111-4111-8111-111111111111: this credential renews that one, for the same "
        "achievement.");
  CHECK(report.to_json()["subject"]["renewedFrom"] == json({{"id", old_document["id"]}, {"digestMultibase", digest}}));
  // The credential it renews has no such line.
  for (const auto& check : old.checks) CHECK(check.id != "renewal");
}
