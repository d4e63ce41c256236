// `tessera preview COURSE [player options]`: opens the desktop canvas player on a course folder, for
// authors. Checks the course first (errors are printed and the player is not started), then replaces this
// process with tessera_player, which the build places next to the tessera binary.
// Exit 0: the player ran and closed; 1: the course has errors; 2: wrong use, or no player was found.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "args.hpp"
#include "errno_text.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// The player binary: TESSERA_PLAYER when set, else tessera_player beside this program (the build tree puts
// it in ../player/; an install puts both in one folder).
fs::path find_player() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): the CLI starts no threads, and nothing in it sets the environment
  if (const char* forced = std::getenv("TESSERA_PLAYER"); forced && *forced) return forced;
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  for (const fs::path& candidate :
       {self.parent_path() / "tessera_player", self.parent_path() / "../player/tessera_player"}) {
    if (fs::exists(candidate, error)) return fs::weakly_canonical(candidate, error);
  }
  return {};
}

}  // namespace

int preview_command(Args args) {
  // The options after the folder are the player's, and the player reads them (player/main.cpp).
  static const CommandLine line{
      .command = "preview",
      .usage = "tessera preview COURSE-FOLDER [--record FILE.jsonl] [--theme dark] [player options]",
      .positional = {"COURSE-FOLDER"},
      .pass_rest = true};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  fs::path folder = parsed->positional[0];
  if (fs::is_regular_file(folder) && folder.filename() == "course.json") folder = folder.parent_path();
  // The same folder checks as tessera pack: what would not pack is not previewed either.
  auto listing = list_package_files(folder);
  std::string text;
  if (const auto failure = read_file_inside(folder, "course.json", text); !failure.empty()) {
    std::fprintf(stderr, "tessera preview: %s — give a course folder that holds course.json\n",
                 utf8::printable(failure).c_str());
    return 2;
  }
  course::LoadOptions options;
  options.files = std::move(listing.files);
  options.check_files = true;
  auto report = course::load(text, options);
  std::vector<Problem> errors = std::move(listing.problems);
  std::copy_if(report.problems.begin(), report.problems.end(), std::back_inserter(errors),
               [](const Problem& p) { return p.severity == Severity::error; });
  if (!errors.empty()) {
    std::fprintf(stderr, "tessera preview: %s has errors; fix them first (tessera validate %s shows them all):\n",
                 utf8::printable(folder.string()).c_str(), utf8::printable(folder.string()).c_str());
    print_problems(stderr, folder.string(), errors);
    return 1;
  }
  const fs::path player = find_player();
  if (player.empty()) {
    std::fprintf(stderr,
                 "tessera preview: tessera_player was not found next to this program; build it "
                 "(cmake --build --preset native --target tessera_player) or set TESSERA_PLAYER\n");
    return 2;
  }
  std::vector<std::string> argv_text = {player.string(), "--course", folder.string()};
  argv_text.insert(argv_text.end(), parsed->rest.begin(), parsed->rest.end());
  std::vector<char*> argv;
  argv.reserve(argv_text.size() + 1);
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  // What this command printed must be out before the player replaces the process (execv keeps no buffers).
  if (std::fflush(stdout) != 0) {
    std::fprintf(stderr, "tessera preview: the output could not be written: %s\n", native::errno_text(errno).c_str());
    return 2;
  }
  execv(player.c_str(), argv.data());
  std::fprintf(stderr, "tessera preview: could not start %s\n", player.c_str());
  return 2;
}

}  // namespace tessera::cli
