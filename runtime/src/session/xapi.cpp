// xAPI 1.0.3 statements from the learner's events, in Tessera's profile (docs/lms.md, "The xAPI profile").
#include <cctype>
#include <cmath>
#include <cstdio>

#include "internal.hpp"
#include "tessera/crypto.hpp"
#include "tessera/datetime.hpp"
#include "tessera/tracking.hpp"

namespace tessera::session {

using nlohmann::json;

namespace {

constexpr std::string_view adl_verbs = "http://adlnet.gov/expapi/verbs/";
constexpr std::string_view adl_activities = "http://adlnet.gov/expapi/activities/";
constexpr std::string_view cmi5_category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
constexpr std::string_view moveon_category = "https://w3id.org/xapi/cmi5/context/categories/moveon";
constexpr std::string_view session_id_extension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
constexpr std::string_view mastery_extension = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
// The event a statement was made from: {"record", "seq"} (an author's report can join statements to records).
constexpr std::string_view event_extension = "urn:tessera:xapi:event";

json verb(std::string_view name) {
  return {{"id", std::string(adl_verbs) + std::string(name)}, {"display", {{"en-US", name}}}};
}

// A path segment of an activity IRI: ids are [A-Za-z0-9_-] in practice; anything else is percent-encoded.
std::string segment(const std::string& id) {
  std::string out;
  for (const unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      (void)std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

std::string timestamp(std::int64_t t) {
  std::string text = datetime::format(t / 1000);
  char millis[6];
  (void)std::snprintf(millis, sizeof millis, ".%03d", static_cast<int>(((t % 1000) + 1000) % 1000));
  return text.insert(text.size() - 1, millis);
}

json score_of(const assess::Fraction& score, const assess::Fraction& max) {
  json out = {{"raw", score.to_double()}, {"min", 0}, {"max", max.to_double()}};
  if (assess::Fraction{} < max) out["scaled"] = std::round(score.to_double() / max.to_double() * 10000) / 10000;
  return out;
}

// cmi5: Browse and Review launches never change what the LMS records (no completed, passed or failed).
bool records_outcomes(const StatementOptions& options) {
  return !options.cmi5 || options.cmi5->launch_mode == "Normal";
}

// Makes the statements of one event, in order, each with its derived id.
class Statements {
 public:
  Statements(const Session& session, const StatementOptions& options)
      : session_(session),
        options_(options),
        course_(session.course()),
        event_(session.events().back()),
        hash_(record::hash_hex(event_)),
        language_(options.language.empty() ? course_.default_language : options.language) {}

  json course_activity() const {
    return {{"objectType", "Activity"},
            {"id", options_.activity},
            {"definition",
             {{"type", std::string(adl_activities) + "course"},
              {"name", {{language_, course_.title.in(language_, course_.default_language)}}}}}};
  }

  json block_activity(const course::Block& block) const {
    const std::string type = block.type == course::BlockType::assessment ? "assessment"
                             : block.type == course::BlockType::scenario ? "simulation"
                                                                         : "lesson";
    json definition = {{"type", std::string(adl_activities) + type}};
    const auto title = block.data.find("title");
    if (title != block.data.end() && title->is_string()) definition["name"] = {{language_, *title}};
    if (title != block.data.end() && title->is_object()) definition["name"] = *title;
    return {{"objectType", "Activity"},
            {"id", options_.activity + "/" + segment(block.id)},
            {"definition", std::move(definition)}};
  }

  json item_activity(const std::string& block_id, const std::string& item_id) const {
    return {{"objectType", "Activity"},
            {"id", options_.activity + "/" + segment(block_id) + "/" + segment(item_id)},
            {"definition", {{"type", std::string(adl_activities) + "cmi.interaction"}, {"interactionType", "other"}}}};
  }

  // A statement about `object`; `parents` are the activities it sits in. cmi5-defined statements (about the
  // AU) carry the cmi5 category; the others are "cmi5 allowed" and must not.
  void add(std::string_view verb_name, json object, json result, json parents, bool cmi5_defined = false) {
    json context = {{"language", language_},
                    {"extensions",
                     {{std::string(event_extension), {{"record", session_.state().record_id}, {"seq", event_.seq}}}}}};
    json activities = json::object();
    if (!parents.empty()) activities["parent"] = std::move(parents);
    if (options_.cmi5) {
      context["registration"] = options_.cmi5->registration;
      context["extensions"][std::string(session_id_extension)] = options_.cmi5->session_id;
      if (cmi5_defined) {
        activities["category"] = json::array({{{"id", cmi5_category}}, {{"id", moveon_category}}});
        if (options_.cmi5->mastery_score && verb_name != "completed") {
          context["extensions"][std::string(mastery_extension)] = *options_.cmi5->mastery_score;
        }
      }
    }
    if (!activities.empty()) context["contextActivities"] = std::move(activities);
    json statement = {{"id", statement_id(hash_, out_.size(), statement_scope(options_))},
                      {"actor", options_.actor},
                      {"verb", verb(verb_name)},
                      {"object", std::move(object)},
                      {"context", std::move(context)},
                      {"timestamp", timestamp(event_.t)},
                      {"version", "1.0.3"}};
    if (!result.is_null()) statement["result"] = std::move(result);
    out_.push_back(std::move(statement));
  }

  // The course's activity as a statement's object: cmi5 wants the AU's id alone.
  json course_object() const { return options_.cmi5 ? json{{"id", options_.activity}} : course_activity(); }
  json course_parent() const { return json::array({{{"id", options_.activity}}}); }

  void answered(const course::Block& block, const std::string& item_id) {
    const assess::Item* item = session_.item(block.id, item_id);
    const auto& attempts = session_.state().attempts.at(block.id);
    const json response = attempts.back().answers.count(item_id) ? attempts.back().answers.at(item_id) : json();
    if (!item) return;
    if (!item->scored && !options_.include_private) return;  // the learner's own words (tessera/tracking.hpp)
    json result = json::object();
    const json answer = response.is_object() ? response.value("answer", json()) : json();
    result["response"] = answer.is_string() ? answer.get<std::string>() : answer.dump();
    // A formative check shows its result at once; other answers are judged when the attempt is submitted.
    const auto* ref = assessment_ref(course_, block);
    if (item->scored && ref && ref->kind == course::AssessmentKind::formative) {
      const assess::Response r{answer, response.value("certainty", 0), response.value("hintsUsed", 0)};
      if (const auto scored = assess::score_item(*item, r)) {
        result["success"] = scored.value().correct;
        result["score"] = score_of(scored.value().score, scored.value().max);
      }
    }
    add("answered", item_activity(block.id, item_id), std::move(result), json::array({{{"id", block_id(block)}}}));
  }

  void submitted(const course::Block& block) {
    const auto& attempts = session_.state().attempts.at(block.id);
    const Attempt& attempt = attempts.back();
    add(attempt.passed ? "passed" : "failed", block_activity(block),
        {{"score", score_of(attempt.score, attempt.max)}, {"success", attempt.passed}, {"completion", true}},
        course_parent());
    if (block.id != must_pass_block(course_)) return;
    // The course's own decision, or cmi5's: a scaled score against the LMS's mastery score.
    const auto passes = [&](const Attempt& a) {
      if (!options_.cmi5 || !options_.cmi5->mastery_score || !(assess::Fraction{} < a.max)) return a.passed;
      return a.score.to_double() / a.max.to_double() >= *options_.cmi5->mastery_score;
    };
    for (std::size_t i = 0; i + 1 < attempts.size(); ++i) {
      if (attempts[i].submitted && passes(attempts[i])) return;  // passed once already: cmi5 allows one
    }
    pending_success_ = passes(attempt) ? "passed" : "failed";
    pending_score_ = score_of(attempt.score, attempt.max);
  }

  void scenario_ended(const course::Block& block) {
    const auto run = session_.state().scenarios.find(block.id);
    if (run == session_.state().scenarios.end() || !run->second.ended) return;
    json result = {
        {"completion", true},
        {"extensions",
         {{"urn:tessera:xapi:ending", run->second.visit_order.empty() ? "" : run->second.visit_order.back()}}}};
    if (run->second.score) result["score"] = {{"raw", run->second.score->to_double()}};
    if (!run->second.level.empty()) result["extensions"]["urn:tessera:xapi:level"] = run->second.level;
    add("completed", block_activity(block), std::move(result), course_parent());
  }

  // Course completed, then passed or failed: about the course (cmi5: the AU, as cmi5-defined statements).
  void course_outcome(bool completed_now) {
    const std::string duration = iso_duration(session_.state().time_on_task_ms);
    if (completed_now && records_outcomes(options_)) {
      add("completed", course_object(), {{"completion", true}, {"duration", duration}}, json::array(),
          options_.cmi5.has_value());
    }
    // A course with several must-pass assessments has no single score: completing it is passing it.
    if (completed_now && pending_success_.empty() && course_.completion.must_pass.size() > 1)
      pending_success_ = "passed";
    if (pending_success_.empty() || !records_outcomes(options_)) return;
    json result = {{"success", pending_success_ == "passed"}, {"duration", duration}};
    if (!pending_score_.is_null()) result["score"] = pending_score_;
    add(pending_success_, course_object(), std::move(result), json::array(), options_.cmi5.has_value());
  }

  std::string block_id(const course::Block& block) const { return options_.activity + "/" + segment(block.id); }

  json take() { return std::move(out_); }

 private:
  const Session& session_;
  const StatementOptions& options_;
  const course::Course& course_;
  const record::Event& event_;
  std::string hash_;
  std::string language_;
  std::string pending_success_;
  json pending_score_;
  json out_ = json::array();
};

const course::Block* find_block(const course::Course& course, const std::string& id) {
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      if (block.id == id) return &block;
    }
  }
  return nullptr;
}

}  // namespace

std::string statement_scope(const StatementOptions& options) {
  std::string scope = options.actor.dump();  // nlohmann's objects keep their keys sorted
  if (options.cmi5) scope += "/" + options.cmi5->registration;
  return scope;
}

std::string statement_id(const std::string& event_hash, std::size_t index, const std::string& scope) {
  const std::string name = event_hash + "/" + std::to_string(index) + "/" + scope;
  auto digest = crypto::sha256(crypto::as_bytes(name));
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0f) | 0x80);  // version 8
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3f) | 0x80);  // the RFC's variant
  const std::string hex = crypto::to_hex(crypto::ByteView(digest.data(), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string iso_duration(std::int64_t milliseconds) {
  const std::int64_t centis = std::max<std::int64_t>(0, milliseconds) / 10;
  const std::int64_t hours = centis / 360000;
  const std::int64_t minutes = centis / 6000 % 60;
  const std::int64_t seconds = centis / 100 % 60;
  const std::int64_t fraction = centis % 100;
  char buffer[64];
  if (fraction) {
    (void)std::snprintf(buffer, sizeof buffer, "PT%lldH%lldM%lld.%02lldS", static_cast<long long>(hours),
                        static_cast<long long>(minutes), static_cast<long long>(seconds),
                        static_cast<long long>(fraction));
  } else {
    (void)std::snprintf(buffer, sizeof buffer, "PT%lldH%lldM%lldS", static_cast<long long>(hours),
                        static_cast<long long>(minutes), static_cast<long long>(seconds));
  }
  return buffer;
}

Result<StatementOptions> read_statement_options(const json& options) {
  if (!options.is_object()) return error_at("", "the statement options must be a JSON object");
  StatementOptions out;
  const json actor = options.value("actor", json());
  if (!actor.is_object() || !(actor.contains("mbox") || actor.contains("account") || actor.contains("openid") ||
                              actor.contains("mbox_sha1sum"))) {
    return error_at("/actor", "the actor must be an xAPI Agent with an mbox, mbox_sha1sum, openid or account",
                    "cmi5 gives it in the launch URL; elsewhere, an account on the site's homePage");
  }
  out.actor = actor;
  const json activity = options.value("activity", json());
  if (!activity.is_string() || activity.get<std::string>().find(':') == std::string::npos) {
    return error_at("/activity", "the activity must be an IRI such as urn:tessera:course:ID");
  }
  out.activity = activity.get<std::string>();
  out.language = options.value("language", std::string());
  out.include_private = options.value("includePrivate", false);
  if (const auto cmi5 = options.find("cmi5"); cmi5 != options.end() && !cmi5->is_null()) {
    if (!cmi5->is_object() || !cmi5->value("registration", json()).is_string() ||
        !cmi5->value("sessionId", json()).is_string()) {
      return error_at("/cmi5", "cmi5 needs the launch's registration and the session's id, both strings");
    }
    StatementOptions::Cmi5 c;
    c.registration = (*cmi5)["registration"];
    c.session_id = (*cmi5)["sessionId"];
    c.launch_mode = cmi5->value("launchMode", std::string("Normal"));
    const json mastery = cmi5->value("masteryScore", json());
    if (mastery.is_number()) c.mastery_score = mastery.get<double>();
    out.cmi5 = std::move(c);
  }
  return out;
}

json event_statements(const Session& session, bool was_complete, const StatementOptions& options) {
  if (session.events().empty()) return json::array();
  Statements make(session, options);
  const record::Event& event = session.events().back();
  if (event.seq == 1) make.add("attempted", make.course_activity(), nullptr, json::array());
  const course::Block* block = find_block(session.course(), event.payload.value("block", std::string()));
  if (block) {
    if (event.type == detail::event_block_completed) {
      make.add("experienced", make.block_activity(*block), {{"completion", true}}, make.course_parent());
    } else if (event.type == detail::event_answer_submitted) {
      make.answered(*block, event.payload.value("item", std::string()));
    } else if (event.type == detail::event_attempt_submitted) {
      make.submitted(*block);
    } else if (event.type.starts_with("scenario.")) {
      make.scenario_ended(*block);
    } else if (options.include_private && event.type == detail::event_reflection_saved) {
      make.add("commented", make.block_activity(*block), {{"response", event.payload.value("text", std::string())}},
               make.course_parent());
    }
  }
  make.course_outcome(!was_complete && session.course_complete());
  return make.take();
}

json record_statements(std::shared_ptr<const course::Course> course, const std::vector<record::Event>& events,
                       const StatementOptions& options) {
  auto opened = Session::open(std::move(course), {});
  Session& session = opened.session;
  json out = json::array();
  for (const auto& event : events) {
    const bool was_complete = session.course_complete();
    if (!session.commit(event).empty()) break;  // a broken record: statements up to where it breaks
    for (auto& statement : event_statements(session, was_complete, options)) out.push_back(std::move(statement));
  }
  return out;
}

}  // namespace tessera::session
