// Reminders and nudges, decided once for every player: a course idle for the learner's number of days, cards
// due, a study plan slipping, and a credential's expiry notices (60, 30 and 7 days before validUntil, then
// expired) with the way to renew it. Pure: the host passes what it holds (its records' dates, the runtime's own
// plan and review views, the credentials and their courses) and its clock; see docs/recall.md ("Reminders")
// and docs/web-app.md ("Notices").
//
// Does NOT: show or notify anything (the players draw the banners; the web app's service worker notifies,
// outside quiet hours), store settings, or read a clock.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "tessera/course.hpp"
#include "tessera/problem.hpp"
#include "tessera/strings.hpp"

namespace tessera::reminders {

// The notices before a credential expires, in days before validUntil, latest first.
inline constexpr int expiry_notice_days[] = {60, 30, 7};

// Where a credential stands at `now` (Unix seconds): no notice yet, within 60, 30 or 7 days of validUntil, or
// expired. `since`: when this stage began; `next`: when the next one begins (0 once expired).
struct ExpiryStage {
  int days_before = 0;  // 60, 30 or 7 while a notice applies; 0 before the first and once expired
  bool expired = false;
  std::int64_t since = 0;
  std::int64_t next = 0;
};
[[nodiscard]] ExpiryStage expiry_stage(std::int64_t valid_until, std::int64_t now);

// How a learner renews a credential, in `words`' language: the rule's way ("To renew it, pass the assessment
// of Practice again.") then the author's own renewal text; "" when there is neither.
[[nodiscard]] std::string renewal_path(const course::CredentialDefinition& credential, const course::Course* course,
                                       const nlohmann::json& titles, const strings::Catalogue& words);

// facts: {"today": "YYYY-MM-DD" (the learner's day), "idleDays"?: 7, "titles"?: {courseId: title},
//   "courses": [{"id", "title", "complete", "lastActivity" (ms|null), "due" (cards due now), "nextDue" (ms|null),
//                "nextDueDay"? ("YYYY-MM-DD"), "plan" (the runtime's plan view|null)}],
//   "credentials": [{"id", "name", "validUntil" (ISO|absent), "course"? (its course.json, parsed),
//                    "catalog"? and "pathway"? (a pathway certificate's catalog.json and pathway id)}]}
// Returns {"now": [reminder], "later": [reminder], "credentials": [{"id", "notice": 60|30|7|"expired"|null,
// "validUntil", "text"|null, "renew", "href"}]}; a reminder is {"kind": "idle"|"due"|"plan"|"expiry", "key" (the
// same reminder keeps its key, so it is notified once), "at" (ms it applies from), "href", "text"}.
// Problems point at what cannot be read ("/credentials/0/validUntil").
[[nodiscard]] Result<nlohmann::json> reminders(const nlohmann::json& facts, std::int64_t now_ms,
                                               const std::string& language);

}  // namespace tessera::reminders
