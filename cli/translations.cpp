// A course's texts in one language beside its default language: translated, missing or stale (translations.hpp).
#include "translations.hpp"

#include <algorithm>

#include "files.hpp"
#include "json_patch.hpp"
#include "tessera/crypto.hpp"
#include "tessera/json_text.hpp"

namespace tessera::cli {

std::string source_digest(const std::string& source) {
  (void)crypto::init();
  return "sha256:" + crypto::to_hex(crypto::sha256(crypto::as_bytes(source))).substr(0, 16);
}

std::optional<nlohmann::json> read_translation_record(const std::filesystem::path& folder, std::string_view command) {
  const auto path = folder / translations_file_name;
  if (!std::filesystem::exists(path)) return nlohmann::json::object();
  auto file = read_json_file(path, command, json_text::course_file);
  if (!file.value) return std::nullopt;
  if (!file.value->is_object()) {
    std::fprintf(stderr,
                 "tessera %.*s: %s: must be an object of languages, each an object of JSON pointers to digests\n",
                 static_cast<int>(command.size()), command.data(), path.string().c_str());
    return std::nullopt;
  }
  return file.value;
}

std::optional<CourseTexts> course_texts(const std::string& course_json, const std::string& language,
                                        const nlohmann::json& record, std::vector<Problem>& problems) {
  auto texts = course::text_pointers(course_json);
  problems = texts.problems;
  if (!texts.course) return std::nullopt;
  const auto spans = locate_json(course_json);
  const auto document = nlohmann::json::parse(course_json);
  const std::string& source_language = texts.course->default_language;
  const nlohmann::json* digests = nullptr;
  if (const auto it = record.find(language); it != record.end() && it->is_object()) digests = &*it;
  std::vector<std::pair<std::size_t, TextUnit>> found;
  for (const auto& pointer : texts.pointers) {
    const JsonSpan* span = spans.find(pointer);
    if (!span) continue;  // a reader's pointer that names no value (none today; kept out of the units)
    const auto& value = document.at(nlohmann::json::json_pointer(pointer));
    TextUnit unit{.pointer = pointer};
    if (value.is_string()) {
      unit.source = value.get<std::string>();
    } else if (value.is_object() && value.contains(source_language)) {
      unit.source = value[source_language].get<std::string>();
      if (value.contains(language)) unit.target = value[language].get<std::string>();
    } else {
      continue;
    }
    if (language == source_language) unit.target = unit.source;
    if (unit.target && digests && digests->contains(pointer) && (*digests)[pointer].is_string()) {
      unit.stale = (*digests)[pointer].get<std::string>() != source_digest(unit.source);
    }
    found.emplace_back(span->begin, std::move(unit));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  CourseTexts result{.course = std::move(*texts.course)};
  for (auto& entry : found) result.units.push_back(std::move(entry.second));
  return result;
}

std::vector<Problem> translation_problems(const std::string& course_json, const nlohmann::json& record) {
  std::vector<Problem> problems;
  std::vector<Problem> ignored;
  const auto loaded = course::load(course_json);
  if (!loaded.course) return problems;
  for (const auto& language : loaded.course->languages) {
    if (language == loaded.course->default_language) continue;
    const auto texts = course_texts(course_json, language, record, ignored);
    if (!texts) continue;
    const std::string fix = "tessera strings export COURSE --lang " + language +
                            " --out FILE.xlf, translate, then tessera strings import COURSE FILE.xlf";
    for (const auto& unit : texts->units) {
      if (!unit.target) {
        problems.push_back(warning_at(unit.pointer,
                                      "no " + language + " translation (the course lists " + language +
                                          "; learners in it see the " + loaded.course->default_language + " text)",
                                      fix));
      } else if (unit.stale) {
        problems.push_back(warning_at(unit.pointer,
                                      "the " + language + " translation is stale: the " +
                                          loaded.course->default_language + " text changed after it was translated",
                                      fix));
      }
    }
  }
  return problems;
}

}  // namespace tessera::cli
