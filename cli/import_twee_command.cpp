// `tessera import-twee FILE [--out FILE]`: converts a Twine 2 story in Twee 3 text into a scenario in
// Tessera's format (docs/scenarios.md), so authors can draft in Twine. Warnings (macros kept as text,
// unreachable passages) go to stderr with their line or pointer; the scenario JSON goes to stdout or FILE.
// Exit 0: converted (maybe with warnings); 1: errors (broken links, no passages); 2: wrong use.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/scenario.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

int import_twee_command(Args args) {
  static const CommandLine line{.command = "import-twee",
                                .usage = "tessera import-twee FILE [--out FILE]",
                                .positional = {"FILE"},
                                .options = {"--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& story_path = parsed->positional[0];
  const std::string out = parsed->get("--out");
  const auto text = read_input_file(story_path, "import-twee");
  if (!text) return 2;
  const auto imported = scenario::import_twee(*text);
  std::vector<Problem> problems = imported.problems;
  if (!has_errors(problems)) {
    // The same checks `tessera validate` makes, so the draft's gaps show now rather than at packing.
    const auto report = scenario::load(imported.scenario, "");
    problems.insert(problems.end(), report.problems.begin(), report.problems.end());
  }
  print_problems(stderr, story_path, problems);
  const auto errors = static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::error; }));
  if (errors > 0) {
    std::fprintf(stderr, "tessera import-twee: %zu error%s; nothing written\n", errors, errors == 1 ? "" : "s");
    return 1;
  }
  const std::string json_text = imported.scenario.dump(2) + "\n";
  if (!write_output(out, json_text, "import-twee")) return 1;
  if (!out.empty()) {
    std::fprintf(stderr, "tessera import-twee: wrote %s (%zu nodes)\n", utf8::printable(out).c_str(),
                 imported.scenario["nodes"].size());
  }
  return 0;
}

}  // namespace tessera::cli
