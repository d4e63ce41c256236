// Reads one scenario object into the typed Scenario (scenario.hpp §2): ids, variables, meters, nodes,
// choices, effects and scoring, with every expression parsed, bound and type-checked once. Problems name
// the JSON pointer and the node id; analyze() (analyze.cpp) adds the validation findings.
#include <algorithm>
#include <functional>
#include <set>

#include "course/json_reader.hpp"
#include "scenario/detail.hpp"

namespace tessera::scenario {

namespace {

using course::detail::Need;
using course::detail::ObjectReader;
using nlohmann::json;

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return start(c) || (c >= '0' && c <= '9'); });
}

bool is_reserved(std::string_view name) {
  static const std::set<std::string, std::less<>> reserved = {"true", "false", "and",   "or",  "not",    "min",
                                                              "max",  "clamp", "round", "abs", "random", "visited"};
  return reserved.count(name) > 0;
}

class Loader {
 public:
  Loader(const json& value, std::string where, const LoadOptions& options, std::vector<Problem>& problems)
      : value_(value), where_(std::move(where)), options_(options), problems_(problems) {
    limits_ = course::detail::with_defaults({});
  }

  std::optional<Scenario> run();

 private:
  const json& value_;
  std::string where_;
  const LoadOptions& options_;
  std::vector<Problem>& problems_;
  course::Limits limits_;
  Scenario s_;
  std::vector<std::string> variable_names_, node_ids_;
  struct PendingTarget {
    std::function<std::size_t&()> slot;  // by indices: the vectors may still grow while reading
    std::string id, where, context;
  };
  std::vector<PendingTarget> pending_targets_;

  void error(std::string where, std::string message, std::string hint = {}) {
    problems_.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
  }

  // A text: a string or {language: string}; returns the value as authored (null when absent or bad).
  json text(ObjectReader& in, std::string_view key, Need need) {
    const json* member = in.member(key, Need::optional);
    if (!member) {
      if (need == Need::required) (void)in.member(key, Need::required);
      return nullptr;
    }
    (void)in.text(key, need, options_.default_language);  // reports malformed texts
    return *member;
  }

  std::optional<Fraction> number(ObjectReader& in, std::string_view key, Need need) {
    const json* member = in.member(key, need);
    if (!member) return std::nullopt;
    auto parsed = member->is_number() || member->is_string() ? Fraction::parse(*member) : std::nullopt;
    if (!parsed) {
      error(in.at(key), "'" + std::string(key) + "' must be a number (an exact decimal such as 2.5 or \"-1/3\")");
    }
    return parsed;
  }

  void target(std::function<std::size_t&()> slot, ObjectReader& in, std::string_view key, const std::string& context) {
    if (auto id = in.string(key, Need::required, 64))
      pending_targets_.push_back({std::move(slot), *id, in.at(key), context});
  }

  // Parses, binds and type-checks; `expected` is the type the place needs (none: any).
  std::optional<Expression> expression(const json& value, const std::string& where, const std::string& context,
                                       std::optional<ValueType> expected) {
    if (!value.is_string()) {
      error(where, context + ": an expression must be a string, found " + course::detail::json_type_name(value),
            value.is_number() || value.is_boolean() ? "write it in quotes, e.g. \"" + value.dump() + "\"" : "");
      return std::nullopt;
    }
    auto parsed = Expression::parse(value.get_ref<const std::string&>());
    auto report = [&](const ExpressionError& e) {
      error(where, context + ": column " + std::to_string(e.column) + ": " + e.message,
            "the expression is \"" + value.get<std::string>() + "\" (docs/scenarios.md has the grammar)");
    };
    if (auto* e = std::get_if<ExpressionError>(&parsed)) {
      report(*e);
      return std::nullopt;
    }
    Expression expr = std::get<Expression>(std::move(parsed));
    if (auto e = expr.bind(variable_names_, node_ids_)) {
      report(*e);
      return std::nullopt;
    }
    auto checked = detail::abstract_evaluate(expr, s_.variables);
    if (auto* e = std::get_if<ExpressionError>(&checked)) {
      report(*e);
      return std::nullopt;
    }
    const auto type = std::get<detail::Abstract>(checked).type;
    if (expected && type != *expected) {
      report({1, "this place needs a " + std::string(to_string(*expected)) + " but the expression gives a " +
                     std::string(to_string(type))});
      return std::nullopt;
    }
    return expr;
  }

  std::optional<Expression> condition(ObjectReader& in, std::string_view key, const std::string& context,
                                      std::string& pointer_out) {
    const json* member = in.member(key, Need::optional);
    if (!member) return std::nullopt;
    pointer_out = in.at(key);
    auto expr = expression(*member, pointer_out, context + ", " + std::string(key), ValueType::boolean);
    if (expr && expr->uses_random()) {
      error(pointer_out, context + ", " + std::string(key) + ": random() may only be used in effects",
            "draw the value into a variable with an effect, then test the variable");
      return std::nullopt;
    }
    return expr;
  }

  std::vector<Effect> effects(const json* list, const std::string& where, const std::string& context);
  void read_variables(ObjectReader& in);
  void read_node(const json& value, std::size_t index);
  void read_choice(const json& value, const std::string& where, std::size_t node_index, std::set<std::string>& ids);
  void read_scoring(ObjectReader& in);
};

std::vector<Effect> Loader::effects(const json* list, const std::string& where, const std::string& context) {
  std::vector<Effect> out;
  if (!list) return out;
  if (!list->is_array()) {
    error(where,
          context + ": effects must be an array of {\"set\": var, \"to\": expr} or {\"add\": var, \"value\": expr}");
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader e((*list)[i], pointer_append(where, i), problems_, limits_, "an effect");
    if (!e.valid()) continue;
    const bool add = (*list)[i].contains("add");
    if (add == (*list)[i].contains("set")) {
      e.error(e.pointer(), context + ": an effect has either \"set\" (with \"to\") or \"add\" (with \"value\")");
      continue;
    }
    Effect effect;
    effect.add = add;
    const auto name = e.string(add ? "add" : "set", Need::required, 64);
    const json* expr = e.member(add ? "value" : "to", Need::required);
    if (!name || !expr) continue;
    const auto slot = std::find(variable_names_.begin(), variable_names_.end(), *name);
    if (slot == variable_names_.end()) {
      error(e.at(add ? "add" : "set"), context + ": variable '" + *name + "' is not declared in \"variables\"",
            "declare it with a type and an initial value");
      continue;
    }
    effect.variable = static_cast<std::size_t>(slot - variable_names_.begin());
    const Variable& variable = s_.variables[effect.variable];
    if (add && variable.type != ValueType::number) {
      error(e.at("add"),
            context + ": 'add' works on numbers; '" + *name + "' is a " + std::string(to_string(variable.type)),
            "use {\"set\": \"" + *name + "\", \"to\": …}");
      continue;
    }
    effect.pointer = e.at(add ? "value" : "to");
    auto parsed = expression(*expr, effect.pointer, context + ", " + (add ? "add to " : "set ") + *name, variable.type);
    if (!parsed) continue;
    effect.expression = std::move(*parsed);
    out.push_back(std::move(effect));
  }
  return out;
}

void Loader::read_variables(ObjectReader& in) {
  const json* vars = in.member("variables", Need::optional);
  if (!vars) return;
  if (!vars->is_object()) {
    error(in.at("variables"), "'variables' must be an object: name → {type, initial, …}");
    return;
  }
  // Names first, so that meters and effects can refer to any of them. Slots follow the names' order.
  for (const auto& entry : vars->items()) {
    const std::string& name = entry.key();
    if (!is_identifier(name) || is_reserved(name)) {
      error(pointer_append(in.at("variables"), name),
            "'" + name + "' cannot be a variable name" + (is_reserved(name) ? " (it is a keyword or function)" : ""),
            "use letters, digits and '_', starting with a letter, e.g. \"customer_trust\"");
    }
    variable_names_.push_back(name);
  }
  for (const auto& entry : vars->items()) {
    Variable v;
    v.name = entry.key();
    v.pointer = pointer_append(in.at("variables"), v.name);
    ObjectReader r(entry.value(), v.pointer, problems_, limits_, "a variable");
    if (!r.valid()) {
      s_.variables.push_back(std::move(v));
      continue;
    }
    const auto type = r.string("type", Need::required, 16);
    if (type == "number") {
      v.type = ValueType::number;
      v.min = number(r, "min", Need::optional);
      v.max = number(r, "max", Need::optional);
      if (v.min && v.max && *v.max < *v.min) r.error(r.at("max"), "'max' is below 'min'");
      const auto initial = r.member("initial", Need::optional) ? number(r, "initial", Need::optional) : v.min;
      v.initial = Value::of(initial.value_or(Fraction::of(0)));
      if ((v.min && v.initial.number < *v.min) || (v.max && *v.max < v.initial.number)) {
        r.error(r.member("initial", Need::optional) ? r.at("initial") : v.pointer,
                "the initial value " + v.initial.number.to_string() + " is outside " + detail::describe_range(v));
      }
    } else if (type == "boolean") {
      v.type = ValueType::boolean;
      v.initial = Value::of(r.boolean("initial", Need::optional).value_or(false));
    } else if (type == "string") {
      v.type = ValueType::string;
      if (const json* values = r.array("values", Need::optional)) {
        for (std::size_t i = 0; i < values->size(); ++i) {
          if (!(*values)[i].is_string()) {
            r.error(pointer_append(r.at("values"), i), "each of 'values' must be a string");
          } else {
            v.values.push_back((*values)[i].get<std::string>());
          }
        }
      }
      v.initial =
          Value::of(r.string("initial", Need::optional, 1000).value_or(v.values.empty() ? "" : v.values.front()));
      if (!v.values.empty() && std::find(v.values.begin(), v.values.end(), v.initial.text) == v.values.end()) {
        r.error(r.at("initial"), "the initial value '" + v.initial.text + "' is not one of 'values'");
      }
    } else if (type) {
      r.error(r.at("type"), "unknown variable type '" + *type + "'", "use number, boolean or string");
    }
    if (const json* meter = r.member("meter", Need::optional)) {
      ObjectReader m(*meter, r.at("meter"), problems_, limits_, "a meter");
      if (m.valid()) {
        if (v.type != ValueType::number) m.error(m.pointer(), "only number variables can be meters");
        v.meter = true;
        v.meter_label = text(m, "label", Need::required);
        if (const json* thresholds = m.array("thresholds", Need::optional)) {
          for (std::size_t i = 0; i < thresholds->size(); ++i) {
            ObjectReader t((*thresholds)[i], pointer_append(m.at("thresholds"), i), problems_, limits_, "a threshold");
            if (!t.valid()) continue;
            Threshold threshold;
            const bool below = (*thresholds)[i].contains("below");
            if (below == (*thresholds)[i].contains("atLeast")) {
              t.error(t.pointer(), "a threshold has either \"below\" or \"atLeast\"");
              continue;
            }
            threshold.below = below;
            if (auto x = number(t, below ? "below" : "atLeast", Need::required)) threshold.value = *x;
            v.thresholds.push_back(threshold);
            const std::size_t vi = s_.variables.size(), ti = v.thresholds.size() - 1;
            target([this, vi, ti]() -> std::size_t& { return s_.variables[vi].thresholds[ti].ending; }, t, "ending",
                   "meter '" + v.name + "'");
          }
        }
      }
    }
    s_.variables.push_back(std::move(v));
  }
}

void Loader::read_choice(const json& value, const std::string& where, std::size_t node_index,
                         std::set<std::string>& ids) {
  Node& node = s_.nodes[node_index];
  ObjectReader c(value, where, problems_, limits_, "a choice");
  if (!c.valid()) return;
  Choice choice;
  choice.pointer = where;
  if (auto id = c.slug("id", Need::required)) {
    choice.id = *id;
    if (!ids.insert(*id).second)
      c.error(c.at("id"), "node '" + node.id + "' has two choices with the id '" + *id + "'");
  }
  const std::string context = "node '" + node.id + "', choice '" + choice.id + "'";
  choice.text = text(c, "text", Need::required);
  choice.feedback = text(c, "feedback", Need::optional);
  choice.score = number(c, "score", Need::optional).value_or(Fraction::of(0));
  choice.show_if = condition(c, "showIf", context, choice.show_if_pointer);
  choice.enable_if = condition(c, "enableIf", context, choice.enable_if_pointer);
  choice.effects = effects(c.member("effects", Need::optional), c.at("effects"), context);
  node.choices.push_back(std::move(choice));
  const std::size_t ci = node.choices.size() - 1;
  target([this, node_index, ci]() -> std::size_t& { return s_.nodes[node_index].choices[ci].next; }, c, "next",
         context);
}

void Loader::read_node(const json& value, std::size_t index) {
  const std::string where = pointer_append(pointer_append(where_, "nodes"), index);
  ObjectReader n(value, where, problems_, limits_, "a node");
  Node& node = s_.nodes[index];
  node.pointer = where;
  if (!n.valid()) return;
  (void)n.member("id", Need::required);  // read (and checked) in run()
  node.id = node_ids_[index];
  const std::string context = "node '" + node.id + "'";
  // Required members named with the node, so that a message says which node lacks what.
  auto needs = [&](std::string_view key, const char* what) {
    if (value.contains(key)) return true;
    n.error(where, context + ": " + what + " needs \"" + std::string(key) + "\"",
            "see docs/scenarios.md for each node type");
    return false;
  };
  if (!needs("type", "a node")) return;
  const auto type = n.string("type", Need::optional, 16);
  if (type == "narrative")
    node.type = NodeType::narrative;
  else if (type == "decision")
    node.type = NodeType::decision;
  else if (type == "timed")
    node.type = NodeType::timed;
  else if (type == "ending")
    node.type = NodeType::ending;
  else {
    if (type)
      n.error(n.at("type"), context + ": unknown node type '" + *type + "'",
              "use narrative, decision, timed or ending");
    return;
  }
  if (const json* media = n.member("media", Need::optional)) {
    ObjectReader m(*media, n.at("media"), problems_, limits_, "media");
    if (m.valid()) {
      const auto media_type = m.string("type", Need::required, 16);
      (void)m.file_path("src", Need::required);
      const json alt = text(m, "alt", Need::optional);
      (void)text(m, "caption", Need::optional);
      (void)text(m, "transcript", Need::optional);
      if (media_type == "image" && alt.is_null()) {
        m.warning(m.pointer(), context + ": the image has no alt text", "describe what it shows in \"alt\"");
      }
      node.media = *media;
    }
  }
  node.on_enter = effects(n.member("onEnter", Need::optional), n.at("onEnter"), context + ", onEnter");
  if (node.type == NodeType::ending) {
    if (needs("outcome", "an ending")) node.outcome = text(n, "outcome", Need::required);
    node.feedback = text(n, "feedback", Need::optional);
    node.text = text(n, "text", Need::optional);
    node.score = number(n, "score", Need::optional);
    return;
  }
  if (needs("text", "this node")) node.text = text(n, "text", Need::required);
  if (node.type == NodeType::narrative) {
    if (needs("next", "a narrative node"))
      target([this, index]() -> std::size_t& { return s_.nodes[index].next; }, n, "next", context);
    return;
  }
  const json* choices = needs("choices", "a decision or timed node") ? n.array("choices", Need::required) : nullptr;
  if (choices) {
    if (choices->empty())
      n.error(n.at("choices"),
              context + ": a " + std::string(to_string(node.type)) + " node needs at least one choice");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < choices->size(); ++i)
      read_choice((*choices)[i], pointer_append(n.at("choices"), i), index, ids);
  }
  if (node.type == NodeType::timed) {
    if (!needs("seconds", "a timed node")) return;
    if (auto seconds = n.integer("seconds", Need::required, 1, 86400)) node.seconds = *seconds;
    if (const json* timeout = needs("timeout", "a timed node") ? n.member("timeout", Need::required) : nullptr) {
      ObjectReader t(*timeout, n.at("timeout"), problems_, limits_, "a timeout branch");
      if (t.valid()) {
        node.timeout_effects = effects(t.member("effects", Need::optional), t.at("effects"), context + ", timeout");
        target([this, index]() -> std::size_t& { return s_.nodes[index].timeout_next; }, t, "next",
               context + ", timeout");
      }
    }
  }
}

void Loader::read_scoring(ObjectReader& in) {
  const json* scoring = in.member("scoring", Need::optional);
  if (!scoring) return;
  ObjectReader r(*scoring, in.at("scoring"), problems_, limits_, "scoring");
  if (!r.valid()) return;
  if (auto mode = r.string("mode", Need::optional, 16)) {
    if (mode == "none")
      s_.mode = ScoringMode::none;
    else if (mode == "ending")
      s_.mode = ScoringMode::ending;
    else if (mode == "path")
      s_.mode = ScoringMode::path;
    else
      r.error(r.at("mode"), "unknown scoring mode '" + *mode + "'", "use none, ending or path");
  }
  if (r.member("maxScore", Need::optional)) {
    r.error(r.at("maxScore"), "maxScore is computed by the validator, never written", "remove it");
  }
  const json* outcomes = r.array("outcomes", Need::optional);
  if (!outcomes) return;
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    ObjectReader o((*outcomes)[i], pointer_append(r.at("outcomes"), i), problems_, limits_, "an outcome rule");
    if (!o.valid()) continue;
    OutcomeRule rule;
    std::string when_pointer;
    auto when = condition(o, "when", "outcome rule " + std::to_string(i), when_pointer);
    if (!o.member("when", Need::required)) continue;
    rule.level = text(o, "level", Need::required);
    if (const json* competencies = o.array("competencies", Need::optional)) {
      for (std::size_t c = 0; c < competencies->size(); ++c) {
        const json& id = (*competencies)[c];
        const std::string at = pointer_append(o.at("competencies"), c);
        if (!id.is_string()) {
          error(at, "each competency must be a competency id (a string)");
          continue;
        }
        const auto& known = options_.competencies;
        if (!known.empty() && std::find(known.begin(), known.end(), id.get<std::string>()) == known.end()) {
          error(at, "competency '" + id.get<std::string>() + "' is not defined in /competencies",
                "fix the id or define it");
        }
        rule.competencies.push_back(id.get<std::string>());
      }
    }
    if (!when) continue;
    rule.when = std::move(*when);
    rule.when_pointer = when_pointer;
    s_.outcomes.push_back(std::move(rule));
  }
}

std::optional<Scenario> Loader::run() {
  ObjectReader in(value_, where_, problems_, limits_, "a scenario");
  if (!in.valid()) return std::nullopt;
  s_.pointer = where_;
  s_.default_language = options_.default_language;
  if (auto id = in.slug("id", Need::required)) s_.id = *id;
  s_.title = text(in, "title", Need::optional);
  s_.allow_back = in.boolean("allowBack", Need::optional).value_or(false);
  s_.allow_restart = in.boolean("allowRestart", Need::optional).value_or(false);
  if (in.member("maxScore", Need::optional)) {
    in.error(in.at("maxScore"), "maxScore is computed by the validator, never written", "remove it");
  }
  read_variables(in);

  const json* nodes = in.array("nodes", Need::required);
  if (!nodes) return std::nullopt;
  const std::size_t max_nodes = options_.max_nodes ? options_.max_nodes : 20000;
  if (nodes->empty()) {
    in.error(in.at("nodes"), "a scenario needs at least one node", "add a start node and an ending");
    return std::nullopt;
  }
  if (nodes->size() > max_nodes) {
    in.error(in.at("nodes"),
             "the scenario has " + std::to_string(nodes->size()) + " nodes; the limit is " + std::to_string(max_nodes));
    return std::nullopt;
  }
  // Ids first: choices, thresholds and visited() may name any node.
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < nodes->size(); ++i) {
    const json& node = (*nodes)[i];
    const std::string at = pointer_append(pointer_append(pointer_append(where_, "nodes"), i), "id");
    std::string id;
    if (node.is_object() && node.contains("id") && node["id"].is_string()) id = node["id"].get<std::string>();
    if (!course::detail::is_slug(id)) {
      if (node.is_object() && node.contains("id")) {
        error(at, "'" + id + "' is not a valid node id",
              "use lower-case letters, digits and single hyphens, e.g. \"call-opens\"");
      }
    } else if (!seen.insert(id).second) {
      error(at, "two nodes have the id '" + id + "'", "node ids must be unique within the scenario");
    }
    node_ids_.push_back(id);
  }
  s_.nodes.resize(nodes->size());
  for (std::size_t i = 0; i < nodes->size(); ++i) read_node((*nodes)[i], i);
  read_scoring(in);  // after variables and node ids: outcome rules test both

  if (auto start = in.string("start", Need::required, 64)) {
    const auto found = std::find(node_ids_.begin(), node_ids_.end(), *start);
    if (found == node_ids_.end()) {
      in.error(in.at("start"), "the start node '" + *start + "' is not in \"nodes\"", "name the id of the first node");
    } else {
      s_.start = static_cast<std::size_t>(found - node_ids_.begin());
    }
  }
  for (const PendingTarget& target : pending_targets_) {
    const auto found = std::find(node_ids_.begin(), node_ids_.end(), target.id);
    if (found == node_ids_.end() || target.id.empty()) {
      error(target.where, target.context + ": '" + target.id + "' is not a node of this scenario",
            "name an existing node id");
      continue;
    }
    target.slot() = static_cast<std::size_t>(found - node_ids_.begin());
  }
  // Targets are node indices only when nothing above failed; then every threshold is checked, at its own place.
  const bool targets_resolved = !has_errors(problems_);
  for (const Variable& v : s_.variables) {
    for (std::size_t i = 0; i < v.thresholds.size() && targets_resolved; ++i) {
      const Threshold& t = v.thresholds[i];
      if (t.ending < s_.nodes.size() && s_.nodes[t.ending].type != NodeType::ending) {
        error(pointer_append(pointer_append(v.pointer + "/meter/thresholds", i), "ending"),
              "meter '" + v.name + "': a threshold must lead to an ending, and '" + s_.nodes[t.ending].id + "' is a " +
                  std::string(to_string(s_.nodes[t.ending].type)),
              "name an ending node");
      }
    }
  }
  if (s_.mode == ScoringMode::ending) {
    bool any_score = false;
    for (const Node& node : s_.nodes) any_score = any_score || node.score.has_value();
    if (!any_score)
      in.warning(in.at("scoring"), "scoring mode 'ending' but no ending has a score", "give endings a \"score\"");
  }
  if (has_errors(problems_)) return std::nullopt;
  return std::move(s_);
}

}  // namespace

std::string_view to_string(NodeType type) {
  switch (type) {
    case NodeType::narrative:
      return "narrative";
    case NodeType::decision:
      return "decision";
    case NodeType::timed:
      return "timed";
    case NodeType::ending:
      return "ending";
  }
  return "narrative";
}

std::optional<std::size_t> Scenario::node_index(std::string_view node_id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == node_id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Scenario::variable_index(std::string_view name) const {
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].name == name) return i;
  }
  return std::nullopt;
}

nlohmann::json Analysis::to_json() const {
  nlohmann::json out = {
      {"searchComplete", search_complete}, {"statesExplored", states_explored}, {"reachableLevels", reachable_levels}};
  out["maxScore"] = max_score ? nlohmann::json(max_score->to_string()) : nlohmann::json(nullptr);
  return out;
}

LoadReport load(const nlohmann::json& value, const std::string& where, const LoadOptions& options) {
  LoadReport report;
  Loader loader(value, where, options, report.problems);
  auto scenario = loader.run();
  if (!scenario) return report;
  detail::analyze(*scenario, options, report.problems, report.analysis);
  if (!has_errors(report.problems)) report.scenario = std::move(scenario);
  return report;
}

}  // namespace tessera::scenario
