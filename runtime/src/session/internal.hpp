// What the session's parts share (fold.cpp, actions.cpp, view*.cpp, scenario_actions.cpp): event names,
// limits, and how authored text is put into the view's language.
#pragma once

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/assess.hpp"
#include "tessera/course.hpp"
#include "tessera/strings.hpp"
#include "tessera/view.hpp"

namespace tessera::session::detail {

using course::BlockType;
using nlohmann::json;

// Event types this runtime writes, and the actions that produce them.
inline constexpr const char* event_block_opened = "block.opened";
inline constexpr const char* event_block_completed = "block.completed";
inline constexpr const char* event_reflection_saved = "reflection.saved";
inline constexpr const char* event_survey_submitted = "survey.submitted";
inline constexpr const char* event_attempt_started = "attempt.started";
inline constexpr const char* event_answer_submitted = "answer.submitted";
inline constexpr const char* event_attempt_submitted = "attempt.submitted";
inline constexpr const char* event_recall_reviewed = "recall.reviewed";
inline constexpr const char* event_project_draft_saved = "project.draft-saved";
inline constexpr const char* event_project_self_checked = "project.self-checked";
inline constexpr const char* event_project_submitted = "project.submitted";
inline constexpr const char* event_project_reviewed = "project.reviewed";

// When the host's clock reads earlier than the last event (set back, or another device's), the event takes
// the last event's time and keeps how far behind the clock was in this payload member (docs/record.md).
inline constexpr const char* clock_skew_member = "clockSkewMs";

inline constexpr std::size_t max_reflection_bytes = 20000;
inline constexpr std::size_t max_survey_text_bytes = 5000;

inline bool completes_by_reading(BlockType type) {
  switch (type) {
    case BlockType::text:
    case BlockType::image:
    case BlockType::video:
    case BlockType::audio:
    case BlockType::case_study:
    case BlockType::takeaways:
      return true;
    default:
      return false;
  }
}

// A share (0…1) as a whole percent, rounded half up.
inline std::int64_t whole_percent(const assess::Fraction& f) { return f.den == 0 ? 0 : (f.num * 200 / f.den + 1) / 2; }

// Replaces every {language: string} object in authored block data with the string for `language`.
inline json localise(const json& value, const std::vector<std::string>& languages, const std::string& language,
                     const std::string& fallback) {
  if (value.is_object()) {
    const bool is_text =
        !value.empty() && std::all_of(value.items().begin(), value.items().end(), [&](const auto& item) {
          return item.value().is_string() &&
                 std::find(languages.begin(), languages.end(), item.key()) != languages.end();
        });
    if (is_text) {
      if (value.contains(language)) return value[language];
      if (value.contains(fallback)) return value[fallback];
      return value.begin().value();
    }
    json out = json::object();
    for (const auto& [key, member] : value.items()) out[key] = localise(member, languages, language, fallback);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(localise(item, languages, language, fallback));
    return out;
  }
  return value;
}

// The players' chrome words every screen carries (the view's `words`; the review screen's, with its own).
inline std::map<std::string, std::string> chrome_words(const strings::Catalogue& words) {
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : words.entries().items()) {
    if (key.starts_with("ui.") || key.starts_with("certainty.") || key == "language.switch") out[key] = words.text(key);
  }
  return out;
}

// A fraction as the learner reads it: "3.5", "3,5", "2".
inline std::string shown_number(const strings::Catalogue& words, const assess::Fraction& f) {
  return words.decimal(f.num, f.den);
}

inline std::string payload_block(const json& payload) {
  const auto found = payload.find("block");
  return found != payload.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// right_answer.cpp: an item's right answer (confirmed full marks by the scoring engine) and the learner's own
// answer, written out in words; nothing where the item cannot be written out faithfully.
std::optional<view::RightAnswer> right_answer(const assess::Item& item, const course::Course& c,
                                              const std::string& language, const strings::Catalogue& words);
std::vector<std::string> answer_lines(const assess::Item& item, const json& data, const json& answer,
                                      const strings::Catalogue& words);

// An action the view offers: what the player sends back and its label.
inline view::Action action(json send, std::string label, bool primary = false) {
  view::Action a;
  a.send = std::move(send);
  a.label = std::move(label);
  a.primary = primary;
  return a;
}

}  // namespace tessera::session::detail
