// The manifests an LMS reads from an exported course (tessera export): SCORM 1.2 and SCORM 2004 4th edition
// imsmanifest.xml, and cmi5's cmi5.xml, made from course.json's id, version, title, summary and pass mark.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"

namespace tessera::cli::lms {

enum class Standard { scorm12, scorm2004, cmi5 };

// "scorm12", "scorm2004", "cmi5" → the standard; nullopt for any other name.
[[nodiscard]] std::optional<Standard> standard_from_string(std::string_view name);

// The manifest's file name in the zip: imsmanifest.xml for SCORM, cmi5.xml for cmi5.
[[nodiscard]] std::string_view manifest_file_name(Standard standard);

// `text` for element text or a quoted attribute value: the five markup characters as entities
// (markdown::append_escaped_markup), and the control characters XML 1.0 cannot carry at all dropped.
[[nodiscard]] std::string xml_escaped(std::string_view text);

// The course's pass mark as a share of the maximum (0–1], when it has one the LMS can check a score
// against: exactly one assessment in completion.mustPass, with a passMark. Several must-pass assessments
// have no single score to compare, so then (and without any) nullopt.
struct PassMark {
  std::int64_t num = 0;
  std::int64_t den = 1;
};
[[nodiscard]] std::optional<PassMark> course_pass_mark(const course::Course& course);

// `mark` times `scale` as decimal text with at most `decimals` places, rounded up (so an LMS never passes a
// score below the course's own mark) and without trailing zeros: 4/5 at scale 100 → "80", 2/3 at 1 → "0.6667".
[[nodiscard]] std::string decimal_text(PassMark mark, std::int64_t scale, int decimals);

// What the manifest says about the course and the files the zip holds.
struct ManifestInput {
  const course::Course* course = nullptr;
  std::string launch;              // the launch page's path in the zip ("launch.html")
  std::vector<std::string> files;  // every file in the zip but the manifest, sorted (SCORM lists them)
};

// The manifest's text (UTF-8, ending in a newline) for `standard`.
[[nodiscard]] std::string manifest_xml(Standard standard, const ManifestInput& input);

}  // namespace tessera::cli::lms
