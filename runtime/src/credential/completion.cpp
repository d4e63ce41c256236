// Completion proofs: the result a session claims, its evidence (with reflections withheld), and signing.
#include "tessera/completion.hpp"

#include "tessera/assess.hpp"
#include "tessera/datetime.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

const course::AssessmentRef* assessment_of(const course::Course& course, const course::Block& block) {
  const auto id = block.data.find("assessment");
  if (id == block.data.end() || !id->is_string()) return nullptr;
  for (const auto& ref : course.assessments) {
    if (ref.id == id->get<std::string>()) return &ref;
  }
  return nullptr;
}

std::string_view kind_name(course::AssessmentKind kind) {
  return kind == course::AssessmentKind::pre ? "pre" : kind == course::AssessmentKind::summative ? "summative" : "formative";
}

bool is_hex64(const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

json completion_result(const session::Session& session) {
  const course::Course& course = session.course();
  const session::State& state = session.state();
  assess::Fraction score = assess::Fraction::of(0);
  assess::Fraction max = assess::Fraction::of(0);
  json assessments = json::array();
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      const auto* ref = assessment_of(course, block);
      const auto attempts = state.attempts.find(block.id);
      if (!ref || attempts == state.attempts.end()) continue;
      const auto& list = attempts->second;
      const auto last = std::find_if(list.rbegin(), list.rend(), [](const session::Attempt& a) { return a.submitted; });
      if (last == list.rend()) continue;
      assessments.push_back({{"block", block.id},
                             {"assessment", ref->id},
                             {"kind", kind_name(ref->kind)},
                             {"attempt", last->number},
                             {"attempts", list.size()},
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
  return {{"passed", session.course_complete()},
          {"score", score.to_string()},
          {"max", max.to_string()},
          {"level", course.level},
          {"assessments", assessments},
          {"competencies", competencies}};
}

json evidence_events(const std::vector<record::Event>& events) {
  json out = json::array();
  for (const auto& event : events) {
    json item = record::to_json(event);
    if (event.type == "reflection.saved" && event.payload.contains("text")) {
      item["hash"] = record::hash_hex(event);
      item["payload"].erase("text");
      item["redacted"] = json::array({"text"});
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
    read.problems.push_back(error_at(base, "the evidence has more than " + std::to_string(max_evidence_events) + " events"));
    return read;
  }
  std::string previous_hash(record::genesis_hash);
  const record::Event* previous_replayed = nullptr;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = pointer_append(base, i);
    json item = events[i];
    std::string committed_hash;
    const bool redacted = item.is_object() && item.contains("redacted");
    if (redacted) {
      // Only a reflection's text may be withheld, and then its hash must be committed instead.
      if (item["redacted"] != json::array({"text"}) || item.value("type", json()) != "reflection.saved" ||
          !is_hex64(item.value("hash", json())) || !item["payload"].is_object() || item["payload"].contains("text")) {
        read.problems.push_back(error_at(where, "a withheld event must be a reflection.saved without its text, with its hash"));
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
      read.problems.push_back(error_at(where + "/seq", "event " + std::to_string(i + 1) + " has seq " + std::to_string(e.seq),
                                       "events were dropped, added or reordered"));
      return read;
    }
    if (e.prev != previous_hash) {
      read.problems.push_back(error_at(where + "/prev", "seq " + std::to_string(e.seq) + " does not follow the event before it (prev hash differs)",
                                       "events were changed, dropped or reordered"));
      return read;
    }
    if (redacted) {
      if (e.seq == 1) {
        read.problems.push_back(error_at(where, "the first event cannot be withheld: it seeds the draws"));
        return read;
      }
      previous_hash = committed_hash;
      e.payload["text"] = redacted_reflection_text;
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

Result<json> completion_credential(const session::Session& session, const std::string& learner_did,
                                   const std::string& manifest_sha256) {
  if (!session.course_complete()) {
    const json summary = session.summary();
    std::string open;
    for (const auto& module : summary["modules"]) {
      if (module["status"] != "complete") open += (open.empty() ? "" : ", ") + module["id"].get<std::string>();
    }
    return error_at("", "the course is not complete yet, so there is nothing to prove",
                    "finish the required blocks" + (open.empty() ? std::string() : " (modules still open: " + open + ")") +
                        " and pass " + summary["waitingOn"].dump());
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
                 {"events", evidence_events(events)}}}}};
}

Result<json> create_completion_proof(const session::Session& session, const LearnerKey& key,
                                     const std::string& manifest_sha256, const std::string& created) {
  auto unsigned_credential = completion_credential(session, key.did, manifest_sha256);
  if (!unsigned_credential) return unsigned_credential.problems();
  ProofOptions options;
  options.created = created;
  options.verification_method = key.verification_method();
  return add_proof(unsigned_credential.value(), key.pair, options);
}

}  // namespace tessera::credential
