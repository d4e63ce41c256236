// `tessera validate PATH [--json]`: checks a course folder (or a lone course.json) and prints every problem.
// Exit 0: no errors (warnings may remain); 1: errors; 2: the command was used wrongly or PATH is unreadable.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "tessera/course.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

std::string today_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[11];
  std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
  return date;
}

// Every regular file under `root`, as a relative path with '/'.
std::vector<std::string> list_package_files(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), root).generic_string());
  }
  return files;
}

}  // namespace

int validate_command(Args args) {
  const char* path_arg = nullptr;
  bool as_json = false;
  for (char* arg : args) {
    const std::string_view a = arg;
    if (a == "--json") {
      as_json = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "tessera validate: unknown option '%s'\nusage: tessera validate PATH [--json]\n", arg);
      return 2;
    } else if (!path_arg) {
      path_arg = arg;
    } else {
      std::fprintf(stderr, "tessera validate: one PATH only\nusage: tessera validate PATH [--json]\n");
      return 2;
    }
  }
  if (!path_arg) {
    std::fprintf(stderr, "usage: tessera validate PATH [--json]   (PATH: a course folder or its course.json)\n");
    return 2;
  }
  fs::path path = path_arg;
  course::LoadOptions options;
  options.today = today_utc();
  if (fs::is_directory(path)) {
    options.files = list_package_files(path);
    options.check_files = true;
    path /= "course.json";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tessera validate: cannot read %s (does the folder hold a course.json?)\n",
                 path.string().c_str());
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto report = course::load(text.str(), options);

  int errors = 0;
  int warnings = 0;
  for (const auto& p : report.problems) (p.severity == Severity::error ? errors : warnings)++;
  if (as_json) {
    nlohmann::ordered_json out = {{"path", path.string()}, {"valid", !has_errors(report.problems)},
                                  {"errors", errors}, {"warnings", warnings}, {"problems", nlohmann::json::array()}};
    for (const auto& p : report.problems) {
      out["problems"].push_back({{"severity", p.severity == Severity::error ? "error" : "warning"},
                                 {"pointer", p.where}, {"message", p.message}, {"hint", p.hint}});
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    for (const auto& p : report.problems) {
      std::printf("%s: %s %s: %s\n", path.string().c_str(), p.severity == Severity::error ? "error" : "warning",
                  p.where.c_str(), p.message.c_str());
      if (!p.hint.empty()) std::printf("    hint: %s\n", p.hint.c_str());
    }
    std::printf("%s: %d error%s, %d warning%s\n", path.string().c_str(), errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace tessera::cli
