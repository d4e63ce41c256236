// SCORM 1.2, SCORM 2004 4th edition and cmi5 manifests for an exported course (see lms_manifests.hpp).
// tests/golden/lms-xsd holds the standards' schemas they are checked against (tests/cli/export.test.mjs).
#include "lms_manifests.hpp"

#include <algorithm>
#include <cctype>

#include "tessera/assess.hpp"
#include "tessera/markdown.hpp"

namespace tessera::cli::lms {

namespace {

// The root schemas each manifest names (xsi:schemaLocation pairs), as the standards' own examples do; an
// LMS reads them from its copies, never from the zip.
constexpr std::string_view scorm12_namespaces =
    "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
    "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"";

constexpr std::string_view scorm2004_namespaces =
    "  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
    "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
    "  xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"\n"
    "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "  xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\"";

// An xs:ID (an XML name) from the course's id, a slug that may start with a digit, and a suffix; a
// version's '+' (semver build metadata) is the one character a name cannot hold.
std::string xml_id(const course::Course& course, std::string_view suffix) {
  std::string id = "tessera-" + course.id + "-" + std::string(suffix);
  std::replace(id.begin(), id.end(), '+', '_');
  return id;
}

const std::string& title_of(const course::Course& course) {
  return course.title.in(course.default_language, course.default_language);
}

// A zip path as a URL path: a package path may hold spaces and any letter (docs/package-format.md), a URL
// path only RFC 3986's characters, so every other byte is percent-encoded ("a b.png" → "a%20b.png").
// Package paths never hold '%', '#', '?' or ':', so nothing here can be read back as anything else.
std::string url_path(std::string_view path) {
  constexpr std::string_view kept = "-._~/!$&'()*+,;=@";
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x80 && std::isalnum(byte)) || kept.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += {'%', hex[byte >> 4U], hex[byte & 0xFU]};
    }
  }
  return out;
}

// One <file href> per file: SCORM lists every file the resource needs.
std::string file_list(const ManifestInput& input) {
  std::string out;
  for (const auto& file : input.files) out += "      <file href=\"" + xml_escaped(url_path(file)) + "\"/>\n";
  return out;
}

std::string scorm12_manifest(const ManifestInput& input) {
  const auto& course = *input.course;
  const auto mark = course_pass_mark(course);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"" +
                    xml_id(course, course.version) + "\" version=\"" + xml_escaped(course.version) + "\"\n" +
                    std::string(scorm12_namespaces) + ">\n";
  xml += "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n";
  xml += "  <organizations default=\"" + xml_id(course, "org") + "\">\n    <organization identifier=\"" +
         xml_id(course, "org") + "\">\n      <title>" + xml_escaped(title_of(course)) + "</title>\n";
  xml += "      <item identifier=\"" + xml_id(course, "item") + "\" identifierref=\"" + xml_id(course, "player") +
         "\" isvisible=\"true\">\n        <title>" + xml_escaped(title_of(course)) + "</title>\n";
  // SCORM 1.2 scores run 0–100: the LMS sets lesson_status to passed or failed against this.
  if (mark) xml += "        <adlcp:masteryscore>" + decimal_text(*mark, 100, 2) + "</adlcp:masteryscore>\n";
  xml += "      </item>\n    </organization>\n  </organizations>\n  <resources>\n";
  xml += "    <resource identifier=\"" + xml_id(course, "player") +
         "\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"" + xml_escaped(url_path(input.launch)) + "\">\n" +
         file_list(input) + "    </resource>\n  </resources>\n</manifest>\n";
  return xml;
}

// The item's sequencing: the course reports its own completion and success; with a pass mark, the primary
// objective is satisfied by a scaled score at or above it (the LMS's cmi.scaled_passing_score).
std::string scorm2004_sequencing(const course::Course& course) {
  const auto mark = course_pass_mark(course);
  std::string xml = "        <imsss:sequencing>\n";
  if (mark) {
    xml +=
        "          <imsss:objectives>\n"
        "            <imsss:primaryObjective objectiveID=\"" +
        xml_id(course, "passed") +
        "\" satisfiedByMeasure=\"true\">\n"
        "              <imsss:minNormalizedMeasure>" +
        decimal_text(*mark, 1, 4) +
        "</imsss:minNormalizedMeasure>\n"
        "            </imsss:primaryObjective>\n"
        "          </imsss:objectives>\n";
  }
  xml += "          <imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>\n";
  return xml + "        </imsss:sequencing>\n";
}

std::string scorm2004_manifest(const ManifestInput& input) {
  const auto& course = *input.course;
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"" +
                    xml_id(course, course.version) + "\" version=\"" + xml_escaped(course.version) + "\"\n" +
                    std::string(scorm2004_namespaces) + ">\n";
  xml +=
      "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n"
      "  </metadata>\n";
  xml += "  <organizations default=\"" + xml_id(course, "org") + "\">\n    <organization identifier=\"" +
         xml_id(course, "org") + "\">\n      <title>" + xml_escaped(title_of(course)) + "</title>\n";
  xml += "      <item identifier=\"" + xml_id(course, "item") + "\" identifierref=\"" + xml_id(course, "player") +
         "\">\n        <title>" + xml_escaped(title_of(course)) + "</title>\n" + scorm2004_sequencing(course);
  xml += "      </item>\n    </organization>\n  </organizations>\n  <resources>\n";
  xml += "    <resource identifier=\"" + xml_id(course, "player") +
         "\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"" + xml_escaped(url_path(input.launch)) + "\">\n" +
         file_list(input) + "    </resource>\n  </resources>\n</manifest>\n";
  return xml;
}

// A cmi5 textType: one langstring per language the course wrote the text in.
std::string cmi5_text(std::string_view element, const course::Text& text, std::string_view indent) {
  std::string xml = std::string(indent) + "<" + std::string(element) + ">\n";
  for (const auto& [language, value] : text.by_language) {
    xml += std::string(indent) + "  <langstring lang=\"" + xml_escaped(language) + "\">" + xml_escaped(value) +
           "</langstring>\n";
  }
  return xml + std::string(indent) + "</" + std::string(element) + ">\n";
}

std::string cmi5_manifest(const ManifestInput& input) {
  const auto& course = *input.course;
  const auto mark = course_pass_mark(course);
  // IRIs from the course's id (a slug: nothing to escape); the version stays out, so a new version of the
  // course updates the same course in the LMS.
  const std::string course_iri = "urn:tessera:course:" + course.id;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n"
      "  <course id=\"" +
      course_iri + "\">\n" + cmi5_text("title", course.title, "    ") +
      cmi5_text("description", course.summary, "    ") + "  </course>\n";
  // Without a must-pass assessment completion is all there is; with several, the course decides passed
  // itself (no single mastery score).
  const bool must_pass = !course.completion.must_pass.empty();
  xml += "  <au id=\"" + course_iri + ":player\" moveOn=\"" + (must_pass ? "CompletedAndPassed" : "Completed") + "\"" +
         (mark ? " masteryScore=\"" + decimal_text(*mark, 1, 4) + "\"" : std::string()) + ">\n";
  xml += cmi5_text("title", course.title, "    ") + cmi5_text("description", course.summary, "    ");
  xml += "    <url>" + xml_escaped(url_path(input.launch)) + "</url>\n  </au>\n</courseStructure>\n";
  return xml;
}

}  // namespace

std::optional<Standard> standard_from_string(std::string_view name) {
  if (name == "scorm12") return Standard::scorm12;
  if (name == "scorm2004") return Standard::scorm2004;
  if (name == "cmi5") return Standard::cmi5;
  return std::nullopt;
}

std::string_view manifest_file_name(Standard standard) {
  return standard == Standard::cmi5 ? "cmi5.xml" : "imsmanifest.xml";
}

std::string xml_escaped(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (const char c : text) {
    // C0 controls but tab, line feed and carriage return are not XML 1.0 characters at all.
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') kept += c;
  }
  std::string out;
  markdown::append_escaped_markup(out, kept);
  return out;
}

std::optional<PassMark> course_pass_mark(const course::Course& course) {
  if (course.completion.must_pass.size() != 1) return std::nullopt;
  for (const auto& assessment : course.assessments) {
    if (assessment.id != course.completion.must_pass.front() || !assessment.data.contains("passMark")) continue;
    const auto mark = assess::Fraction::parse(assessment.data["passMark"]);
    if (!mark || mark->num <= 0 || mark->den <= 0 || mark->num > mark->den) return std::nullopt;
    return PassMark{mark->num, mark->den};
  }
  return std::nullopt;
}

std::string decimal_text(PassMark mark, std::int64_t scale, int decimals) {
  // Long division: mark ≤ 1 and the scales are 1 and 100, so num * scale stays far inside 64 bits for
  // any pass mark course.json can write.
  const auto numerator = static_cast<std::uint64_t>(mark.num) * static_cast<std::uint64_t>(scale);
  const auto denominator = static_cast<std::uint64_t>(mark.den);
  std::uint64_t whole = numerator / denominator;
  std::uint64_t remainder = numerator % denominator;
  std::string digits;
  for (int i = 0; i < decimals; ++i) {
    remainder *= 10;
    digits += static_cast<char>('0' + remainder / denominator);
    remainder %= denominator;
  }
  if (remainder != 0) {  // round the last place up
    int at = static_cast<int>(digits.size()) - 1;
    while (at >= 0 && digits[static_cast<std::size_t>(at)] == '9') digits[static_cast<std::size_t>(at--)] = '0';
    if (at >= 0) {
      ++digits[static_cast<std::size_t>(at)];
    } else {
      ++whole;
    }
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return std::to_string(whole) + (digits.empty() ? "" : "." + digits);
}

std::string manifest_xml(Standard standard, const ManifestInput& input) {
  switch (standard) {
    case Standard::scorm12:
      return scorm12_manifest(input);
    case Standard::scorm2004:
      return scorm2004_manifest(input);
    case Standard::cmi5:
      break;
  }
  return cmi5_manifest(input);
}

}  // namespace tessera::cli::lms
