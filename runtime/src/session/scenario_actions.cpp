// Scenario blocks in the session (session.hpp): actions scenario-choose / -continue / -back / -restart become
// events, the events fold into each block's scenario::Run, an ending completes the block, and the view shows
// the node, its visible choices, the meters with their history, and the ending with score and level.
#include <algorithm>

#include "tessera/session.hpp"

namespace tessera::session {

namespace {

using nlohmann::json;

constexpr const char* event_chosen = "scenario.chosen";
constexpr const char* event_continued = "scenario.continued";
constexpr const char* event_back = "scenario.back";
constexpr const char* event_restarted = "scenario.restarted";

// A string or {language: string} in `language`, else `fallback`, else any.
json text_in(const json& text, const std::string& language, const std::string& fallback) {
  if (!text.is_object()) return text;
  if (text.contains(language)) return text[language];
  if (text.contains(fallback)) return text[fallback];
  return text.empty() ? json() : text.begin().value();
}

json localised_media(const json& media, const std::string& language, const std::string& fallback) {
  if (!media.is_object()) return media;
  json out = json::object();
  for (const auto& member : media.items()) {
    out[member.key()] =
        member.key() == "type" || member.key() == "src" ? member.value() : text_in(member.value(), language, fallback);
  }
  return out;
}

}  // namespace

void Session::load_scenarios(Compiled& into) const {
  for (std::size_t i = 0; i < course_->scenarios.size(); ++i) {
    scenario::LoadOptions options;
    options.default_language = course_->default_language;
    // A course that loaded has valid scenarios; one that somehow does not is left out, and its blocks refuse
    // scenario actions with a message rather than crash.
    auto report = scenario::load(course_->scenarios[i], pointer_append("/scenarios", i), options);
    if (report.scenario) {
      const std::string id = report.scenario->id;
      into.scenarios.emplace(id, LoadedScenario{std::move(*report.scenario), std::move(report.analysis)});
    }
  }
}

const scenario::Scenario* Session::scenario_of(const course::Block& block) const {
  const auto id = block.data.find("scenario");
  if (block.type != course::BlockType::scenario || id == block.data.end() || !id->is_string()) return nullptr;
  const auto found = compiled_->scenarios.find(id->get<std::string>());
  return found == compiled_->scenarios.end() ? nullptr : &found->second.scenario;
}

std::optional<Problem> Session::start_scenario(const record::Event& event, const course::Block& block, bool apply) {
  if (block.type != course::BlockType::scenario || state_.scenarios.count(block.id)) return std::nullopt;
  const scenario::Scenario* s = scenario_of(block);
  if (!s) return error_at("/block", "the scenario of block '" + block.id + "' could not be loaded");
  // The first event of a record has no record id yet: it is this event's own hash.
  const std::string record_id = state_.events == 0 ? record::hash_hex(event) : state_.record_id;
  auto run = scenario::start(*s, record_id, event.t);
  if (!run) return run.problems().front();
  if (apply) state_.scenarios.emplace(block.id, std::move(run).value());
  return std::nullopt;
}

std::optional<Problem> Session::check_scenario_event(const record::Event& event, const std::string& where,
                                                     const course::Block& block, bool apply) {
  const scenario::Scenario* s = scenario_of(block);
  if (!s) return error_at(where, "block '" + block.id + "' is not a playable scenario");
  const auto run = state_.scenarios.find(block.id);
  if (run == state_.scenarios.end())
    return error_at(where, "the scenario of block '" + block.id + "' has not started", "open it first");
  scenario::Step step;
  step.t = event.t;
  std::vector<std::string> allowed = {"block"};
  if (event.type == event_chosen) {
    step.kind = scenario::StepKind::choose;
    allowed.push_back("choice");
    const auto choice = event.payload.find("choice");
    if (choice == event.payload.end() || !choice->is_string()) {
      return error_at(where, "a scenario choice names the choice's id", "pass \"choice\": the id of a choice shown");
    }
    step.choice = choice->get<std::string>();
  } else if (event.type == event_continued) {
    step.kind = scenario::StepKind::proceed;
  } else if (event.type == event_back) {
    step.kind = scenario::StepKind::back;
  } else if (event.type == event_restarted) {
    step.kind = scenario::StepKind::restart;
  } else {
    return error_at(where, "event type '" + event.type + "' is not one this course allows");
  }
  for (const auto& member : event.payload.items()) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end()) {
      return error_at(where, "event '" + event.type + "' has an unexpected field '" + member.key() + "'");
    }
  }
  scenario::Run next = run->second;
  if (auto problem = scenario::apply(*s, next, step)) {
    // Problems from the engine point into the action ("/choice") or the course (an expression's pointer).
    if (where != "/") problem->where = where;
    return problem;
  }
  if (apply) {
    if (next.ended) state_.blocks[block.id].completed = true;  // an ending completes the block, once and for good
    run->second = std::move(next);
  }
  return std::nullopt;
}

std::optional<Problem> Session::scenario_action(const std::string& name, const json& action, json& payload,
                                                std::string& event_type) const {
  const std::string block_id = payload.value("block", std::string());
  const auto found = compiled_->block_index.find(block_id);
  if (found == compiled_->block_index.end() || found->second.block->type != course::BlockType::scenario) {
    return error_at("/block", "block '" + block_id + "' is not a scenario block of this course");
  }
  if (name == "scenario-choose") {
    event_type = event_chosen;
    const auto choice = action.find("choice");
    if (choice == action.end() || !choice->is_string()) {
      return error_at("/choice", "scenario-choose needs \"choice\": the id of one of the choices shown");
    }
    payload["choice"] = *choice;
  } else if (name == "scenario-continue") {
    event_type = event_continued;
  } else if (name == "scenario-back") {
    event_type = event_back;
  } else if (name == "scenario-restart") {
    event_type = event_restarted;
  } else {
    return error_at("/type", "unknown action '" + name + "'",
                    "use scenario-choose, scenario-continue, scenario-back or scenario-restart");
  }
  return std::nullopt;
}

void Session::add_scenario_actions(const course::Block& block, const strings::Catalogue& words, view::View& v) const {
  const scenario::Scenario* s = scenario_of(block);
  const auto run = state_.scenarios.find(block.id);
  if (!s || run == state_.scenarios.end()) return;
  const scenario::Run& r = run->second;
  auto send = [&](const char* type) { return json{{"type", type}, {"block", block.id}}; };
  auto add = [&](json what, std::string label, bool primary) {
    view::Action a;
    a.send = std::move(what);
    a.label = std::move(label);
    a.primary = primary;
    v.actions.push_back(std::move(a));
    return &v.actions.back();
  };
  if (!r.ended) {
    const scenario::Node& node = s->nodes[r.node];
    if (node.type == scenario::NodeType::narrative)
      add(send("scenario-continue"), words.text("action.scenario-continue"), true);
    if (node.type == scenario::NodeType::timed) {
      // The player counts down and reports that the time ran out by continuing; the runtime then takes the
      // timeout branch (a continue before the deadline is refused).
      v.deadlines.push_back({"scenario-node", block.id, r.entered_t + node.seconds * 1000,
                             words.text("deadline.scenario-node"), words.text("deadline.scenario-node.then"),
                             send("scenario-continue")});
    }
    for (const auto& visible : scenario::visible_choices(*s, r)) {
      json choose = send("scenario-choose");
      choose["choice"] = visible.choice->id;
      const json text = text_in(visible.choice->text, v.content.lang, course_->default_language);
      view::Action* a = add(std::move(choose), text.is_string() ? text.get<std::string>() : visible.choice->id, false);
      if (!visible.enabled) {
        a->enabled = false;
        a->reason = words.text("action.scenario-choose.unavailable");
      }
    }
  }
  if (scenario::can_back(*s, r)) add(send("scenario-back"), words.text("action.scenario-back"), false);
  if (s->allow_restart) add(send("scenario-restart"), words.text("action.scenario-restart"), false);
}

json Session::scenario_view(const course::Block& block, const std::string& language,
                            const strings::Catalogue& words) const {
  const scenario::Scenario* s = scenario_of(block);
  const auto run = state_.scenarios.find(block.id);
  if (!s || run == state_.scenarios.end()) return {{"error", "this scenario could not be loaded"}};
  const std::string& fallback = course_->default_language;
  const scenario::Run& r = run->second;
  const scenario::Node& node = s->nodes[r.node];
  json out = {{"id", s->id},
              {"run", r.run},
              {"step", r.step},
              {"allowBack", s->allow_back},
              {"allowRestart", s->allow_restart},
              {"canBack", scenario::can_back(*s, r)},
              {"ended", r.ended}};
  if (!s->title.is_null()) out["title"] = text_in(s->title, language, fallback);
  json shown = {{"id", node.id}, {"type", scenario::to_string(node.type)}};
  if (!node.text.is_null()) shown["text"] = text_in(node.text, language, fallback);
  if (!node.media.is_null()) shown["media"] = localised_media(node.media, language, fallback);
  if (node.type == scenario::NodeType::timed) {
    shown["seconds"] = node.seconds;
    shown["deadline"] = r.entered_t + node.seconds * 1000;  // Unix ms; a later action takes the timeout branch
  }
  out["node"] = std::move(shown);
  json choices = json::array();
  for (const auto& visible : scenario::visible_choices(*s, r)) {
    choices.push_back({{"id", visible.choice->id},
                       {"text", text_in(visible.choice->text, language, fallback)},
                       {"enabled", visible.enabled}});
  }
  out["choices"] = std::move(choices);
  if (!r.last_feedback_choice.empty()) {
    // The feedback of the choice just taken ("node/choice"), shown on the node it led to.
    const auto slash = r.last_feedback_choice.find('/');
    const auto from = s->node_index(r.last_feedback_choice.substr(0, slash));
    if (from) {
      for (const auto& c : s->nodes[*from].choices) {
        if (c.id == r.last_feedback_choice.substr(slash + 1)) out["feedback"] = text_in(c.feedback, language, fallback);
      }
    }
  }
  json meters = json::array();
  for (std::size_t i = 0; i < s->variables.size(); ++i) {
    const scenario::Variable& v = s->variables[i];
    if (!v.meter) continue;
    json history = json::array();
    for (const auto& f : r.meter_history[i]) history.push_back(f.to_string());
    json meter = {{"variable", v.name},
                  {"label", text_in(v.meter_label, language, fallback)},
                  {"value", r.variables[i].number.to_string()},
                  {"history", std::move(history)}};
    meter["min"] = v.min ? json(v.min->to_string()) : json(nullptr);
    meter["max"] = v.max ? json(v.max->to_string()) : json(nullptr);
    // For drawing, so no player parses fractions: the value as the learner reads it, and where the value
    // and each step of its history sit between min and max (0…1; absent without both bounds).
    meter["valueText"] = words.decimal(r.variables[i].number.num, r.variables[i].number.den);
    if (v.min && v.max && *v.min < *v.max) {
      auto position = [&](const scenario::Fraction& f) {
        const scenario::Fraction share = (clamp(f, *v.min, *v.max) - *v.min) / (*v.max - *v.min);
        return share.to_double();
      };
      meter["position"] = position(r.variables[i].number);
      json positions = json::array();
      for (const auto& f : r.meter_history[i]) positions.push_back(position(f));
      meter["historyPositions"] = std::move(positions);
    }
    meters.push_back(std::move(meter));
  }
  out["meters"] = std::move(meters);
  if (r.ended) {
    out["ending"] = {{"id", node.id}, {"outcome", text_in(node.outcome, language, fallback)}};
    if (!node.feedback.is_null()) out["ending"]["feedback"] = text_in(node.feedback, language, fallback);
    out["score"] = r.score ? json(r.score->to_string()) : json(nullptr);
    const auto& analysis = compiled_->scenarios.at(s->id).analysis;
    out["maxScore"] = analysis.max_score ? json(analysis.max_score->to_string()) : json(nullptr);
    out["level"] = r.level_text.is_null() ? json(nullptr) : text_in(r.level_text, language, fallback);
    out["competencies"] = r.competencies;
  }
  return out;
}

json Session::scenario_summary() const {
  json out = json::object();
  for (const auto& [block_id, run] : state_.scenarios) {
    const auto found = compiled_->block_index.find(block_id);
    const scenario::Scenario* s = found == compiled_->block_index.end() ? nullptr : scenario_of(*found->second.block);
    if (!s) continue;
    json entry = {{"scenario", s->id},
                  {"run", run.run},
                  {"ended", run.ended},
                  {"node", s->nodes[run.node].id},
                  {"path", json::array()}};
    for (const auto& p : run.path)
      entry["path"].push_back(p.choice.empty() ? p.node + "/timeout" : p.node + "/" + p.choice);
    if (run.ended) {
      entry["score"] = run.score ? json(run.score->to_string()) : json(nullptr);
      entry["level"] = run.level.empty() ? json(nullptr) : json(run.level);
      entry["competencies"] = run.competencies;  // demonstrated by the outcome rule; for mastery
    }
    out[block_id] = std::move(entry);
  }
  return out;
}

}  // namespace tessera::session
