// Project blocks: the course format's checks, signed submissions and reviews, who may review, and the decision
// (a facilitator's levels or the peers' median) against the hand-worked answers in tests/golden/project.
//
// The reviewer did:keys in tests/golden/project/course.json come from Node, not from Tessera:
//   seed = Buffer.alloc(32, 0x11); key = createPrivateKey({key: concat([hex 302e020100300506032b657004220420, seed]),
//   format: 'der', type: 'pkcs8'}); pub = createPublicKey(key).export({format: 'der', type: 'spki'}).subarray(12);
//   did = 'did:key:z' + base58btc(concat([0xed, 0x01], pub)).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/project.hpp"

namespace {

using nlohmann::json;
using tessera::course::Block;
using tessera::course::Course;

tessera::crypto::KeyPair key_of(std::uint8_t byte) {
  tessera::crypto::Seed seed{};
  seed.fill(byte);
  return tessera::crypto::keypair_from_seed(seed);
}

Course golden_course(const json& patch = json::array()) {
  const auto text = json::parse(tessera::test::read_golden("project/course.json")).patch(patch).dump();
  auto report = tessera::course::load(text);
  INFO(json(report.problems.empty() ? "" : report.problems.front().where + " " + report.problems.front().message));
  REQUIRE(report.course.has_value());
  return std::move(*report.course);
}

const Block& project_block(const Course& course) { return course.modules[0].blocks[1]; }

// Built when a test first asks, not before main (cert-err58-cpp: a throwing static initialiser).
const std::string& record_head() {
  static const std::string head(64, 'a');
  return head;
}
const json& draft_work() {
  static const json work = {{"text", "In Monday's stand-up you spoke over Sam twice; Sam stopped offering ideas."}};
  return work;
}

tessera::project::Submission submitted(const Course& course, std::uint8_t learner = 0x22) {
  auto signed_doc =
      tessera::project::create_submission(course, project_block(course), draft_work(), record_head(), key_of(learner));
  REQUIRE(signed_doc.ok());
  auto read = tessera::project::read_submission(signed_doc.value(), &course, &project_block(course));
  REQUIRE(read.ok());
  return read.value();
}

json review_by(const tessera::project::Submission& submission, std::uint8_t reviewer,
               const std::map<std::string, std::string>& levels, tessera::project::ReviewInput input = {}) {
  input.levels = levels;
  auto review = tessera::project::create_review(submission, input, key_of(reviewer));
  REQUIRE(review.ok());
  return review.value();
}

std::string refusal(const json& review, const Course& course, const tessera::project::Submission& submission) {
  auto read = tessera::project::read_review(review, course, project_block(course), submission);
  REQUIRE_FALSE(read.ok());
  return read.problems().front().where + ": " + read.problems().front().message;
}

const std::map<std::string, std::string>& proficient_levels() {
  static const std::map<std::string, std::string> levels = {{"specific", "proficient"}, {"impact", "exemplary"}};
  return levels;
}

}  // namespace

TEST_CASE("a project block loads with its rubric, hand-in and reviewers", "[project]") {
  REQUIRE(tessera::crypto::init());
  const Course course = golden_course();
  const auto& project = *project_block(course).project;
  CHECK(project_block(course).type == tessera::course::BlockType::project);
  CHECK(project.rubric.version == "1");
  REQUIRE(project.rubric.criteria.size() == 2);
  CHECK(project.rubric.criteria[1].levels[2].id == "proficient");
  CHECK(project.hand_in.max_chars == 2000);
  CHECK(project.hand_in.files[0].types == std::vector<std::string>{"application/pdf", "text/plain"});
  CHECK(project.reviewers.peers == 3);
  CHECK(project.accept_at_least == "proficient");
}

TEST_CASE("a broken project block is reported with the JSON pointer of each fault", "[project]") {
  const auto cases = json::parse(tessera::test::read_golden("project/invalid-cases.snapshot.json"));
  const auto valid = json::parse(tessera::test::read_golden("project/course.json"));
  for (const auto& c : cases) {
    const auto report = tessera::course::load(valid.patch(c.at("patch")).dump());
    std::vector<std::string> actual;
    for (const auto& p : report.problems) {
      if (p.severity == tessera::Severity::error) actual.push_back(p.where + ": " + p.message);
    }
    INFO("case " << c.at("name").get<std::string>() << "\n" << json(actual).dump(2));
    CHECK(actual == c.at("expected").get<std::vector<std::string>>());
    CHECK_FALSE(report.course.has_value());
  }
}

TEST_CASE("the peers' median level matches the hand-worked answers", "[project][golden]") {
  for (const auto& c : json::parse(tessera::test::read_golden("project/median-cases.json"))) {
    INFO(c.at("how").get<std::string>());
    CHECK(tessera::project::median_level(c.at("levels").get<std::vector<std::size_t>>()) == c.at("median"));
  }
}

TEST_CASE("a submission is signed by the learner and names the rubric and the record", "[project]") {
  const Course course = golden_course();
  const auto submission = submitted(course);
  CHECK(submission.learner == "did:key:z6MkqGC3nWZhYieEVTVDKW5v588CiGfsDSmRVG9ZwwWTvLSK");
  CHECK(submission.record_head == record_head());
  CHECK(submission.document["rubric"]["digest"] == tessera::project::rubric_digest(project_block(course)));
  CHECK(submission.document["rubric"]["criteria"].size() == 2);

  SECTION("an edited submission is refused: its signature no longer verifies") {
    json edited = submission.document;
    edited["work"]["text"] = "Something better, written after signing.";
    auto read = tessera::project::read_submission(edited, &course, &project_block(course));
    REQUIRE_FALSE(read.ok());
    CHECK(read.problems().front().message.find("signature does not verify") != std::string::npos);
  }
  SECTION("work the hand-in does not allow is refused with where") {
    auto too_long = tessera::project::check_work(*project_block(course).project, {{"text", std::string(2001, 'x')}});
    REQUIRE(too_long.size() == 1);
    CHECK(too_long[0].where == "/text");
    auto wrong_type =
        tessera::project::check_work(*project_block(course).project, {{"files",
                                                                       {{{"id", "notes"},
                                                                         {"name", "n.exe"},
                                                                         {"type", "application/x-msdownload"},
                                                                         {"bytes", 10},
                                                                         {"sha256", std::string(64, '0')}}}}});
    REQUIRE(wrong_type.size() == 1);
    CHECK(wrong_type[0].where == "/files/0/type");
    CHECK(wrong_type[0].message == "file 'notes' must be one of application/pdf, text/plain");
  }
}

TEST_CASE("a facilitator's review is accepted; untrusted, misdirected and own reviews are refused", "[project]") {
  const Course course = golden_course();
  const auto submission = submitted(course);

  const auto accepted = tessera::project::read_review(review_by(submission, 0x11, proficient_levels()), course,
                                                      project_block(course), submission);
  REQUIRE(accepted.ok());
  CHECK(accepted.value().role == "facilitator");
  CHECK(accepted.value().levels.at("specific") == 2);

  CHECK(refusal(review_by(submission, 0x33, proficient_levels()), course, submission) ==
        "/proof/verificationMethod: the reviewer did:key:z6Mkg49NtQR2LyYRDCQFK4w1VVHqhypZSSRo7HsyuN7SV7v5 is not a "
        "facilitator this course trusts");
  const auto other = submitted(course, 0x55);
  CHECK(refusal(review_by(other, 0x11, proficient_levels()), course, submission) ==
        "/submission: the review is of another submission, not of the one this learner submitted");
  json edited = review_by(submission, 0x11, proficient_levels());
  edited["levels"]["specific"] = "exemplary";
  CHECK(refusal(edited, course, submission).starts_with("/proof: the review's signature does not verify"));

  tessera::project::ReviewInput own_input;
  own_input.levels = proficient_levels();
  auto own = tessera::project::create_review(submission, own_input, key_of(0x22));
  REQUIRE_FALSE(own.ok());
  CHECK(own.problems().front().message == "a learner cannot review their own work");
  tessera::project::ReviewInput unknown_input;
  unknown_input.levels = {{"specific", "brilliant"}, {"impact", "proficient"}};
  auto unknown_level = tessera::project::create_review(submission, unknown_input, key_of(0x11));
  REQUIRE_FALSE(unknown_level.ok());
  CHECK(unknown_level.problems().front().where == "/levels/specific");
}

TEST_CASE("an issuer the course lists can vouch for a facilitator", "[project]") {
  const Course course = golden_course();
  const auto submission = submitted(course);
  const std::string outsider = tessera::crypto::did_key(key_of(0x33).public_key);
  tessera::project::ReviewInput input;
  input.vouch = tessera::project::create_vouch(course.id, outsider, key_of(0x44)).value();
  CHECK(tessera::project::read_review(review_by(submission, 0x33, proficient_levels(), input), course,
                                      project_block(course), submission)
            .ok());
  input.vouch = tessera::project::create_vouch(course.id, outsider, key_of(0x55)).value();
  CHECK(refusal(review_by(submission, 0x33, proficient_levels(), input), course, submission) ==
        "/vouch/proof: the vouch is signed by " + tessera::crypto::did_key(key_of(0x55).public_key) +
            ", an issuer this course does not list");
}

TEST_CASE("k peers decide by the median level per criterion", "[project]") {
  const Course course = golden_course();
  const auto& project = *project_block(course).project;
  const auto submission = submitted(course);
  std::vector<tessera::project::Review> reviews;
  const std::vector<std::pair<std::uint8_t, std::map<std::string, std::string>>> peers = {
      {0x33, {{"specific", "exemplary"}, {"impact", "developing"}}},
      {0x55, {{"specific", "proficient"}, {"impact", "proficient"}}},
      {0x66, {{"specific", "beginning"}, {"impact", "exemplary"}}}};
  for (const auto& [peer, levels] : peers) {
    tessera::project::ReviewInput input;
    input.role = "peer";
    input.peer_submission = submitted(course, peer).document;
    auto read = tessera::project::read_review(review_by(submission, peer, levels, input), course, project_block(course),
                                              submission);
    REQUIRE(read.ok());
    reviews.push_back(read.value());
    if (reviews.size() < 3) CHECK_FALSE(tessera::project::decide(project, reviews).decided);
  }
  // specific: 3, 2, 0 → sorted 0,2,3 → 2 (proficient); impact: 1, 2, 3 → 2 (proficient): accepted.
  const auto decision = tessera::project::decide(project, reviews);
  CHECK(decision.decided);
  CHECK(decision.by == "peers");
  CHECK(decision.levels == std::map<std::string, std::size_t>{{"specific", 2}, {"impact", 2}});
  CHECK(decision.accepted);

  SECTION("a peer review without the peer's own submission is refused") {
    tessera::project::ReviewInput input;
    input.role = "peer";
    CHECK(refusal(review_by(submission, 0x55, proficient_levels(), input), course, submission) ==
          "/peerSubmission: a peer review carries the reviewer's own submission to this project");
  }
}

TEST_CASE("documents of the wrong shape are refused with where, never thrown", "[project]") {
  const Course course = golden_course();
  const auto submission = submitted(course);
  const auto read_submission = [&](const json& document) {
    auto read = tessera::project::read_submission(document, &course, &project_block(course));
    REQUIRE_FALSE(read.ok());
    return read.problems().front().where;
  };
  CHECK(read_submission(json{{"type", 1}, {"version", 1}}) == "/type");
  CHECK(read_submission(json{{"type", "TesseraProjectSubmission"}, {"version", "1"}}) == "/type");
  CHECK(read_submission(json::array()) == "/type");
  CHECK(read_submission(nullptr) == "/type");
  // A second proof appended in a suite set aside would change the submission's digest without a key.
  json two_proofs = submission.document;
  two_proofs["proof"] = json::array({two_proofs["proof"], {{"type", "DataIntegrityProof"}, {"cryptosuite", "x"}}});
  CHECK(read_submission(two_proofs) == "/proof");

  const auto review_where = [&](const json& review) {
    auto read = tessera::project::read_review(review, course, project_block(course), submission);
    REQUIRE_FALSE(read.ok());
    return read.problems().front().where;
  };
  CHECK(review_where(json{{"type", "TesseraProjectReview"}, {"version", 1}, {"reviewer", 5}}) == "/reviewer");
  CHECK(review_where(json{{"type", json::object()}, {"version", 1}}) == "/type");
  // A vouch that is not an object: refused as the vouch's own fault.
  tessera::project::ReviewInput input;
  input.vouch = json("not a vouch");
  CHECK(review_where(review_by(submission, 0x66, proficient_levels(), input)) == "/vouch/proof");
}
