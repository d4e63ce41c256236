// Project submissions, reviews and vouches as signed documents, and the checks that accept them
// (tessera/project.hpp, docs/projects.md).
#include <algorithm>
#include <set>

#include "tessera/data_integrity.hpp"
#include "tessera/jcs.hpp"
#include "tessera/json_text.hpp"
#include "tessera/project.hpp"
#include "tessera/utf8.hpp"

namespace tessera::project {

using json_text::member;  // documents come from outside: no read may throw
using nlohmann::json;

namespace {

std::string sha256_of_jcs(const json& value) {
  auto canonical = jcs::canonicalize(value);
  if (!canonical) return {};
  return crypto::to_hex(crypto::sha256(crypto::as_bytes(canonical.value())));
}

bool is_hex64(const json& value) {
  if (!value.is_string() || value.get_ref<const std::string&>().size() != 64) return false;
  const auto& text = value.get_ref<const std::string&>();
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size() && utf8::next_code_point(text, at);) ++count;
  return count;
}

const json* string_member(const json& object, std::string_view key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? &*found : nullptr;
}

// The signer of a signed document, checked: its proof verifies (eddsa-jcs-2022, a did:key) and is by `expected`
// when one is named. Problems say what failed in words a reviewer or learner can act on.
Result<std::string> signer_of(const json& document, std::string_view what, const std::string& expected = {}) {
  // One proof, an object: a set could carry a second proof in a suite set aside, which changes the document's
  // digest (its identity) without any key.
  if (!member(document, "proof").is_object()) {
    return error_at("/proof", "the " + std::string(what) + " must carry exactly one proof",
                    "sign it once with eddsa-jcs-2022 (tessera review, tessera submit)");
  }
  const credential::ProofCheck check = credential::verify_jcs_proof(document);
  if (!check.verified) {
    return error_at("/proof",
                    "the " + std::string(what) +
                        "'s signature does not verify: it was changed after it was signed, or never signed",
                    "ask for the file as it was signed; an edited copy cannot be accepted");
  }
  if (check.cryptosuite != credential::Cryptosuite::eddsa_jcs_2022) {
    return error_at("/proof/cryptosuite", "the " + std::string(what) + " must be signed with eddsa-jcs-2022");
  }
  if (!expected.empty() && check.controller != expected) {
    return error_at("/proof/verificationMethod",
                    "the " + std::string(what) + " is signed by " + check.controller + ", not by " + expected);
  }
  return check.controller;
}

// The rubric as a submission carries it: the course's criteria and acceptance rule, so a reviewer sees the work
// beside the rubric with nothing else in hand.
json rubric_member(const course::Block& block) {
  return {{"version", block.data["rubric"]["version"]},
          {"digest", rubric_digest(block)},
          {"criteria", block.data["rubric"]["criteria"]},
          {"accept", block.data["accept"]}};
}

std::optional<Problem> check_text(const course::Project& project, const json& work) {
  const auto text = work.find("text");
  if (text == work.end()) return std::nullopt;
  if (!project.hand_in.text) return error_at("/text", "this project asks for no written answer");
  if (!text->is_string()) return error_at("/text", "the written answer must be a string");
  const std::size_t length = code_points(text->get_ref<const std::string&>());
  if (length > static_cast<std::size_t>(project.hand_in.max_chars)) {
    return error_at("/text",
                    "the written answer has " + std::to_string(length) + " characters; the most is " +
                        std::to_string(project.hand_in.max_chars),
                    "shorten it");
  }
  return std::nullopt;
}

std::optional<Problem> check_links(const course::Project& project, const json& work) {
  const auto links = work.find("links");
  if (links == work.end()) return std::nullopt;
  if (!links->is_array()) return error_at("/links", "links must be an array of https addresses");
  if (links->size() > static_cast<std::size_t>(project.hand_in.max_links)) {
    return error_at("/links", std::to_string(links->size()) + " links; this project takes at most " +
                                  std::to_string(project.hand_in.max_links));
  }
  for (std::size_t i = 0; i < links->size(); ++i) {
    const auto& link = (*links)[i];
    if (!link.is_string() || !link.get_ref<const std::string&>().starts_with("https://") ||
        link.get_ref<const std::string&>().size() > max_link_bytes) {
      return error_at(pointer_append("/links", i), "a link must be an https:// address of at most 2000 bytes");
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_file(const course::HandInFile& spec, const json& file, const std::string& where) {
  const json* name = string_member(file, "name");
  const json* type = string_member(file, "type");
  const auto bytes = file.find("bytes");
  if (!name || name->get_ref<const std::string&>().empty() || name->get_ref<const std::string&>().size() > 255) {
    return error_at(where + "/name", "a file needs its name (1–255 bytes)");
  }
  if (!type || std::find(spec.types.begin(), spec.types.end(), type->get<std::string>()) == spec.types.end()) {
    std::string allowed;
    for (const auto& t : spec.types) allowed += (allowed.empty() ? "" : ", ") + t;
    return error_at(where + "/type", "file '" + spec.id + "' must be one of " + allowed);
  }
  if (bytes == file.end() || !bytes->is_number_unsigned() || bytes->get<std::uint64_t>() == 0 ||
      bytes->get<std::uint64_t>() > static_cast<std::uint64_t>(spec.max_bytes)) {
    return error_at(where + "/bytes",
                    "file '" + spec.id + "' must be 1 to " + std::to_string(spec.max_bytes) + " bytes");
  }
  if (!is_hex64(member(file, "sha256"))) {
    return error_at(where + "/sha256", "a file needs its SHA-256 as 64 lower-case hex digits");
  }
  return std::nullopt;
}

std::optional<Problem> check_files(const course::Project& project, const json& work) {
  const auto files = work.find("files");
  std::set<std::string> given;
  if (files != work.end()) {
    if (!files->is_array()) return error_at("/files", "files must be an array");
    for (std::size_t i = 0; i < files->size(); ++i) {
      const std::string where = pointer_append("/files", i);
      const auto& file = (*files)[i];
      const json* id = file.is_object() ? string_member(file, "id") : nullptr;
      const auto spec = std::find_if(project.hand_in.files.begin(), project.hand_in.files.end(),
                                     [&](const course::HandInFile& f) { return id && f.id == id->get<std::string>(); });
      if (spec == project.hand_in.files.end()) return error_at(where + "/id", "this project asks for no such file");
      if (!given.insert(spec->id).second) return error_at(where + "/id", "file '" + spec->id + "' is given twice");
      if (auto problem = check_file(*spec, file, where)) return problem;
    }
  }
  for (const auto& spec : project.hand_in.files) {
    if (spec.required && given.count(spec.id) == 0) {
      return error_at("/files", "file '" + spec.id + "' is required", "add it before submitting");
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::map<std::string, std::size_t>> level_indexes(const course::Rubric& rubric, const json& levels) {
  if (!levels.is_object()) return error_at("/levels", "levels must be an object of criterion id → level id");
  std::map<std::string, std::size_t> out;
  for (const auto& criterion : rubric.criteria) {
    const json* chosen = string_member(levels, criterion.id);
    if (!chosen)
      return error_at(pointer_append("/levels", criterion.id), "criterion '" + criterion.id + "' has no level");
    const auto level = std::find_if(criterion.levels.begin(), criterion.levels.end(),
                                    [&](const course::RubricLevel& l) { return l.id == chosen->get<std::string>(); });
    if (level == criterion.levels.end()) {
      return error_at(pointer_append("/levels", criterion.id),
                      "'" + chosen->get<std::string>() + "' is not a level of criterion '" + criterion.id + "'");
    }
    out[criterion.id] = static_cast<std::size_t>(level - criterion.levels.begin());
  }
  for (const auto& [criterion, unused] : levels.items()) {
    if (out.count(criterion) == 0) {
      return error_at(pointer_append("/levels", criterion), "'" + criterion + "' is not a criterion of this rubric",
                      "give one level for each of the rubric's criteria, and nothing else");
    }
  }
  return out;
}

namespace {

// The rubric a submission carries, read back as the course would read it (for a reviewer with no course).
course::Rubric carried_rubric(const json& rubric) {
  const auto text = [](const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); };
  const auto list = [](const json& value) { return value.is_array() ? value : json::array(); };
  course::Rubric out;
  out.version = text(member(rubric, "version"));
  for (const auto& c : list(member(rubric, "criteria"))) {
    course::RubricCriterion criterion;
    criterion.id = text(member(c, "id"));
    for (const auto& l : list(member(c, "levels"))) criterion.levels.push_back({text(member(l, "id")), {}, {}, 0});
    out.criteria.push_back(std::move(criterion));
  }
  return out;
}

// Whether `reviewer` is trusted as a facilitator of `block`: listed, or vouched for by a listed issuer.
std::optional<Problem> check_facilitator(const json& review, const course::Course& course,
                                         const course::Project& project, const std::string& reviewer) {
  const auto& listed = project.reviewers.facilitators;
  if (std::find(listed.begin(), listed.end(), reviewer) != listed.end()) return std::nullopt;
  const auto vouch = review.find("vouch");
  if (vouch == review.end()) {
    return error_at("/proof/verificationMethod",
                    "the reviewer " + reviewer + " is not a facilitator this course trusts",
                    "the course lists its facilitators' keys (reviewers.facilitators) or the issuers that vouch "
                    "for them (reviewers.vouchedBy)");
  }
  auto issuer = signer_of(*vouch, "vouch");
  if (!issuer) {
    Problem problem = issuer.problems().front();
    problem.where = "/vouch" + problem.where;  // the vouch's proof, not the review's
    return problem;
  }
  const auto& vouchers = project.reviewers.vouched_by;
  if (std::find(vouchers.begin(), vouchers.end(), issuer.value()) == vouchers.end()) {
    return error_at("/vouch/proof",
                    "the vouch is signed by " + issuer.value() + ", an issuer this course does not list");
  }
  if (member(*vouch, "type") != vouch_type || member(*vouch, "reviewer") != reviewer ||
      member(*vouch, "course") != course.id) {
    return error_at("/vouch", "the vouch is not for this reviewer and this course");
  }
  return std::nullopt;
}

// A peer is a learner of this course: they hold their own signed submission to the same project.
std::optional<Problem> check_peer(const json& review, const course::Course& course, const course::Block& block,
                                  const course::Project& project, const std::string& reviewer) {
  if (project.reviewers.peers == 0) return error_at("/role", "this project asks for no peer reviews");
  const auto own = review.find("peerSubmission");
  if (own == review.end()) {
    return error_at("/peerSubmission", "a peer review carries the reviewer's own submission to this project",
                    "peers are learners of this course: review with your own signed submission");
  }
  auto read = read_submission(*own, &course, &block);
  if (!read) {
    Problem problem = read.problems().front();
    problem.where = "/peerSubmission" + problem.where;
    problem.message = "the reviewer's own submission: " + problem.message;
    return problem;
  }
  if (read.value().learner != reviewer) return error_at("/peerSubmission", "the peer submission is not the reviewer's");
  return std::nullopt;
}

}  // namespace

std::string rubric_digest(const course::Block& block) { return sha256_of_jcs(block.data.value("rubric", json())); }

std::string document_digest(const json& document) { return sha256_of_jcs(document); }

std::vector<Problem> check_work(const course::Project& project, const json& work) {
  if (!work.is_object()) return {error_at("/", "the work must be an object {text?, links?, files?}")};
  for (const auto& [key, unused] : work.items()) {
    if (key != "text" && key != "links" && key != "files") {
      return {error_at(pointer_append("", key), "unknown member '" + key + "' in the work")};
    }
  }
  for (auto check : {check_text, check_links, check_files}) {
    if (auto problem = check(project, work)) return {std::move(*problem)};
  }
  return {};
}

bool is_empty_work(const json& work) {
  const auto empty = [&](std::string_view key) { return member(work, key).empty(); };  // null or "" or []
  return !work.is_object() || (empty("text") && empty("links") && empty("files"));
}

Result<json> create_submission(const course::Course& course, const course::Block& block, const json& work,
                               const std::string& record_head, const crypto::KeyPair& key) {
  if (!block.project) return error_at("/block", "block '" + block.id + "' is not a project");
  if (auto problems = check_work(*block.project, work); !problems.empty()) return problems;
  if (is_empty_work(work))
    return error_at("/", "there is no work to hand in yet", "write the answer, add a file or a link");
  const json unsigned_document = {{"type", submission_type},
                                  {"version", 1},
                                  {"course", {{"id", course.id}, {"version", course.version}}},
                                  {"block", block.id},
                                  {"learner", crypto::did_key(key.public_key)},
                                  {"rubric", rubric_member(block)},
                                  {"record", {{"head", record_head}}},
                                  {"work", work}};
  return credential::add_jcs_proof(unsigned_document, key);
}

Result<Submission> read_submission(const json& document, const course::Course* course, const course::Block* block) {
  if (member(document, "type") != submission_type || member(document, "version") != 1) {
    return error_at("/type", "this is not a project submission (type TesseraProjectSubmission, version 1)");
  }
  const json* learner = string_member(document, "learner");
  if (!learner) return error_at("/learner", "the submission names no learner");
  auto signer = signer_of(document, "submission", learner->get<std::string>());
  if (!signer) return signer.problems();
  Submission out{document, document_digest(document), signer.value(), ""};
  const auto record = document.find("record");
  if (record == document.end() || !record->is_object() || !is_hex64(record->value("head", json()))) {
    return error_at("/record/head", "the submission names no record head");
  }
  out.record_head = member(*record, "head");
  const json& rubric = member(document, "rubric");
  if (!member(rubric, "version").is_string() || !is_hex64(member(rubric, "digest"))) {
    return error_at("/rubric", "the submission carries no rubric (its version and digest)",
                    "make the submission with tessera submit or the player, which put the course's rubric in");
  }
  if (!course || !block) return out;
  const json expected_course = {{"id", course->id}, {"version", course->version}};
  if (member(document, "course") != expected_course || member(document, "block") != block->id) {
    return error_at("/course", "the submission is for another course, version or project",
                    "it names " + member(document, "course").dump() + ", block " + member(document, "block").dump());
  }
  if (member(rubric, "digest") != rubric_digest(*block)) {
    return error_at("/rubric/digest", "the submission was made against another version of the rubric");
  }
  if (auto problems = check_work(*block->project, member(document, "work")); !problems.empty()) {
    problems.front().where = "/work" + problems.front().where;
    return problems;
  }
  return out;
}

Result<json> create_review(const Submission& submission, const ReviewInput& input, const crypto::KeyPair& key) {
  const std::string reviewer = crypto::did_key(key.public_key);
  if (reviewer == submission.learner) {
    return error_at("/learner", "a learner cannot review their own work", "ask a facilitator or another learner");
  }
  if (input.role != "facilitator" && input.role != "peer") return error_at("/role", "role is facilitator or peer");
  if (input.comment.size() > max_comment_bytes) return error_at("/comment", "the comment is longer than 10000 bytes");
  const json& rubric = member(submission.document, "rubric");  // read_submission checked it
  json levels = json::object();
  for (const auto& [criterion, level] : input.levels) levels[criterion] = level;
  if (auto indexes = level_indexes(carried_rubric(rubric), levels); !indexes) return indexes.problems();
  json review = {{"type", review_type},
                 {"version", 1},
                 {"course", member(submission.document, "course")},
                 {"block", member(submission.document, "block")},
                 {"submission", submission.digest},
                 {"learner", submission.learner},
                 {"rubric", {{"version", member(rubric, "version")}, {"digest", member(rubric, "digest")}}},
                 {"reviewer", reviewer},
                 {"role", input.role},
                 {"levels", levels},
                 {"comment", input.comment}};
  if (input.vouch) review["vouch"] = *input.vouch;
  if (input.peer_submission) review["peerSubmission"] = *input.peer_submission;
  return credential::add_jcs_proof(review, key);
}

Result<json> create_vouch(const std::string& course_id, const std::string& reviewer_did,
                          const crypto::KeyPair& issuer) {
  if (!crypto::public_key_from_did_key(reviewer_did)) return error_at("/reviewer", "the reviewer is not a did:key");
  return credential::add_jcs_proof(
      json{{"type", vouch_type}, {"version", 1}, {"course", course_id}, {"reviewer", reviewer_did}}, issuer);
}

Result<Review> read_review(const json& document, const course::Course& course, const course::Block& block,
                           const Submission& submission) {
  if (member(document, "type") != review_type || member(document, "version") != 1) {
    return error_at("/type", "this is not a project review (type TesseraProjectReview, version 1)");
  }
  const json* reviewer = string_member(document, "reviewer");
  if (!reviewer) return error_at("/reviewer", "the review names no reviewer");
  auto signer = signer_of(document, "review", reviewer->get<std::string>());
  if (!signer) return signer.problems();
  if (member(document, "submission") != submission.digest) {
    return error_at("/submission", "the review is of another submission, not of the one this learner submitted",
                    "import the review written for this submission");
  }
  if (member(document, "block") != block.id || member(member(document, "rubric"), "digest") != rubric_digest(block)) {
    return error_at("/rubric", "the review is against another project or rubric");
  }
  if (signer.value() == submission.learner) return error_at("/reviewer", "a learner cannot review their own work");
  const json& role_member = member(document, "role");
  const std::string role = role_member.is_string() ? role_member.get<std::string>() : std::string();
  auto trusted = role == "facilitator" ? check_facilitator(document, course, *block.project, signer.value())
                 : role == "peer"      ? check_peer(document, course, block, *block.project, signer.value())
                                       : std::optional(error_at("/role", "role must be facilitator or peer"));
  if (trusted) return std::move(*trusted);
  auto levels = level_indexes(block.project->rubric, member(document, "levels"));
  if (!levels) return levels.problems();
  if (const auto* comment = string_member(document, "comment");
      !comment || comment->get_ref<const std::string&>().size() > max_comment_bytes) {
    return error_at("/comment", "the comment must be a string of at most 10000 bytes");
  }
  return Review{document, signer.value(), role, std::move(levels).value()};
}

std::size_t median_level(std::vector<std::size_t> indexes) {
  std::sort(indexes.begin(), indexes.end());
  return indexes[(indexes.size() - 1) / 2];
}

Decision decide(const course::Project& project, const std::vector<Review>& reviews) {
  Decision decision;
  std::map<std::string, const Review*> latest_peer;
  const Review* facilitator = nullptr;
  for (const Review& review : reviews) {
    if (review.role == "facilitator") facilitator = &review;
    if (review.role == "peer") latest_peer[review.reviewer] = &review;
  }
  decision.peer_reviews = latest_peer.size();
  if (facilitator) {
    decision.decided = true;
    decision.by = "facilitator";
    decision.levels = facilitator->levels;
  } else if (project.reviewers.peers > 0 && latest_peer.size() >= static_cast<std::size_t>(project.reviewers.peers)) {
    decision.decided = true;
    decision.by = "peers";
    for (const auto& criterion : project.rubric.criteria) {
      std::vector<std::size_t> indexes;
      indexes.reserve(latest_peer.size());
      for (const auto& [unused, review] : latest_peer) indexes.push_back(review->levels.at(criterion.id));
      decision.levels[criterion.id] = median_level(std::move(indexes));
    }
  }
  if (!decision.decided) return decision;
  decision.accepted = true;
  for (const auto& criterion : project.rubric.criteria) {
    std::size_t needed = 0;
    while (needed < criterion.levels.size() && criterion.levels[needed].id != project.accept_at_least) ++needed;
    decision.accepted = decision.accepted && decision.levels[criterion.id] >= needed;
  }
  return decision;
}

}  // namespace tessera::project
