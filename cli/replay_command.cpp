// `tessera replay PACKAGE RECORD [--json]`: folds a learner's JSON Lines record over a course and prints the
// state (progress, completion, time on task, per-module status, attempts with scores, mastery per
// competency), with any broken or refused event.
// Exit 0: the whole record replayed; 1: part of it could not be (the state up to there is still printed);
// 2: wrong use, or the course or record cannot be read.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// The course's text: from a published package only when it matches its signed manifest (also when the
// user names the package's course.json), else from a course folder or a lone course.json. `course_path`
// names it in messages. 0, or the exit code after saying why.
int read_course_text(const fs::path& named, fs::path& course_path, std::string& course_text) {
  const fs::path folder = course_location(named);
  course_path = folder;
  if (is_published_package(folder)) {
    bool unreadable = false;
    auto package = open_verified_package(folder, "replay", {}, unreadable);
    if (!package) return 2;
    course_path /= "course.json";
    course_text = package->files["course.json"];
  } else if (fs::is_directory(folder)) {
    course_path /= "course.json";
    if (const auto failure = read_file_inside(folder, "course.json", course_text); !failure.empty()) {
      std::fprintf(stderr, "tessera replay: %s\n", utf8::printable(failure).c_str());
      return 2;
    }
  } else if (auto text = read_input_file(course_path, "replay")) {
    course_text = std::move(*text);
  } else {
    return 2;
  }
  return 0;
}

// The state for people: progress, modules, attempts with scores, mastery per competency.
void print_summary(const nlohmann::json& summary) {
  const auto& progress = summary["progress"];
  std::printf("course     %s %s\n", summary["course"].get<std::string>().c_str(),
              summary["version"].get<std::string>().c_str());
  std::printf("events     %llu replayed\n", static_cast<unsigned long long>(summary["events"].get<std::uint64_t>()));
  std::printf("progress   %d%% (%zu of %zu required blocks)\n", progress["percent"].get<int>(),
              progress["completedRequiredBlocks"].get<std::size_t>(), progress["requiredBlocks"].get<std::size_t>());
  std::printf("complete   %s\n", summary["complete"].get<bool>() ? "yes" : "no");
  std::printf("time       %lld min on task\n",
              static_cast<long long>(summary["timeOnTaskSeconds"].get<std::int64_t>() / 60));
  std::printf("position   %s\n", summary["position"].get<std::string>().c_str());
  for (const auto& m : summary["modules"]) {
    std::printf("  module %-24s %-8s %zu/%zu blocks\n", m["id"].get<std::string>().c_str(),
                m["status"].get<std::string>().c_str(), m["completedBlocks"].get<std::size_t>(),
                m["blocks"].get<std::size_t>());
  }
  for (const auto& [block, attempts] : summary["attempts"].items()) {
    for (const auto& a : attempts) {
      if (!a["submitted"].get<bool>()) {
        std::printf("  attempt  %s #%d open\n", block.c_str(), a["attempt"].get<int>());
        continue;
      }
      std::printf("  attempt  %s #%d score %s of %s, %s\n", block.c_str(), a["attempt"].get<int>(),
                  a["score"].get<std::string>().c_str(), a["max"].get<std::string>().c_str(),
                  a["passed"].get<bool>() ? "passed" : "not passed");
    }
  }
  for (const auto& [competency, m] : summary["mastery"].items()) {
    if (!m["assessed"].get<bool>()) {
      std::printf("  mastery  %s not assessed yet\n", competency.c_str());
      continue;
    }
    std::printf("  mastery  %s %s of %s, %s\n", competency.c_str(), m["score"].get<std::string>().c_str(),
                m["max"].get<std::string>().c_str(), m["mastered"].get<bool>() ? "mastered" : "not yet mastered");
  }
}

}  // namespace

int replay_command(Args args) {
  static const CommandLine line{
      .command = "replay",
      .usage = "tessera replay PACKAGE RECORD [--json]   (PACKAGE: a course folder; RECORD: .jsonl)",
      .positional = {"PACKAGE", "RECORD"},
      .flags = {"--json"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  fs::path course_path;
  std::string course_text;
  if (const int failed = read_course_text(parsed->positional[0], course_path, course_text)) return failed;
  const std::string& record_path = parsed->positional[1];
  const auto record_text = read_input_file(record_path, "replay");
  if (!record_text) return 2;
  auto loaded = course::load(course_text);
  if (!loaded.course) {
    print_problems(stderr, course_path.string(), loaded.problems);
    std::fprintf(stderr, "tessera replay: the course has errors; run 'tessera validate' on it\n");
    return 2;
  }
  auto read = record::read_json_lines(*record_text);
  auto opened =
      session::Session::open(std::make_shared<const course::Course>(std::move(*loaded.course)), std::move(read.events));
  std::vector<Problem> problems = read.problems;
  problems.insert(problems.end(), opened.problems.begin(), opened.problems.end());

  const nlohmann::json summary = opened.session.summary();
  if (parsed->flag("--json")) {
    nlohmann::json out = summary;
    out["problems"] = to_json(problems);
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_problems(stderr, record_path, problems);
    print_summary(summary);
  }
  return has_errors(problems) ? 1 : 0;
}

}  // namespace tessera::cli
