// `tessera fsrs REVIEWS.json [--json]`: schedules a bare review log with FSRS-6 (default parameters, requested
// retention 0.9, long-term, no fuzz), so a schedule can be compared with other FSRS implementations.
// Exit 0: scheduled (warnings may have been printed); 1: the log is refused (the problem says where); 2: wrong use.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/datetime.hpp"
#include "tessera/recall.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

int fsrs_command(Args args) {
  static const CommandLine line{.command = "fsrs",
                                .usage = "tessera fsrs REVIEWS.json [--json]",
                                .positional = {"REVIEWS.json"},
                                .flags = {"--json"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& path = parsed->positional[0];
  const JsonFile file = read_json_file(path, "fsrs", json_text::review_log);
  if (!file.value) return file.exit_code;
  const auto log = recall::read_review_log(*file.value);
  if (!log) {
    print_problems(stderr, "tessera fsrs: " + path, log.problems());
    return 1;
  }
  print_problems(stderr, "tessera fsrs: " + path, log.value().warnings);
  const auto cards = recall::schedule(log.value().reviews);
  if (parsed->flag("--json")) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& [card, state] : cards) {
      out.push_back({{"card", card},
                     {"due", datetime::format(state.due)},
                     {"stability", state.stability},
                     {"difficulty", state.difficulty},
                     {"reps", state.reps},
                     {"lapses", state.lapses}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  for (const auto& [card, state] : cards) {
    std::printf("%s: due %s, stability %s, difficulty %s, %d review%s, %d lapse%s\n", utf8::printable(card).c_str(),
                datetime::format(state.due).c_str(), nlohmann::json(state.stability).dump().c_str(),
                nlohmann::json(state.difficulty).dump().c_str(), state.reps, state.reps == 1 ? "" : "s", state.lapses,
                state.lapses == 1 ? "" : "s");
  }
  return 0;
}

}  // namespace tessera::cli
