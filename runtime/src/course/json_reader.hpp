// Typed, problem-collecting reads of untrusted JSON objects: each read names its JSON pointer, and
// members that nobody read are reported as unknown (a warning) when the reader finishes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/problem.hpp"

namespace tessera::course::detail {

enum class Need { required, optional };

class ObjectReader {
 public:
  // `value` must outlive the reader. A non-object value is reported once and every read then fails. Hints
  // about missing and unknown members point to `doc`, where the object's members are described.
  ObjectReader(const nlohmann::json& value, std::string pointer, std::vector<Problem>& problems, const Limits& limits,
               std::string_view what, std::string_view doc = "docs/package-format.md");
  ~ObjectReader();
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  [[nodiscard]] bool valid() const { return object_ != nullptr; }
  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] std::string at(std::string_view key) const { return pointer_append(pointer_, key); }

  // The member itself, or null (reported when required and missing).
  const nlohmann::json* member(std::string_view key, Need need);
  std::optional<std::string> string(std::string_view key, Need need, std::size_t max_length = 0);
  // A URL-safe id: lower-case letters, digits and single hyphens, at most 64 characters.
  std::optional<std::string> slug(std::string_view key, Need need);
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view key, Need need);
  // A string or a {language: string} object.
  Text text(std::string_view key, Need need, const std::string& default_language);
  const nlohmann::json* array(std::string_view key, Need need);
  // A relative path inside the package: no leading '/', no '..', no '\\', no scheme.
  std::optional<std::string> file_path(std::string_view key, Need need);

  void error(std::string where, std::string message, std::string hint = {});
  void warning(std::string where, std::string message, std::string hint = {});
  [[nodiscard]] std::vector<Problem>& problems() { return problems_; }
  [[nodiscard]] const Limits& limits() const { return limits_; }

  // Stops unknown-member reporting for members read by someone else (e.g. another engine's fields).
  void accept(std::string_view key) { read_.insert(std::string(key)); }

 private:
  const nlohmann::json* object_;
  std::string pointer_;
  std::vector<Problem>& problems_;
  const Limits& limits_;
  std::string what_;
  std::string doc_;
  std::set<std::string, std::less<>> read_;
};

// Reads a credential definition (course or pathway): name, description, criteria, validityMonths, renewal,
// renewBy.
[[nodiscard]] CredentialDefinition read_credential_definition(ObjectReader& in, const std::string& default_language);
// Reads a credential's `renewBy` rule (docs/credentials.md, "Renewal"); `expires`: validityMonths is set.
[[nodiscard]] RenewalRule read_renewal_rule(ObjectReader& in, bool expires);

// Reads a project block's brief, handIn, rubric, reviewers and accept (runtime/src/course/project.cpp).
[[nodiscard]] std::optional<Project> read_project(ObjectReader& block, const std::string& default_language);

// Reads untrusted JSON text with the strict reader (tessera/json_text.hpp) within the size and depth of
// `limits`; problems name `file_name` and say where (line and column, or the JSON pointer of a duplicate).
[[nodiscard]] std::optional<nlohmann::json> parse_untrusted(std::string_view text, const Limits& limits,
                                                            std::string_view file_name, std::vector<Problem>& problems);

// Learner-facing texts as they are read: course::text_pointers() opens a TextSink around a load, and every
// text reader (ObjectReader::text, the item and scenario readers) notes the JSON pointer of the text it read.
// A scoped sink instead of a parameter: the readers are built in a hundred places, and only the translators'
// tools ask. One per thread; a load with no sink open notes nothing.
class TextSink {
 public:
  TextSink();
  ~TextSink();
  TextSink(const TextSink&) = delete;
  TextSink& operator=(const TextSink&) = delete;
  [[nodiscard]] const std::vector<std::string>& pointers() const { return pointers_; }
  static void note(const std::string& pointer);

 private:
  std::vector<std::string> pointers_;
  TextSink* outer_;
};

// Fills zero limits with their defaults.
[[nodiscard]] Limits with_defaults(Limits limits);

[[nodiscard]] bool is_slug(std::string_view text);
[[nodiscard]] std::string json_type_name(const nlohmann::json& value);

}  // namespace tessera::course::detail
