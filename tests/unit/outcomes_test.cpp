// Learning outcomes travel: a completion proof states each outcome met or not (the rule of docs/scoring.md,
// "Learning outcomes"), the verifier re-scores them and refuses a claim that differs, naming the outcome, and the
// issued Open Badge carries them as ResultDescriptions and Results. Known answers: tests/golden/outcomes, worked
// out by hand in its README.md.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "proof_support.hpp"
#include "support.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/issuer.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/ob3_check.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
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

using Fixture = tessera::test::SignedCourse;
using tessera::test::act;
using tessera::test::make_proof;
using tessera::test::resign;
using tessera::test::with_package;

// The golden outcomes course as a signed package of its one file.
Fixture make_fixture() {
  return tessera::test::signed_course(tessera::test::read_golden("outcomes/course.json"), false);
}

// The learner of tests/golden/outcomes/README.md, 20 s between actions: the formative check with f1 wrong and f2
// right; the final check failed with only s5 answered (right), then passed with s1 right, s2 {a}, s3 wrong, s4 right
// and s5 wrong.
Session play(const Fixture& f) {
  Session s = Session::open(f.course, {}).session;
  std::int64_t t = 1'798'761'600'000;
  const auto step = [&] { return t += 20'000; };
  const auto answer = [&](const char* block, const char* item, const json& value) {
    act(s, {{"type", "answer"}, {"block", block}, {"item", item}, {"answer", value}, {"t", step()}});
  };
  act(s, {{"type", "open"}, {"block", "intro"}, {"t", step()}});
  act(s, {{"type", "complete"}, {"block", "intro"}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "practice"}, {"t", step()}});
  act(s, {{"type", "start-attempt"}, {"block", "practice"}, {"t", step()}});
  answer("practice", "f1", "b");
  answer("practice", "f2", "a");
  act(s, {{"type", "submit-attempt"}, {"block", "practice"}, {"t", step()}});
  act(s, {{"type", "open"}, {"block", "final"}, {"t", step()}});
  act(s, {{"type", "start-attempt"}, {"block", "final"}, {"t", step()}});
  answer("final", "s5", "a");
  act(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", step()}});
  act(s, {{"type", "start-attempt"}, {"block", "final"}, {"t", step()}});
  answer("final", "s1", "a");
  answer("final", "s2", json::array({"a"}));
  answer("final", "s3", "b");
  answer("final", "s4", false);
  answer("final", "s5", "b");
  act(s, {{"type", "submit-attempt"}, {"block", "final"}, {"t", step()}});
  REQUIRE(s.course_complete());
  return s;
}

json& outcome_in(json& proof, const std::string& id) {
  for (auto& outcome : proof["credentialSubject"]["result"]["outcomes"]) {
    if (outcome["id"] == id) return outcome;
  }
  FAIL("no outcome " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("each learning outcome is decided from the last summative attempt, as worked out by hand",
          "[credential][outcomes][golden]") {
  const Fixture f = make_fixture();
  const json expected = json::parse(tessera::test::read_golden("outcomes/expected.json"));
  const json result = credential::completion_result(play(f));
  CHECK(result["score"] == expected["summative"]["score"]);
  CHECK(result["max"] == expected["summative"]["max"]);
  CHECK(result["passed"] == expected["summative"]["passed"]);
  REQUIRE(result["outcomes"].size() == expected["outcomes"].size());
  for (std::size_t i = 0; i < expected["outcomes"].size(); ++i) {
    const json& want = expected["outcomes"][i];
    const json& got = result["outcomes"][i];
    INFO(got.dump());
    CHECK(got["id"] == want["id"]);
    CHECK(got["items"] == want["items"]);
    CHECK(got["score"] == want["score"]);
    CHECK(got["max"] == want["max"]);
    CHECK(got["met"] == want["met"]);
    CHECK(got["threshold"] == "4/5");
  }
  // The author's words travel with the decision, so a reader sees what was judged and to what standard.
  const json& report = result["outcomes"][1];
  CHECK(report["statement"] == "Report a suspicious message to the security team.");
  CHECK(report["condition"] == "Given a suspicious message");
  CHECK(report["criterion"] == "reported through the right channel");
}

TEST_CASE("a proof's outcomes are re-scored; one claimed met but not met is refused, naming it",
          "[credential][outcomes][tamper]") {
  const Fixture f = make_fixture();
  const json proof = make_proof(f, play(f));
  const auto report = credential::verify_document(proof, with_package(f));
  INFO(report.to_json().dump(2));
  REQUIRE(report.ok());
  CHECK(report.verdict() == "verified");
  CHECK(check_of(report, "outcomes").sentence ==
        "Learning outcomes re-scored from the evidence, exactly as claimed: 1 of 4 met.");
  CHECK(report.to_json()["subject"]["result"]["outcomes"].size() == 4);

  SECTION("an unmet outcome claimed as met") {
    json forged = proof;
    outcome_in(forged, "o-spot")["met"] = true;
    CHECK(first_failure(credential::verify_document(forged, with_package(f))) == "proof");  // unsigned change
    const auto refused = credential::verify_document(resign(f, forged), with_package(f));
    INFO(refused.to_json().dump(2));
    CHECK(refused.verdict() == "not-verified");
    CHECK(first_failure(refused) == "outcomes");
    CHECK(check_of(refused, "rescore").status == credential::CheckStatus::pass);
    CHECK(check_of(refused, "outcomes").sentence ==
          "The learning outcome 'o-spot' (Spot a phishing link in an e-mail.) is claimed met, but re-scoring the "
          "evidence gives not met: 11/4 of 4 points, where 4/5 of them are needed.");
  }
  SECTION("a met outcome left out, or its points changed") {
    json dropped = proof;
    dropped["credentialSubject"]["result"]["outcomes"].erase(1);
    const auto missing = credential::verify_document(resign(f, dropped), with_package(f));
    CHECK(first_failure(missing) == "outcomes");
    CHECK(check_of(missing, "outcomes").sentence.find("does not state the learning outcome 'o-report'") !=
          std::string::npos);
    json rescored = proof;
    outcome_in(rescored, "o-report")["score"] = "5";
    const auto changed = credential::verify_document(resign(f, rescored), with_package(f));
    CHECK(first_failure(changed) == "outcomes");
    CHECK(check_of(changed, "outcomes").sentence.find("'o-report'") != std::string::npos);
    CHECK(check_of(changed, "outcomes").sentence.find("in score.") != std::string::npos);
    json extra = proof;
    extra["credentialSubject"]["result"]["outcomes"].push_back({{"id", "o-fly"}, {"met", true}});
    CHECK(check_of(credential::verify_document(resign(f, extra), with_package(f)), "outcomes").sentence ==
          "The proof states learning outcomes the course does not have.");
  }
  SECTION("without the package the outcomes are not re-scored: not fully checked") {
    credential::VerifyOptions bare;
    bare.now = with_package(f).now;
    const auto unchecked = credential::verify_document(proof, bare);
    CHECK(check_of(unchecked, "outcomes").status == credential::CheckStatus::warning);
    CHECK(unchecked.verdict() == "could-not-check");
  }
}

TEST_CASE("the issued credential describes each outcome and states which this learner met",
          "[credential][outcomes][issuer]") {
  const Fixture f = make_fixture();
  const auto report = credential::verify_document(make_proof(f, play(f)), with_package(f));
  REQUIRE(report.ok());
  const auto issuer_key = crypto::keypair_from_seed(seed_of(0x44));
  const credential::Issuance issuance{"https://issuer.example/credentials/7",
                                      "2027-01-05T00:00:00Z",
                                      nullptr,
                                      {crypto::did_key(issuer_key.public_key), "Example Issuer", "", ""}};
  auto made = credential::course_credential(report, *f.course, issuance);
  REQUIRE(made.ok());
  const json& badge = made.value();
  CHECK(tessera::ob3::check(badge).empty());
  const std::string achievement = "urn:tessera:course:outcomes-course:1.0.0";
  const json& descriptions = badge["credentialSubject"]["achievement"]["resultDescription"];
  REQUIRE(descriptions.size() == 2 + 4);  // the score, competency mastery, then one per outcome
  const json& report_outcome = descriptions[3];
  CHECK(report_outcome["id"] == achievement + "#outcome-o-report");
  CHECK(report_outcome["name"] == "Report a suspicious message to the security team.");
  CHECK(report_outcome["resultType"] == "RubricCriterionLevel");
  CHECK(report_outcome["requiredLevel"] == achievement + "#outcome-o-report-met");
  CHECK(report_outcome["requiredValue"] == "4/5");
  CHECK(report_outcome["rubricCriterionLevel"][1]["name"] == "Met");
  CHECK(report_outcome["rubricCriterionLevel"][1]["description"] ==
        "Given a suspicious message: reported through the right channel.");
  CHECK_FALSE(report_outcome["rubricCriterionLevel"][0].contains("description"));
  CHECK(report_outcome["alignment"][0]["targetCode"] == "TS-9");
  // Results: the share of each outcome's points, and the level reached (README.md's last line).
  std::map<std::string, std::pair<std::string, std::string>> results;  // description → (level, value)
  for (const json& r : badge["credentialSubject"]["result"]) {
    if (r.contains("achievedLevel")) results[r["resultDescription"]] = {r["achievedLevel"], r["value"]};
  }
  const std::string base = achievement + "#outcome-";
  CHECK(results[base + "o-spot"] == std::pair<std::string, std::string>{base + "o-spot-not-met", "11/16"});
  CHECK(results[base + "o-report"] == std::pair<std::string, std::string>{base + "o-report-met", "4/5"});
  CHECK(results[base + "o-explain"] == std::pair<std::string, std::string>{base + "o-explain-not-met", "0"});
  CHECK(results[base + "o-practice"] == std::pair<std::string, std::string>{base + "o-practice-not-met", "0"});

  // Signed eddsa-rdfc-2022 as `tessera issue` signs it, the verifier reads the outcomes from the signed RDF.
  credential::ProofOptions rdfc;
  rdfc.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  auto signed_badge = credential::add_proof(badge, issuer_key, rdfc);
  REQUIRE(signed_badge.ok());
  credential::VerifyOptions options;
  options.now = "2027-02-01T00:00:00Z";
  const auto verified = credential::verify_document(signed_badge.value(), options);
  INFO(verified.to_json().dump(2));
  CHECK(verified.ok());
  const json outcomes = verified.to_json()["subject"]["outcomes"];
  REQUIRE(outcomes.size() == 4);
  CHECK(
      outcomes[0] ==
      json({{"name", "Spot a phishing link in an e-mail."}, {"met", false}, {"level", "Not met"}, {"value", "11/16"}}));
  CHECK(outcomes[1]["met"] == true);
  CHECK(outcomes[1]["level"] == "Met");
  // Raising an outcome's level after signing breaks the signature.
  json raised = signed_badge.value();
  for (json& r : raised["credentialSubject"]["result"]) {
    if (r.value("achievedLevel", "") == base + "o-spot-not-met") r["achievedLevel"] = base + "o-spot-met";
  }
  CHECK(first_failure(credential::verify_document(raised, options)) == "proof");
}

// tests/golden/outcomes/record.jsonl is what play() records: the CLI test proves, issues and verifies it.
namespace {
std::string played_record() {
  const Session played = play(make_fixture());
  std::string lines;
  for (const auto& event : played.events()) lines += tessera::record::to_json_line(event);
  return lines;
}
}  // namespace

TEST_CASE("the golden outcomes record is the one playing the course records", "[credential][outcomes][golden]") {
  const std::string lines = played_record();
  CHECK(tessera::test::non_empty_lines(lines).size() == 18);
  CHECK(lines == tessera::test::read_golden("outcomes/record.jsonl"));
}

TEST_CASE("write the golden outcomes record", "[.write-golden]") {
  std::ofstream(tessera::test::golden_path("outcomes/record.jsonl"), std::ios::binary) << played_record();
}
