// catalog.json: the courses a site offers and the pathways that stack them into a larger certificate,
// and the rule that decides when a learner has earned a pathway.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/problem.hpp"

namespace tessera::catalog {

struct CourseEntry {
  std::string id;
  std::string version;
  std::string path;  // the package folder, relative to the catalog ("inclusive-meetings/1.0.0/")
};

// One requirement of a pathway: all of its courses, or at least `n` of them.
struct Rule {
  enum class Kind { all_of, n_of };
  Kind kind = Kind::all_of;
  std::size_t n = 0;
  std::vector<std::string> courses;
};

struct Pathway {
  std::string id;
  course::Text title;
  course::Text description;
  std::vector<Rule> rules;
  std::string capstone;  // a course that must be completed in every case ("" when none)
  course::CredentialDefinition credential;
};

struct Catalog {
  std::string default_language;
  std::vector<CourseEntry> courses;
  std::vector<Pathway> pathways;
};

struct LoadReport {
  std::optional<Catalog> catalog;
  std::vector<Problem> problems;
};

// Parses and validates catalog.json: every pathway rule names courses of the catalog, `n` is reachable.
[[nodiscard]] LoadReport load(std::string_view catalog_json, const course::Limits& limits = {});

// How far completed courses go towards a pathway: {"complete", "rules": [{"kind","needed","done","missing"}],
// "capstone": {"course","done"}} — what the dashboard shows and what the issuer checks.
[[nodiscard]] nlohmann::json pathway_progress(const Pathway& pathway, const std::set<std::string>& completed_courses);

}  // namespace tessera::catalog
