// Every learner-facing text of a course, named by its JSON pointer: what the translators' tools export,
// import and check (cli/strings_command.cpp, docs/localisation.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"

namespace tessera::course {

struct TextsReport {
  std::optional<Course> course;       // present when there are no errors
  std::vector<Problem> problems;      // as load() reports them
  std::vector<std::string> pointers;  // every learner-facing text, each once, in the order they were read
};

// Loads course.json and names every learner-facing text in it (each field the format calls *text*, in
// modules, blocks, assessment items and scenarios alike) by its JSON pointer. A pointer names the text, a
// string or a {language: string} object; prerequisites' items are named one by one.
[[nodiscard]] TextsReport text_pointers(std::string_view course_json, const LoadOptions& options = {});

}  // namespace tessera::course
