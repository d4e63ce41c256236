// Completion proofs: the result a session claims, its evidence (the learner's own words withheld), and signing.
#include "tessera/completion.hpp"

#include <set>

#include "tessera/assess.hpp"
#include "tessera/datetime.hpp"
#include "tessera/tracking.hpp"

namespace tessera::credential {

using nlohmann::json;
// What a proof withholds by default is the one table of the learner's own words (tessera/tracking.hpp): the
// prover leaves these out, the verifier's reader allows exactly these and replays each with its placeholder.
using session::is_private;
using session::private_member_of;
using session::PrivateMember;

namespace {

std::string_view kind_name(course::AssessmentKind kind) {
  return kind == course::AssessmentKind::pre         ? "pre"
         : kind == course::AssessmentKind::summative ? "summative"
                                                     : "formative";
}

bool is_hex64(const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The last submitted attempt of a block, or nullptr: what a result counts.
const session::Attempt* last_submitted(const session::State& state, const std::string& block_id) {
  const auto attempts = state.attempts.find(block_id);
  if (attempts == state.attempts.end()) return nullptr;
  const auto& list = attempts->second;
  const auto last = std::find_if(list.rbegin(), list.rend(), [](const session::Attempt& a) { return a.submitted; });
  return last == list.rend() ? nullptr : &*last;
}

}  // namespace

json outcome_results(const session::Session& session) {
  const course::Course& course = session.course();
  struct Points {
    assess::Fraction score = assess::Fraction::of(0);
    assess::Fraction max = assess::Fraction::of(0);
    std::size_t items = 0;
  };
  std::map<std::string, Points> points;  // outcome id → its aligned items' points in the final attempts
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      const auto* ref = session::assessment_ref(course, block);
      if (!ref || ref->kind != course::AssessmentKind::summative) continue;
      const session::Attempt* last = last_submitted(session.state(), block.id);
      if (!last) continue;
      for (const auto& item_id : last->items) {
        const assess::Item* item = session.item(block.id, item_id);
        if (!item || !item->scored) continue;
        // An outcome named twice by one item counts the item once.
        for (const auto& outcome : std::set<std::string>(item->outcomes.begin(), item->outcomes.end())) {
          Points& p = points[outcome];
          p.score = p.score + last->item_scores.at(item_id);
          p.max = p.max + last->item_max.at(item_id);
          ++p.items;
        }
      }
    }
  }
  const auto threshold = assess::Fraction::of(outcome_threshold_numerator, outcome_threshold_denominator);
  const std::string& lang = course.default_language;
  json out = json::array();
  for (const auto& outcome : course.outcomes) {
    const Points found = points.count(outcome.id) ? points.at(outcome.id) : Points{};
    out.push_back({{"id", outcome.id},
                   {"statement", outcome.statement.in(lang, lang)},
                   {"condition", outcome.condition.in(lang, lang)},
                   {"criterion", outcome.criterion.in(lang, lang)},
                   {"threshold", threshold.to_string()},
                   {"items", found.items},
                   {"score", found.score.to_string()},
                   {"max", found.max.to_string()},
                   {"met", found.items > 0 && found.score >= threshold * found.max}});
  }
  return out;
}

json completion_result(const session::Session& session) {
  const course::Course& course = session.course();
  const session::State& state = session.state();
  assess::Fraction score = assess::Fraction::of(0);
  assess::Fraction max = assess::Fraction::of(0);
  json assessments = json::array();
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      const auto* ref = session::assessment_ref(course, block);
      const session::Attempt* last = ref ? last_submitted(state, block.id) : nullptr;
      if (!last) continue;
      assessments.push_back({{"block", block.id},
                             {"assessment", ref->id},
                             {"kind", kind_name(ref->kind)},
                             {"attempt", last->number},
                             {"attempts", state.attempts.at(block.id).size()},
                             {"score", last->score.to_string()},
                             {"max", last->max.to_string()},
                             {"passed", last->passed}});
      if (ref->kind == course::AssessmentKind::summative) {
        score = score + last->score;
        max = max + last->max;
      }
    }
  }
  const json mastery = session.summary()["mastery"];
  json competencies = json::array();
  for (const auto& competency : course.competencies) {
    json entry = {{"id", competency.id},
                  {"framework", competency.framework},
                  {"code", competency.code},
                  {"name", competency.name.in(course.default_language, course.default_language)}};
    const json found = mastery.value(competency.id, json::object());
    entry["assessed"] = found.value("assessed", false);
    if (found.contains("score")) entry["score"] = found["score"];
    if (found.contains("max")) entry["max"] = found["max"];
    entry["mastered"] = found.value("mastered", false);
    competencies.push_back(std::move(entry));
  }
  json result = {{"passed", session.course_complete()},
                 {"score", score.to_string()},
                 {"max", max.to_string()},
                 {"level", course.level},
                 {"assessments", assessments},
                 {"competencies", competencies},
                 {"outcomes", outcome_results(session)}};
  if (json projects = project_results(session); !projects.empty()) result["projects"] = std::move(projects);
  return result;
}

json project_results(const session::Session& session) {
  json out = json::array();
  for (const auto& module : session.course().modules) {
    for (const auto& block : module.blocks) {
      const auto progress = session.state().projects.find(block.id);
      if (!block.project || progress == session.state().projects.end() || !progress->second.submission) continue;
      const project::Decision decision = session.project_decision(block.id);
      json levels = json::object();
      for (const auto& criterion : block.project->rubric.criteria) {
        if (decision.levels.count(criterion.id) != 0) {
          levels[criterion.id] = criterion.levels.at(decision.levels.at(criterion.id)).id;
        }
      }
      json reviewers = json::array();
      for (const auto& review : progress->second.reviews) {
        reviewers.push_back({{"id", review.reviewer}, {"role", review.role}});
      }
      out.push_back({{"block", block.id},
                     {"rubric", block.project->rubric.version},
                     {"submission", progress->second.submission->digest},
                     {"decidedBy", decision.decided ? json(decision.by) : json()},
                     {"levels", levels},
                     {"accepted", decision.accepted},
                     {"reviewers", reviewers}});
    }
  }
  return out;
}

Result<json> sign_project_submission(const session::Session& session, const std::string& block_id,
                                     const LearnerKey& key) {
  const course::Block* block = nullptr;
  for (const auto& module : session.course().modules) {
    for (const auto& b : module.blocks) block = b.id == block_id && b.project ? &b : block;
  }
  if (!block) return error_at("/block", "block '" + block_id + "' is not a project of this course");
  const auto progress = session.state().projects.find(block_id);
  if (progress == session.state().projects.end()) {
    return error_at("/work", "there is no saved draft to submit", "save the draft first");
  }
  const std::string head =
      session.events().empty() ? std::string(record::genesis_hash) : record::hash_hex(session.events().back());
  return project::create_submission(session.course(), *block, progress->second.draft, head, key.pair);
}

json evidence_events(const session::Session& session, PrivateText private_text) {
  json out = json::array();
  for (const auto& event : session.events()) {
    json item = record::to_json(event);
    const PrivateMember* row = private_text == PrivateText::withheld ? private_member_of(event.type) : nullptr;
    if (row && is_private(*row, event, session)) {
      item["hash"] = record::hash_hex(event);
      item["payload"].erase(std::string(row->member));
      item["redacted"] = json::array({row->member});
    }
    out.push_back(std::move(item));
  }
  return out;
}

EvidenceRead read_evidence(const json& events) {
  EvidenceRead read;
  const std::string base = "/evidence/0/events";
  if (!events.is_array() || events.empty()) {
    read.problems.push_back(error_at(base, "the evidence has no events"));
    return read;
  }
  if (events.size() > max_evidence_events) {
    read.problems.push_back(
        error_at(base, "the evidence has more than " + std::to_string(max_evidence_events) + " events"));
    return read;
  }
  std::string previous_hash(record::genesis_hash);
  const record::Event* previous_replayed = nullptr;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = pointer_append(base, i);
    json item = events[i];
    std::string committed_hash;
    const PrivateMember* withheld = nullptr;
    if (item.is_object() && item.contains("redacted")) {
      // Only a member the table lists for the event's type may be withheld, and then its hash is committed instead.
      const json type = item.value("type", json());
      withheld = type.is_string() ? private_member_of(type.get<std::string>()) : nullptr;
      if (!withheld || item["redacted"] != json::array({withheld->member}) || !is_hex64(item.value("hash", json())) ||
          !item.value("payload", json()).is_object() || item["payload"].contains(withheld->member)) {
        read.problems.push_back(error_at(where, "this event cannot be withheld like this",
                                         "a proof may withhold only a reflection's text, a survey's answers or an "
                                         "unscored item's response (\"redacted\" naming that one member, which the "
                                         "payload then lacks), with the event's 64-hex \"hash\""));
        return read;
      }
      committed_hash = item["hash"].get<std::string>();
      item.erase("hash");
      item.erase("redacted");
    }
    auto event = record::from_json(item, where);
    if (!event) {
      read.problems.push_back(event.problems()[0]);
      return read;
    }
    record::Event e = std::move(event.value());
    if (e.seq != i + 1) {
      read.problems.push_back(error_at(where + "/seq",
                                       "event " + std::to_string(i + 1) + " has seq " + std::to_string(e.seq),
                                       "events were dropped, added or reordered"));
      return read;
    }
    if (e.prev != previous_hash) {
      read.problems.push_back(error_at(
          where + "/prev", "seq " + std::to_string(e.seq) + " does not follow the event before it (prev hash differs)",
          "events were changed, dropped or reordered"));
      return read;
    }
    if (withheld) {
      if (e.seq == 1) {
        read.problems.push_back(error_at(where, "the first event cannot be withheld: it seeds the draws"));
        return read;
      }
      previous_hash = committed_hash;
      e.payload[std::string(withheld->member)] = withheld->placeholder();
      read.withheld.push_back(i);
    } else {
      previous_hash = record::hash_hex(e);
    }
    // The replayed chain is re-linked over the placeholders (Session::open checks the links); seq 1 keeps its
    // hash, so the record id that seeds every draw is the learner's own.
    e.prev = previous_replayed ? record::hash_hex(*previous_replayed) : std::string(record::genesis_hash);
    read.replay.push_back(std::move(e));
    previous_replayed = &read.replay.back();
  }
  read.head = previous_hash;
  return read;
}

std::optional<Problem> check_withheld_answers(const EvidenceRead& read, const session::Session& course_session) {
  for (const std::size_t i : read.withheld) {
    const record::Event& event = read.replay[i];
    const PrivateMember& row = *private_member_of(event.type);
    if (!row.unscored_items_only) continue;
    const std::string block = event.payload.value("block", std::string());
    const std::string item_id = event.payload.value("item", std::string());
    const assess::Item* item = course_session.item(block, item_id);
    if (!item) {
      return error_at(pointer_append("/evidence/0/events", i),
                      "the withheld answer names item '" + item_id + "', which block '" + block + "' does not have");
    }
    if (item->scored) {
      return error_at(pointer_append("/evidence/0/events", i),
                      "the answer to the scored item '" + item_id + "' is withheld",
                      "re-scoring needs it: only an unscored item's answer may be withheld");
    }
  }
  return std::nullopt;
}

std::map<std::string, std::size_t> withheld_counts(const EvidenceRead& read) {
  std::map<std::string, std::size_t> counts;
  for (const std::size_t i : read.withheld) ++counts[read.replay[i].type];
  return counts;
}

std::string describe_withheld(const std::map<std::string, std::size_t>& counts, const strings::Catalogue& words) {
  std::string out;
  for (const auto& row : session::private_members()) {  // in the table's order, the same in every sentence
    const auto found = counts.find(std::string(row.event_type));
    if (found == counts.end() || found->second == 0) continue;
    // The catalogue's "withheld.<event type>" names what was withheld, with its plural forms.
    out += (out.empty() ? "" : words.text("list.separator")) +
           words.text("withheld." + std::string(row.event_type),
                      {{"count", words.integer(static_cast<std::int64_t>(found->second))}});
  }
  return out;
}

Result<json> completion_credential(const session::Session& session, const std::string& learner_did,
                                   const std::string& manifest_sha256, PrivateText private_text) {
  if (!session.course_complete()) {
    const json summary = session.summary();
    std::string open;
    for (const auto& module : summary["modules"]) {
      if (module["status"] != "complete") open += (open.empty() ? "" : ", ") + module["id"].get<std::string>();
    }
    return error_at("", "the course is not complete yet, so there is nothing to prove",
                    "finish the required blocks" +
                        (open.empty() ? std::string() : " (modules still open: " + open + ")") + " and pass " +
                        summary["waitingOn"].dump());
  }
  if (!is_hex64(json(manifest_sha256))) {
    return error_at("manifestSha256", "the package digest must be the SHA-256 of manifest.json in lower-case hex");
  }
  const auto& events = session.events();
  const course::Course& course = session.course();
  const std::string head = record::hash_hex(events.back());
  const json summary = session.summary();
  return json{{"@context", {"https://www.w3.org/ns/credentials/v2"}},
              {"id", std::string(completion_id_prefix) + head},
              {"type", {"VerifiableCredential", completion_proof_type}},
              {"name", "Completion of " + course.title.in(course.default_language, course.default_language)},
              {"issuer", learner_did},
              {"validFrom", datetime::format(events.back().t / 1000)},
              {"credentialSubject",
               {{"id", learner_did},
                {"type", "TesseraCourseCompletion"},
                {"course",
                 {{"id", course.id},
                  {"version", course.version},
                  {"title", course.title.in(course.default_language, course.default_language)},
                  {"manifestSha256", manifest_sha256}}},
                {"result", completion_result(session)},
                {"timeOnTaskSeconds", summary["timeOnTaskSeconds"]},
                {"startedAt", datetime::format(events.front().t / 1000)},
                {"completedAt", datetime::format(events.back().t / 1000)}}},
              {"evidence",
               {{{"type", {"Evidence", "TesseraEventChain"}},
                 {"recordId", session.state().record_id},
                 {"head", head},
                 {"events", evidence_events(session, private_text)}}}}};
}

Result<json> create_completion_proof(const session::Session& session, const LearnerKey& key,
                                     const std::string& manifest_sha256, const std::string& created,
                                     PrivateText private_text) {
  auto unsigned_credential = completion_credential(session, key.did, manifest_sha256, private_text);
  if (!unsigned_credential) return unsigned_credential.problems();
  ProofOptions options;
  options.created = created;
  options.verification_method = key.verification_method();
  return add_jcs_proof(unsigned_credential.value(), key.pair, options);
}

}  // namespace tessera::credential
