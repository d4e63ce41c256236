// `tessera strings export|import`: a course's texts, or the interface catalogue, as XLIFF 2.0 for translators
// and back (docs/localisation.md). Import patches the string values in the original bytes (json_patch.hpp),
// so an unchanged round trip gives the same file byte for byte and an edited target changes that string only.
//   tessera strings export COURSE|--interface --lang L --out FILE.xlf [--dir STRINGS_DIR]
//   tessera strings import COURSE|--interface FILE.xlf [--dir STRINGS_DIR]
// Exit 0: done; 1: the course, the catalogue or the XLIFF file is refused (each problem said); 2: wrong use.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "files.hpp"
#include "json_patch.hpp"
#include "output.hpp"
#include "tessera/json_text.hpp"
#include "tessera/strings.hpp"
#include "tessera/utf8.hpp"
#include "translations.hpp"
#include "xliff.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// One command line per shape: the parser takes a fixed number of positionals, and --interface replaces COURSE.
constexpr std::string_view export_usage =
    "tessera strings export COURSE|--interface --lang L --out FILE.xlf [--dir DIR]";
constexpr std::string_view import_usage = "tessera strings import COURSE|--interface FILE.xlf [--dir DIR]";
// The command line of one of the four forms; function-local statics, as the other commands keep theirs.
const CommandLine& command_line(bool exporting, bool interface) {
  static const CommandLine export_course{.command = "strings export",
                                         .usage = export_usage,
                                         .positional = {"COURSE"},
                                         .options = {"--lang", "--out"},
                                         .required = {"--lang", "--out"}};
  static const CommandLine export_interface{.command = "strings export",
                                            .usage = export_usage,
                                            .flags = {"--interface"},
                                            .options = {"--lang", "--out", "--dir"},
                                            .required = {"--lang", "--out"}};
  static const CommandLine import_course{
      .command = "strings import", .usage = import_usage, .positional = {"COURSE", "FILE.xlf"}};
  static const CommandLine import_interface{.command = "strings import",
                                            .usage = import_usage,
                                            .positional = {"FILE.xlf"},
                                            .flags = {"--interface"},
                                            .options = {"--dir"}};
  if (exporting) return interface ? export_interface : export_course;
  return interface ? import_interface : import_course;
}

// A course's course.json: COURSE names it or the folder holding it.
fs::path course_file(const fs::path& course) { return fs::is_directory(course) ? course / "course.json" : course; }

int refuse(std::string_view what) {
  std::fprintf(stderr, "tessera strings: %s\n", utf8::printable(std::string(what)).c_str());
  return 1;
}

// The interface catalogue's folder: --dir, else runtime/strings under the working folder (a checkout).
fs::path strings_dir(const ParsedArgs& args) { return args.get("--dir", "runtime/strings"); }

// The interface units: every English key (each plural category one unit: the English categories, the ones
// CLDR gives the target language when the runtime has its catalogue, and the ones the target catalogue has),
// with the target catalogue's text where it has one.
std::vector<XliffUnit> interface_units(const nlohmann::ordered_json& english, const nlohmann::json& target,
                                       const std::string& language) {
  std::vector<std::string> language_categories;
  if (tessera::strings::has_catalogue(language)) {
    for (const auto& rule : tessera::strings::Catalogue::for_language(language).plural_rules()) {
      language_categories.push_back(rule.first);
    }
  }
  std::vector<XliffUnit> units;
  auto add = [&](const std::string& pointer, const std::string& source) {
    XliffUnit unit{.pointer = pointer, .source = source};
    const auto where = nlohmann::json::json_pointer(pointer);
    if (target.contains(where) && target.at(where).is_string()) {
      unit.target = target.at(where).get<std::string>();
      unit.state = "translated";
    }
    units.push_back(std::move(unit));
  };
  for (const auto& [key, value] : english.items()) {
    if (key.starts_with("@")) continue;
    const std::string pointer = pointer_append("", key);
    if (value.is_string()) {
      add(pointer, value.get<std::string>());
      continue;
    }
    std::map<std::string, std::string> categories;
    for (const auto& [category, text] : value.items()) {
      if (!category.starts_with("@")) categories[category] = text.get<std::string>();
    }
    // A category English has not is translated from English's "other" (Arabic's "few" of "{count} minutes").
    for (const auto& category : language_categories) categories.try_emplace(category, value.value("other", ""));
    if (target.contains(key) && target[key].is_object()) {
      for (const auto& [category, text] : target[key].items()) {
        if (!category.starts_with("@")) categories.try_emplace(category, value.value("other", ""));
      }
    }
    for (const auto& [category, source] : categories) add(pointer_append(pointer, category), source);
  }
  return units;
}

std::optional<nlohmann::ordered_json> read_catalogue(const fs::path& path, const char* command) {
  auto file = read_ordered_json_file(path, command, json_text::course_file);
  return file.value;
}

int export_interface(const ParsedArgs& args) {
  const std::string language = args.get("--lang");
  const auto english = read_catalogue(strings_dir(args) / "en.json", "strings export");
  if (!english) return 1;
  nlohmann::json target = nlohmann::json::object();
  if (fs::exists(strings_dir(args) / (language + ".json"))) {
    const auto read = read_catalogue(strings_dir(args) / (language + ".json"), "strings export");
    if (!read) return 1;
    target = nlohmann::json::parse(read->dump());
  }
  const XliffDocument document{.source_language = "en",
                               .target_language = language,
                               .original = "strings/" + language + ".json",
                               .units = interface_units(*english, target, language)};
  return write_output(args.get("--out"), write_xliff(document), "strings export") ? 0 : 1;
}

XliffUnit course_unit(const TextUnit& text, const std::string& source_language) {
  XliffUnit unit{.pointer = text.pointer, .source = text.source, .target = text.target};
  if (text.target) unit.state = text.stale ? "initial" : "translated";
  if (text.stale) unit.note = "The " + source_language + " text changed after this was translated: check the target.";
  return unit;
}

int export_course(const ParsedArgs& args, const fs::path& location) {
  const std::string language = args.get("--lang");
  const auto text = read_input_file(location, "strings export");
  if (!text) return 2;
  const auto record = read_translation_record(location.parent_path(), "strings export");
  if (!record) return 1;
  std::vector<Problem> problems;
  const auto texts = course_texts(*text, language, *record, problems);
  if (!texts) {
    print_problems(stderr, location.string(), problems);
    return refuse("the course does not load; mend it first (tessera validate)");
  }
  XliffDocument document{
      .source_language = texts->course.default_language, .target_language = language, .original = "course.json"};
  for (const auto& unit : texts->units) document.units.push_back(course_unit(unit, document.source_language));
  if (!write_output(args.get("--out"), write_xliff(document), "strings export")) return 1;
  std::fprintf(stderr, "exported %zu texts of %s from %s to %s\n", document.units.size(), texts->course.id.c_str(),
               document.source_language.c_str(), language.c_str());
  return 0;
}

std::optional<XliffDocument> read_xliff_file(const fs::path& path) {
  const auto text = read_input_file(path, "strings import");
  if (!text) return std::nullopt;
  std::string error;
  auto document = read_xliff(*text, error);
  if (!document) (void)refuse(utf8::printable(path.string()) + ": " + error);
  return document;
}

// Refuses (false) a file exported from something else than `expected` (its <file original>): an interface
// catalogue's units imported into a course, or the other way round, would match no text.
bool from_original(const XliffDocument& document, const std::string& expected, std::string_view other_way) {
  if (document.original == expected) return true;
  (void)refuse("the file was exported from '" + document.original + "', not " + expected + ": " +
               std::string(other_way));
  return false;
}

// Whether a unit's target is to be written: a translator's target, not an untouched or stale one.
bool accepted(const XliffUnit& unit) { return unit.target && !unit.target->empty() && unit.state != "initial"; }

struct ImportCount {
  std::size_t written = 0;
  std::size_t skipped = 0;
};

// Writes each accepted unit's target into `text` at `pointer_of(unit)`; refuses units the file does not have.
// `sources`: each text's source now; `current`: its target now, where it has one (an equal target is not written).
template <typename PointerOf>
bool apply_units(std::string& text, const XliffDocument& document, const std::map<std::string, std::string>& sources,
                 const std::map<std::string, std::string>& current, PointerOf pointer_of, const std::string& keep_as,
                 ImportCount& count) {
  for (const auto& unit : document.units) {
    const auto source = sources.find(unit.pointer);
    if (source == sources.end()) {
      (void)refuse(unit.pointer + ": no text there any more; export again and carry the translations over");
      return false;
    }
    if (!accepted(unit)) continue;
    if (source->second != unit.source) {
      std::fprintf(stderr, "tessera strings: skipped %s: its source text changed after the export; export again\n",
                   utf8::printable(unit.pointer).c_str());
      ++count.skipped;
      continue;
    }
    if (const auto now = current.find(unit.pointer); now != current.end() && now->second == *unit.target) {
      ++count.written;
      continue;
    }
    if (!set_json_string(text, pointer_of(unit), *unit.target, keep_as)) {
      (void)refuse(unit.pointer + ": cannot hold a string in this language");
      return false;
    }
    ++count.written;
  }
  return true;
}

// Adds `language` to the course's `languages` when it is new.
void list_language(std::string& text, const course::Course& course, const std::string& language) {
  if (std::find(course.languages.begin(), course.languages.end(), language) != course.languages.end()) return;
  (void)append_json_string(text, "/languages", language);
}

// translations.json with the digest of each imported unit's source; "" when nothing changed.
std::string updated_record(nlohmann::json record, const XliffDocument& document) {
  const nlohmann::json before = record;
  for (const auto& unit : document.units) {
    if (accepted(unit)) record[document.target_language][unit.pointer] = source_digest(unit.source);
  }
  return record == before ? "" : record.dump(2) + "\n";
}

int import_course(const fs::path& location, const fs::path& xliff_path) {
  if (is_published_package(location.parent_path())) {
    // Writing into it would break its signed manifest.
    return refuse(location.parent_path().string() +
                  " is a published package; translate the course's source folder, then tessera pack it again");
  }
  const auto document = read_xliff_file(xliff_path);
  if (!document) return 1;
  if (!from_original(*document, "course.json", "import an interface catalogue's file with --interface")) return 1;
  auto text = read_input_file(location, "strings import");
  if (!text) return 2;
  const auto record = read_translation_record(location.parent_path(), "strings import");
  if (!record) return 1;
  std::vector<Problem> problems;
  const auto texts = course_texts(*text, document->target_language, *record, problems);
  if (!texts) {
    print_problems(stderr, location.string(), problems);
    return refuse("the course does not load; mend it first (tessera validate)");
  }
  const std::string& source_language = texts->course.default_language;
  if (document->source_language != source_language || document->target_language == source_language) {
    return refuse("the file translates " + document->source_language + " into " + document->target_language +
                  "; this course is written in " + source_language + ": export it again with --lang");
  }
  std::map<std::string, std::string> sources;
  std::map<std::string, std::string> current;
  for (const auto& unit : texts->units) {
    sources[unit.pointer] = unit.source;
    if (unit.target) current[unit.pointer] = *unit.target;
  }
  const std::string original = *text;
  ImportCount count;
  const auto pointer_of = [&](const XliffUnit& unit) {
    return pointer_append(unit.pointer, document->target_language);
  };
  if (!apply_units(*text, *document, sources, current, pointer_of, source_language, count)) return 1;
  if (count.written > 0) list_language(*text, texts->course, document->target_language);
  const auto checked = course::load(*text);
  if (!checked.course) {
    print_problems(stderr, location.string(), checked.problems);
    return refuse("the course would not load with these translations; nothing was written");
  }
  if (*text != original && !write_output(location.string(), *text, "strings import")) return 1;
  const std::string record_text = updated_record(*record, *document);
  if (!record_text.empty() &&
      !write_output((location.parent_path() / translations_file_name).string(), record_text, "strings import")) {
    return 1;
  }
  std::fprintf(stderr, "imported %zu %s texts into %s (%zu skipped)\n", count.written,
               document->target_language.c_str(), location.string().c_str(), count.skipped);
  return 0;
}

int import_interface(const ParsedArgs& args, const fs::path& xliff_path) {
  const auto document = read_xliff_file(xliff_path);
  if (!document) return 1;
  const std::string catalogue_file = "strings/" + document->target_language + ".json";
  if (!from_original(*document, catalogue_file, "import a course's file with tessera strings import COURSE")) return 1;
  if (document->source_language != "en") {
    return refuse("the file translates from " + document->source_language +
                  "; interface catalogues are translated from English: export it again");
  }
  const fs::path target_path = strings_dir(args) / (document->target_language + ".json");
  const auto english = read_catalogue(strings_dir(args) / "en.json", "strings import");
  if (!english) return 1;
  auto text = read_input_file(target_path, "strings import");
  if (!text) return refuse("start a new language's catalogue as a copy of en.json (docs/strings.md)");
  const auto target = read_catalogue(target_path, "strings import");
  if (!target) return 1;
  std::map<std::string, std::string> sources;
  std::map<std::string, std::string> current;
  for (const auto& unit : interface_units(*english, nlohmann::json::parse(target->dump()), document->target_language)) {
    sources[unit.pointer] = unit.source;
    if (unit.target) current[unit.pointer] = *unit.target;
  }
  const std::string original = *text;
  ImportCount count;
  const auto same_pointer = [](const XliffUnit& unit) { return unit.pointer; };
  if (!apply_units(*text, *document, sources, current, same_pointer, {}, count)) return 1;
  if (*text != original && !write_output(target_path.string(), *text, "strings import")) return 1;
  std::fprintf(stderr, "imported %zu %s interface strings (%zu skipped)\n", count.written,
               document->target_language.c_str(), count.skipped);
  return 0;
}

}  // namespace

int strings_command(Args args) {
  const std::string_view verb = args.empty() ? "" : args[0];
  if (verb != "export" && verb != "import") {
    std::fprintf(stderr, "usage: %.*s\n       %.*s\n", static_cast<int>(export_usage.size()), export_usage.data(),
                 static_cast<int>(import_usage.size()), import_usage.data());
    return usage_exit_code;
  }
  const auto rest = args.subspan(1);
  const bool interface =
      std::any_of(rest.begin(), rest.end(), [](const char* a) { return std::string_view(a) == "--interface"; });
  const bool exporting = verb == "export";
  const CommandLine& line = command_line(exporting, interface);
  const auto parsed = parse_args(rest, line);
  if (!parsed) return usage_exit_code;
  if (exporting)
    return interface ? export_interface(*parsed) : export_course(*parsed, course_file(parsed->positional[0]));
  if (interface) return import_interface(*parsed, parsed->positional[0]);
  return import_course(course_file(parsed->positional[0]), parsed->positional[1]);
}

}  // namespace tessera::cli
