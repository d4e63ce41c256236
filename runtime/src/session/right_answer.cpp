// An item's right answer and the learner's own answer, written out in words from the item's data in the content
// language, for the players to show after a wrong answer and on the review screen (docs/scoring.md, "Feedback").
#include <functional>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session::detail {

namespace {

std::string text_member(const json& entry, const char* member = "text") {
  const auto found = entry.find(member);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string first_accepted(const json& entry) {
  const auto accepted = entry.find("accepted");
  return accepted != entry.end() && accepted->is_array() && !accepted->empty() && (*accepted)[0].is_string()
             ? (*accepted)[0].get<std::string>()
             : std::string();
}

// A multiple-response item's right choices: those marked correct, with a positive fraction or a positive map value.
bool counts_as_right(const json& choice, const json& map) {
  const auto positive = [](const json& value) {
    const auto f = assess::Fraction::parse(value);
    return f && *f > assess::Fraction{};
  };
  const std::string id = text_member(choice, "id");
  return choice.value("correct", false) || (choice.contains("fraction") && positive(choice["fraction"])) ||
         (map.is_object() && map.contains(id) && positive(map[id]));
}

using FullMarks = std::function<bool(const json& response)>;

// The full-marks response of an item and its lines, read from the item's data in the content language; nothing
// for unscored items, hotspots (a place on an image, not words) and answers given only as patterns.
std::optional<std::pair<json, std::vector<std::string>>> answer_key(const assess::Item& item, const json& data,
                                                                    const FullMarks& full_marks,
                                                                    const strings::Catalogue& words) {
  using assess::ItemType;
  std::vector<std::string> lines;
  const auto numbered = [&](const char* key, std::size_t index, const std::string& text) {
    return words.text(key, {{"number", words.integer(static_cast<std::int64_t>(index + 1))}, {"text", text}});
  };
  switch (item.type) {
    case ItemType::single_choice:  // the first choice that alone scores full marks, whatever the rule
      for (const auto& choice : data.value("choices", json::array())) {
        const json id = text_member(choice, "id");
        if (full_marks(id)) return std::pair{id, std::vector{text_member(choice)}};
      }
      return std::nullopt;
    case ItemType::multiple_response: {
      json chosen = json::array();
      for (const auto& choice : data.value("choices", json::array())) {
        if (!counts_as_right(choice, item.data.value("map", json()))) continue;
        chosen.push_back(text_member(choice, "id"));
        lines.push_back(text_member(choice));
      }
      return std::pair{chosen, lines};
    }
    case ItemType::true_false: {
      const bool correct = data.value("correct", false);
      return std::pair{json(correct), std::vector{words.text(correct ? "ui.true" : "ui.false")}};
    }
    case ItemType::numeric: {
      const json& value = data.value("answer", json());
      std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      if (const std::string unit = text_member(data, "unit"); !unit.empty()) text += " " + unit;
      return std::pair{json(text), std::vector{text}};
    }
    case ItemType::short_text: {
      const std::string accepted = first_accepted(data);
      if (accepted.empty()) return std::nullopt;
      return std::pair{json(accepted), std::vector{accepted}};
    }
    case ItemType::fill_blanks: {
      json gaps = json::array();
      for (const auto& gap : data.value("gaps", json::array())) {
        const std::string accepted = first_accepted(gap);
        if (accepted.empty()) return std::nullopt;
        lines.push_back(numbered("recall.right-answer.gap", gaps.size(), accepted));
        gaps.push_back(accepted);
      }
      return std::pair{gaps, lines};
    }
    case ItemType::ordering: {
      json order = json::array();
      for (const auto& step : data.value("sequence", json::array())) {
        lines.push_back(numbered("recall.right-answer.step", order.size(), text_member(step)));
        order.push_back(text_member(step, "id"));
      }
      return std::pair{order, lines};
    }
    case ItemType::matching: {
      json pairs = json::object();
      const json targets = data.value("targets", json::array());
      const json key = data.value("pairs", json::object());
      for (const auto& premise : data.value("premises", json::array())) {
        const std::string id = text_member(premise, "id");
        const std::string target_id = key.is_object() ? text_member(key, id.c_str()) : std::string();
        const auto target = std::find_if(targets.begin(), targets.end(),
                                         [&](const json& t) { return text_member(t, "id") == target_id; });
        if (target == targets.end()) return std::nullopt;
        pairs[id] = target_id;
        lines.push_back(words.text("recall.right-answer.pair",
                                   {{"premise", text_member(premise)}, {"target", text_member(*target)}}));
      }
      return std::pair{pairs, lines};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

// The right answer shown once a card is checked. What the item's data says is right is confirmed by the scoring
// engine (full marks), so a key the lines cannot show faithfully (a numeric answer written as 1/3, say) shows none.
std::optional<view::RightAnswer> right_answer(const assess::Item& item, const course::Course& c,
                                              const std::string& language, const strings::Catalogue& words) {
  if (!item.scored) return std::nullopt;
  assess::Item localised = item;
  localised.language = language;
  const int certainty = item.data.value("certainty", false) ? 3 : 0;  // the highest level: full marks when right
  const FullMarks full_marks = [&](const json& response) {
    const auto scored = assess::score_item(localised, {response, certainty, 0});
    return scored && scored.value().correct;
  };
  const auto key = answer_key(item, localise(item.data, c.languages, language, c.default_language), full_marks, words);
  if (!key || !full_marks(key->first)) return std::nullopt;
  return view::RightAnswer{words.text("recall.right-answer"), key->second};
}

// The learner's own answer in words, in the content language, as the right answer is written ("You answered:
// Paris"); nothing for an unanswered item or a hotspot (a point on an image, not words).
std::vector<std::string> answer_lines(const assess::Item& item, const json& data, const json& answer,
                                      const strings::Catalogue& words) {
  using assess::ItemType;
  if (answer.is_null()) return {};
  const auto numbered = [&](const char* key, std::size_t index, const std::string& text) {
    return words.text(key, {{"number", words.integer(static_cast<std::int64_t>(index + 1))}, {"text", text}});
  };
  const auto text_of = [](const json& entries, const json& id) {
    for (const auto& entry : entries) {
      if (entry.is_object() && entry.value("id", json()) == id) return text_member(entry);
    }
    return id.is_string() ? id.get<std::string>() : id.dump();
  };
  const auto as_text = [](const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); };
  std::vector<std::string> lines;
  switch (item.type) {
    case ItemType::single_choice:
      return {text_of(data.value("choices", json::array()), answer)};
    case ItemType::multiple_response:
      if (!answer.is_array()) return {};
      for (const auto& id : answer) lines.push_back(text_of(data.value("choices", json::array()), id));
      return lines;
    case ItemType::true_false:
      if (!answer.is_boolean()) return {};
      return {words.text(answer.get<bool>() ? "ui.true" : "ui.false")};
    case ItemType::numeric:
    case ItemType::short_text:
      return {as_text(answer)};
    case ItemType::fill_blanks:
      if (!answer.is_array()) return {};
      for (std::size_t i = 0; i < answer.size(); ++i)
        lines.push_back(numbered("recall.right-answer.gap", i, as_text(answer[i])));
      return lines;
    case ItemType::ordering:
      if (!answer.is_array()) return {};
      for (std::size_t i = 0; i < answer.size(); ++i) {
        lines.push_back(
            numbered("recall.right-answer.step", i, text_of(data.value("sequence", json::array()), answer[i])));
      }
      return lines;
    case ItemType::matching:
      if (!answer.is_object()) return {};
      for (const auto& premise : data.value("premises", json::array())) {
        const auto target = answer.find(text_member(premise, "id"));
        if (target == answer.end()) continue;
        lines.push_back(words.text(
            "recall.right-answer.pair",
            {{"premise", text_member(premise)}, {"target", text_of(data.value("targets", json::array()), *target)}}));
      }
      return lines;
    default:
      return {};
  }
}

}  // namespace tessera::session::detail
