// The one command-line parser of the `tessera` commands: each command states what it accepts (a CommandLine)
// and gets its flags, options and positional arguments back, or a clear error with its usage line.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace tessera::cli {

// The exit code of a command used wrongly (an unknown option, a missing argument).
inline constexpr int usage_exit_code = 2;

// What one command accepts. Options are spelt "--name"; anything else starting with '-' is an unknown
// option, and "--" ends the options (a file named "-x" is given as `-- -x`).
struct CommandLine {
  std::string_view command{};                  // "replay": its messages start "tessera replay: "
  std::string_view usage{};                    // printed after "usage: " ("tessera replay PACKAGE RECORD [--json]")
  std::vector<std::string_view> positional{};  // the required arguments' names, in order ("PACKAGE", "RECORD")
  bool last_repeats = false;                   // the last positional may come more than once ("PROOF...")
  bool last_optional = false;                  // the last positional may be left out ("[INPUT...]")
  bool pass_rest = false;                      // arguments after the positionals are kept unread, in `rest`
  std::vector<std::string_view> flags{};       // options without a value ("--json")
  std::vector<std::string_view> options{};     // options with a value ("--out FILE"); each may come again
  std::vector<std::string_view> required{};    // options that must be given
};

class ParsedArgs {
 public:
  std::vector<std::string> positional;
  std::vector<std::string> rest;  // with pass_rest: everything after the positionals, as given

  [[nodiscard]] bool flag(std::string_view name) const { return flags_.count(name) > 0; }
  [[nodiscard]] bool has(std::string_view name) const { return options_.count(name) > 0; }
  // The option's last value, or `fallback` when it was not given.
  [[nodiscard]] std::string get(std::string_view name, const std::string& fallback = {}) const;
  // Every value the option was given, in order (none: empty).
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;

 private:
  friend std::optional<ParsedArgs> parse_args(Args args, const CommandLine& line);
  std::map<std::string, std::vector<std::string>, std::less<>> options_;
  std::set<std::string, std::less<>> flags_;
};

// The arguments after the command's name, read against `line`; nullopt after saying what is wrong
// (usage_error) — an unknown option, an option without its value, a missing or an extra argument, a
// required option not given.
[[nodiscard]] std::optional<ParsedArgs> parse_args(Args args, const CommandLine& line);

// "tessera COMMAND: WHY" and "usage: USAGE" on stderr, for wrong use the parser cannot see (two options
// that exclude each other, say); returns usage_exit_code.
int usage_error(const CommandLine& line, std::string_view why);

}  // namespace tessera::cli
