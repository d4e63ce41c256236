// A course's texts in one language beside its default language, for the translators' tools: which are
// translated, which are missing, and which are stale (the default-language text changed after the
// translation was made). docs/localisation.md.
//
// Staleness is kept in `translations.json` beside course.json: for each language, each translated text's
// JSON pointer → the digest of the default-language text it was translated from ("sha256:" and the first 16
// hex digits of its SHA-256), written by `tessera strings import`. A translation with no digest (written by
// hand) counts as current.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/course_texts.hpp"
#include "tessera/problem.hpp"

namespace tessera::cli {

inline constexpr const char* translations_file_name = "translations.json";

struct TextUnit {
  std::string pointer{};
  std::string source{};                 // the text in the course's default language
  std::optional<std::string> target{};  // the text in the language asked for, when the course has it
  bool stale = false;                   // the source's digest differs from the one recorded at translation
};

struct CourseTexts {
  course::Course course{};
  std::vector<TextUnit> units{};  // in document order
};

// The digest recorded for a source text.
[[nodiscard]] std::string source_digest(const std::string& source);

// `translations.json` in `folder`: {} when there is none; nullopt after saying why on stderr.
[[nodiscard]] std::optional<nlohmann::json> read_translation_record(const std::filesystem::path& folder,
                                                                    std::string_view command);

// Every text of the course (course_json, already read), with its `language` version and staleness by `record`;
// nullopt with the course's problems when it does not load.
[[nodiscard]] std::optional<CourseTexts> course_texts(const std::string& course_json, const std::string& language,
                                                      const nlohmann::json& record, std::vector<Problem>& problems);

// Warnings for every missing or stale translation, in every language the course lists but its default.
[[nodiscard]] std::vector<Problem> translation_problems(const std::string& course_json, const nlohmann::json& record);

}  // namespace tessera::cli
