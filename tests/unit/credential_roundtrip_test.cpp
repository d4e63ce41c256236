// The credential round trip — learner key → completion proof → verifier → issuer → Open Badges credential →
// verifier — on the golden course played through Session, what a proof withholds of the learner's own words,
// and the tamper tests: every change is rejected by the check it concerns, with a sentence saying why.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "proof_support.hpp"
#include "support.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/issuer.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/status_list.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::session::Session;
using tessera::test::check_of;
using tessera::test::first_failure;
using tessera::test::seed_of;

namespace {

// The golden course, with the scenario block left out of the required blocks: the scenario engine has not
// landed, so "all" could never complete.
json completable_course(const std::string& version = "1.0.0") {
  json course = json::parse(tessera::test::read_golden("course/valid/course.json"));
  course["version"] = version;
  course["completion"]["requiredBlocks"] = {"intro", "diagram", "rule",  "walkthrough", "check-1",
                                            "story", "think",   "final", "summary"};
  return course;
}

std::string completable_course_json(const std::string& version = "1.0.0") {
  return completable_course(version).dump(2);
}

// The learner's own words as play() writes them: none may appear in a proof unless they opt in.
constexpr const char* reflection_text = "My private thoughts about hidden errors.";
constexpr const char* survey_comment = "Clearer error hints, please.";
constexpr const char* notes_answer = "Notes to self: ask about pointers.";

using Fixture = tessera::test::SignedCourse;
using tessera::test::act;
using tessera::test::make_proof;
using tessera::test::resign;
using tessera::test::with_package;

Fixture make_fixture_of(const std::string& text) { return tessera::test::signed_course(text, true); }

Fixture make_fixture(const std::string& version = "1.0.0") { return make_fixture_of(completable_course_json(version)); }

// The golden course with an unscored free-text item in the formative check: a note the learner writes there.
Fixture make_fixture_with_notes() {
  json course = completable_course();
  course["assessments"][0]["items"].push_back(
      {{"id", "notes"}, {"type", "free-text"}, {"prompt", "Anything to remember?"}});
  return make_fixture_of(course.dump(2));
}

json right_answer(const std::string& item) {
  if (item == "q2") return false;
  if (item == "q3") return json::array({"a", "b"});
  if (item == "notes") return notes_answer;
  return "a";
}

// Plays the whole course, `seconds` apart, with a reflection, the summative passed at the first attempt, and
// the survey answered (a likert point and a comment).
Session play(const Fixture& f, std::int64_t seconds = 20) {
  Session s = Session::open(f.course, {}).session;
  std::int64_t t = 1'798'761'600'000;
  const auto step = [&] { return t += seconds * 1000; };
  for (const char* id : {"intro", "diagram", "rule", "walkthrough"}) {
    act(s, {{"type", "open"}, {"block", id}, {"t", step()}});
    act(s, {{"type", "complete"}, {"block", id}, {"t", step()}});
  }
  act(s, {{"type", "open"}, {"block", "check-1"}, {"t", step()}});
  act(s, {{"type", "start-attempt"}, {"block", "check-1"}, {"t", step()}});
  for (const auto& item : s.state().attempts.at("check-1").back().items) {
    act(s, {{"type", "answer"}, {"block", "check-1"}, {"item", item}, {"answer", right_answer(item)}, {"t", step()}});
  }
  act(s, {{"type", "submit-attempt"}, {"block", "check-1"}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "story"}, {"t", step()}});
  act(s, {{"type", "complete"}, {"block", "story"}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "think"}, {"t", step()}});
  act(s, {{"type", "reflect"}, {"block", "think"}, {"text", reflection_text}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "final"}, {"t", step()}});
  act(s, {{"type", "start-attempt"}, {"block", "final"}, {"t", step()}});
  for (const auto& item : s.state().attempts.at("final").back().items) {
    act(s, {{"type", "answer"}, {"block", "final"}, {"item", item}, {"answer", right_answer(item)}, {"t", step()}});
  }
  act(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "feedback"}, {"t", step()}});
  act(s, {{"type", "submit-survey"},
          {"block", "feedback"},
          {"answers", {{"useful", 4}, {"comments", survey_comment}}},
          {"t", step()}});
  act(s, {{"type", "open"}, {"block", "summary"}, {"t", step()}});
  act(s, {{"type", "complete"}, {"block", "summary"}, {"t", step()}});
  REQUIRE(s.course_complete());
  return s;
}

}  // namespace

TEST_CASE("a completion proof is offered only once the completion rules hold", "[credential][completion]") {
  const Fixture f = make_fixture();
  Session s = Session::open(f.course, {}).session;
  act(s, {{"type", "open"}, {"block", "intro"}, {"t", 1'798'761'600'000}});
  const auto refused = credential::create_completion_proof(s, f.learner, f.manifest_sha256);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].message == "the course is not complete yet, so there is nothing to prove");
  CHECK(refused.problems()[0].hint.find("final-check") != std::string::npos);
  const Session done = play(f);
  CHECK_FALSE(credential::create_completion_proof(done, f.learner, "not-a-digest").ok());
}

TEST_CASE("a completion proof verifies and re-scores", "[credential][completion]") {
  const Fixture f = make_fixture();
  const Session s = play(f);
  const json proof = make_proof(f, s);
  CHECK(proof["issuer"] == f.learner.did);
  CHECK(proof["credentialSubject"]["result"]["passed"] == true);
  CHECK(proof["credentialSubject"]["result"]["score"] == "2");
  CHECK(proof["credentialSubject"]["result"]["competencies"][0]["mastered"] == true);
  CHECK(proof["credentialSubject"]["course"]["manifestSha256"] == f.manifest_sha256);

  const auto report = credential::verify_text(proof.dump(), with_package(f));
  INFO(report.to_json().dump(2));
  CHECK(report.ok());
  CHECK(report.kind == "completion-proof");
  for (const char* id : {"input", "type", "proof", "issuer", "evidence", "package", "course", "rescore", "outcomes",
                         "completion", "timing", "validity", "status"}) {
    CHECK(check_of(report, id).status == credential::CheckStatus::pass);
  }
  // Without the package, what needs it is a warning, not a pass.
  const auto bare = credential::verify_document(proof);
  CHECK(bare.ok());
  CHECK(check_of(bare, "rescore").status == credential::CheckStatus::warning);
  CHECK(check_of(bare, "validity").status == credential::CheckStatus::warning);
}

// The events of a proof's evidence of one type.
std::vector<json> evidence_of_type(const json& proof, const std::string& type) {
  std::vector<json> found;
  for (const auto& e : proof["evidence"][0]["events"]) {
    if (e["type"] == type) found.push_back(e);
  }
  return found;
}

TEST_CASE("a completion proof withholds what the learner wrote for themself, unless they include it",
          "[credential][completion][private]") {
  const Fixture f = make_fixture();
  const Session s = play(f);
  REQUIRE(s.state().surveys.at("feedback")["comments"] == survey_comment);  // the record keeps it on the device

  SECTION("by default: no reflection text, no survey answer; the chain verifies and re-scores, the withheld counted") {
    const json proof = make_proof(f, s);
    const std::string text = proof.dump();
    CHECK(text.find(reflection_text) == std::string::npos);
    CHECK(text.find(survey_comment) == std::string::npos);
    const auto surveys = evidence_of_type(proof, "survey.submitted");
    REQUIRE(surveys.size() == 1);
    CHECK(surveys[0]["payload"] == json({{"block", "feedback"}}));  // the likert point is gone as well
    CHECK(surveys[0]["redacted"] == json::array({"answers"}));
    CHECK(evidence_of_type(proof, "reflection.saved")[0]["redacted"] == json::array({"text"}));
    // The scored answers stay: re-scoring needs them.
    for (const auto& answer : evidence_of_type(proof, "answer.submitted"))
      CHECK(answer["payload"].contains("response"));

    const auto report = credential::verify_text(text, with_package(f));
    INFO(report.to_json().dump(2));
    CHECK(report.ok());
    CHECK(report.verdict() == "verified");
    CHECK(report.undecided().empty());
    // Without the package nothing fails, but re-scoring and completion were not run: not fully checked.
    credential::VerifyOptions no_package;
    no_package.now = with_package(f).now;
    const auto unpackaged = credential::verify_text(text, no_package);
    CHECK(unpackaged.ok());
    CHECK(unpackaged.verdict() == "could-not-check");
    std::vector<std::string> undecided_ids;
    for (const std::size_t at : unpackaged.undecided()) undecided_ids.push_back(unpackaged.checks.at(at).id);
    CHECK(undecided_ids == std::vector<std::string>{"rescore", "outcomes", "completion"});
    CHECK(unpackaged.to_json()["verdict"] == "could-not-check");
    // A changed score fails: not verified, whatever else ran.
    json tampered = proof;
    tampered["credentialSubject"]["result"]["score"] = "99";
    CHECK(credential::verify_text(tampered.dump(), with_package(f)).verdict() == "not-verified");
    for (const char* id : {"evidence", "rescore", "completion"})
      CHECK(check_of(report, id).status == credential::CheckStatus::pass);
    CHECK(check_of(report, "evidence")
              .sentence.find("; 2 withheld by the learner: 1 reflection text, 1 survey's answers") !=
          std::string::npos);
    const std::map<std::string, std::size_t> expected = {{"reflection.saved", 1}, {"survey.submitted", 1}};
    CHECK(report.withheld == expected);
    CHECK(report.to_json()["withheld"] == json({{"reflection.saved", 1}, {"survey.submitted", 1}}));
    CHECK(report.to_json()["withheldSummary"] == "1 reflection text, 1 survey's answers");

    // The same report for a French page: every sentence from the French catalogue, the counts in French words.
    credential::VerifyOptions in_french = with_package(f);
    in_french.language = "fr-CA";
    const auto french = credential::verify_text(text, in_french);
    CHECK(french.ok());
    CHECK(french.language == "fr");
    CHECK(check_of(french, "input").sentence == "Lu comme du JSON, dans les limites de taille et de profondeur.");
    CHECK(check_of(french, "completion").sentence == "Le parcours rejoué remplit les règles d’achèvement du cours.");
    CHECK(check_of(french, "evidence")
              .sentence.find("; 2 retenus par l’apprenant : 1 texte de réflexion, les réponses de 1 questionnaire.") !=
          std::string::npos);
    CHECK(french.to_json()["withheldSummary"] == "1 texte de réflexion, les réponses de 1 questionnaire");
    REQUIRE(french.checks.size() == report.checks.size());
    for (std::size_t i = 0; i < report.checks.size(); ++i) {
      INFO(report.checks[i].sentence);
      CHECK(french.checks[i].id == report.checks[i].id);
      CHECK(french.checks[i].status == report.checks[i].status);
      CHECK(french.checks[i].sentence != report.checks[i].sentence);
      CHECK(french.checks[i].sentence.find("verify.") == std::string::npos);  // never a bare key
    }
  }
  SECTION("with the learner's opt-in: everything is there, and it verifies too") {
    const json proof = make_proof(f, s, credential::PrivateText::included);
    const std::string text = proof.dump();
    CHECK(text.find(reflection_text) != std::string::npos);
    CHECK(text.find(survey_comment) != std::string::npos);
    CHECK(text.find("\"redacted\"") == std::string::npos);
    CHECK(evidence_of_type(proof, "survey.submitted")[0]["payload"]["answers"]["useful"] == 4);
    const auto report = credential::verify_text(text, with_package(f));
    INFO(report.to_json().dump(2));
    CHECK(report.ok());
    CHECK(report.withheld.empty());
    CHECK(report.to_json()["withheld"] == json::object());
    CHECK(report.to_json()["withheldSummary"] == "");
    CHECK(check_of(report, "evidence").sentence.find("withheld") == std::string::npos);
    // Both proofs are of the same record: the same head, so the same id.
    CHECK(proof["id"] == make_proof(f, s)["id"]);
  }
}

TEST_CASE("an unscored item's answer is withheld; a scored one cannot be", "[credential][completion][private]") {
  const Fixture f = make_fixture_with_notes();
  const Session s = play(f);
  const json proof = make_proof(f, s);
  CHECK(proof.dump().find(notes_answer) == std::string::npos);
  const auto report = credential::verify_document(proof, with_package(f));
  INFO(report.to_json().dump(2));
  CHECK(report.ok());
  CHECK(check_of(report, "rescore").status ==
        credential::CheckStatus::pass);  // the placeholder scores what the note did: nothing
  const std::map<std::string, std::size_t> expected = {
      {"answer.submitted", 1}, {"reflection.saved", 1}, {"survey.submitted", 1}};
  CHECK(report.withheld == expected);
  CHECK(check_of(report, "evidence").sentence.find("1 reflection text, 1 survey's answers, 1 unscored item's answer") !=
        std::string::npos);
  CHECK(make_proof(f, s, credential::PrivateText::included).dump().find(notes_answer) != std::string::npos);

  // A forger (the learner, re-signing) withholds a scored answer, committing its true hash: the chain holds,
  // but re-scoring refuses it at that event.
  json forged = proof;
  auto& events = forged["evidence"][0]["events"];
  std::size_t at = 0;
  while (!(events[at]["type"] == "answer.submitted" && events[at]["payload"]["item"] == "q1")) ++at;
  events[at]["hash"] = events[at + 1]["prev"];
  events[at]["payload"].erase("response");
  events[at]["redacted"] = json::array({"response"});
  const auto refused = credential::verify_document(resign(f, forged), with_package(f));
  INFO(refused.to_json().dump(2));
  CHECK(check_of(refused, "evidence").status == credential::CheckStatus::pass);
  CHECK(first_failure(refused) == "rescore");
  CHECK(check_of(refused, "rescore").sentence ==
        "The evidence withholds what re-scoring needs: the answer to the scored item 'q1' is withheld (at "
        "/evidence/0/events/" +
            std::to_string(at) + "); re-scoring needs it: only an unscored item's answer may be withheld.");
}

TEST_CASE("a proof withholds nothing but what the table lists", "[credential][completion][private]") {
  const Fixture f = make_fixture();
  const json proof = make_proof(f, play(f));
  const auto refused_at = [&](const json& forged) {
    const auto report = credential::verify_document(resign(f, forged), with_package(f));
    INFO(report.to_json().dump(2));
    CHECK(first_failure(report) == "evidence");
    return check_of(report, "evidence").sentence;
  };
  json block = proof;  // an event type that has nothing private
  block["evidence"][0]["events"][1]["hash"] = block["evidence"][0]["events"][2]["prev"];
  block["evidence"][0]["events"][1]["payload"].erase("block");
  block["evidence"][0]["events"][1]["redacted"] = json::array({"block"});
  CHECK(refused_at(block).find("this event cannot be withheld like this (at /evidence/0/events/1)") !=
        std::string::npos);
  json other_member = proof;  // a survey withholding another member than its answers
  for (auto& e : other_member["evidence"][0]["events"]) {
    if (e["type"] == "survey.submitted") e["redacted"] = json::array({"block"});
  }
  CHECK(refused_at(other_member).find("cannot be withheld") != std::string::npos);
  json no_hash = proof;
  for (auto& e : no_hash["evidence"][0]["events"]) {
    if (e["type"] == "survey.submitted") e.erase("hash");
  }
  CHECK(refused_at(no_hash).find("cannot be withheld") != std::string::npos);
}

TEST_CASE("tampered completion proofs are rejected by the check concerned", "[credential][tamper]") {
  const Fixture f = make_fixture();
  const Session s = play(f);
  const json proof = make_proof(f, s);
  const auto options = with_package(f);

  SECTION("one changed byte anywhere in the signed text fails") {
    const std::string text = proof.dump();
    for (std::size_t i = 0; i < text.size(); i += 41) {
      std::string changed = text;
      changed[i] = changed[i] == 'x' ? 'y' : 'x';
      const auto report = credential::verify_text(changed, options);
      INFO(i << ": " << report.to_json().dump());
      CHECK_FALSE(report.ok());
    }
  }
  SECTION("an edited score is caught by the signature, and by re-scoring when re-signed") {
    json changed = proof;
    changed["credentialSubject"]["result"]["score"] = "3";
    CHECK(first_failure(credential::verify_document(changed, options)) == "proof");
    const auto report = credential::verify_document(resign(f, changed), options);
    CHECK(first_failure(report) == "rescore");
    CHECK(check_of(report, "rescore").sentence.find("score") != std::string::npos);
  }
  SECTION("reordered, dropped or edited events break the chain") {
    auto events = proof["evidence"][0]["events"];
    json swapped = proof;
    std::swap(swapped["evidence"][0]["events"][3], swapped["evidence"][0]["events"][4]);
    CHECK(first_failure(credential::verify_document(resign(f, swapped), options)) == "evidence");
    json dropped = proof;
    dropped["evidence"][0]["events"].erase(5);
    const auto report = credential::verify_document(resign(f, dropped), options);
    CHECK(first_failure(report) == "evidence");
    CHECK(check_of(report, "evidence").sentence.find("seq") != std::string::npos);
    json last_dropped = proof;
    last_dropped["evidence"][0]["events"].erase(events.size() - 1);
    CHECK(first_failure(credential::verify_document(resign(f, last_dropped), options)) == "evidence");
    json answer = proof;
    for (auto& e : answer["evidence"][0]["events"]) {
      if (e["type"] == "answer.submitted") e["payload"]["response"]["answer"] = "b";
    }
    CHECK(first_failure(credential::verify_document(resign(f, answer), options)) == "evidence");
    json unredacted = proof;
    for (auto& e : unredacted["evidence"][0]["events"]) {
      if (e.contains("redacted")) e["payload"]["text"] = "something else";
    }
    CHECK(first_failure(credential::verify_document(resign(f, unredacted), options)) == "evidence");
  }
  SECTION("a proof moved onto another credential, or signed by someone else, fails") {
    json moved = proof;
    moved["credentialSubject"]["id"] = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    CHECK(first_failure(credential::verify_document(moved, options)) == "proof");
    const auto other = credential::learner_key_from_entropy(seed_of(0x33));
    json stolen = proof;
    stolen.erase("proof");
    credential::ProofOptions by_other;
    auto resigned = credential::add_proof(stolen, other.pair, by_other);
    REQUIRE(resigned.ok());
    const auto report = credential::verify_document(resigned.value(), options);
    CHECK(first_failure(report) == "issuer");
    // The learner's own valid proof, moved onto another of their completion credentials.
    json mixed = make_proof(f, play(f, 30));
    mixed["proof"] = proof["proof"];
    CHECK(first_failure(credential::verify_document(mixed, options)) == "proof");
  }
  SECTION("a proof replayed against another course or package fails") {
    const Fixture other = make_fixture("1.0.1");
    const auto report = credential::verify_document(proof, with_package(other));
    CHECK(first_failure(report) == "package");
    CHECK(check_of(report, "package").sentence.find("another package") != std::string::npos);
    credential::PackageInput changed_file = f.package;
    changed_file.files["media/rule.svg"] += " ";
    credential::VerifyOptions changed_options = options;
    changed_options.package = &changed_file;
    CHECK(first_failure(credential::verify_document(proof, changed_options)) == "package");
  }
  SECTION("a batch checks the package once, and what it remembers never answers for other bytes") {
    // The manifest's verdict and the compiled course are remembered by their bytes: a changed course.json,
    // or the same manifest expected from another publisher, is refused right after the good package passed,
    // and the good package still passes after them with the same report.
    const auto first = credential::verify_document(proof, options);
    REQUIRE(first.ok());
    credential::PackageInput changed_course = f.package;
    changed_course.files["course.json"] += "\n";
    credential::VerifyOptions changed_options = options;
    changed_options.package = &changed_course;
    CHECK(first_failure(credential::verify_document(proof, changed_options)) == "package");
    credential::PackageInput other_publisher = f.package;
    other_publisher.expected_publisher = crypto::did_key(crypto::keypair_from_seed(seed_of(0x33)).public_key);
    changed_options.package = &other_publisher;
    CHECK(first_failure(credential::verify_document(proof, changed_options)) == "package");
    credential::PackageInput partial = f.package;
    partial.complete = false;
    partial.files = {{"course.json", f.package.files.at("course.json") + " "}};
    changed_options.package = &partial;
    CHECK(first_failure(credential::verify_document(proof, changed_options)) == "package");
    const auto last = credential::verify_document(proof, options);
    CHECK(last.ok());
    CHECK(last.to_json() == first.to_json());
  }
  SECTION("fast summative answers are flagged") {
    const Session hurried = play(f, 1);
    const json fast = make_proof(f, hurried);
    const auto report = credential::verify_document(fast, options);
    CHECK(report.ok());
    CHECK(check_of(report, "timing").status == credential::CheckStatus::warning);
    CHECK(check_of(report, "timing").sentence.find("Implausibly fast") != std::string::npos);
  }
  SECTION("hostile input never throws") {
    for (const char* text : {"", "null", "[]", "{", "{\"type\":[\"TesseraCompletionProof\"]}", "\"x\""}) {
      CHECK_FALSE(credential::verify_text(text, options).ok());
    }
    CHECK_FALSE(credential::verify_text(std::string(100, '[') + std::string(100, ']'), options).ok());
    json odd = proof;
    odd["evidence"][0]["events"] = json::array({1, 2, 3});
    CHECK_FALSE(credential::verify_document(resign(f, odd), options).ok());
    odd["evidence"] = "x";
    CHECK_FALSE(credential::verify_document(resign(f, odd), options).ok());
  }
}

TEST_CASE("the issuer turns a verified proof into an OB 3.0 credential that verifies, expires and revokes",
          "[credential][issuer]") {
  const Fixture f = make_fixture();
  const json proof = make_proof(f, play(f));
  const auto report = credential::verify_document(proof, with_package(f));
  REQUIRE(report.ok());
  CHECK(credential::apply_policy(report, {}).empty());
  credential::IssuePolicy strict;
  strict.courses = {"another-course"};
  CHECK_FALSE(credential::apply_policy(report, strict).empty());
  CHECK_FALSE(credential::apply_policy(credential::verify_document(proof), {}).empty());  // no package

  const auto issuer_key = crypto::keypair_from_seed(seed_of(0x44));
  const std::string issuer_did = crypto::did_key(issuer_key.public_key);
  const std::string list_id = "https://issuer.example/status/1.json";
  credential::Issuance issuance{"https://issuer.example/credentials/1",
                                "2027-01-05T00:00:00Z",
                                credential::status_entry(list_id, 4242),
                                {issuer_did, "Example Issuer", "https://issuer.example/", ""}};
  auto badge = credential::course_credential(report, *f.course, issuance);
  REQUIRE(badge.ok());
  const json& b = badge.value();
  CHECK(b["@context"] == json({"https://www.w3.org/ns/credentials/v2", credential::ob3_context_url}));
  CHECK(b["type"] == json({"VerifiableCredential", "OpenBadgeCredential"}));
  CHECK(b["validUntil"] == "2029-01-05T00:00:00Z");  // validityMonths 24
  CHECK(b["credentialSubject"]["id"] == f.learner.did);
  CHECK(b["credentialSubject"]["achievement"]["alignment"][0]["targetCode"] == "TS-1");
  CHECK(b["evidence"][0]["id"] == "urn:sha256:" + credential::proof_digest(proof));
  CHECK(b["credentialStatus"]["type"] == "BitstringStatusListEntry");

  auto signed_badge = credential::add_proof(b, issuer_key);
  REQUIRE(signed_badge.ok());
  credential::Bitstring bits;
  auto list = credential::add_proof(
      credential::status_list_credential(list_id, issuer_did, "2027-01-05T00:00:00Z", bits), issuer_key);
  REQUIRE(list.ok());
  credential::VerifyOptions options;
  options.now = "2028-01-01T00:00:00Z";
  options.status_lists = {&list.value()};
  const auto verified = credential::verify_text(signed_badge.value().dump(), options);
  INFO(verified.to_json().dump(2));
  CHECK(verified.ok());
  CHECK(verified.kind == "achievement-credential");
  CHECK(check_of(verified, "status").status == credential::CheckStatus::pass);

  options.now = "2029-01-06T00:00:00Z";
  CHECK(first_failure(credential::verify_document(signed_badge.value(), options)) == "validity");
  options.now = "2027-01-04T00:00:00Z";
  CHECK(first_failure(credential::verify_document(signed_badge.value(), options)) == "validity");

  options.now = "2028-01-01T00:00:00Z";
  REQUIRE(bits.set(4242, true));
  auto revoked_list = credential::add_proof(
      credential::status_list_credential(list_id, issuer_did, "2027-02-01T00:00:00Z", bits), issuer_key);
  REQUIRE(revoked_list.ok());
  options.status_lists = {&revoked_list.value()};
  const auto revoked = credential::verify_document(signed_badge.value(), options);
  CHECK(first_failure(revoked) == "status");
  CHECK(check_of(revoked, "status").sentence.find("Revoked") != std::string::npos);

  // A list signed by someone else cannot revoke or clear it.
  const auto stranger = crypto::keypair_from_seed(seed_of(0x55));
  auto forged_list =
      credential::add_proof(credential::status_list_credential(list_id, crypto::did_key(stranger.public_key),
                                                               "2027-02-01T00:00:00Z", credential::Bitstring()),
                            stranger);
  options.status_lists = {&forged_list.value()};
  CHECK(first_failure(credential::verify_document(signed_badge.value(), options)) == "status");

  // An OB credential missing what OB 3.0 requires fails its type check.
  json no_criteria = b;
  no_criteria["credentialSubject"]["achievement"].erase("criteria");
  no_criteria["@context"] = {"https://www.w3.org/ns/credentials/v2"};
  auto signed_no_criteria = credential::add_proof(no_criteria, issuer_key);
  CHECK(first_failure(credential::verify_document(signed_no_criteria.value())) == "type");
}

// tests/golden/credential/completed-record.jsonl is what play() records: the CLI tests prove and verify it.
// Regenerate with: tessera_tests "[.write-golden]" (then review the diff).
TEST_CASE("the golden completed record is the one playing the course records", "[credential][golden]") {
  const Fixture f = make_fixture();
  const Session played = play(f);
  std::string lines;
  for (const auto& event : played.events()) lines += tessera::record::to_json_line(event);
  CHECK(lines == tessera::test::read_golden("credential/completed-record.jsonl"));
  CHECK(completable_course_json() + "\n" == tessera::test::read_golden("credential/course.json"));
}

TEST_CASE("write the golden completed record", "[.write-golden]") {
  const Fixture f = make_fixture();
  const Session played = play(f);
  std::string lines;
  for (const auto& event : played.events()) lines += tessera::record::to_json_line(event);
  std::ofstream(tessera::test::golden_path("credential/completed-record.jsonl"), std::ios::binary) << lines;
  std::ofstream(tessera::test::golden_path("credential/course.json"), std::ios::binary)
      << completable_course_json() << "\n";
}
