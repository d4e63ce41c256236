// `tessera replay PACKAGE RECORD [--json | --statements OPTIONS]`: folds a learner's JSON Lines record over a
// course and prints the state (progress, completion, time on task, per-module status, attempts with scores,
// mastery per competency), with any broken or refused event; with --statements, the record's xAPI statements as
// the runtime makes them (docs/lms.md), one per line. `tessera recall PACKAGE RECORD --now ISO [--json]` folds it
// the same way and prints the learner's recall cards (docs/recall.md).
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
#include "tessera/datetime.hpp"
#include "tessera/recall.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/tracking.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// The course's text: from a published package only when it matches its signed manifest (also when the
// user names the package's course.json), else from a course folder or a lone course.json. `course_path`
// names it in messages. 0, or the exit code after saying why.
int read_course_text(const fs::path& named, const char* command, fs::path& course_path, std::string& course_text) {
  const fs::path folder = course_location(named);
  course_path = folder;
  if (is_published_package(folder)) {
    bool unreadable = false;
    auto package = open_verified_package(folder, command, {}, unreadable);
    if (!package) return 2;
    course_path /= "course.json";
    course_text = package->files["course.json"];
  } else if (fs::is_directory(folder)) {
    course_path /= "course.json";
    if (const auto failure = read_file_inside(folder, "course.json", course_text); !failure.empty()) {
      std::fprintf(stderr, "tessera %s: %s\n", command, utf8::printable(failure).c_str());
      return 2;
    }
  } else if (auto text = read_input_file(course_path, command)) {
    course_text = std::move(*text);
  } else {
    return 2;
  }
  return 0;
}

// A record folded over its course: the session, and every problem of the record (a torn or bad line, a
// broken or refused event). Without a session, stderr has said why and exit_code is 2.
struct Replayed {
  std::optional<session::Session> session;
  std::vector<Problem> problems;
  int exit_code = 0;
};

Replayed replay(const std::string& course_named, const std::string& record_path, const char* command) {
  fs::path course_path;
  std::string course_text;
  if (const int failed = read_course_text(course_named, command, course_path, course_text)) return {{}, {}, failed};
  const auto record_text = read_input_file(record_path, command);
  if (!record_text) return {{}, {}, 2};
  auto loaded = course::load(course_text);
  if (!loaded.course) {
    print_problems(stderr, course_path.string(), loaded.problems);
    std::fprintf(stderr, "tessera %s: the course has errors; run 'tessera validate' on it\n", command);
    return {{}, {}, 2};
  }
  auto read = record::read_json_lines(*record_text);
  auto opened =
      session::Session::open(std::make_shared<const course::Course>(std::move(*loaded.course)), std::move(read.events));
  std::vector<Problem> problems = std::move(read.problems);
  problems.insert(problems.end(), opened.problems.begin(), opened.problems.end());
  return {std::move(opened.session), std::move(problems)};
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
      .usage =
          "tessera replay PACKAGE RECORD [--json | --statements OPTIONS_JSON]   (PACKAGE: a course folder; "
          "RECORD: .jsonl; OPTIONS_JSON: {actor, activity, language?, includePrivate?, cmi5?})",
      .positional = {"PACKAGE", "RECORD"},
      .flags = {"--json"},
      .options = {"--statements"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  std::optional<session::StatementOptions> statement_options;
  if (parsed->has("--statements")) {
    auto options = session::read_statement_options(nlohmann::json::parse(parsed->get("--statements"), nullptr, false));
    if (!options) {
      const Problem& problem = options.problems().front();
      return usage_error(line, "--statements" + problem.where + ": " + problem.message);
    }
    statement_options = std::move(options.value());
  }
  const std::string& record_path = parsed->positional[1];
  const Replayed replayed = replay(parsed->positional[0], record_path, "replay");
  if (!replayed.session) return replayed.exit_code;
  const std::vector<Problem>& problems = replayed.problems;
  const nlohmann::json summary = replayed.session->summary();
  if (statement_options) {
    print_problems(stderr, record_path, problems);
    const auto& session = *replayed.session;
    const auto course = std::make_shared<const course::Course>(session.course());
    for (const auto& statement : session::record_statements(course, session.events(), *statement_options))
      std::printf("%s\n", statement.dump().c_str());
  } else if (parsed->flag("--json")) {
    nlohmann::json out = summary;
    out["problems"] = to_json(problems);
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_problems(stderr, record_path, problems);
    print_summary(summary);
  }
  return has_errors(problems) ? 1 : 0;
}

namespace {

// One recall card as `tessera recall --json` prints it; a card never reviewed is due now and has no memory
// state yet (its stability, difficulty and retrievability are null). An item's card names its block and item, a
// course-defined prompt's its module and prompt.
nlohmann::ordered_json recall_card_json(const session::Session::RecallCard& card, std::int64_t now) {
  const bool reviewed = card.state.reps > 0;
  const auto or_null = [reviewed](auto value) { return reviewed ? nlohmann::ordered_json(value) : nullptr; };
  nlohmann::ordered_json out = {{"card", card.id()}};
  if (card.prompt.empty()) {
    out["block"] = card.block;
    out["item"] = card.item;
  } else {
    out["module"] = card.module;
    out["prompt"] = card.prompt;
  }
  out["due"] = datetime::format(reviewed ? card.state.due : now);
  out["stability"] = or_null(card.state.stability);
  out["difficulty"] = or_null(card.state.difficulty);
  out["retrievability"] = or_null(recall::retrievability(card.state, now));
  out["reps"] = card.state.reps;
  out["lapses"] = card.state.lapses;
  return out;
}

}  // namespace

int recall_command(Args args) {
  static const CommandLine line{.command = "recall",
                                .usage = "tessera recall PACKAGE RECORD --now ISO [--json]",
                                .positional = {"PACKAGE", "RECORD"},
                                .flags = {"--json"},
                                .options = {"--now"},
                                .required = {"--now"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto now = datetime::parse(parsed->get("--now"));
  if (!now) return usage_error(line, "--now must be a date and time with a zone, such as 2026-03-01T09:30:00Z");
  const std::string& record_path = parsed->positional[1];
  const Replayed replayed = replay(parsed->positional[0], record_path, "recall");
  if (!replayed.session) return replayed.exit_code;
  print_problems(stderr, record_path, replayed.problems);
  const auto cards = replayed.session->recall_cards();
  if (parsed->flag("--json")) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& card : cards) out.push_back(recall_card_json(card, *now));
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    if (cards.empty()) std::printf("no recall cards yet: a module's assessed items become cards once it is complete\n");
    for (const auto& card : cards) {
      const nlohmann::ordered_json shown = recall_card_json(card, *now);
      if (card.state.reps == 0) {
        std::printf("%s: new, due now\n", utf8::printable(shown["card"].get<std::string>()).c_str());
        continue;
      }
      std::printf("%s: due %s, stability %s, difficulty %s, retrievability %s, %d review%s, %d lapse%s\n",
                  utf8::printable(shown["card"].get<std::string>()).c_str(), shown["due"].get<std::string>().c_str(),
                  shown["stability"].dump().c_str(), shown["difficulty"].dump().c_str(),
                  shown["retrievability"].dump().c_str(), card.state.reps, card.state.reps == 1 ? "" : "s",
                  card.state.lapses, card.state.lapses == 1 ? "" : "s");
    }
  }
  return has_errors(replayed.problems) ? 1 : 0;
}

}  // namespace tessera::cli
