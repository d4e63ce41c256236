// A project block through the session and the verifier: draft, self-check, signed submission, reviews refused
// with their reason (untrusted key, another submission, an edited submission), a review that accepts, the
// completion proof that carries them, and the verifier refusing the same forgeries inside a re-signed proof.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/completion.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::session::Session;
using tessera::test::check_of;
using tessera::test::seed_of;

namespace {

struct Fixture {
  std::shared_ptr<const tessera::course::Course> course;
  credential::PackageInput package;
  std::string manifest_sha256;
  credential::LearnerKey learner = credential::learner_key_from_entropy(seed_of(0x22));
  std::int64_t t = 1'798'761'600'000;
};

// tests/golden/project/course.json as a signed package of its one file (publisher 0x77).
Fixture make_fixture() {
  Fixture f;
  const std::string text = tessera::test::read_golden("project/course.json");
  auto loaded = tessera::course::load(text);
  REQUIRE(loaded.course.has_value());
  f.course = std::make_shared<const tessera::course::Course>(std::move(*loaded.course));
  f.package.files = {{"course.json", text}};
  f.package.manifest_text = tessera::package::sign_manifest(f.course->id, f.course->version, f.package.files,
                                                            crypto::keypair_from_seed(seed_of(0x77)))
                                .value();
  f.manifest_sha256 = crypto::to_hex(crypto::sha256(crypto::as_bytes(f.package.manifest_text)));
  return f;
}

json act(Fixture& f, Session& s, json action) {
  action["t"] = f.t += 20'000;
  INFO(action.dump());
  const auto outcome = s.act(action);
  INFO((outcome.ok() ? std::string() : outcome.problems.front().where + ": " + outcome.problems.front().message));
  REQUIRE(outcome.ok());
  return outcome.view;
}

std::string refused(Fixture& f, Session& s, json action) {
  action["t"] = f.t + 20'000;
  const auto outcome = s.act(action);
  REQUIRE_FALSE(outcome.ok());
  return outcome.problems.front().where + ": " + outcome.problems.front().message;
}

// Built when a test first asks, not before main (cert-err58-cpp: a throwing static initialiser).
const json& draft_work() {
  static const json work = {
      {"text", "In Monday's stand-up you spoke over Sam twice; Sam stopped offering ideas. Can we talk?"}};
  return work;
}

json review_of(const json& submission, std::uint8_t reviewer, const std::string& specific, const std::string& impact) {
  tessera::project::ReviewInput input;
  input.levels = {{"specific", specific}, {"impact", impact}};
  input.comment = "Clear behaviour; say more about the impact on the team.";
  auto read = tessera::project::read_submission(submission);
  REQUIRE(read.ok());
  auto review = tessera::project::create_review(read.value(), input, crypto::keypair_from_seed(seed_of(reviewer)));
  REQUIRE(review.ok());
  return review.value();
}

// The learner up to a submitted project: intro read, draft saved, self-checked, signed and submitted.
json submit(Fixture& f, Session& s) {
  act(f, s, {{"type", "open"}, {"block", "intro"}});
  act(f, s, {{"type", "complete"}, {"block", "intro"}});
  const json opened = act(f, s, {{"type", "open"}, {"block", "feedback-project"}});
  CHECK(opened["current"]["project"]["status"] == "drafting");
  act(f, s, {{"type", "save-draft"}, {"block", "feedback-project"}, {"work", draft_work()}});
  const json checked = act(f, s,
                           {{"type", "self-check"},
                            {"block", "feedback-project"},
                            {"levels", {{"specific", "proficient"}, {"impact", "developing"}}}});
  CHECK(checked["current"]["project"]["selfCheck"]["meets"] == false);
  auto submission = credential::sign_project_submission(s, "feedback-project", f.learner);
  REQUIRE(submission.ok());
  const json submitted =
      act(f, s, {{"type", "submit-project"}, {"block", "feedback-project"}, {"submission", submission.value()}});
  CHECK(submitted["current"]["project"]["status"] == "awaiting-review");
  return submission.value();
}

}  // namespace

TEST_CASE("a project is submitted, refused reviews say why, and a trusted review accepts it", "[project][session]") {
  REQUIRE(crypto::init());
  Fixture f = make_fixture();
  Session s = Session::open(f.course, {}).session;
  const json submission = submit(f, s);
  const auto import = [&](const json& review) {
    return json{{"type", "import-review"}, {"block", "feedback-project"}, {"review", review}};
  };

  CHECK(refused(f, s, import(review_of(submission, 0x33, "exemplary", "exemplary"))) ==
        "/review/proof/verificationMethod: the reviewer did:key:z6Mkg49NtQR2LyYRDCQFK4w1VVHqhypZSSRo7HsyuN7SV7v5 "
        "is not a facilitator this course trusts");
  // Another learner's submission (0x55), reviewed by the trusted facilitator.
  json other = submission;
  other.erase("proof");
  other["learner"] = crypto::did_key(crypto::keypair_from_seed(seed_of(0x55)).public_key);
  other = credential::add_proof(other, crypto::keypair_from_seed(seed_of(0x55))).value();
  CHECK(refused(f, s, import(review_of(other, 0x11, "exemplary", "exemplary"))) ==
        "/review/submission: the review is of another submission, not of the one this learner submitted");
  // An edited submission cannot be submitted: its signature no longer verifies.
  json edited = submission;
  edited["work"]["text"] = "A better answer, written after signing.";
  CHECK(refused(f, s, {{"type", "submit-project"}, {"block", "feedback-project"}, {"submission", edited}})
            .starts_with("/submission/proof: the submission's signature does not verify"));

  // Below the bar on impact: reviewed, not accepted; the learner revises and submits again.
  json view = act(f, s, import(review_of(submission, 0x11, "proficient", "developing")));
  CHECK(view["current"]["project"]["status"] == "not-accepted");
  CHECK(view["current"]["project"]["decision"]["levels"]["impact"] == "developing");
  act(f, s, {{"type", "save-draft"}, {"block", "feedback-project"}, {"work", draft_work()}});
  const json second = credential::sign_project_submission(s, "feedback-project", f.learner).value();
  act(f, s, {{"type", "submit-project"}, {"block", "feedback-project"}, {"submission", second}});
  view = act(f, s, import(review_of(second, 0x11, "exemplary", "proficient")));
  CHECK(view["current"]["project"]["status"] == "accepted");
  CHECK(view["current"]["project"]["reviews"][0]["comment"] ==
        "Clear behaviour; say more about the impact on the team.");
  REQUIRE(s.course_complete());

  // Replay re-checks every signature and reaches the same state.
  const auto replayed = Session::open(f.course, s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());

  auto proof = credential::create_completion_proof(s, f.learner, f.manifest_sha256, "2027-01-01T10:00:00Z");
  REQUIRE(proof.ok());
  const json& projects = proof.value()["credentialSubject"]["result"]["projects"];
  REQUIRE(projects.size() == 1);
  CHECK(projects[0]["submission"] == tessera::project::document_digest(second));
  CHECK(projects[0]["levels"] == json{{"specific", "exemplary"}, {"impact", "proficient"}});
  CHECK(projects[0]["accepted"] == true);

  credential::VerifyOptions options;
  options.package = &f.package;
  options.now = "2027-01-02T00:00:00Z";
  const auto report = credential::verify_document(proof.value(), options);
  INFO(report.to_json().dump(2));
  CHECK(report.ok());

  SECTION("the verifier refuses a re-signed proof whose record carries an untrusted review") {
    json forged = proof.value();
    json& events = forged["evidence"][0]["events"];
    const std::size_t last = events.size() - 1;
    REQUIRE(events[last]["type"] == "project.reviewed");
    events[last]["payload"]["review"] = review_of(second, 0x33, "exemplary", "proficient");
    auto rehashed = tessera::record::from_json(events[last], "/");
    REQUIRE(rehashed.ok());
    const std::string head = tessera::record::hash_hex(rehashed.value());
    forged["evidence"][0]["head"] = head;
    forged["id"] = std::string(credential::completion_id_prefix) + head;
    forged.erase("proof");
    credential::ProofOptions signing;
    signing.verification_method = f.learner.verification_method();
    signing.created = "2027-01-01T10:00:00Z";
    const json resigned = credential::add_proof(forged, f.learner.pair, signing).value();
    const auto forged_report = credential::verify_document(resigned, options);
    CHECK_FALSE(forged_report.ok());
    CHECK(check_of(forged_report, "rescore").sentence.find("is not a facilitator this course trusts") !=
          std::string::npos);
  }
}
