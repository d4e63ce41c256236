// Project submissions and their reviews as signed files (docs/projects.md): the learner's submission (the work,
// the rubric it is judged against with its digest, the record's digest) and each reviewer's review (a level per
// criterion, a comment), both signed eddsa-jcs-2022 through tessera/data_integrity.hpp; the checks that accept
// a review (signature, the reviewer trusted by the course, of this very submission, not by the learner) and the
// decision the reviews make (a facilitator's levels, or the peers' median level per criterion).
//
// Does NOT: read a clock (documents carry no time of their own: the record's events do), store or send files
// (the host downloads, mails or uploads them), or hold file contents (a submission names each file by its
// SHA-256; the files travel beside it).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/problem.hpp"

namespace tessera::project {

inline constexpr std::string_view submission_type = "TesseraProjectSubmission";
inline constexpr std::string_view review_type = "TesseraProjectReview";
inline constexpr std::string_view vouch_type = "TesseraReviewerVouch";
inline constexpr std::size_t max_comment_bytes = 10000;
inline constexpr std::size_t max_link_bytes = 2000;

// SHA-256 (lower-case hex) of the RFC 8785 form of the rubric as the course writes it: what a submission and a
// review name, so a changed rubric is a different rubric.
[[nodiscard]] std::string rubric_digest(const course::Block& block);

// SHA-256 (lower-case hex) of the RFC 8785 form of a signed document, proof included: a submission's identity.
[[nodiscard]] std::string document_digest(const nlohmann::json& document);

// Checks work ({text?, links?: [https URL], files?: [{id, name, type, bytes, sha256}]}) against the block's
// hand-in: the text's length, each file's declared type and size, required files, the number of links.
// Problems point into the work ("/files/0/type").
// Drafts may be empty; a submission may not (is_empty_work).
[[nodiscard]] std::vector<Problem> check_work(const course::Project& project, const nlohmann::json& work);
[[nodiscard]] bool is_empty_work(const nlohmann::json& work);

// `levels` ({criterion id: level id}) read against `rubric`: every criterion exactly one of its own levels. The
// level indexes (0 lowest) by criterion id; problems point at "/levels/CRITERION".
[[nodiscard]] Result<std::map<std::string, std::size_t>> level_indexes(const course::Rubric& rubric,
                                                                       const nlohmann::json& levels);

// The signed submission of `work` for project block `block` of `course`, made when the record's last event has
// hash `record_head`: {type, version, course {id, version}, block, learner, rubric {version, digest, criteria,
// accept}, record {head}, work, proof}.
[[nodiscard]] Result<nlohmann::json> create_submission(const course::Course& course, const course::Block& block,
                                                       const nlohmann::json& work, const std::string& record_head,
                                                       const crypto::KeyPair& key);

// A submission that verified: who signed it, its digest and the record head it names.
struct Submission {
  nlohmann::json document;
  std::string digest;
  std::string learner;  // did:key
  std::string record_head;
};

// Verifies a submission's signature (its signer is its learner) and its form; with a course and block, also that
// it is of that course's version and block, and of the rubric the course has now. Refusals say why.
[[nodiscard]] Result<Submission> read_submission(const nlohmann::json& document, const course::Course* course = nullptr,
                                                 const course::Block* block = nullptr);

// What a reviewer writes: a level id per criterion, a comment, and how they are trusted: "facilitator" (their
// key listed by the course, or `vouch`, a signed TesseraReviewerVouch by an issuer key the course lists) or
// "peer" (with `peer_submission`, their own signed submission to the same project: a learner of this course).
struct ReviewInput {
  std::map<std::string, std::string> levels;  // criterion id → level id
  std::string comment;
  std::string role = "facilitator";
  std::optional<nlohmann::json> vouch;
  std::optional<nlohmann::json> peer_submission;
};

// The signed review of a verified submission; refused when a criterion has no level, a level is not the
// criterion's, or the reviewer is the learner.
[[nodiscard]] Result<nlohmann::json> create_review(const Submission& submission, const ReviewInput& input,
                                                   const crypto::KeyPair& key);

// A signed vouch: `issuer` says `reviewer` may review projects of course `course_id`.
[[nodiscard]] Result<nlohmann::json> create_vouch(const std::string& course_id, const std::string& reviewer_did,
                                                  const crypto::KeyPair& issuer);

// A review the course accepts.
struct Review {
  nlohmann::json document;
  std::string reviewer;                       // did:key
  std::string role;                           // facilitator | peer
  std::map<std::string, std::size_t> levels;  // criterion id → index of the level (0 lowest)
  bool operator==(const Review&) const = default;
};

// Verifies a review of `submission` for `block` of `course`: its signature, that it is of this submission (its
// digest) and rubric, that its reviewer is not the learner and is trusted in the role it claims, and that every
// criterion has one of its levels. Refusals say which of these failed.
[[nodiscard]] Result<Review> read_review(const nlohmann::json& document, const course::Course& course,
                                         const course::Block& block, const Submission& submission);

// What the accepted reviews decide: a facilitator's latest review, else (when the course asks for k peers and at
// least k have reviewed) the median of the peers' latest levels per criterion (with an even count, the lower
// middle level). `accepted`: every criterion at or above the course's `accept.atLeast` level.
struct Decision {
  bool decided = false;
  std::string by;                             // facilitator | peers
  std::map<std::string, std::size_t> levels;  // criterion id → level index
  std::size_t peer_reviews = 0;               // distinct peers who reviewed
  bool accepted = false;
};
[[nodiscard]] Decision decide(const course::Project& project, const std::vector<Review>& reviews);

// The median level index of `indexes` (not empty): the middle one sorted, the lower middle for an even count.
[[nodiscard]] std::size_t median_level(std::vector<std::size_t> indexes);

}  // namespace tessera::project
