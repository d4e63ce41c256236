// `tessera replay PACKAGE RECORD [--json]`: folds a learner's JSON Lines record over a course and prints the
// state (progress, completion, time on task, per-module status, attempts with scores, mastery per
// competency), with any broken or refused event.
// Exit 0: the whole record replayed; 1: part of it could not be (the state up to there is still printed);
// 2: wrong use, or the course or record cannot be read.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/package.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

int replay_command(Args args) {
  std::vector<const char*> positional;
  bool as_json = false;
  for (char* arg : args) {
    if (std::string_view(arg) == "--json") {
      as_json = true;
    } else if (arg[0] == '-') {
      std::fprintf(stderr, "tessera replay: unknown option '%s'\nusage: tessera replay PACKAGE RECORD [--json]\n", arg);
      return 2;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) {
    std::fprintf(stderr, "usage: tessera replay PACKAGE RECORD [--json]   (PACKAGE: a course folder; RECORD: .jsonl)\n");
    return 2;
  }
  const fs::path folder = positional[0];
  fs::path course_path = folder;
  std::string course_text;
  std::string record_text;
  if (fs::is_directory(folder) && fs::symlink_status(folder / package::manifest_name).type() != fs::file_type::not_found) {
    // A published package is replayed only as its publisher signed it.
    auto package = read_package(folder);
    std::vector<Problem> problems = package ? std::vector<Problem>() : package.problems();
    if (package && crypto::init()) problems = package::verify_package(package.value().manifest_text, package.value().files);
    if (!problems.empty()) {
      print_problems(stderr, folder.string(), problems);
      std::fprintf(stderr, "tessera replay: the package does not match its signed manifest; it is not replayed\n");
      return 2;
    }
    course_path /= "course.json";
    course_text = package.value().files["course.json"];
  } else if (fs::is_directory(folder)) {
    course_path /= "course.json";
    if (const auto failure = read_file_inside(folder, "course.json", course_text); !failure.empty()) {
      std::fprintf(stderr, "tessera replay: %s\n", utf8::printable(failure).c_str());
      return 2;
    }
  } else if (!read_file(course_path, course_text)) {
    std::fprintf(stderr, "tessera replay: cannot read %s\n", utf8::printable(course_path.string()).c_str());
    return 2;
  }
  if (!read_file(positional[1], record_text)) {
    std::fprintf(stderr, "tessera replay: cannot read %s\n", positional[1]);
    return 2;
  }
  auto loaded = course::load(course_text);
  if (!loaded.course) {
    print_problems(stderr, course_path.string(), loaded.problems);
    std::fprintf(stderr, "tessera replay: the course has errors; run 'tessera validate' on it\n");
    return 2;
  }
  auto read = record::read_json_lines(record_text);
  auto opened = session::Session::open(std::make_shared<const course::Course>(std::move(*loaded.course)),
                                       std::move(read.events));
  std::vector<Problem> problems = read.problems;
  problems.insert(problems.end(), opened.problems.begin(), opened.problems.end());

  const nlohmann::json summary = opened.session.summary();
  if (as_json) {
    nlohmann::json out = summary;
    out["problems"] = to_json(problems);
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_problems(stderr, positional[1], problems);
    const auto& progress = summary["progress"];
    std::printf("course     %s %s\n", summary["course"].get<std::string>().c_str(),
                summary["version"].get<std::string>().c_str());
    std::printf("events     %llu replayed\n", static_cast<unsigned long long>(summary["events"].get<std::uint64_t>()));
    std::printf("progress   %d%% (%zu of %zu required blocks)\n", progress["percent"].get<int>(),
                progress["completedRequiredBlocks"].get<std::size_t>(), progress["requiredBlocks"].get<std::size_t>());
    std::printf("complete   %s\n", summary["complete"].get<bool>() ? "yes" : "no");
    std::printf("time       %lld min on task\n", static_cast<long long>(summary["timeOnTaskSeconds"].get<std::int64_t>() / 60));
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
  return has_errors(problems) ? 1 : 0;
}

}  // namespace tessera::cli
