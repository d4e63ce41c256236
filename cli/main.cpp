// Entry point of the `tessera` command: dispatches sub-commands for authors and issuers.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "commands.hpp"
#include "tessera/version.hpp"

namespace {

constexpr const char* usage_text =
    "usage: tessera <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate PATH [--json]  check a course folder or course.json; exit 1 on errors\n"
    "  replay PACKAGE RECORD [--json]\n"
    "                          fold a learner record (JSON Lines) over a course and print the state\n"
    "  keygen --out DIR [--seed HEX]\n"
    "                          make a publisher key (Ed25519): DIR/publisher.key and publisher.pub.json\n"
    "  pack SRC --key KEYFILE --out DIR\n"
    "                          validate SRC and publish it to DIR/<id>/<version>/ with a signed manifest\n"
    "  score ITEM RESPONSE [--json]\n"
    "                          score one response to one item (JSON files) and show the feedback\n"
    "  preview COURSE [--record FILE] [--theme dark]\n"
    "                          open the desktop canvas player on a course folder\n"
    "  version [--json]        print the runtime version (with --json: build facts)\n"
    "  help                    print this help\n";

int print_version(int argc, char** argv) {
  const bool as_json = argc > 2 && std::string_view(argv[2]) == "--json";
  if (as_json) {
    std::printf("%s\n", tessera::build_info_json().c_str());
  } else {
    std::printf("tessera %.*s\n", static_cast<int>(tessera::version().size()), tessera::version().data());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(usage_text, stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "version" || command == "--version") return print_version(argc, argv);
  const tessera::cli::Args rest{argv + 2, static_cast<std::size_t>(argc - 2)};
  if (command == "validate") return tessera::cli::validate_command(rest);
  if (command == "replay") return tessera::cli::replay_command(rest);
  if (command == "keygen") return tessera::cli::keygen_command(rest);
  if (command == "pack") return tessera::cli::pack_command(rest);
  if (command == "score") return tessera::cli::score_command(rest);
  if (command == "preview") return tessera::cli::preview_command(rest);
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(usage_text, stdout);
    return 0;
  }
  std::fprintf(stderr, "tessera: unknown command '%s'. Run 'tessera help' for the list.\n", argv[1]);
  return 2;
}
