// Loading and scoring items (tessera/assess.hpp); docs/scoring.md states every rule with an example.
// One parser (`read_spec`) serves both load_item (which reports every problem) and score_item (which
// re-reads the already validated `data`), so the two can never disagree about what an item means.
#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "assess/detail.hpp"
#include "course/json_reader.hpp"
#include "tessera/assess.hpp"

namespace tessera::assess {
namespace {

using nlohmann::json;
// NOLINTNEXTLINE(readability-identifier-naming): named like the fixed-width integers it extends
__extension__ typedef __int128 i128;  // __extension__: -Wpedantic knows no __int128

constexpr std::size_t max_answer_bytes = 10000;      // short text, gaps
constexpr std::size_t max_free_text_bytes = 100000;  // free text, reflection

struct Choice {
  std::string id;
  bool correct = false;
  std::optional<Fraction> fraction;
  std::string feedback;
};

struct Matcher {
  std::vector<std::u32string> accepted;
  std::vector<detail::Regex> patterns;
};

struct Point {  // coordinates × 10^6, exact
  i128 x = 0;
  i128 y = 0;
};

struct Region {
  enum class Shape { rectangle, circle, polygon } shape = Shape::rectangle;
  std::vector<Point> points;  // rectangle: corner + (w, h); circle: centre + (r, 0); polygon: vertices
  bool correct = true;
  std::string feedback;
};

struct Spec {
  ItemType type = ItemType::single_choice;
  std::string rule;
  Fraction weight = Fraction::of(1);
  bool scored = true;
  Fraction negative;  // negative-marking factor p in [0, 1]
  bool certainty = false;
  std::vector<Fraction> hint_penalties;
  std::string feedback_correct;
  std::string feedback_incorrect;
  // choice items, likert
  std::vector<Choice> choices;
  // map-response
  std::map<std::string, Fraction> map;
  Fraction map_default;
  std::optional<Fraction> lower_bound;
  std::optional<Fraction> upper_bound;
  // true-false
  bool truth = false;
  // numeric
  Fraction value;
  enum class Tolerance { exact, absolute, relative } tolerance_kind = Tolerance::exact;
  Fraction tolerance;
  std::string unit;
  bool unit_required = false;
  // short text (one matcher), fill-blanks (one per gap)
  detail::TextOptions text_options;
  std::vector<Matcher> matchers;
  // ordering
  std::vector<std::string> sequence;
  // matching
  std::vector<std::string> premises;
  std::set<std::string> targets;
  std::map<std::string, std::string> pairs;
  // hotspot
  std::vector<Region> regions;
  // free text, reflection
  std::size_t max_length = max_free_text_bytes;
};

struct TypeInfo {
  const char* name;
  ItemType type;
  const char* default_rule;
  std::vector<const char*> rules;
};

const std::vector<TypeInfo>& type_table() {
  static const std::vector<TypeInfo> table = {
      {"single-choice", ItemType::single_choice, "all-or-nothing", {"all-or-nothing", "fractions", "map-response"}},
      {"multiple-response",
       ItemType::multiple_response,
       "all-or-nothing",
       {"all-or-nothing", "fractions", "every-decision", "map-response"}},
      {"true-false", ItemType::true_false, "all-or-nothing", {"all-or-nothing"}},
      {"numeric", ItemType::numeric, "all-or-nothing", {"all-or-nothing"}},
      {"short-text", ItemType::short_text, "all-or-nothing", {"all-or-nothing"}},
      {"fill-blanks", ItemType::fill_blanks, "per-gap", {"per-gap", "all-or-nothing"}},
      {"ordering", ItemType::ordering, "all-or-nothing", {"all-or-nothing", "adjacent-pairs"}},
      {"matching", ItemType::matching, "per-pair", {"per-pair", "all-or-nothing"}},
      {"hotspot", ItemType::hotspot, "all-or-nothing", {"all-or-nothing"}},
      {"likert", ItemType::likert, "none", {"none"}},
      {"free-text", ItemType::free_text, "none", {"none"}},
      {"reflection", ItemType::reflection, "none", {"none"}},
  };
  return table;
}

class Reader {
 public:
  Reader(std::vector<Problem>& problems, std::string language) : problems_(problems), language_(std::move(language)) {}

  void error(const std::string& where, const std::string& message, const std::string& hint = {}) {
    problems_.push_back(error_at(where, message, hint));
  }

  // A text: a string, or an object of language → string (the default language, else the first by key).
  std::string text(const json& value, const std::string& where) {
    course::detail::TextSink::note(where);
    if (value.is_string()) {
      if (value.get_ref<const std::string&>().empty()) error(where, "the text is empty");
      return value.get<std::string>();
    }
    if (value.is_object() && !value.empty()) {
      std::string first;
      bool have_first = false;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!it.value().is_string()) {
          error(pointer_append(where, it.key()), "a translation must be a string");
          continue;
        }
        if (!have_first) {
          first = it.value().get<std::string>();
          have_first = true;
        }
      }
      const auto found = value.find(language_);
      if (found != value.end() && found->is_string()) return found->get<std::string>();
      return first;
    }
    error(where, "must be a text: a string, or an object of language tags to strings",
          R"(write "Paris" or {"en": "Paris", "fr": "Paris"})");
    return {};
  }

  std::string optional_text(const json& object, const char* key, const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end()) return {};
    return text(*it, pointer_append(where, key));
  }

  std::optional<Fraction> fraction(const json& value, const std::string& where) {
    auto f = Fraction::parse(value);
    if (!f) {
      error(where, "must be an exact number (a JSON number, or a string like \"0.5\" or \"1/3\") within ±10^9",
            "denominators above 10^9 and more than 9 decimal places are refused");
    }
    return f;
  }

  std::optional<Fraction> optional_fraction(const json& object, const char* key, const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    return fraction(*it, pointer_append(where, key));
  }

  bool boolean(const json& object, const char* key, const std::string& where, bool fallback) {
    const auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (!it->is_boolean()) {
      error(pointer_append(where, key), "must be true or false");
      return fallback;
    }
    return it->get<bool>();
  }

  const json* array(const json& object, const char* key, const std::string& where, bool required,
                    std::size_t min_size = 0) {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required)
        error(pointer_append(where, key), std::string("is missing: \"") + key + "\" is required for this item type");
      return nullptr;
    }
    if (!it->is_array()) {
      error(pointer_append(where, key), "must be an array");
      return nullptr;
    }
    if (it->size() < min_size) {
      error(pointer_append(where, key), "needs at least " + std::to_string(min_size) + " entries");
    }
    return &*it;
  }

  std::vector<std::string> string_list(const json& object, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const json* list = array(object, key, where, false);
    if (list == nullptr) return out;
    const std::string base = pointer_append(where, key);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& v = (*list)[i];
      if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
        error(pointer_append(base, i), "must be a non-empty string");
        continue;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  // An array of {"id", "text", ...} objects with unique non-empty ids; `visit` reads the other members.
  template <typename Visit>
  std::vector<std::string> entries(const json& object, const char* key, const std::string& where, std::size_t min_size,
                                   Visit visit) {
    std::vector<std::string> ids;
    const json* list = array(object, key, where, true, min_size);
    if (list == nullptr) return ids;
    const std::string base = pointer_append(where, key);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& entry = (*list)[i];
      const std::string at = pointer_append(base, i);
      if (!entry.is_object()) {
        error(at, "must be an object with \"id\" and \"text\"");
        continue;
      }
      std::string id;
      const auto id_it = entry.find("id");
      if (id_it == entry.end() || !id_it->is_string() || id_it->get_ref<const std::string&>().empty()) {
        error(pointer_append(at, "id"), "must be a non-empty string");
      } else {
        id = id_it->get<std::string>();
        if (!seen.insert(id).second) error(pointer_append(at, "id"), "repeats the id \"" + id + "\"");
      }
      const auto text_it = entry.find("text");
      if (text_it == entry.end()) {
        error(pointer_append(at, "text"), "is missing");
      } else {
        (void)text(*text_it, pointer_append(at, "text"));
      }
      visit(entry, at, id);
      ids.push_back(id);
    }
    return ids;
  }

  const std::string& language() const { return language_; }

 private:
  std::vector<Problem>& problems_;
  std::string language_;
};

// A coordinate for hotspots: exact, |v| <= 10^6, at most 6 decimal places; returned × 10^6.
std::optional<i128> coordinate(const json& value) {
  const auto f = Fraction::parse(value);
  if (!f || f->num > static_cast<std::int64_t>(1'000'000) * f->den ||
      f->num < -static_cast<std::int64_t>(1'000'000) * f->den || 1'000'000 % f->den != 0) {
    return std::nullopt;
  }
  return static_cast<i128>(f->num) * (1'000'000 / f->den);
}

Matcher read_matcher(Reader& in, const json& object, const std::string& where, const detail::TextOptions& options) {
  Matcher m;
  const json* accepted = in.array(object, "accepted", where, false);
  if (accepted != nullptr) {
    for (std::size_t i = 0; i < accepted->size(); ++i) {
      const json& v = (*accepted)[i];
      if (!v.is_string()) {
        in.error(pointer_append(pointer_append(where, "accepted"), i), "must be a string");
        continue;
      }
      m.accepted.push_back(detail::normalise(v.get_ref<const std::string&>(), options));
    }
  }
  const json* patterns = in.array(object, "patterns", where, false);
  if (patterns != nullptr) {
    for (std::size_t i = 0; i < patterns->size(); ++i) {
      const json& v = (*patterns)[i];
      const std::string at = pointer_append(pointer_append(where, "patterns"), i);
      if (!v.is_string()) {
        in.error(at, "must be a string (a regular expression)");
        continue;
      }
      auto compiled = detail::compile_regex(v.get_ref<const std::string&>(), !options.case_sensitive);
      if (!compiled.regex) {
        in.error(at, "is not a pattern this engine accepts: " + compiled.error,
                 "supported: literals . [a-z] [^...] \\d \\w \\s ^ $ ( ) | * + ? {m,n} (counts up to 50), "
                 "at most 256 bytes; no backreferences or lookaround");
        continue;
      }
      m.patterns.push_back(std::move(*compiled.regex));
    }
  }
  if ((accepted == nullptr || accepted->empty()) && (patterns == nullptr || patterns->empty())) {
    in.error(where, "needs at least one accepted answer or pattern", R"(add "accepted": ["..."])");
  }
  return m;
}

void read_choices(Reader& in, const json& item, const std::string& where, Spec& spec, bool with_correct) {
  in.entries(item, "choices", where, 2, [&](const json& entry, const std::string& at, const std::string& id) {
    Choice c;
    c.id = id;
    if (with_correct) {
      c.correct = in.boolean(entry, "correct", at, false);
      c.fraction = in.optional_fraction(entry, "fraction", at);
      if (c.fraction && (*c.fraction < Fraction::of(-1) || Fraction::of(1) < *c.fraction)) {
        in.error(pointer_append(at, "fraction"), "must lie between -1 and 1 (a share of the item's marks)");
      }
    }
    c.feedback = in.optional_text(entry, "feedback", at);
    spec.choices.push_back(std::move(c));
  });
}

void read_map(Reader& in, const json& item, const std::string& where, Spec& spec) {
  const auto it = item.find("map");
  if (it == item.end() || !it->is_object() || it->empty()) {
    in.error(pointer_append(where, "map"), "map-response needs a \"map\" object of choice id → value",
             R"(e.g. "map": {"A": 1, "B": "0.5"})");
    return;
  }
  std::set<std::string> ids;
  for (const Choice& c : spec.choices) ids.insert(c.id);
  const std::string base = pointer_append(where, "map");
  for (auto m = it->begin(); m != it->end(); ++m) {
    const std::string at = pointer_append(base, m.key());
    if (ids.count(m.key()) == 0) in.error(at, "maps \"" + m.key() + "\", which is not a choice id");
    const auto f = in.fraction(m.value(), at);
    if (f) spec.map[m.key()] = *f;
  }
  spec.map_default = in.optional_fraction(item, "mapDefault", where).value_or(Fraction{});
  spec.lower_bound = in.optional_fraction(item, "lowerBound", where);
  spec.upper_bound = in.optional_fraction(item, "upperBound", where);
  if (spec.lower_bound && spec.upper_bound && *spec.upper_bound < *spec.lower_bound) {
    in.error(pointer_append(where, "upperBound"), "is below lowerBound");
  }
}

Fraction map_value(const Spec& spec, const std::string& id) {
  const auto it = spec.map.find(id);
  return it == spec.map.end() ? spec.map_default : it->second;
}

Fraction map_bounded(const Spec& spec, Fraction sum) {
  if (spec.lower_bound && sum < *spec.lower_bound) sum = *spec.lower_bound;
  if (spec.upper_bound && *spec.upper_bound < sum) sum = *spec.upper_bound;
  return sum;
}

// The best total a response can reach under the map (single: one choice; multiple: any set).
Fraction map_full(const Spec& spec) {
  Fraction best;
  if (spec.type == ItemType::single_choice) {
    for (const Choice& c : spec.choices) best = std::max(best, map_value(spec, c.id));
  } else {
    for (const Choice& c : spec.choices) {
      const Fraction v = map_value(spec, c.id);
      if (Fraction{} < v) best = best + v;
    }
  }
  return map_bounded(spec, best);
}

// The fraction of a choice under the "fractions" rule: its own, else 1/k (k correct choices) or 1 for
// single choice when correct, else 0.
Fraction choice_fraction(const Spec& spec, const Choice& c) {
  if (c.fraction) return *c.fraction;
  if (!c.correct) return Fraction{};
  if (spec.type == ItemType::single_choice) return Fraction::of(1);
  std::int64_t k = 0;
  for (const Choice& other : spec.choices) k += other.correct ? 1 : 0;
  return Fraction::of(1, std::max<std::int64_t>(k, 1));
}

constexpr const char* item_types =
    "one of single-choice, multiple-response, true-false, numeric, short-text, fill-blanks, ordering, "
    "matching, hotspot, likert, free-text, reflection";

// The item's "type" (its row of the type table, or nullptr after a problem) and its "prompt".
const TypeInfo* read_type_and_prompt(const json& item, const std::string& where, Reader& in) {
  const auto type_it = item.find("type");
  const TypeInfo* info = nullptr;
  if (type_it == item.end() || !type_it->is_string()) {
    in.error(pointer_append(where, "type"), "is missing or not a string", item_types);
  } else {
    for (const TypeInfo& t : type_table()) {
      if (*type_it == t.name) info = &t;
    }
    if (info == nullptr) {
      in.error(pointer_append(where, "type"), "\"" + type_it->get<std::string>() + "\" is not an item type",
               item_types);
    }
  }
  const auto prompt_it = item.find("prompt");
  if (prompt_it == item.end()) {
    in.error(pointer_append(where, "prompt"), "is missing");
  } else {
    (void)in.text(*prompt_it, pointer_append(where, "prompt"));
  }
  return info;
}

// "rule": one the type allows, else the type's default.
void read_rule(const json& item, const std::string& where, const TypeInfo& info, Reader& in, Spec& spec) {
  spec.rule = info.default_rule;
  const auto rule_it = item.find("rule");
  if (rule_it == item.end()) return;
  const bool known = rule_it->is_string() &&
                     std::any_of(info.rules.begin(), info.rules.end(), [&](const char* r) { return *rule_it == r; });
  if (known) {
    spec.rule = rule_it->get<std::string>();
    return;
  }
  std::string list;
  for (const char* r : info.rules) list += (list.empty() ? "" : ", ") + std::string(r);
  in.error(pointer_append(where, "rule"),
           spec.scored ? "is not a rule for " + std::string(info.name) + " items"
                       : std::string(info.name) + " items are not scored and take no rule",
           "allowed: " + list);
}

// "weight" and the item's own "feedback" for a right and a wrong answer.
void read_weight_and_feedback(const json& item, const std::string& where, Reader& in, Spec& spec) {
  if (const auto w = in.optional_fraction(item, "weight", where)) {
    if (!(Fraction{} < *w)) {
      in.error(pointer_append(where, "weight"), "must be above 0");
    } else {
      spec.weight = *w;
    }
  }
  if (const auto fb = item.find("feedback"); fb != item.end()) {
    if (!fb->is_object()) {
      in.error(pointer_append(where, "feedback"), "must be an object with \"correct\" and/or \"incorrect\" texts");
    } else {
      const std::string at = pointer_append(where, "feedback");
      spec.feedback_correct = in.optional_text(*fb, "correct", at);
      spec.feedback_incorrect = in.optional_text(*fb, "incorrect", at);
    }
  }
}

// "hints": each a text and a penalty in [0, 1] (a share of the item's marks).
void read_hints(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const json* hints = in.array(item, "hints", where, false);
  if (hints == nullptr) return;
  for (std::size_t i = 0; i < hints->size(); ++i) {
    const json& h = (*hints)[i];
    const std::string at = pointer_append(pointer_append(where, "hints"), i);
    if (!h.is_object()) {
      in.error(at, "a hint must be an object with \"text\" and an optional \"penalty\"");
      continue;
    }
    if (h.find("text") == h.end()) {
      in.error(pointer_append(at, "text"), "is missing");
    } else {
      (void)in.text(h["text"], pointer_append(at, "text"));
    }
    Fraction penalty = in.optional_fraction(h, "penalty", at).value_or(Fraction{});
    if (penalty < Fraction{} || Fraction::of(1) < penalty) {
      in.error(pointer_append(at, "penalty"), "must lie between 0 and 1 (a share of the item's marks)");
      penalty = Fraction{};
    }
    spec.hint_penalties.push_back(penalty);
  }
}

// "negativeMarking" (true, false or a factor) and "certainty", and the combinations they exclude.
void read_marking(const json& item, const std::string& where, Reader& in, Spec& spec) {
  if (const auto nm = item.find("negativeMarking"); nm != item.end()) {
    const std::string at = pointer_append(where, "negativeMarking");
    if (nm->is_boolean()) {
      spec.negative = nm->get<bool>() ? Fraction::of(1) : Fraction{};
    } else if (const auto p = in.fraction(*nm, at)) {
      if (*p < Fraction{} || Fraction::of(1) < *p) {
        in.error(at, "must be true, false, or a factor between 0 and 1");
      } else {
        spec.negative = *p;
      }
    }
    if (!spec.scored && Fraction{} < spec.negative) in.error(at, "unscored items cannot mark negatively");
    if (spec.rule == "map-response" && Fraction{} < spec.negative) {
      in.error(at, "map-response has its own bounds", "set \"lowerBound\" below 0 instead");
    }
  }
  spec.certainty = in.boolean(item, "certainty", where, false);
  if (spec.certainty && !spec.scored) {
    in.error(pointer_append(where, "certainty"), "unscored items take no certainty-based marking");
  }
  if (spec.certainty && Fraction{} < spec.negative) {
    in.error(pointer_append(where, "certainty"), "certainty-based marking already penalises wrong answers",
             "remove \"negativeMarking\"");
  }
}

void read_text_options(const json& item, const std::string& where, Reader& in, Spec& spec) {
  spec.text_options.case_sensitive = in.boolean(item, "caseSensitive", where, false);
  spec.text_options.collapse_whitespace = in.boolean(item, "collapseWhitespace", where, true);
  spec.text_options.ignore_diacritics = in.boolean(item, "ignoreDiacritics", where, false);
}

// Single choice and multiple response: the choices, then the key the rule needs — a map that can score,
// fractions that reach full marks, or the right number of correct choices.
void read_choice_item(const json& item, const std::string& where, Reader& in, Spec& spec) {
  read_choices(in, item, where, spec, true);
  const auto correct =
      std::count_if(spec.choices.begin(), spec.choices.end(), [](const Choice& c) { return c.correct; });
  const std::string choices_at = pointer_append(where, "choices");
  if (spec.rule == "map-response") {
    read_map(in, item, where, spec);
    if (!spec.map.empty() && !(Fraction{} < map_full(spec))) {
      in.error(pointer_append(where, "map"), "no response can score above 0 under this map");
    }
  } else if (spec.rule == "fractions") {
    Fraction best;
    Fraction positive;
    for (const Choice& c : spec.choices) {
      const Fraction f = choice_fraction(spec, c);
      best = std::max(best, f);
      if (Fraction{} < f) positive = positive + f;
    }
    const Fraction reach = spec.type == ItemType::single_choice ? best : positive;
    if (reach < Fraction::of(1)) {
      in.error(choices_at, "no response reaches full marks: the best fractions add up to " + reach.to_string(),
               "give the right choices fractions that add up to 1 (or mark them \"correct\")");
    }
  } else {
    if (spec.type == ItemType::single_choice && correct != 1) {
      in.error(choices_at, "a single-choice item needs exactly one choice with \"correct\": true");
    }
    if (spec.type == ItemType::multiple_response && correct == 0) {
      in.error(choices_at, "needs at least one choice with \"correct\": true");
    }
  }
}

void read_true_false(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const auto it = item.find("correct");
  if (it == item.end() || !it->is_boolean()) {
    in.error(pointer_append(where, "correct"), "a true-false item needs \"correct\": true or false");
  } else {
    spec.truth = it->get<bool>();
  }
}

// "tolerance": {"absolute": x ≥ 0} or {"relative": x in [0, 1]}.
void read_tolerance(const json& tolerance, const std::string& at, Reader& in, Spec& spec) {
  const bool has_abs = tolerance.is_object() && tolerance.contains("absolute");
  const bool has_rel = tolerance.is_object() && tolerance.contains("relative");
  if (has_abs == has_rel) {
    in.error(at, "must be {\"absolute\": x} or {\"relative\": x}");
  } else if (has_abs) {
    if (const auto t = in.fraction(tolerance["absolute"], pointer_append(at, "absolute"))) {
      if (*t < Fraction{}) in.error(pointer_append(at, "absolute"), "must not be negative");
      spec.tolerance_kind = Spec::Tolerance::absolute;
      spec.tolerance = *t;
    }
  } else if (const auto t = in.fraction(tolerance["relative"], pointer_append(at, "relative"))) {
    if (*t < Fraction{} || Fraction::of(1) < *t) {
      in.error(pointer_append(at, "relative"), "must lie between 0 and 1 (0.05 is 5%)");
    }
    spec.tolerance_kind = Spec::Tolerance::relative;
    spec.tolerance = *t;
  }
}

void read_numeric(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const auto it = item.find("answer");
  if (it == item.end()) {
    in.error(pointer_append(where, "answer"), "a numeric item needs \"answer\" (an exact number)");
  } else if (const auto v = in.fraction(*it, pointer_append(where, "answer"))) {
    spec.value = *v;
  }
  if (const auto tol = item.find("tolerance"); tol != item.end()) {
    read_tolerance(*tol, pointer_append(where, "tolerance"), in, spec);
  }
  if (const auto u = item.find("unit"); u != item.end()) {
    if (!u->is_string() || u->get_ref<const std::string&>().empty()) {
      in.error(pointer_append(where, "unit"), "must be a non-empty string such as \"m\"");
    } else {
      spec.unit = u->get<std::string>();
    }
  }
  spec.unit_required = in.boolean(item, "unitRequired", where, false);
  if (spec.unit_required && spec.unit.empty()) {
    in.error(pointer_append(where, "unitRequired"), "requires a \"unit\"");
  }
}

// "gaps": one matcher each; a gap that is not an object still holds its place (with no answer accepted).
void read_gaps(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const json* gaps = in.array(item, "gaps", where, true, 1);
  if (gaps == nullptr) return;
  for (std::size_t i = 0; i < gaps->size(); ++i) {
    const std::string at = pointer_append(pointer_append(where, "gaps"), i);
    if (!(*gaps)[i].is_object()) {
      in.error(at, "a gap must be an object with \"accepted\" answers");
      spec.matchers.emplace_back();
      continue;
    }
    spec.matchers.push_back(read_matcher(in, (*gaps)[i], at, spec.text_options));
  }
}

// Premises, targets, and "pairs": every premise paired with one target.
void read_matching(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const auto ignore = [](const json&, const std::string&, const std::string&) {};
  spec.premises = in.entries(item, "premises", where, 1, ignore);
  const auto targets = in.entries(item, "targets", where, 1, ignore);
  spec.targets.insert(targets.begin(), targets.end());
  const auto pairs = item.find("pairs");
  const std::string at = pointer_append(where, "pairs");
  if (pairs == item.end() || !pairs->is_object()) {
    in.error(at, "a matching item needs \"pairs\": an object of premise id → target id");
    return;
  }
  for (auto p = pairs->begin(); p != pairs->end(); ++p) {
    const std::string pat = pointer_append(at, p.key());
    if (std::find(spec.premises.begin(), spec.premises.end(), p.key()) == spec.premises.end()) {
      in.error(pat, "\"" + p.key() + "\" is not a premise id");
    }
    if (!p.value().is_string() || spec.targets.count(p.value().get<std::string>()) == 0) {
      in.error(pat, "must be a target id");
      continue;
    }
    spec.pairs[p.key()] = p.value().get<std::string>();
  }
  for (const std::string& premise : spec.premises) {
    if (!premise.empty() && pairs->find(premise) == pairs->end()) {
      in.error(at, "premise \"" + premise + "\" has no pair", "every premise needs its one right target");
    }
  }
}

// A region's member `key` as a coordinate (× 10^6); 0 after a problem. `positive`: a size, above 0.
i128 region_coordinate(const json& region, const char* key, const std::string& at, bool positive, Reader& in) {
  const auto it = region.find(key);
  const std::string cat = pointer_append(at, key);
  std::optional<i128> v;
  if (it != region.end()) v = coordinate(*it);
  if (!v) {
    in.error(cat, "must be a number of pixels within ±10^6 with at most 6 decimal places");
    return 0;
  }
  if (positive && *v <= 0) in.error(cat, "must be above 0");
  return *v;
}

// A polygon's "points": at least three [x, y] vertices.
std::vector<Point> read_polygon(const json& region, const std::string& at, Reader& in) {
  std::vector<Point> points;
  const json* pts = in.array(region, "points", at, true, 3);
  if (pts == nullptr) return points;
  for (std::size_t k = 0; k < pts->size(); ++k) {
    const json& pt = (*pts)[k];
    const std::string pat = pointer_append(pointer_append(at, "points"), k);
    if (!pt.is_array() || pt.size() != 2) {
      in.error(pat, "a vertex must be [x, y]");
      continue;
    }
    const auto x = coordinate(pt[0]);
    const auto y = coordinate(pt[1]);
    if (!x || !y) {
      in.error(pat, "coordinates must be numbers within ±10^6 with at most 6 decimal places");
      continue;
    }
    points.push_back({*x, *y});
  }
  return points;
}

// One hotspot region: its shape with its coordinates, whether it is correct, its feedback; nullopt when
// it is not an object or its shape is unknown (the problem is reported).
std::optional<Region> read_region(const json& r, const std::string& at, Reader& in) {
  if (!r.is_object()) {
    in.error(at, "a region must be an object with a \"shape\"");
    return std::nullopt;
  }
  Region region;
  region.correct = in.boolean(r, "correct", at, true);
  region.feedback = in.optional_text(r, "feedback", at);
  const auto shape = r.find("shape");
  if (shape != r.end() && *shape == "rectangle") {
    region.shape = Region::Shape::rectangle;
    region.points = {{region_coordinate(r, "x", at, false, in), region_coordinate(r, "y", at, false, in)},
                     {region_coordinate(r, "w", at, true, in), region_coordinate(r, "h", at, true, in)}};
  } else if (shape != r.end() && *shape == "circle") {
    region.shape = Region::Shape::circle;
    region.points = {{region_coordinate(r, "cx", at, false, in), region_coordinate(r, "cy", at, false, in)},
                     {region_coordinate(r, "r", at, true, in), 0}};
  } else if (shape != r.end() && *shape == "polygon") {
    region.shape = Region::Shape::polygon;
    region.points = read_polygon(r, at, in);
  } else {
    in.error(pointer_append(at, "shape"), "must be \"rectangle\", \"circle\" or \"polygon\"");
    return std::nullopt;
  }
  return region;
}

void read_hotspot(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const json* regions = in.array(item, "regions", where, true, 1);
  if (regions == nullptr) return;
  bool any_correct = false;
  for (std::size_t i = 0; i < regions->size(); ++i) {
    auto region = read_region((*regions)[i], pointer_append(pointer_append(where, "regions"), i), in);
    if (!region) continue;
    any_correct = any_correct || region->correct;
    spec.regions.push_back(std::move(*region));
  }
  if (!any_correct) in.error(pointer_append(where, "regions"), "needs at least one region that is correct");
}

void read_likert(const json& item, const std::string& where, Reader& in, Spec& spec) {
  in.entries(item, "scale", where, 2, [&](const json& entry, const std::string& at, const std::string& id) {
    Choice c;
    c.id = id;
    c.feedback = in.optional_text(entry, "feedback", at);
    spec.choices.push_back(std::move(c));
  });
}

void read_max_length(const json& item, const std::string& where, Reader& in, Spec& spec) {
  const auto m = item.find("maxLength");
  if (m == item.end()) return;
  if (!m->is_number_unsigned() || m->get<std::uint64_t>() == 0 || m->get<std::uint64_t>() > max_free_text_bytes) {
    in.error(pointer_append(where, "maxLength"), "must be a whole number of bytes from 1 to 100000");
  } else {
    spec.max_length = static_cast<std::size_t>(m->get<std::uint64_t>());
  }
}

// What the item's type adds to the members every item has.
void read_type_members(const json& item, const std::string& where, Reader& in, Spec& spec) {
  switch (spec.type) {
    case ItemType::single_choice:
    case ItemType::multiple_response:
      read_choice_item(item, where, in, spec);
      break;
    case ItemType::true_false:
      read_true_false(item, where, in, spec);
      break;
    case ItemType::numeric:
      read_numeric(item, where, in, spec);
      break;
    case ItemType::short_text:
      read_text_options(item, where, in, spec);
      spec.matchers.push_back(read_matcher(in, item, where, spec.text_options));
      break;
    case ItemType::fill_blanks:
      read_text_options(item, where, in, spec);
      read_gaps(item, where, in, spec);
      break;
    case ItemType::ordering:
      spec.sequence =
          in.entries(item, "sequence", where, 2, [](const json&, const std::string&, const std::string&) {});
      break;
    case ItemType::matching:
      read_matching(item, where, in, spec);
      break;
    case ItemType::hotspot:
      read_hotspot(item, where, in, spec);
      break;
    case ItemType::likert:
      read_likert(item, where, in, spec);
      break;
    case ItemType::free_text:
    case ItemType::reflection:
      read_max_length(item, where, in, spec);
      break;
  }
}

Spec read_spec(const json& item, const std::string& where, Reader& in) {
  Spec spec;
  if (!item.is_object()) {
    in.error(where, "an item must be an object");
    return spec;
  }
  const TypeInfo* info = read_type_and_prompt(item, where, in);
  if (info == nullptr) return spec;
  spec.type = info->type;
  spec.scored = std::string(info->default_rule) != "none";
  read_rule(item, where, *info, in, spec);
  read_weight_and_feedback(item, where, in, spec);
  read_hints(item, where, in, spec);
  read_marking(item, where, in, spec);
  read_type_members(item, where, in, spec);
  return spec;
}

// ---- scoring --------------------------------------------------------------------------------------

struct Raw {
  Fraction value;  // in rule units, already clamped by the rule
  Fraction full;   // full marks in rule units (1, or the map's best total)
  Fraction floor;  // the rule's minimum (for hint penalties)
  bool empty = false;
  std::vector<std::string> feedback;  // per-choice / per-region
};

// Partial credit from parts: (right − p × wrong) / n, clamped to [−p, 1]; unanswered parts count neither.
Fraction parts_score(std::int64_t right, std::int64_t wrong, std::int64_t n, Fraction p) {
  const Fraction v = (Fraction::of(right) - p * Fraction::of(wrong)) / Fraction::of(n);
  return clamp(v, Fraction{} - p, Fraction::of(1));
}

Fraction all_or_nothing(bool right, Fraction p) { return right ? Fraction::of(1) : Fraction{} - p; }

bool matches(const Matcher& m, std::string_view answer, const detail::TextOptions& options) {
  const std::u32string norm = detail::normalise(answer, options);
  for (const auto& a : m.accepted) {
    if (a == norm) return true;
  }
  for (const auto& r : m.patterns) {
    if (detail::regex_full_match(r, norm)) return true;
  }
  return false;
}

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// The learner's number: a decimal at the start ([+-]digits[.digits][e[+-]digits]) and the rest as unit.
bool split_number(const std::string& typed, std::string& number, std::string& unit) {
  std::size_t i = 0;
  const std::size_t n = typed.size();
  auto digit = [&](std::size_t k) { return k < n && typed[k] >= '0' && typed[k] <= '9'; };
  if (i < n && (typed[i] == '+' || typed[i] == '-')) ++i;
  bool any = false;
  while (digit(i)) ++i, any = true;
  if (i < n && typed[i] == '.') {
    ++i;
    while (digit(i)) ++i, any = true;
  }
  if (!any) return false;
  if (i < n && (typed[i] == 'e' || typed[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < n && (typed[k] == '+' || typed[k] == '-')) ++k;
    if (digit(k)) {
      while (digit(k)) ++k;
      i = k;
    }
  }
  number = typed.substr(0, i);
  unit = trim(std::string_view(typed).substr(i));
  return true;
}

i128 abs128(i128 v) { return v < 0 ? -v : v; }

// |x − a| <= tolerance, exactly, in 128 bits (the load limits keep every product below 2^127).
bool within(const Spec& spec, Fraction x) {
  const Fraction a = spec.value;
  const i128 diff_num = abs128(static_cast<i128>(x.num) * a.den - static_cast<i128>(a.num) * x.den);  // / (xd·ad)
  switch (spec.tolerance_kind) {
    case Spec::Tolerance::exact:
      return diff_num == 0;
    case Spec::Tolerance::absolute:
      // diff_num / (xd·ad) <= tn / td
      return diff_num * spec.tolerance.den <= static_cast<i128>(spec.tolerance.num) * x.den * a.den;
    case Spec::Tolerance::relative:
      // diff_num / (xd·ad) <= (rn / rd) · |an| / ad   ⇔   diff_num · rd <= rn · |an| · xd
      return diff_num * spec.tolerance.den <= static_cast<i128>(spec.tolerance.num) * abs128(a.num) * x.den;
  }
  return false;
}

bool inside(const Region& region, Point p) {
  switch (region.shape) {
    case Region::Shape::rectangle: {
      const Point o = region.points[0];
      const Point size = region.points[1];
      return p.x >= o.x && p.x <= o.x + size.x && p.y >= o.y && p.y <= o.y + size.y;
    }
    case Region::Shape::circle: {
      const i128 dx = p.x - region.points[0].x;
      const i128 dy = p.y - region.points[0].y;
      const i128 r = region.points[1].x;
      return dx * dx + dy * dy <= r * r;
    }
    case Region::Shape::polygon: {
      const auto& v = region.points;
      bool in = false;
      for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
        const Point a = v[j];
        const Point b = v[i];
        // On the edge (collinear and within its bounding box): inside.
        const i128 cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if (cross == 0 && std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
            p.y <= std::max(a.y, b.y)) {
          return true;
        }
        // Even-odd crossing of the ray to +x, with the half-open rule on y.
        if ((a.y > p.y) != (b.y > p.y)) {
          // p.x < a.x + (p.y − a.y)(b.x − a.x)/(b.y − a.y), multiplied through by (b.y − a.y) with its sign.
          const i128 lhs = (p.x - a.x) * (b.y - a.y);
          const i128 rhs = (p.y - a.y) * (b.x - a.x);
          const bool crosses = (b.y - a.y) > 0 ? lhs < rhs : lhs > rhs;
          if (crosses) in = !in;
        }
      }
      return in;
    }
  }
  return false;
}

// A Raw for `spec` before any answer is read: full marks 1, the negative-marking floor, nothing scored.
Raw unscored_raw(const Spec& spec) {
  Raw raw;
  raw.full = Fraction::of(1);
  raw.floor = Fraction{} - spec.negative;
  return raw;
}

// The choice ids a single-choice or multiple-response answer picks, each checked to be a choice.
Result<std::set<std::string>> picked_choices(const Spec& spec, const json& answer, const std::string& at) {
  std::set<std::string> picked;
  if (spec.type == ItemType::single_choice) {
    if (!answer.is_null() && !answer.is_string()) {
      return error_at(at, "a single-choice answer must be a choice id (a string) or null");
    }
    if (answer.is_string()) picked.insert(answer.get<std::string>());
  } else {
    if (!answer.is_array()) return error_at(at, "a multiple-response answer must be an array of choice ids");
    for (std::size_t i = 0; i < answer.size(); ++i) {
      if (!answer[i].is_string()) return error_at(pointer_append(at, i), "must be a choice id (a string)");
      picked.insert(answer[i].get<std::string>());
    }
  }
  for (const std::string& id : picked) {
    const bool known =
        std::any_of(spec.choices.begin(), spec.choices.end(), [&](const Choice& c) { return c.id == id; });
    if (!known) return error_at(at, "\"" + id + "\" is not one of this item's choices");
  }
  return picked;
}

// The picked choices under the item's rule: map-response, fractions, every-decision or all-or-nothing.
Fraction choice_rule_value(const Spec& spec, const std::set<std::string>& picked) {
  const Fraction p = spec.negative;
  Fraction sum;
  if (spec.rule == "map-response") {
    for (const std::string& id : picked) sum = sum + map_value(spec, id);
    return map_bounded(spec, sum);
  }
  if (spec.rule == "fractions") {
    for (const Choice& c : spec.choices) {
      if (picked.count(c.id) != 0) sum = sum + choice_fraction(spec, c);
    }
    return clamp(sum, Fraction{} - p, Fraction::of(1));
  }
  if (spec.rule == "every-decision") {
    std::int64_t right = 0;
    for (const Choice& c : spec.choices) right += (picked.count(c.id) != 0) == c.correct ? 1 : 0;
    const auto n = static_cast<std::int64_t>(spec.choices.size());
    return parts_score(right, n - right, n, p);
  }
  bool exact = true;
  for (const Choice& c : spec.choices) exact = exact && ((picked.count(c.id) != 0) == c.correct);
  return all_or_nothing(exact, p);
}

Result<Raw> score_choices(const Spec& spec, const json& answer, const std::string& at) {
  auto picked = picked_choices(spec, answer, at);
  if (!picked) return picked.problems();
  Raw raw = unscored_raw(spec);
  raw.empty = picked.value().empty();
  for (const Choice& c : spec.choices) {
    if (picked.value().count(c.id) != 0 && !c.feedback.empty()) raw.feedback.push_back(c.feedback);
  }
  if (spec.rule == "map-response") {
    raw.full = map_full(spec);
    raw.floor = spec.lower_bound ? std::min(*spec.lower_bound, Fraction{}) : Fraction{};
  }
  if (!raw.empty) raw.value = choice_rule_value(spec, picked.value());
  return raw;
}

Result<Raw> score_true_false(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_null() && !answer.is_boolean()) return error_at(at, "a true-false answer must be true, false or null");
  Raw raw = unscored_raw(spec);
  raw.empty = answer.is_null();
  if (!raw.empty) raw.value = all_or_nothing(answer.get<bool>() == spec.truth, spec.negative);
  return raw;
}

Result<Raw> score_numeric(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_null() && !answer.is_string()) {
    return error_at(at, "a numeric answer must be the text the learner typed (a string), or null");
  }
  const std::string typed = answer.is_string() ? trim(answer.get<std::string>()) : std::string();
  if (typed.size() > 200) return error_at(at, "a numeric answer longer than 200 bytes");
  Raw raw = unscored_raw(spec);
  raw.empty = typed.empty();
  if (raw.empty) return raw;
  std::string number;
  std::string unit;
  bool right = false;
  if (split_number(typed, number, unit)) {
    const auto x = detail::parse_exact_text(number);
    const bool unit_ok = unit.empty() ? !spec.unit_required : unit == spec.unit;
    right = x && unit_ok && within(spec, *x);
  }
  raw.value = all_or_nothing(right, spec.negative);
  return raw;
}

Result<Raw> score_short_text(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_null() && !answer.is_string()) return error_at(at, "a short-text answer must be a string or null");
  const std::string typed = answer.is_string() ? answer.get<std::string>() : std::string();
  if (typed.size() > max_answer_bytes) return error_at(at, "a short-text answer longer than 10000 bytes");
  Raw raw = unscored_raw(spec);
  raw.empty = detail::normalise(typed, {false, true, false}).empty();
  if (!raw.empty) raw.value = all_or_nothing(matches(spec.matchers[0], typed, spec.text_options), spec.negative);
  return raw;
}

// Right and wrong parts of an answer made of parts; parts left unanswered count neither.
struct PartCounts {
  std::int64_t right = 0;
  std::int64_t wrong = 0;
};

// The parts' score under a per-part rule, or all-or-nothing over the n parts.
Raw parts_raw(const Spec& spec, PartCounts counts, std::int64_t n) {
  Raw raw = unscored_raw(spec);
  raw.empty = counts.right + counts.wrong == 0;
  if (raw.empty) return raw;
  raw.value = spec.rule == "all-or-nothing" ? all_or_nothing(counts.right == n, spec.negative)
                                            : parts_score(counts.right, counts.wrong, n, spec.negative);
  return raw;
}

Result<Raw> score_fill_blanks(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_array() || answer.size() != spec.matchers.size()) {
    return error_at(at, "a fill-blanks answer must be an array of " + std::to_string(spec.matchers.size()) +
                            " strings (null for a blank left empty), one per gap");
  }
  PartCounts counts;
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const json& g = answer[i];
    if (!g.is_null() && !g.is_string()) return error_at(pointer_append(at, i), "must be a string or null");
    const std::string typed = g.is_string() ? g.get<std::string>() : std::string();
    if (typed.size() > max_answer_bytes) return error_at(pointer_append(at, i), "a gap longer than 10000 bytes");
    if (detail::normalise(typed, {false, true, false}).empty()) continue;
    if (matches(spec.matchers[i], typed, spec.text_options)) {
      ++counts.right;
    } else {
      ++counts.wrong;
    }
  }
  return parts_raw(spec, counts, static_cast<std::int64_t>(spec.matchers.size()));
}

Result<Raw> score_ordering(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_array()) return error_at(at, "an ordering answer must be an array of the item ids, in order");
  Raw raw = unscored_raw(spec);
  raw.empty = answer.empty();
  if (raw.empty) return raw;
  if (answer.size() != spec.sequence.size()) {
    return error_at(at, "an ordering answer must list all " + std::to_string(spec.sequence.size()) +
                            " ids exactly once (or be empty)");
  }
  std::vector<std::size_t> position;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const json& v = answer[i];
    const auto found = v.is_string() ? std::find(spec.sequence.begin(), spec.sequence.end(), v.get<std::string>())
                                     : spec.sequence.end();
    if (found == spec.sequence.end()) return error_at(pointer_append(at, i), "is not one of this item's ids");
    if (!seen.insert(*found).second) return error_at(pointer_append(at, i), "repeats an id");
    position.push_back(static_cast<std::size_t>(found - spec.sequence.begin()));
  }
  if (spec.rule == "adjacent-pairs") {
    std::int64_t right = 0;
    for (std::size_t i = 0; i + 1 < position.size(); ++i) right += position[i + 1] == position[i] + 1 ? 1 : 0;
    const auto n = static_cast<std::int64_t>(position.size()) - 1;
    raw.value = parts_score(right, n - right, n, spec.negative);
  } else {
    bool exact = true;
    for (std::size_t i = 0; i < position.size(); ++i) exact = exact && position[i] == i;
    raw.value = all_or_nothing(exact, spec.negative);
  }
  return raw;
}

Result<Raw> score_matching(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_object()) return error_at(at, "a matching answer must be an object of premise id → target id");
  PartCounts counts;
  for (auto it = answer.begin(); it != answer.end(); ++it) {
    const std::string pat = pointer_append(at, it.key());
    if (std::find(spec.premises.begin(), spec.premises.end(), it.key()) == spec.premises.end()) {
      return error_at(pat, "\"" + it.key() + "\" is not one of this item's premises");
    }
    if (it.value().is_null()) continue;
    if (!it.value().is_string() || spec.targets.count(it.value().get<std::string>()) == 0) {
      return error_at(pat, "must be a target id or null");
    }
    const auto pair = spec.pairs.find(it.key());
    if (pair != spec.pairs.end() && pair->second == it.value().get<std::string>()) {
      ++counts.right;
    } else {
      ++counts.wrong;
    }
  }
  return parts_raw(spec, counts, static_cast<std::int64_t>(spec.premises.size()));
}

Result<Raw> score_hotspot(const Spec& spec, const json& answer, const std::string& at) {
  Raw raw = unscored_raw(spec);
  raw.empty = answer.is_null();
  if (raw.empty) return raw;
  if (!answer.is_object() || answer.find("x") == answer.end() || answer.find("y") == answer.end()) {
    return error_at(at, "a hotspot answer must be a point {\"x\": …, \"y\": …} in image pixels, or null");
  }
  const auto x = coordinate(answer["x"]);
  const auto y = coordinate(answer["y"]);
  if (!x) return error_at(pointer_append(at, "x"), "must be a number within ±10^6 with at most 6 decimal places");
  if (!y) return error_at(pointer_append(at, "y"), "must be a number within ±10^6 with at most 6 decimal places");
  bool right = false;
  for (const Region& region : spec.regions) {
    if (!inside(region, {*x, *y})) continue;
    right = right || region.correct;
    if (!region.feedback.empty()) raw.feedback.push_back(region.feedback);
  }
  raw.value = all_or_nothing(right, spec.negative);
  return raw;
}

Result<Raw> score_likert(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_null() && !answer.is_string()) return error_at(at, "a likert answer must be a scale id or null");
  Raw raw = unscored_raw(spec);
  if (answer.is_string()) {
    const auto id = answer.get<std::string>();
    const auto c =
        std::find_if(spec.choices.begin(), spec.choices.end(), [&](const Choice& ch) { return ch.id == id; });
    if (c == spec.choices.end()) return error_at(at, "\"" + id + "\" is not one of this item's scale points");
    if (!c->feedback.empty()) raw.feedback.push_back(c->feedback);
  }
  raw.empty = answer.is_null();
  return raw;
}

Result<Raw> score_free_text(const Spec& spec, const json& answer, const std::string& at) {
  if (!answer.is_null() && !answer.is_string()) return error_at(at, "the answer must be a string or null");
  if (answer.is_string() && answer.get_ref<const std::string&>().size() > spec.max_length) {
    return error_at(at, "the answer is longer than this item's " + std::to_string(spec.max_length) + " bytes");
  }
  Raw raw = unscored_raw(spec);
  raw.empty = !answer.is_string() || answer.get_ref<const std::string&>().empty();
  return raw;
}

// null is "no answer" for every type (docs/scoring.md); the array and object types read it as their
// empty form, so an item left unanswered in an attempt scores 0 and still reports its maximum.
json empty_form_of(const Spec& spec) {
  if (spec.type == ItemType::multiple_response || spec.type == ItemType::ordering) return json::array();
  if (spec.type == ItemType::matching) return json::object();
  if (spec.type == ItemType::fill_blanks) return json(spec.matchers.size(), nullptr);
  return nullptr;
}

Result<Raw> raw_score(const Spec& spec, const json& given) {
  const json empty_form = given.is_null() ? empty_form_of(spec) : json();
  const json& answer = empty_form.is_null() ? given : empty_form;
  const std::string at = "/answer";
  switch (spec.type) {
    case ItemType::single_choice:
    case ItemType::multiple_response:
      return score_choices(spec, answer, at);
    case ItemType::true_false:
      return score_true_false(spec, answer, at);
    case ItemType::numeric:
      return score_numeric(spec, answer, at);
    case ItemType::short_text:
      return score_short_text(spec, answer, at);
    case ItemType::fill_blanks:
      return score_fill_blanks(spec, answer, at);
    case ItemType::ordering:
      return score_ordering(spec, answer, at);
    case ItemType::matching:
      return score_matching(spec, answer, at);
    case ItemType::hotspot:
      return score_hotspot(spec, answer, at);
    case ItemType::likert:
      return score_likert(spec, answer, at);
    case ItemType::free_text:
    case ItemType::reflection:
      return score_free_text(spec, answer, at);
  }
  return unscored_raw(spec);
}

const char* type_name(ItemType t) {
  for (const TypeInfo& info : type_table()) {
    if (info.type == t) return info.name;
  }
  return "?";
}

// Whether the response's certainty fits the item: 1-3 for an answered certainty-based item (0-3 when
// unanswered), 0 for every other item.
std::optional<Problem> certainty_problem(const Spec& spec, const Raw& raw, int certainty) {
  if (!spec.scored) {
    if (certainty != 0) return error_at("/certainty", std::string(type_name(spec.type)) + " items take no certainty");
    return std::nullopt;
  }
  if (!spec.certainty) {
    if (certainty != 0)
      return error_at("/certainty", "this item does not use certainty-based marking: certainty must be 0");
    return std::nullopt;
  }
  if (!raw.empty && (certainty < 1 || certainty > 3)) {
    return error_at("/certainty", "this item uses certainty-based marking: certainty must be 1, 2 or 3");
  }
  if (raw.empty && (certainty < 0 || certainty > 3))
    return error_at("/certainty", "certainty must be 0 (none), 1, 2 or 3");
  return std::nullopt;
}

// Hints: each shown hint takes its penalty × full marks, never below the rule's floor (a score already
// below the floor — negative marking — keeps its value).
Fraction after_hints(const Spec& spec, const Raw& raw, int hints_used) {
  Fraction value = raw.value;
  if (raw.empty) return value;
  Fraction penalty;
  for (int h = 0; h < hints_used; ++h) penalty = penalty + spec.hint_penalties[static_cast<std::size_t>(h)];
  if (Fraction{} < penalty) {
    const Fraction after = value - penalty * raw.full;
    value = after < raw.floor ? std::min(value, raw.floor) : after;
  }
  return value;
}

// Moodle CBM: right 1/2/3, wrong 0/−2/−6 at certainty 1/2/3; partial credit f interpolates linearly.
Fraction certainty_score(const Raw& raw, Fraction value, int certainty) {
  static constexpr std::array<std::int64_t, 4> right_marks = {0, 1, 2, 3};
  static constexpr std::array<std::int64_t, 4> wrong_marks = {0, 0, -2, -6};
  const auto c = static_cast<std::size_t>(certainty);
  const Fraction f = clamp(value / raw.full, Fraction{}, Fraction::of(1));
  const Fraction right = Fraction::of(right_marks[c]);
  const Fraction wrong = Fraction::of(wrong_marks[c]);
  return wrong + (right - wrong) * f;
}

}  // namespace

bool is_scored_type(std::string_view type) {
  const auto& table = type_table();
  const auto found = std::find_if(table.begin(), table.end(), [&](const TypeInfo& t) { return type == t.name; });
  return found != table.end() && std::string_view(found->default_rule) != "none";
}

Result<Item> load_item(const nlohmann::json& value, const std::string& where, const std::string& default_language) {
  try {
    std::vector<Problem> problems;
    Reader in(problems, default_language);
    Item item;
    if (value.is_object()) {
      const auto id = value.find("id");
      if (id == value.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
        in.error(pointer_append(where, "id"), "an item needs a non-empty string \"id\"");
      } else {
        item.id = id->get<std::string>();
      }
      item.competencies = in.string_list(value, "competencies", where);
      item.outcomes = in.string_list(value, "outcomes", where);
    }
    Spec spec = read_spec(value, where, in);
    if (has_errors(problems)) return problems;
    item.type = spec.type;
    item.rule = spec.rule;
    item.weight = spec.weight;
    item.scored = spec.scored;
    item.language = default_language;
    item.data = value;
    item.compiled = std::make_shared<const Spec>(spec);
    item.compiled_language = default_language;
    return item;
  } catch (const std::exception& e) {
    return error_at(where, std::string("the item could not be read: ") + e.what());
  }
}

Result<ItemResult> score_item(const Item& item, const Response& response) {
  try {
    // The spec parsed at load time, unless the caller asked for feedback in another language.
    std::optional<Spec> reread;
    if (!item.compiled || item.compiled_language != item.language) {
      std::vector<Problem> problems;
      Reader in(problems, item.language);
      reread = read_spec(item.data, "", in);
      if (has_errors(problems)) {
        return error_at("", "item \"" + item.id + "\" is not valid: load it with load_item first",
                        problems.front().where + ": " + problems.front().message);
      }
    }
    const Spec& spec = reread ? *reread : *std::static_pointer_cast<const Spec>(item.compiled);
    if (response.hints_used < 0 || static_cast<std::size_t>(response.hints_used) > spec.hint_penalties.size()) {
      return error_at("/hintsUsed", "hints used must be between 0 and " + std::to_string(spec.hint_penalties.size()));
    }
    auto raw_result = raw_score(spec, response.answer);
    if (!raw_result) return raw_result.problems();
    const Raw raw = std::move(raw_result).value();
    if (auto problem = certainty_problem(spec, raw, response.certainty)) return *problem;

    ItemResult result;
    result.feedback = raw.feedback;
    if (!spec.scored) return result;  // score 0, max 0, not correct
    result.correct = !raw.empty && raw.value == raw.full;
    const Fraction value = after_hints(spec, raw, response.hints_used);
    if (spec.certainty) {
      result.max = Fraction::of(3) * spec.weight;
      if (!raw.empty) result.score = certainty_score(raw, value, response.certainty) * spec.weight;
    } else {
      result.max = raw.full * spec.weight;
      result.score = value * spec.weight;
    }
    const std::string& item_feedback = result.correct ? spec.feedback_correct : spec.feedback_incorrect;
    if (!item_feedback.empty()) result.feedback.push_back(item_feedback);
    return result;
  } catch (const std::exception& e) {
    return error_at("", std::string("the response could not be scored exactly: ") + e.what());
  }
}

}  // namespace tessera::assess
