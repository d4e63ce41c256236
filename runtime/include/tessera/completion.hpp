// Completion proofs: a VC Data Model 2.0 credential the learner issues about themself with their did:key,
// signed eddsa-jcs-2022. It names the course (id, version, SHA-256 of the package's manifest.json), the
// result (score, pass, level, assessments, competencies with mastery), the time on task, and carries the
// evidence: the learner's hash-chained events, so a verifier can replay them through the same Session and
// re-score everything (tessera/verifier.hpp).
//
// Privacy: what a learner wrote for themself never leaves the device in a proof unless they opt in. By
// default a proof withholds a reflection's text, a survey's answers, and the answer to an unscored assessment
// item (likert, free text, reflection): none is scored or read by the completion rules. Such an event travels
// as {"seq","type","t","payload" (without the member),"prev","hash","redacted":[member]}: the event's original
// hash is committed (the next event's prev still checks against it, and the learner's signature covers it),
// and a verifier replays it with a placeholder. The format: docs/credentials.md ("What a proof withholds").
//
// Does NOT: read a clock (validFrom is the time of the last event; "created" comes from the host), choose
// the package digest (the host passes the SHA-256 of the manifest.json it played), or store anything.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/data_integrity.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/problem.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/strings.hpp"
#include "tessera/tracking.hpp"

namespace tessera::credential {

inline constexpr std::string_view completion_proof_type = "TesseraCompletionProof";
inline constexpr std::string_view completion_id_prefix = "urn:tessera:completion:";
inline constexpr std::string_view redacted_reflection_text = session::withheld_reflection_text;
inline constexpr std::size_t max_evidence_events = record::max_record_events;

// Whether the learner's own words (reflections, survey answers, unscored answers) go into the proof.
enum class PrivateText { withheld, included };

// The result a session claims, computed the same way by the learner's device and by every verifier.
// {"passed", "score", "max" (summative assessments' last submitted attempts, exact fractions as text),
//  "level", "assessments": [...], "competencies": [{"id","framework","code","name","assessed","score"?,
//  "max"?,"mastered"}], "outcomes": outcome_results(session)}
[[nodiscard]] nlohmann::json completion_result(const session::Session& session);

// The share of an outcome's points a learner needs for it to be met (docs/scoring.md, "Learning outcomes").
inline constexpr std::int64_t outcome_threshold_numerator = 4;
inline constexpr std::int64_t outcome_threshold_denominator = 5;

// Each of the course's learning outcomes, in course order, decided from the record: the scored items aligned to
// it in the last submitted attempt of each summative assessment give `score` of `max` points, and it is met when
// there is at least one such item and score ≥ 4/5 × max. [{"id","statement","condition","criterion" (the
// author's words, default language),"threshold":"4/5","items","score","max","met"}]
[[nodiscard]] nlohmann::json outcome_results(const session::Session& session);

// Each project block with a submission, in course order, as the reviews decide it: [{"block","rubric" (version),
// "submission" (its digest),"decidedBy" (facilitator | peers | null),"levels" {criterion: level id},"accepted",
// "reviewers": [{"id","role"}]}]; completion_result carries it as "projects" when the course has any.
[[nodiscard]] nlohmann::json project_results(const session::Session& session);

// The learner's signed submission of project block `block_id`: the saved draft, made at the record's last event
// (the host then sends it as a submit-project action).
[[nodiscard]] Result<nlohmann::json> sign_project_submission(const session::Session& session,
                                                             const std::string& block_id, const LearnerKey& key);

// A session's events as evidence: with PrivateText::withheld, each private member is left out and the event's
// hash committed instead.
[[nodiscard]] nlohmann::json evidence_events(const session::Session& session, PrivateText private_text);

// Reads evidence back: each event strictly, the chain (seq 1…n, prev = hash of the one before, genesis first),
// and the events to replay (withheld members replaced by placeholders, chain re-linked). Problems name the
// event (where = "/evidence/0/events/N").
struct EvidenceRead {
  std::vector<record::Event> replay;
  std::vector<std::size_t> withheld;  // indexes (in replay and in the evidence) of events with a member withheld
  std::string head;                   // hash of the last event as the evidence commits it
  std::vector<Problem> problems;
};
[[nodiscard]] EvidenceRead read_evidence(const nlohmann::json& events);

// Once the course is known: a withheld answer must be an unscored item's, since re-scoring needs the others.
// `course_session` is any session of the course (only its items are read). The first problem, at its event.
[[nodiscard]] std::optional<Problem> check_withheld_answers(const EvidenceRead& read,
                                                            const session::Session& course_session);

// Withheld events by event type, and the same said for people: "1 reflection text, 1 survey's answers".
[[nodiscard]] std::map<std::string, std::size_t> withheld_counts(const EvidenceRead& read);
[[nodiscard]] std::string describe_withheld(const std::map<std::string, std::size_t>& counts,
                                            const strings::Catalogue& words = strings::Catalogue::english());

// The unsigned completion credential; refused (with the blocks still open) unless the course is complete.
[[nodiscard]] Result<nlohmann::json> completion_credential(const session::Session& session,
                                                           const std::string& learner_did,
                                                           const std::string& manifest_sha256,
                                                           PrivateText private_text = PrivateText::withheld);

// The signed completion proof. `created` is the host's clock (dateTimeStamp), may be empty. The learner's own
// words stay out unless they chose `PrivateText::included` for this course.
[[nodiscard]] Result<nlohmann::json> create_completion_proof(const session::Session& session, const LearnerKey& key,
                                                             const std::string& manifest_sha256,
                                                             const std::string& created = {},
                                                             PrivateText private_text = PrivateText::withheld);

}  // namespace tessera::credential
