// The view model: what a player shows and which actions it offers, made from the folded state for a
// language (docs/runtime-api.md). Never the answer keys.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

json Session::summary() const {
  const std::size_t required = required_block_count();
  const std::size_t done = completed_required_block_count();
  json modules = json::array();
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    std::size_t module_done = 0;
    for (const auto& b : course_->modules[m].blocks) {
      const auto found = state_.blocks.find(b.id);
      module_done += found != state_.blocks.end() && found->second.completed ? 1 : 0;
    }
    modules.push_back({{"id", course_->modules[m].id},
                       {"status", module_complete(m) ? "complete" : module_open(m) ? "open" : "locked"},
                       {"completedBlocks", module_done},
                       {"blocks", course_->modules[m].blocks.size()}});
  }
  json attempts = json::object();
  for (const auto& [block_id, list] : state_.attempts) {
    json entries = json::array();
    for (const Attempt& a : list) {
      json entry = {{"attempt", a.number}, {"submitted", a.submitted}};
      if (a.submitted) {
        entry["score"] = a.score.to_string();
        entry["max"] = a.max.to_string();
        entry["passed"] = a.passed;
      }
      entries.push_back(std::move(entry));
    }
    attempts[block_id] = std::move(entries);
  }
  return {{"course", course_->id},
          {"version", course_->version},
          {"events", state_.events},
          {"position", state_.position},
          {"complete", course_complete()},
          {"waitingOn", course_->completion.must_pass},
          {"progress", {{"requiredBlocks", required}, {"completedRequiredBlocks", done},
                        {"percent", required == 0 ? 100 : done * 100 / required}}},
          {"timeOnTaskSeconds", state_.time_on_task_ms / 1000},
          {"modules", modules},
          {"attempts", attempts},
          {"scenarios", scenario_summary()},
          {"mastery", mastery()}};
}

// One item's result as a player shows it: right or not, points, and the feedback in the view's language.
json Session::item_result(const assess::Item& item, const json& response, const std::string& language) const {
  assess::Item localised = item;
  localised.language = language;
  const assess::Response r{response.value("answer", json()), response.value("certainty", 0), response.value("hintsUsed", 0)};
  const auto scored = assess::score_item(localised, r);
  if (!scored) return {{"error", scored.problems().front().message}};
  const assess::ItemResult& result = scored.value();
  json out = {{"answered", !r.answer.is_null()}, {"feedback", result.feedback}};
  if (item.scored) {
    out["correct"] = result.correct;
    out["score"] = result.score.to_string();
    out["max"] = result.max.to_string();
  }
  return out;
}

// After a summative attempt (or a pre-test): per competency, how the attempt went and, where it fell short
// of the pass mark, the modules that teach it — what to review.
json Session::attempt_review(const assess::Assessment& assessment, const Attempt& attempt, const std::string& language) const {
  std::map<std::string, std::pair<assess::Fraction, assess::Fraction>> totals;
  for (const auto& item_id : attempt.items) {
    const assess::Item& item = *assessment.find(item_id);
    if (!item.scored) continue;
    for (const auto& competency : item.competencies) {
      totals[competency].first = totals[competency].first + attempt.item_scores.at(item_id);
      totals[competency].second = totals[competency].second + attempt.item_max.at(item_id);
    }
  }
  const assess::Fraction mark = assessment.pass_mark.value_or(assess::Fraction::of(4, 5));
  json review = json::array();
  for (const auto& competency : course_->competencies) {
    const auto found = totals.find(competency.id);
    if (found == totals.end()) continue;
    const auto& [score, max] = found->second;
    const bool secure = max > assess::Fraction::of(0) && score >= mark * max;
    json modules = json::array();
    if (!secure) {
      for (std::size_t m = 0; m < course_->modules.size(); ++m) {
        if (module_competencies_[m].count(competency.id)) {
          modules.push_back({{"id", course_->modules[m].id},
                             {"title", course_->modules[m].title.in(language, course_->default_language)}});
        }
      }
    }
    review.push_back({{"competency", competency.id},
                      {"name", competency.name.in(language, course_->default_language)},
                      {"score", score.to_string()},
                      {"max", max.to_string()},
                      {"secure", secure},
                      {"review", std::move(modules)}});
  }
  return review;
}

// What a player shows of an assessment: never the answer keys (correctness, fractions, maps, accepted
// answers, regions, feedback before it is due) — only what the learner needs to respond.
json Session::assessment_view(const course::Block& block, const std::string& language) const {
  const assess::Assessment* assessment = assessment_of(block);
  if (!assessment) return {{"error", "this assessment could not be loaded"}};
  const auto& c = *course_;
  json out = {{"id", assessment->id},
              {"kind", assessment->kind == assess::Kind::pre ? "pre" : assessment->kind == assess::Kind::summative ? "summative" : "formative"}};
  if (assessment->pass_mark) out["passMark"] = assessment->pass_mark->to_string();
  const auto found = state_.attempts.find(block.id);
  const std::vector<Attempt> none;
  const auto& attempts = found == state_.attempts.end() ? none : found->second;
  out["attemptsTaken"] = attempts.size();
  if (assessment->max_attempts) {
    out["attemptsLeft"] = static_cast<std::size_t>(*assessment->max_attempts) - attempts.size();
  }
  // Formative checks answer each response at once (and may be tried again); the others after submission.
  const bool immediate = assessment->kind == assess::Kind::formative;
  out["feedback"] = immediate ? "immediate" : "after-submission";
  if (assessment->time_limit_ms) out["timeLimitMinutes"] = *assessment->time_limit_ms / 60'000;
  if (assessment->wait_ms > 0) {
    out["waitMinutes"] = assessment->wait_ms / 60'000;
    if (!attempts.empty() && attempts.back().submitted) out["nextAttemptAt"] = attempts.back().submitted_t + assessment->wait_ms;
  }
  // Ordering items are authored in the right order ("sequence"): they are shown as "options", in an order
  // seeded per attempt and item, so the screen never gives the answer away and a replay shows the same.
  static const std::set<std::string> shown = {"id", "type", "prompt", "choices", "unit", "gaps", "premises",
                                              "targets", "scale", "image", "maxLength", "weight", "certainty"};
  static const std::set<std::string> shown_in_lists = {"id", "text", "label", "prompt"};
  // Lists whose order would hint at the answer, or that a copied answer sheet would rely on, are shown in
  // an order seeded per attempt and item; answers name ids, so the order never changes a score.
  auto seeded_order = [&](const json& list, const std::string& label, std::uint64_t attempt_number) {
    std::vector<std::string> order;  // positions, as the draw shuffles strings
    for (std::size_t i = 0; i < list.size(); ++i) order.push_back(std::to_string(i));
    draw::Generator generator(draw::seed_for(state_.record_id, assessment->id + "/" + label, attempt_number));
    draw::shuffle(order, generator);
    json shuffled = json::array();
    for (const auto& position : order) shuffled.push_back(list[std::stoul(position)]);
    return shuffled;
  };
  auto strip = [&](const json& item, std::uint64_t attempt_number) {
    json visible = json::object();
    if (item.value("type", std::string()) == "ordering" && item.contains("sequence") && item["sequence"].is_array()) {
      std::vector<std::string> order;
      for (const auto& entry : item["sequence"]) order.push_back(entry.value("id", std::string()));
      draw::Generator generator(draw::seed_for(state_.record_id, assessment->id + "/" + item.value("id", std::string()),
                                               attempt_number));
      draw::shuffle(order, generator);
      json options = json::array();
      for (const auto& id : order) {
        for (const auto& entry : item["sequence"]) {
          if (entry.value("id", std::string()) == id) options.push_back({{"id", id}, {"text", entry.value("text", json())}});
        }
      }
      visible["options"] = std::move(options);
    }
    for (const auto& member : item.items()) {
      if (!shown.count(member.key())) continue;
      if (member.value().is_array()) {
        json list = json::array();
        for (const auto& entry : member.value()) {
          if (!entry.is_object()) {
            list.push_back(entry);
            continue;
          }
          json kept = json::object();
          for (const auto& field : entry.items()) {
            if (shown_in_lists.count(field.key())) kept[field.key()] = field.value();
          }
          list.push_back(std::move(kept));
        }
        visible[member.key()] = std::move(list);
      } else {
        visible[member.key()] = member.value();
      }
    }
    // Hints in their order, each with its cost as a share of the item's marks; the player reveals them one
    // at a time and sends back how many were shown (hintsUsed), which the score takes into account.
    if (const auto hints = item.find("hints"); hints != item.end() && hints->is_array()) {
      json list = json::array();
      for (const auto& h : *hints) {
        list.push_back({{"text", h.value("text", json())},
                        {"cost", assess::Fraction::parse(h.value("penalty", json(0))).value_or(assess::Fraction{}).to_string()}});
      }
      visible["hints"] = std::move(list);
    }
    if (assessment->shuffle_choices) {
      const std::string item_id = item.value("id", std::string());
      const std::string type = item.value("type", std::string());
      // Likert scales and true/false keep their order: it carries meaning.
      for (const char* list : {"choices", "premises", "targets"}) {
        if (type != "likert" && visible.contains(list) && visible[list].is_array()) {
          visible[list] = seeded_order(visible[list], item_id + "/" + list, attempt_number);
        }
      }
    }
    return localise(visible, c.languages, language, c.default_language);
  };
  if (!attempts.empty()) {
    const Attempt& a = attempts.back();
    json items = json::array();
    for (const auto& item_id : a.items) items.push_back(strip(assessment->find(item_id)->data, a.number));
    json answered = json::array();
    json responses = json::object();  // the learner's own answers, so a resumed attempt shows them
    for (const auto& [item_id, response] : a.answers) {
      answered.push_back(item_id);
      responses[item_id] = response;
    }
    out["attempt"] = {{"number", a.number}, {"submitted", a.submitted}, {"items", items}, {"answered", answered},
                      {"responses", responses}, {"startedAt", a.started_t}};
    if (assessment->time_limit_ms && !a.submitted) out["attempt"]["endsAt"] = a.started_t + *assessment->time_limit_ms;
    if (immediate || a.submitted) {
      json results = json::object();
      for (const auto& item_id : a.items) {
        const auto answer = a.answers.find(item_id);
        if (!a.submitted && answer == a.answers.end()) continue;
        const json response = answer == a.answers.end() ? json{{"answer", nullptr}} : answer->second;
        results[item_id] = item_result(*assessment->find(item_id), response, language);
      }
      out["attempt"]["results"] = std::move(results);
    }
    if (a.submitted) {
      out["attempt"]["score"] = a.score.to_string();
      out["attempt"]["max"] = a.max.to_string();
      out["attempt"]["passed"] = a.passed;
      out["attempt"]["review"] = attempt_review(*assessment, a, language);
    }
  }
  return out;
}

json Session::view(const std::string& requested_language) const {
  const course::Course& c = *course_;
  const std::string& fallback = c.default_language;
  const bool known = std::find(c.languages.begin(), c.languages.end(), requested_language) != c.languages.end();
  const std::string language = known ? requested_language : fallback;

  json view = summary();
  view["language"] = language;
  view["title"] = c.title.in(language, fallback);
  json outline = json::array();
  for (std::size_t m = 0; m < c.modules.size(); ++m) {
    const auto& module = c.modules[m];
    json blocks = json::array();
    for (const auto& b : module.blocks) {
      const auto found = state_.blocks.find(b.id);
      const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
      json entry = {{"id", b.id}, {"type", course::to_string(b.type)},
                    {"status", p.completed ? "complete" : p.opened ? "opened" : "new"}};
      if (b.data.contains("title")) entry["title"] = localise(b.data["title"], c.languages, language, fallback);
      blocks.push_back(std::move(entry));
    }
    outline.push_back({{"id", module.id}, {"title", module.title.in(language, fallback)},
                       {"estimatedMinutes", module.estimated_minutes},
                       {"status", module_complete(m) ? "complete" : module_open(m) ? "open" : "locked"},
                       {"blocks", std::move(blocks)}});
  }
  view["modules"] = std::move(outline);

  // The block to show: the position, or the first block of the course before anything was opened.
  json actions = json::array();
  std::string current = state_.position;
  if (current.empty() && !c.modules.empty()) current = c.modules.front().blocks.front().id;
  if (!current.empty()) {
    const auto [module_index, block] = block_index_.at(current);
    const auto found = state_.blocks.find(current);
    const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
    view["current"] = localise(block->data, c.languages, language, fallback);
    view["current"]["module"] = c.modules[module_index].id;
    // What the learner already wrote here, so a player shows it back without reading the record.
    if (const auto text = state_.reflections.find(current); text != state_.reflections.end()) {
      view["current"]["saved"] = {{"text", text->second}};
    }
    if (const auto answers = state_.surveys.find(current); answers != state_.surveys.end()) {
      view["current"]["saved"] = {{"answers", answers->second}};
    }
    if (!p.opened) actions.push_back({{"type", "open"}, {"block", current}});
    if (p.opened && !p.completed) {
      if (completes_by_reading(block->type)) actions.push_back({{"type", "complete"}, {"block", current}});
      if (block->type == BlockType::reflection) actions.push_back({{"type", "reflect"}, {"block", current}});
      if (block->type == BlockType::survey) actions.push_back({{"type", "submit-survey"}, {"block", current}});
    }
    if (block->type == BlockType::assessment && p.opened) {
      view["current"]["assessment"] = assessment_view(*block, language);
      const auto attempts = state_.attempts.find(current);
      const bool open_attempt = attempts != state_.attempts.end() && !attempts->second.empty() &&
                                !attempts->second.back().submitted;
      if (open_attempt) {
        actions.push_back({{"type", "answer"}, {"block", current}});
        actions.push_back({{"type", "submit-attempt"}, {"block", current}});
      } else if (view["current"]["assessment"].value("attemptsLeft", 1) > 0) {
        actions.push_back({{"type", "start-attempt"}, {"block", current}});
      }
    }
    if (block->type == BlockType::scenario && p.opened) {
      view["current"]["scenario"] = scenario_view(*block, language);
      add_scenario_actions(*block, actions);
    }
    if (p.opened && block->type == BlockType::reflection && p.completed) {
      actions.push_back({{"type", "reflect"}, {"block", current}});  // a reflection may be revised
    }
    // Neighbours in course order, for Previous / Next.
    std::vector<std::pair<std::size_t, const course::Block*>> order;
    for (std::size_t m = 0; m < c.modules.size(); ++m) {
      for (const auto& b : c.modules[m].blocks) order.emplace_back(m, &b);
    }
    const auto here = std::find_if(order.begin(), order.end(), [&](const auto& e) { return e.second->id == current; });
    if (here != order.begin()) {
      const auto& [m, b] = *std::prev(here);
      if (module_open(m)) view["previous"] = b->id;
    }
    if (std::next(here) != order.end()) {
      const auto& [m, b] = *std::next(here);
      view["next"] = b->id;
      if (module_open(m)) actions.push_back({{"type", "open"}, {"block", b->id}});
    }
  }
  view["actions"] = std::move(actions);
  return view;
}

}  // namespace tessera::session
