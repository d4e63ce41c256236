// The view model's one serialiser (tessera/view.hpp): member names as docs/view.schema.json gives them.
#include "tessera/view.hpp"

namespace tessera::view {

using nlohmann::json;

namespace {

template <typename T>
void put(json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

void put_text(json& out, const char* key, const std::string& text) {
  if (!text.empty()) out[key] = text;
}

json locale_json(const Locale& locale) { return {{"lang", locale.lang}, {"dir", locale.dir}}; }

json answer_json(const RightAnswer& a) { return {{"label", a.label}, {"lines", a.lines}}; }

json feedback_json(const ItemFeedback& f) {
  json out = {{"answered", f.answered}, {"verdict", f.verdict}, {"verdictText", f.verdict_text}, {"feedback", f.lines}};
  put(out, "correct", f.correct);
  put(out, "score", f.score);
  put(out, "max", f.max);
  put_text(out, "scoreText", f.score_text);
  if (f.your_answer) out["yourAnswer"] = answer_json(*f.your_answer);
  if (f.right_answer) out["rightAnswer"] = answer_json(*f.right_answer);
  return out;
}

json item_json(const Item& item) {
  json out = item.content;
  out["label"] = item.label;
  if (!item.hints.empty()) {
    json hints = json::array();
    for (const Hint& h : item.hints)
      hints.push_back({{"text", h.text}, {"cost", h.cost}, {"label", h.label}, {"offer", h.offer}});
    out["hints"] = std::move(hints);
  }
  if (!item.certainty.empty()) {
    json levels = json::array();
    for (const Choice& c : item.certainty) levels.push_back({{"value", c.value}, {"label", c.label}});
    out["certaintyChoices"] = std::move(levels);
  }
  return out;
}

json attempt_json(const Attempt& a) {
  json items = json::array();
  for (const Item& item : a.items) items.push_back(item_json(item));
  json out = {{"number", a.number},
              {"submitted", a.submitted},
              {"items", std::move(items)},
              {"answered", a.answered},
              {"responses", a.responses.empty() ? json::object() : json(a.responses)},
              {"startedAt", a.started_at}};
  put(out, "endsAt", a.ends_at);
  if (a.results) {
    json results = json::object();
    for (const auto& [id, feedback] : *a.results) results[id] = feedback_json(feedback);
    out["results"] = std::move(results);
  }
  put(out, "score", a.score);
  put(out, "max", a.max);
  put(out, "passed", a.passed);
  put_text(out, "resultText", a.result_text);
  put_text(out, "scoreText", a.score_text);
  if (!a.review.is_null()) out["review"] = a.review;
  return out;
}

json assessment_json(const Assessment& a) {
  if (!a.error.empty()) return {{"error", a.error}};
  json out = {{"id", a.id},
              {"kind", a.kind},
              {"attemptsTaken", a.attempts_taken},
              {"attemptsText", a.attempts_text},
              {"feedback", a.feedback}};
  put(out, "passMark", a.pass_mark);
  put_text(out, "passMarkText", a.pass_mark_text);
  put(out, "attemptsLeft", a.attempts_left);
  put(out, "timeLimitMinutes", a.time_limit_minutes);
  put_text(out, "timeLimitText", a.time_limit_text);
  put(out, "waitMinutes", a.wait_minutes);
  put(out, "nextAttemptAt", a.next_attempt_at);
  if (a.attempt) out["attempt"] = attempt_json(*a.attempt);
  if (!a.tests_out.empty()) {
    json modules = json::array();
    for (const TestOut& t : a.tests_out) {
      json entry = {{"module", t.module}, {"title", t.title}, {"text", t.text}};
      put(entry, "skipped", t.skipped);
      modules.push_back(std::move(entry));
    }
    out["testsOut"] = std::move(modules);
  }
  return out;
}

json current_json(const Current& c) {
  json out = c.content;
  out["module"] = c.module;
  out["typeName"] = c.type_name;
  put(out, "saved", c.saved);
  if (c.assessment) out["assessment"] = assessment_json(*c.assessment);
  put(out, "scenario", c.scenario);
  put(out, "project", c.project);
  return out;
}

json module_json(const OutlineModule& m) {
  json blocks = json::array();
  for (const OutlineBlock& b : m.blocks) {
    json block = {{"id", b.id},
                  {"type", b.type},
                  {"typeName", b.type_name},
                  {"status", b.status},
                  {"statusText", b.status_text},
                  {"action", to_json(b.open)}};
    put(block, "title", b.title);
    blocks.push_back(std::move(block));
  }
  return {{"id", m.id},
          {"title", m.title},
          {"estimatedMinutes", m.estimated_minutes},
          {"status", m.status},
          {"statusText", m.status_text},
          {"completedBlocks", m.completed_blocks},
          {"blocks", std::move(blocks)}};
}

json completion_json(const Completion& c) {
  json skills = json::array();
  for (const auto& s : c.skills) {
    skills.push_back({{"id", s.id}, {"name", s.name}, {"level", s.level}, {"text", s.text}});
  }
  return {{"complete", c.complete},
          {"text", c.text},
          {"waitingOn", c.waiting_on},
          {"earns", c.earns},
          {"includePrivate", c.include_private},
          {"credential", c.credential},
          {"credentialText", c.credential_text},
          {"scores", c.scores},
          {"skillsText", c.skills_text},
          {"skills", std::move(skills)}};
}

// The welcome of a first open: its sentences and the same facts as numbers.
json welcome_json(const Welcome& w) {
  json finals = json::array();
  for (const auto& f : w.finals) {
    json final = {{"block", f.block}, {"title", f.title}, {"passMark", f.pass_mark}};
    put(final, "attempts", f.attempts);
    finals.push_back(std::move(final));
  }
  json out = {{"heading", w.heading},
              {"lines", w.lines},
              {"modules", w.modules},
              {"estimatedMinutes", w.estimated_minutes},
              {"practiceChecks", w.practice_checks},
              {"finals", std::move(finals)}};
  put_text(out, "credential", w.credential);
  put(out, "validityMonths", w.validity_months);
  return out;
}

}  // namespace

json to_json(const Action& action) {
  json out = action.send;
  out["label"] = action.label;
  out["primary"] = action.primary;
  out["enabled"] = action.enabled;
  put_text(out, "reason", action.reason);
  put(out, "availableAt", action.available_at);
  if (action.confirm) {
    out["confirm"] = {
        {"text", action.confirm->text}, {"accept", action.confirm->accept}, {"cancel", action.confirm->cancel}};
  }
  return out;
}

json to_json(const View& v) {
  json modules = json::array();
  for (const auto& m : v.modules) modules.push_back(module_json(m));
  json actions = json::array();
  for (const auto& a : v.actions) actions.push_back(to_json(a));
  json deadlines = json::array();
  for (const auto& d : v.deadlines) {
    json deadline = {{"kind", d.kind}, {"block", d.block}, {"at", d.at}, {"label", d.label}, {"then", d.then}};
    put(deadline, "onPass", d.on_pass);
    deadlines.push_back(std::move(deadline));
  }
  json out = {{"interface", locale_json(v.interface)},
              {"language", v.content.lang},
              {"dir", v.content.dir},
              {"course", v.course},
              {"version", v.version},
              {"title", v.title},
              {"events", v.events},
              {"position", v.position},
              {"complete", v.complete},
              {"waitingOn", v.waiting_on},
              {"progress",
               {{"requiredBlocks", v.progress.required},
                {"completedRequiredBlocks", v.progress.completed},
                {"percent", v.progress.percent},
                {"text", v.progress.text},
                {"percentText", v.progress.percent_text}}},
              {"timeOnTaskSeconds", v.time_on_task_seconds},
              {"timeOnTaskText", v.time_on_task_text},
              {"completion", completion_json(v.completion)},
              {"modules", std::move(modules)},
              {"actions", std::move(actions)},
              {"deadlines", std::move(deadlines)},
              {"words", v.words},
              {"attempts", v.attempts},
              {"scenarios", v.scenarios},
              {"mastery", v.mastery}};
  if (v.current) out["current"] = current_json(*v.current);
  if (v.welcome) out["welcome"] = welcome_json(*v.welcome);
  put(out, "previous", v.previous);
  put(out, "next", v.next);
  return out;
}

json to_json(const Review& r) {
  // An item's card names its block and item; a course-defined prompt's its module and prompt.
  auto card_json = [](const ReviewCard& c) {
    json out = c.prompt.empty() ? json{{"card", c.card}, {"block", c.block}, {"item", c.item}}
                                : json{{"card", c.card}, {"moduleId", c.module_id}, {"prompt", c.prompt}};
    out["module"] = c.module;
    out["due"] = c.due;
    return out;
  };
  json due = json::array();
  for (const auto& c : r.due) due.push_back(card_json(c));
  json upcoming = json::array();
  for (const auto& c : r.upcoming) upcoming.push_back(card_json(c));
  json actions = json::array();
  for (const auto& a : r.actions) actions.push_back(to_json(a));
  json out = {{"interface", locale_json(r.interface)},
              {"language", r.content.lang},
              {"dir", r.content.dir},
              {"course", r.course},
              {"title", r.title},
              {"now", r.now},
              {"endsAt", r.ends_at},
              {"due", std::move(due)},
              {"dueText", r.due_text},
              {"upcoming", std::move(upcoming)},
              {"reviewed", r.reviewed},
              {"finished", r.finished},
              {"actions", std::move(actions)},
              {"words", r.words}};
  if (r.card) out["card"] = card_json(*r.card);
  if (r.item) out["item"] = item_json(*r.item);
  if (r.result) {
    out["result"] = feedback_json(*r.result);
    out["suggested"] = r.suggested;
    out["suggestedText"] = r.suggested_text;
  }
  if (r.right_answer) out["rightAnswer"] = answer_json(*r.right_answer);
  put_text(out, "finishedText", r.finished_text);
  return out;
}

}  // namespace tessera::view
