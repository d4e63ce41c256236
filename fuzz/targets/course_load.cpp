// Fuzz target course_load: course.json's text through course::load (parsing, validation, references, lints).
#include "harness.hpp"
#include "tessera/course.hpp"

namespace tessera::fuzz {

void course_load(std::string_view input) {
  course::LoadOptions options;
  options.today = "2026-01-01";
  options.files = {"course.json", "media/intro.vtt", "media/chart.png"};
  options.check_files = true;
  const course::LoadReport report = no_throw("course::load", [&] { return course::load(input, options); });
  expect_clear(report.problems, "course::load");
  require(report.course.has_value() != has_errors(report.problems),
          "course::load returned a course and errors, or neither");
}

}  // namespace tessera::fuzz
