// The view model: what a player shows and which actions it offers, made from the folded state for a
// language (docs/runtime-api.md). Never the answer keys.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

// Per assessment block, its attempts: number, submitted, and once submitted the score, max and pass.
json Session::attempts_summary() const {
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
  return attempts;
}

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
                       {"status", module_complete(m) ? "complete"
                                  : module_open(m)   ? "open"
                                                     : "locked"},
                       {"completedBlocks", module_done},
                       {"blocks", course_->modules[m].blocks.size()}});
  }
  return {{"course", course_->id},
          {"version", course_->version},
          {"events", state_.events},
          {"position", state_.position},
          {"complete", course_complete()},
          {"waitingOn", course_->completion.must_pass},
          {"progress",
           {{"requiredBlocks", required},
            {"completedRequiredBlocks", done},
            {"percent", required == 0 ? 100 : done * 100 / required}}},
          {"timeOnTaskSeconds", state_.time_on_task_ms / 1000},
          {"modules", modules},
          {"attempts", attempts_summary()},
          {"scenarios", scenario_summary()},
          {"mastery", mastery()}};
}

namespace {

std::string type_name(const strings::Catalogue& words, const course::Block& block,
                      const assess::Assessment* assessment) {
  if (block.type == BlockType::assessment && assessment) {
    const char* kind = assessment->kind == assess::Kind::pre         ? "pre"
                       : assessment->kind == assess::Kind::summative ? "summative"
                                                                     : "formative";
    return words.text(std::string("block.type.assessment.") + kind);
  }
  return words.text("block.type." + std::string(course::to_string(block.type)));
}

// A text or case-study block without a title is named by its Markdown's leading level-1 heading ("# Why phishing
// still works"): the name the learner reads, where "Reading 2" would be mechanical (docs/package-format.md).
// Returns the heading and where the body after it starts.
std::optional<std::pair<std::string, std::size_t>> leading_heading(const json& markdown) {
  if (!markdown.is_string()) return std::nullopt;
  const std::string& text = markdown.get_ref<const std::string&>();
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || text.compare(start, 2, "# ") != 0) return std::nullopt;
  const std::size_t end = std::min(text.find('\n', start), text.size());
  std::string heading = text.substr(start + 2, end - start - 2);
  heading.erase(heading.find_last_not_of(" \t\r#") + 1);  // trailing spaces and an ATX closing sequence
  heading.erase(0, heading.find_first_not_of(" \t"));
  if (heading.empty()) return std::nullopt;
  const std::size_t body = text.find_first_not_of(" \t\r\n", end);
  return std::make_pair(heading, body == std::string::npos ? text.size() : body);
}

bool titled_by_heading(BlockType type) { return type == BlockType::text || type == BlockType::case_study; }

// The block's title in `language`: as authored, else its leading heading (above); none when it has neither.
std::optional<json> block_title(const course::Block& b, const course::Course& c, const std::string& language) {
  if (b.data.contains("title")) return localise(b.data["title"], c.languages, language, c.default_language);
  if (!titled_by_heading(b.type) || !b.data.contains("markdown")) return std::nullopt;
  const auto heading = leading_heading(localise(b.data["markdown"], c.languages, language, c.default_language));
  if (!heading) return std::nullopt;
  return json(heading->first);
}

// A localised block whose title is its leading heading: the heading becomes `title` and leaves the body, so a
// player says it once.
void lift_heading(json& block, BlockType type) {
  if (block.contains("title") || !titled_by_heading(type) || !block.contains("markdown")) return;
  const auto heading = leading_heading(block["markdown"]);
  if (!heading) return;
  block["title"] = heading->first;
  block["markdown"] = block["markdown"].get<std::string>().substr(heading->second);
}

}  // namespace

// One item's result as a player shows it: the verdict in words, points, and the feedback in the view's language.
view::ItemFeedback Session::item_feedback(const assess::Item& item, const json& response, const std::string& language,
                                          const strings::Catalogue& words) const {
  assess::Item localised = item;
  localised.language = language;
  const assess::Response r{response.value("answer", json()), response.value("certainty", 0),
                           response.value("hintsUsed", 0)};
  view::ItemFeedback out;
  out.answered = !r.answer.is_null();
  const auto scored = assess::score_item(localised, r);
  if (!scored) {
    out.verdict = "unanswered";
    out.verdict_text = scored.problems().front().message;
    return out;
  }
  const assess::ItemResult& result = scored.value();
  for (const auto& line : result.feedback) out.lines.emplace_back(line);
  if (!item.scored) {
    out.verdict = out.answered ? "recorded" : "unanswered";
  } else {
    out.correct = result.correct;
    out.score = result.score.to_string();
    out.max = result.max.to_string();
    out.score_text = words.text(
        "item.score", {{"score", shown_number(words, result.score)}, {"max", shown_number(words, result.max)}});
    out.verdict = !out.answered                       ? "unanswered"
                  : result.correct                    ? "right"
                  : result.score > assess::Fraction{} ? "partly-right"
                                                      : "wrong";
  }
  out.verdict_text = words.text("item.verdict." + out.verdict);
  if (out.verdict == "wrong" || out.verdict == "partly-right") {
    const course::Course& c = *course_;
    auto given = answer_lines(item, localise(item.data, c.languages, language, c.default_language), r.answer, words);
    if (!given.empty()) out.your_answer = view::RightAnswer{words.text("ui.your-answer"), std::move(given)};
  }
  return out;
}

// A pre-test's modules to skip, each with what it takes (the skills its own assessments cover, shown on this
// pre-test's items at its pass mark) and, once an attempt is submitted, whether it was skipped and what fell short.
std::vector<view::TestOut> Session::tests_out_model(const assess::Assessment& assessment,
                                                    const std::vector<Attempt>& attempts, const std::string& language,
                                                    const strings::Catalogue& words) const {
  const auto submitted = std::find_if(attempts.rbegin(), attempts.rend(), [](const Attempt& a) { return a.submitted; });
  const auto names = [&](const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
      const auto found = std::find_if(course_->competencies.begin(), course_->competencies.end(),
                                      [&](const course::Competency& c) { return c.id == id; });
      out += (out.empty() ? "" : ", ") +
             (found == course_->competencies.end() ? id : found->name.in(language, course_->default_language));
    }
    return out;
  };
  std::vector<view::TestOut> out;
  for (const auto& module_id : assessment.tests_out) {
    const auto module = std::find_if(course_->modules.begin(), course_->modules.end(),
                                     [&](const course::Module& m) { return m.id == module_id; });
    if (module == course_->modules.end()) continue;
    const auto& needed = compiled_->module_competencies[static_cast<std::size_t>(module - course_->modules.begin())];
    view::TestOut t{module_id, module->title.in(language, course_->default_language), std::nullopt, {}};
    const std::vector<std::string> skills(needed.begin(), needed.end());
    strings::Args args{{"module", t.title}, {"skills", names(skills)}};
    const char* kind = skills.empty() ? ".passed" : ".skills";
    if (submitted == attempts.rend()) {
      t.text = words.text(std::string("test-out.offer") + kind, args);
    } else if (tested_out(module_id)) {
      t.skipped = true;
      t.text = words.text(std::string("test-out.skipped") + kind, args);
    } else {
      t.skipped = false;
      std::vector<std::string> missed;
      for (const auto& skill : skills) {
        if (!shows_competency(assessment, *submitted, skill)) missed.push_back(skill);
      }
      args["skills"] = names(missed);
      t.text = words.text(std::string("test-out.kept") + kind, args);
    }
    out.push_back(std::move(t));
  }
  return out;
}

// After a summative attempt (or a pre-test): per competency, how the attempt went and, where it fell short
// of the pass mark, the modules that teach it — what to review.
json Session::attempt_review(const assess::Assessment& assessment, const Attempt& attempt, const std::string& language,
                             const strings::Catalogue& words) const {
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
        if (compiled_->module_competencies[m].count(competency.id)) {
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
                      {"text", words.text(secure ? "review.secure" : "review.needs-work")},
                      {"review", std::move(modules)}});
  }
  return review;
}

// What a learner may see of one item: never the answer keys (correctness, fractions, maps, accepted
// answers, regions, feedback before it is due) — only what they need to respond.
json Session::item_content(const assess::Assessment& assessment, const json& item, std::uint64_t attempt_number,
                           const std::string& language) const {
  const auto& c = *course_;
  // Ordering items are authored in the right order ("sequence"): they are shown as "options", in an order
  // seeded per attempt and item, so the screen never gives the answer away and a replay shows the same.
  static const std::set<std::string> shown = {"id",        "type",     "prompt",   "choices", "unit",
                                              "gaps",      "premises", "targets",  "scale",   "image",
                                              "maxLength", "weight",   "certainty"};
  static const std::set<std::string> shown_in_lists = {"id", "text", "label", "prompt"};
  // Lists whose order would hint at the answer, or that a copied answer sheet would rely on, are shown in
  // an order seeded per attempt and item; answers name ids, so the order never changes a score.
  auto seeded_order = [&](const json& list, const std::string& label) {
    std::vector<std::string> order;  // positions, as the draw shuffles strings
    for (std::size_t i = 0; i < list.size(); ++i) order.push_back(std::to_string(i));
    draw::Generator generator(draw::seed_for(state_.record_id, assessment.id + "/" + label, attempt_number));
    draw::shuffle(order, generator);
    json shuffled = json::array();
    for (const auto& position : order) shuffled.push_back(list[std::stoul(position)]);
    return shuffled;
  };
  json visible = json::object();
  if (item.value("type", std::string()) == "ordering" && item.contains("sequence") && item["sequence"].is_array()) {
    std::vector<std::string> order;
    for (const auto& entry : item["sequence"]) order.push_back(entry.value("id", std::string()));
    draw::Generator generator(
        draw::seed_for(state_.record_id, assessment.id + "/" + item.value("id", std::string()), attempt_number));
    draw::shuffle(order, generator);
    json options = json::array();
    for (const auto& id : order) {
      for (const auto& entry : item["sequence"]) {
        if (entry.value("id", std::string()) == id)
          options.push_back({{"id", id}, {"text", entry.value("text", json())}});
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
  if (assessment.shuffle_choices) {
    const std::string item_id = item.value("id", std::string());
    const std::string type = item.value("type", std::string());
    // Likert scales and true/false keep their order: it carries meaning.
    for (const char* list : {"choices", "premises", "targets"}) {
      if (type != "likert" && visible.contains(list) && visible[list].is_array()) {
        visible[list] = seeded_order(visible[list], item_id + "/" + list);
      }
    }
  }
  return localise(visible, c.languages, language, c.default_language);
}

// One item of an attempt: its content, its place, its hints with their cost, its certainty levels.
view::Item Session::item_model(const assess::Assessment& assessment, const assess::Item& item, std::size_t index,
                               std::size_t count, std::uint64_t attempt_number, const std::string& language,
                               const strings::Catalogue& words) const {
  const auto& c = *course_;
  view::Item out;
  out.content = item_content(assessment, item.data, attempt_number, language);
  out.label = words.text("item.question", {{"number", words.integer(static_cast<std::int64_t>(index + 1))},
                                           {"count", words.integer(static_cast<std::int64_t>(count))}});
  // Hints in their order, each with its cost as a share of the item's marks; the player reveals them one at
  // a time and sends back how many were shown (hintsUsed), which the score takes into account.
  if (const auto hints = item.data.find("hints"); hints != item.data.end() && hints->is_array()) {
    for (std::size_t h = 0; h < hints->size(); ++h) {
      const json& hint = (*hints)[h];
      const assess::Fraction cost =
          assess::Fraction::parse(hint.value("penalty", json(0))).value_or(assess::Fraction{});
      view::Hint shown;
      shown.text = localise(hint.value("text", json()), c.languages, language, c.default_language);
      shown.cost = cost.to_string();
      shown.label = words.text("hint.label", {{"number", words.integer(static_cast<std::int64_t>(h + 1))},
                                              {"count", words.integer(static_cast<std::int64_t>(hints->size()))}});
      shown.offer = cost == assess::Fraction{}
                        ? words.text("hint.show")
                        : words.text("hint.show.cost", {{"percent", words.percent(whole_percent(cost))}});
      out.hints.push_back(std::move(shown));
    }
  }
  if (item.data.value("certainty", false)) {  // certainty-based marking (docs/scoring.md)
    for (int level = 1; level <= 3; ++level)
      out.certainty.push_back({level, words.text("certainty." + std::to_string(level))});
  }
  return out;
}

view::Attempt Session::attempt_model(const assess::Assessment& assessment, const Attempt& a, bool immediate,
                                     bool reveal_answers, const std::string& language,
                                     const strings::Catalogue& words) const {
  view::Attempt out;
  out.number = a.number;
  out.submitted = a.submitted;
  out.started_at = a.started_t;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    out.items.push_back(
        item_model(assessment, *assessment.find(a.items[i]), i, a.items.size(), a.number, language, words));
  }
  for (const auto& [item_id, response] : a.answers) {
    out.answered.push_back(item_id);
    out.responses[item_id] = response;  // the learner's own answers, so a resumed attempt shows them
  }
  if (assessment.time_limit_ms && !a.submitted) out.ends_at = a.started_t + *assessment.time_limit_ms;
  if (immediate || a.submitted) {
    out.results.emplace();
    for (const auto& item_id : a.items) {
      const auto answer = a.answers.find(item_id);
      if (!a.submitted && answer == a.answers.end()) continue;
      const json response = answer == a.answers.end() ? json{{"answer", nullptr}} : answer->second;
      view::ItemFeedback& result = (*out.results)[item_id];
      result = item_feedback(*assessment.find(item_id), response, language, words);
      if (reveal_answers && result.correct.has_value() && !*result.correct) {
        result.right_answer = right_answer(*assessment.find(item_id), *course_, language, words);
      }
    }
  }
  if (a.submitted) {
    out.score = a.score.to_string();
    out.max = a.max.to_string();
    out.passed = a.passed;
    // A practice check is not passed or failed: it is done, and its score says how it went.
    out.result_text = words.text(immediate ? "result.practice-done" : a.passed ? "result.passed" : "result.not-passed");
    out.score_text =
        words.text("result.score", {{"score", shown_number(words, a.score)}, {"max", shown_number(words, a.max)}});
    out.review = attempt_review(assessment, a, language, words);
  }
  return out;
}

view::Assessment Session::assessment_model(const course::Block& block, const std::string& language,
                                           const strings::Catalogue& words) const {
  view::Assessment out;
  const assess::Assessment* assessment = assessment_of(block);
  if (!assessment) {
    out.error = "this assessment could not be loaded";
    return out;
  }
  out.id = assessment->id;
  out.kind = assessment->kind == assess::Kind::pre         ? "pre"
             : assessment->kind == assess::Kind::summative ? "summative"
                                                           : "formative";
  if (assessment->pass_mark) {
    out.pass_mark = assessment->pass_mark->to_string();
    out.pass_mark_text =
        words.text("result.pass-mark", {{"percent", words.percent(whole_percent(*assessment->pass_mark))}});
  }
  const auto found = state_.attempts.find(block.id);
  const std::vector<Attempt> none;
  const auto& attempts = found == state_.attempts.end() ? none : found->second;
  out.attempts_taken = attempts.size();
  if (assessment->max_attempts) {
    const std::size_t left = static_cast<std::size_t>(*assessment->max_attempts) - attempts.size();
    out.attempts_left = left;
    // While an attempt is open, "0 attempts left" would read as if this one did not count: say which it is.
    const bool open_attempt = !attempts.empty() && !attempts.back().submitted;
    out.attempts_text =
        open_attempt
            ? words.text("attempts.current", {{"number", words.integer(static_cast<std::int64_t>(attempts.size()))},
                                              {"count", words.integer(*assessment->max_attempts)}})
            : words.text("attempts.left", {{"count", words.integer(static_cast<std::int64_t>(left))}});
  } else {
    out.attempts_text = words.text("attempts.unlimited");
  }
  // Formative checks answer each response at once (and may be tried again); the others after submission.
  const bool immediate = assessment->kind == assess::Kind::formative;
  out.feedback = immediate ? "immediate" : "after-submission";
  if (assessment->time_limit_ms) {
    out.time_limit_minutes = *assessment->time_limit_ms / 60'000;
    out.time_limit_text = words.text("time-limit.minutes", {{"count", words.integer(*out.time_limit_minutes)}});
  }
  if (assessment->wait_ms > 0) {
    out.wait_minutes = assessment->wait_ms / 60'000;
    if (!attempts.empty() && attempts.back().submitted)
      out.next_attempt_at = attempts.back().submitted_t + assessment->wait_ms;
  }
  // The right answer after a wrong one: at once in practice checks (they teach); in a graded check or a pre-test
  // only once its last attempt is submitted, so it never gives a retake away.
  const bool last_attempt_done = !attempts.empty() && attempts.back().submitted && out.attempts_left == 0U;
  if (!attempts.empty()) {
    out.attempt =
        attempt_model(*assessment, attempts.back(), immediate, immediate || last_attempt_done, language, words);
  }
  if (assessment->kind == assess::Kind::pre) out.tests_out = tests_out_model(*assessment, attempts, language, words);
  return out;
}

// An outline entry's name: its title; an untitled block its type name, numbered among the module's
// untitled blocks of that type when there are several ("Reading 1", "Reading 2"), so none is ambiguous.
std::string Session::outline_name(const course::Module& module, const course::Block& b, const view::OutlineBlock& shown,
                                  const std::string& language, const strings::Catalogue& words) const {
  if (shown.title && shown.title->is_string()) return shown.title->get<std::string>();
  std::int64_t number = 0, count = 0;
  for (const auto& other : module.blocks) {
    if (other.type != b.type || block_title(other, *course_, language)) continue;
    ++count;
    if (&other == &b) number = count;
  }
  if (count < 2) return shown.type_name;
  return words.text("block.untitled", {{"type", shown.type_name}, {"number", words.integer(number)}});
}

// The outline: modules with their status, blocks with their type and status, each block's way in.
std::vector<view::OutlineModule> Session::outline_model(const std::string& language,
                                                        const strings::Catalogue& words) const {
  const course::Course& c = *course_;
  std::vector<view::OutlineModule> out;
  for (std::size_t m = 0; m < c.modules.size(); ++m) {
    const auto& module = c.modules[m];
    view::OutlineModule shown;
    shown.id = module.id;
    shown.title = module.title.in(language, c.default_language);
    shown.estimated_minutes = module.estimated_minutes;
    shown.status = module_complete(m) ? "complete" : module_open(m) ? "open" : "locked";
    shown.status_text = words.text("module.status." + shown.status);
    for (const auto& b : module.blocks) {
      const auto found = state_.blocks.find(b.id);
      const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
      shown.completed_blocks += p.completed ? 1 : 0;
      view::OutlineBlock block;
      block.id = b.id;
      block.type = course::to_string(b.type);
      block.type_name = type_name(words, b, b.type == BlockType::assessment ? assessment_of(b) : nullptr);
      block.status = p.completed ? "complete" : p.opened ? "opened" : "new";
      block.status_text = words.text("block.status." + block.status);
      block.title = block_title(b, c, language);
      block.open = action({{"type", "open"}, {"block", b.id}}, outline_name(module, b, block, language, words));
      if (shown.status == "locked") {
        block.open.enabled = false;
        block.open.reason = words.text("module.locked.reason");
      }
      shown.blocks.push_back(std::move(block));
    }
    out.push_back(std::move(shown));
  }
  return out;
}

// The assessment's actions: start (or try again, after the wait, while attempts are left), answer, submit;
// and the deadlines that go with them.
void Session::add_assessment_actions(const course::Block& block, const view::Assessment& shown,
                                     const strings::Catalogue& words, view::View& v) const {
  const json send = {{"block", block.id}};
  auto with_type = [&](const char* type) {
    json out = send;
    out["type"] = type;
    return out;
  };
  const bool open_attempt = shown.attempt && !shown.attempt->submitted;
  if (open_attempt) {
    const bool immediate = shown.feedback == "immediate";
    v.actions.push_back(
        action(with_type("answer"), words.text(immediate ? "action.answer.check" : "action.answer.save")));
    view::Action submit = action(with_type("submit-attempt"), words.text("action.submit-attempt"), true);
    // Submitting cannot be undone: with questions still unanswered, the learner is asked first.
    const std::size_t total = shown.attempt->items.size();
    const auto& responses = shown.attempt->responses;
    const auto unanswered = static_cast<std::size_t>(
        std::count_if(shown.attempt->items.begin(), shown.attempt->items.end(), [&](const view::Item& item) {
          const auto response = responses.find(item.content.value("id", std::string()));
          return response == responses.end() || response->second.value("answer", json()).is_null();
        }));
    if (unanswered > 0) {
      submit.confirm = view::Confirm{
          words.text("confirm.unanswered", {{"count", words.integer(static_cast<std::int64_t>(unanswered))},
                                            {"total", words.integer(static_cast<std::int64_t>(total))}}),
          words.text("confirm.unanswered.accept"), words.text("confirm.unanswered.cancel")};
    }
    v.actions.push_back(std::move(submit));
    if (shown.attempt->ends_at) {
      v.deadlines.push_back({"time-limit", block.id, *shown.attempt->ends_at, words.text("deadline.time-limit"),
                             words.text("deadline.time-limit.then"), with_type("submit-attempt")});
    }
    return;
  }
  // Once the block is complete (a check submitted, an assessment passed) trying again is offered, but the
  // screen leads on to the next block.
  const auto progress = state_.blocks.find(block.id);
  const bool completed = progress != state_.blocks.end() && progress->second.completed;
  view::Action start = action(
      with_type("start-attempt"),
      words.text(shown.attempts_taken == 0 ? "action.start-attempt.first" : "action.start-attempt.again"), !completed);
  if (shown.attempts_left && *shown.attempts_left == 0) {
    start.enabled = false;
    start.primary = false;
    start.reason = words.text("action.start-attempt.none-left");
  } else if (shown.next_attempt_at) {
    start.available_at = shown.next_attempt_at;
    start.reason = words.text("action.start-attempt.wait");
    v.deadlines.push_back({"next-attempt", block.id, *shown.next_attempt_at, words.text("deadline.next-attempt"),
                           words.text("deadline.next-attempt.then"), std::nullopt});
  }
  v.actions.push_back(std::move(start));
}

// The current block's own actions, then Previous and Next.
void Session::add_block_actions(const std::string& current, const strings::Catalogue& words, view::View& v) const {
  const course::Course& c = *course_;
  const auto [module_index, block] = compiled_->block_index.at(current);
  const auto found = state_.blocks.find(current);
  const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
  const json send = {{"block", current}};
  auto with_type = [&](const char* type) {
    json out = send;
    out["type"] = type;
    return out;
  };
  if (!p.opened) {
    v.actions.push_back(action(
        with_type("open"), words.text(state_.position.empty() ? "action.open.start" : "action.open.current"), true));
  }
  if (p.opened && !p.completed) {
    if (completes_by_reading(block->type))
      v.actions.push_back(action(with_type("complete"), words.text("action.complete"), true));
    if (block->type == BlockType::reflection)
      v.actions.push_back(action(with_type("reflect"), words.text("action.reflect"), true));
    if (block->type == BlockType::survey)
      v.actions.push_back(action(with_type("submit-survey"), words.text("action.submit-survey"), true));
  }
  if (p.opened && block->type == BlockType::assessment && v.current->assessment &&
      v.current->assessment->error.empty()) {
    add_assessment_actions(*block, *v.current->assessment, words, v);
  }
  if (p.opened && block->type == BlockType::scenario) add_scenario_actions(*block, words, v);
  if (p.opened && block->type == BlockType::project) add_project_actions(*block, words, v);
  if (p.opened && block->type == BlockType::reflection && p.completed) {
    v.actions.push_back(
        action(with_type("reflect"), words.text("action.reflect.again")));  // a reflection may be revised
  }
  // Neighbours in course order, for Previous / Next; Next leads once this block asks nothing more.
  std::vector<std::pair<std::size_t, const course::Block*>> order;
  for (std::size_t m = 0; m < c.modules.size(); ++m) {
    for (const auto& b : c.modules[m].blocks) order.emplace_back(m, &b);
  }
  const auto here = std::find_if(order.begin(), order.end(), [&](const auto& e) { return e.second->id == current; });
  if (here != order.begin()) {
    const auto& [m, b] = *std::prev(here);
    if (module_open(m)) {
      v.previous = b->id;
      v.actions.push_back(action({{"type", "open"}, {"block", b->id}}, words.text("action.open.previous")));
    }
  }
  if (std::next(here) != order.end()) {
    const auto& [m, b] = *std::next(here);
    v.next = b->id;
    const bool leads = p.completed && std::none_of(v.actions.begin(), v.actions.end(),
                                                   [](const view::Action& a) { return a.primary; });
    view::Action next = action({{"type", "open"}, {"block", b->id}}, words.text("action.open.next"), leads);
    if (!module_open(m)) {
      next.enabled = false;
      next.reason = words.text("module.locked.reason");
    }
    v.actions.push_back(std::move(next));
  }
}

view::View Session::view_model(const std::string& requested_language) const {
  const course::Course& c = *course_;
  const std::string& fallback = c.default_language;
  const bool known = std::find(c.languages.begin(), c.languages.end(), requested_language) != c.languages.end();
  const std::string language = known ? requested_language : fallback;
  const strings::Catalogue& words = strings::Catalogue::for_language(language);

  view::View v;
  v.interface = {words.language(), words.direction()};
  v.content = {language, strings::direction_of(language)};
  v.course = c.id;
  v.version = c.version;
  v.title = c.title.in(language, fallback);
  v.events = state_.events;
  v.position = state_.position;
  v.complete = course_complete();
  v.waiting_on = c.completion.must_pass;
  fill_progress(words, v);
  v.modules = outline_model(language, words);
  if (!v.complete) v.completion.waiting_on = waiting_on_text(v, words);
  v.attempts = attempts_summary();
  v.scenarios = scenario_summary();
  v.mastery = mastery_model(mastery(), language, words);
  fill_completion_moment(language, words, v);
  v.words = chrome_words(words);
  // The block to show: the position, or the first block of the course before anything was opened.
  std::string current = state_.position;
  if (current.empty() && !c.modules.empty() && !c.modules.front().blocks.empty())
    current = c.modules.front().blocks.front().id;
  if (current.empty()) return v;
  const auto [module_index, block] = compiled_->block_index.at(current);
  const auto found = state_.blocks.find(current);
  const bool opened = found != state_.blocks.end() && found->second.opened;
  view::Current shown;
  shown.content = localise(block->data, c.languages, language, fallback);
  lift_heading(shown.content, block->type);
  shown.module = c.modules[module_index].id;
  shown.type_name = type_name(words, *block, block->type == BlockType::assessment ? assessment_of(*block) : nullptr);
  // What the learner already wrote here, so a player shows it back without reading the record.
  if (const auto text = state_.reflections.find(current); text != state_.reflections.end())
    shown.saved = json{{"text", text->second}};
  if (const auto answers = state_.surveys.find(current); answers != state_.surveys.end())
    shown.saved = json{{"answers", answers->second}};
  if (block->type == BlockType::assessment && opened) shown.assessment = assessment_model(*block, language, words);
  if (block->type == BlockType::scenario && opened) shown.scenario = scenario_view(*block, language, words);
  if (block->type == BlockType::project && opened) shown.project = project_view(*block, language, words);
  v.current = std::move(shown);
  add_block_actions(current, words, v);
  v.welcome = welcome_model(v, language, words);
  return v;
}

json Session::view(const std::string& language) const { return view::to_json(view_model(language)); }

void Session::fill_progress(const strings::Catalogue& words, view::View& v) const {
  const std::size_t required = required_block_count();
  const std::size_t done = completed_required_block_count();
  v.progress.required = required;
  v.progress.completed = done;
  v.progress.percent = required == 0 ? 100 : done * 100 / required;
  v.progress.text = words.text("progress.text", {{"done", words.integer(static_cast<std::int64_t>(done))},
                                                 {"total", words.integer(static_cast<std::int64_t>(required))}});
  v.progress.percent_text =
      words.text("progress.percent", {{"percent", words.percent(static_cast<std::int64_t>(v.progress.percent))}});
  v.time_on_task_seconds = state_.time_on_task_ms / 1000;
  v.time_on_task_text = words.text("progress.time", {{"count", words.integer(v.time_on_task_seconds / 60)}});
  v.completion.complete = v.complete;
  v.completion.text = words.text(v.complete ? "completion.complete" : "completion.in-progress");
  v.completion.earns = words.text(v.complete ? "completion.earned" : "completion.earns");
  v.completion.include_private = words.text("completion.include-private");
}

// What must still be passed, named as the learner meets it in the outline (the block's title or type name).
std::string Session::waiting_on_text(const view::View& v, const strings::Catalogue& words) const {
  std::string pending;
  for (const auto& assessment_id : course_->completion.must_pass) {
    const auto block = compiled_->assessment_blocks.find(assessment_id);
    if (block == compiled_->assessment_blocks.end()) continue;
    const auto attempts = state_.attempts.find(block->second);
    const bool passed =
        attempts != state_.attempts.end() &&
        std::any_of(attempts->second.begin(), attempts->second.end(), [](const Attempt& a) { return a.passed; });
    if (passed) continue;
    pending += (pending.empty() ? "" : ", ") + outline_title(v, block->second);
  }
  return pending.empty() ? std::string() : words.text("completion.waiting-on", {{"list", pending}});
}

// Mastery per competency, with its name and the words for where the learner stands.
json Session::mastery_model(json out, const std::string& language, const strings::Catalogue& words) const {
  for (const auto& competency : course_->competencies) {
    if (!out.contains(competency.id)) continue;
    json& entry = out[competency.id];
    entry["name"] = competency.name.in(language, course_->default_language);
    const char* key = entry.value("mastered", false)   ? "mastery.mastered"
                      : entry.value("assessed", false) ? "mastery.not-yet"
                                                       : "mastery.not-assessed";
    entry["text"] = words.text(key);
  }
  return out;
}

}  // namespace tessera::session
