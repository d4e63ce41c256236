// `tessera validate PATH [--json]`: checks a course folder (or a lone course.json) and prints every problem;
// a published folder (with manifest.json) is also checked against its signature, file by file.
// Exit 0: no errors (warnings may remain); 1: errors; 2: the command was used wrongly or PATH is unreadable.
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "clock.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/package.hpp"
#include "tessera/scenario.hpp"
#include "tessera/utf8.hpp"
#include "translations.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// A published package (one with manifest.json beside course.json) must also match its signature, file for
// file: the problems it does not.
std::vector<Problem> published_package_problems(const fs::path& folder) {
  auto package = read_package(folder);
  if (!package) return package.problems();
  if (!crypto::init()) return {error_at(std::string(package::manifest_name), "libsodium could not start")};
  return package::verify_package(package.value().manifest_text, package.value().files);
}

// What the scenario validator learnt beyond problems: the best score a path reaches, and the levels.
nlohmann::json scenario_analyses(const course::Course& course) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (std::size_t i = 0; i < course.scenarios.size(); ++i) {
    scenario::LoadOptions scenario_options;
    scenario_options.default_language = course.default_language;
    const auto loaded = scenario::load(course.scenarios[i], pointer_append("/scenarios", i), scenario_options);
    if (!loaded.scenario) continue;
    nlohmann::json entry = loaded.analysis.to_json();
    entry["id"] = loaded.scenario->id;
    scenarios.push_back(std::move(entry));
  }
  return scenarios;
}

// The report for people: every problem, each scenario's best score, the package's refusal (when it does
// not match its manifest), then the counts.
void print_report_text(const fs::path& path, const std::vector<Problem>& problems, const nlohmann::json& scenarios,
                       const std::string& package_refusal, int errors, int warnings) {
  print_problems(stdout, path.string(), problems);
  const std::string shown_path = utf8::printable(path.string());
  for (const auto& sc : scenarios) {
    const std::string max = sc["maxScore"].is_string() ? sc["maxScore"].get<std::string>() : "none";
    std::printf("%s: scenario %s: max score %s%s, %zu states searched\n", shown_path.c_str(),
                utf8::printable(sc["id"].get<std::string>()).c_str(), max.c_str(),
                sc["searchComplete"].get<bool>() ? "" : " (a lower bound)", sc["statesExplored"].get<std::size_t>());
  }
  if (!package_refusal.empty()) std::printf("%s: %s\n", shown_path.c_str(), utf8::printable(package_refusal).c_str());
  std::printf("%s: %d error%s, %d warning%s\n", shown_path.c_str(), errors, errors == 1 ? "" : "s", warnings,
              warnings == 1 ? "" : "s");
}

}  // namespace

int validate_command(Args args) {
  static const CommandLine line{.command = "validate",
                                .usage = "tessera validate PATH [--json]   (PATH: a course folder or its course.json)",
                                .positional = {"PATH"},
                                .flags = {"--json"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  // A published package's course.json is validated as its package, signature and every file included.
  fs::path path = course_location(parsed->positional[0]);
  course::LoadOptions options;
  options.today = today_utc();
  std::vector<Problem> folder_problems;  // links, special files, names a package cannot hold
  std::string text;
  std::string unreadable;
  if (fs::is_directory(path)) {
    auto listing = list_package_files(path);
    options.files = std::move(listing.files);
    options.check_files = true;
    folder_problems = std::move(listing.problems);
    unreadable = read_file_inside(path, "course.json", text);
    path /= "course.json";
  } else {
    unreadable = read_file(path, text);
  }
  if (!unreadable.empty()) {
    print_problems(stderr, path.string(), folder_problems);
    std::fprintf(stderr, "tessera validate: %s (does the folder hold a course.json?)\n",
                 utf8::printable(unreadable).c_str());
    return 2;
  }
  auto report = course::load(text, options);
  report.problems.insert(report.problems.begin(), folder_problems.begin(), folder_problems.end());
  // Every missing or stale translation, by translations.json beside course.json (docs/localisation.md).
  if (report.course) {
    const auto record = read_translation_record(path.parent_path(), "validate");
    if (!record) return 2;
    const auto missing = translation_problems(text, *record);
    report.problems.insert(report.problems.end(), missing.begin(), missing.end());
  }
  // A folder whose listing failed is refused already, and its package is checked once that is mended.
  const fs::path folder = path.parent_path();
  std::vector<Problem> package_problems;
  if (options.check_files && is_published_package(folder) && folder_problems.empty()) {
    package_problems = published_package_problems(folder);
    report.problems.insert(report.problems.end(), package_problems.begin(), package_problems.end());
  }
  const nlohmann::json scenarios = report.course ? scenario_analyses(*report.course) : nlohmann::json::array();

  int errors = 0;
  int warnings = 0;
  for (const auto& p : report.problems) (p.severity == Severity::error ? errors : warnings)++;
  if (parsed->flag("--json")) {
    nlohmann::ordered_json out = {
        {"path", path.string()}, {"valid", !has_errors(report.problems)}, {"errors", errors},
        {"warnings", warnings},  {"problems", to_json(report.problems)},  {"scenarios", scenarios}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_report_text(path, report.problems, scenarios, package::refusal_message(package_problems), errors, warnings);
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace tessera::cli
