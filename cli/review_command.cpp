// `tessera review SUBMISSION --key KEYFILE --level CRITERION=LEVEL... [--comment TEXT] --out FILE`: a facilitator
// (or, with --role peer, a learner of the course) signs a review of a learner's signed project submission, a level
// per criterion of the rubric the submission carries (docs/projects.md). An edited submission, an unknown level
// or a review of one's own work is refused with the reason.
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "output.hpp"
#include "tessera/project.hpp"

namespace tessera::cli {

namespace {

// --vouch FILE and --own-submission FILE: signed documents the review carries.
bool read_attachment(const ParsedArgs& parsed, std::string_view option, std::optional<nlohmann::json>& into) {
  if (!parsed.has(option)) return true;
  const JsonFile file = read_json_file(parsed.get(option), "review");
  if (!file.value) return false;
  into = *file.value;
  return true;
}

}  // namespace

int review_command(Args args) {
  static const CommandLine line{
      .command = "review",
      .usage =
          "tessera review SUBMISSION --key KEYFILE --level CRITERION=LEVEL... [--comment TEXT] "
          "[--role facilitator|peer] [--vouch FILE] [--own-submission FILE] --out FILE",
      .positional = {"SUBMISSION"},
      .options = {"--key", "--level", "--comment", "--role", "--vouch", "--own-submission", "--out"},
      .required = {"--key", "--level", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera review: libsodium could not start\n");
    return 1;
  }
  project::ReviewInput input;
  for (const std::string& level : parsed->all("--level")) {
    const auto equals = level.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == level.size()) {
      return usage_error(line, "--level takes CRITERION=LEVEL (e.g. --level impact=proficient), not '" + level + "'");
    }
    input.levels[level.substr(0, equals)] = level.substr(equals + 1);
  }
  input.comment = parsed->get("--comment");
  input.role = parsed->get("--role", "facilitator");
  if (!read_attachment(*parsed, "--vouch", input.vouch) ||
      !read_attachment(*parsed, "--own-submission", input.peer_submission)) {
    return 2;
  }
  const JsonFile file = read_json_file(parsed->positional[0], "review");
  if (!file.value) return file.exit_code;
  const auto key = load_key(parsed->get("--key"));
  if (!key) return 2;
  const auto submission = project::read_submission(*file.value);
  if (!submission) {
    print_problems(stderr, "tessera review: " + parsed->positional[0], submission.problems());
    return 1;
  }
  const auto review = project::create_review(submission.value(), input, key->pair);
  if (!review) {
    print_problems(stderr, "tessera review", review.problems());
    return 1;
  }
  return write_output(parsed->get("--out"), review.value().dump(2) + "\n", "review") ? 0 : 1;
}

}  // namespace tessera::cli
