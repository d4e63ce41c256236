// Completion proofs: a VC Data Model 2.0 credential the learner issues about themself with their did:key,
// signed eddsa-jcs-2022. It names the course (id, version, SHA-256 of the package's manifest.json), the
// result (score, pass, level, assessments, competencies with mastery), the time on task, and carries the
// evidence: the learner's hash-chained events, so a verifier can replay them through the same Session and
// re-score everything (tessera/verifier.hpp).
//
// Privacy: a reflection's text is the learner's own and is never put in a proof. Its event travels as
// {"seq","type","t","payload":{"block"},"prev","hash","redacted":["text"]}: the event's original hash is
// committed (the next event's prev still checks against it, and the learner's signature covers it), and a
// verifier replays it with placeholder text (reflections carry no score). The format: docs/credentials.md.
//
// Does NOT: read a clock (validFrom is the time of the last event; "created" comes from the host), choose
// the package digest (the host passes the SHA-256 of the manifest.json it played), or store anything.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/data_integrity.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/problem.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"

namespace tessera::credential {

inline constexpr std::string_view completion_proof_type = "TesseraCompletionProof";
inline constexpr std::string_view completion_id_prefix = "urn:tessera:completion:";
inline constexpr std::string_view redacted_reflection_text = "[reflection withheld from the proof]";
inline constexpr std::size_t max_evidence_events = record::max_record_events;

// The result a session claims, computed the same way by the learner's device and by every verifier.
// {"passed", "score", "max" (summative assessments' last submitted attempts, exact fractions as text),
//  "level", "assessments": [...], "competencies": [{"id","framework","code","name","assessed","score"?,
//  "max"?,"mastered"}]}
[[nodiscard]] nlohmann::json completion_result(const session::Session& session);

// The events as evidence (reflection text withheld, hash committed).
[[nodiscard]] nlohmann::json evidence_events(const std::vector<record::Event>& events);

// Reads evidence back: each event strictly, the chain (seq 1…n, prev = hash of the one before, genesis first),
// and the events to replay (withheld text replaced by a placeholder, chain re-linked). Problems name the event
// (where = "/evidence/0/events/N").
struct EvidenceRead {
  std::vector<record::Event> replay;
  std::string head;  // hash of the last event as the evidence commits it
  std::vector<Problem> problems;
};
[[nodiscard]] EvidenceRead read_evidence(const nlohmann::json& events);

// The unsigned completion credential; refused (with the blocks still open) unless the course is complete.
[[nodiscard]] Result<nlohmann::json> completion_credential(const session::Session& session, const std::string& learner_did,
                                                           const std::string& manifest_sha256);

// The signed completion proof. `created` is the host's clock (dateTimeStamp), may be empty.
[[nodiscard]] Result<nlohmann::json> create_completion_proof(const session::Session& session, const LearnerKey& key,
                                                             const std::string& manifest_sha256,
                                                             const std::string& created = {});

}  // namespace tessera::credential
