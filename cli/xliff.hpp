// XLIFF 2.0 (OASIS, core only) for translators: the units of one language pair written and read with
// libxml2 (Debian's libxml2-dev; the CLI alone links it). One <file>, one <unit> per text, named by the
// text's JSON pointer, with one <segment> (the file says canResegment="no": a text is translated whole).
//
// Does NOT: keep inline codes (a target's markup is read as its text), modules other than the core, or notes
// a translator adds (they are ignored on import).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

struct XliffUnit {
  std::string pointer{};  // the unit's name: the JSON pointer of the text
  std::string source{};
  std::optional<std::string> target{};
  std::string state = "initial";  // initial, translated, reviewed, final (XLIFF 2.0 §4.3.1.30)
  std::string note{};             // written as the unit's note when not empty (e.g. why it is initial again)
};

struct XliffDocument {
  std::string source_language{};
  std::string target_language{};
  std::string original{};  // the file the units come from ("course.json", "strings/fr.json")
  std::vector<XliffUnit> units{};
};

[[nodiscard]] std::string write_xliff(const XliffDocument& document);

// The document in `text`, or nullopt with `error` saying what and where (line N).
[[nodiscard]] std::optional<XliffDocument> read_xliff(const std::string& text, std::string& error);

}  // namespace tessera::cli
