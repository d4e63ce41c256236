// The `tessera` commands' argument parser (see args.hpp).
#include "args.hpp"

#include <algorithm>
#include <cstdio>

#include "output.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace {

bool listed(const std::vector<std::string_view>& names, std::string_view arg) {
  return std::find(names.begin(), names.end(), arg) != names.end();
}

// Arguments come from the person typing, but may hold a file name with control characters in it.
std::string quoted(std::string_view arg) { return "'" + utf8::printable(arg) + "'"; }

}  // namespace

std::string ParsedArgs::get(std::string_view name, const std::string& fallback) const {
  const auto found = options_.find(name);
  return found == options_.end() ? fallback : found->second.back();
}

std::vector<std::string> ParsedArgs::all(std::string_view name) const {
  const auto found = options_.find(name);
  return found == options_.end() ? std::vector<std::string>() : found->second;
}

int usage_error(const CommandLine& line, std::string_view why) {
  std::fprintf(stderr, "%s: %.*s\nusage: %.*s\n", command_name(line.command).c_str(), static_cast<int>(why.size()),
               why.data(), static_cast<int>(line.usage.size()), line.usage.data());
  return usage_exit_code;
}

std::optional<ParsedArgs> parse_args(Args args, const CommandLine& line) {
  ParsedArgs parsed;
  bool options_ended = false;
  const auto positionals_full = [&] { return line.pass_rest && parsed.positional.size() == line.positional.size(); };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (positionals_full()) {
      parsed.rest.emplace_back(arg);
    } else if (options_ended || arg.size() < 2 || arg[0] != '-') {
      parsed.positional.emplace_back(arg);
    } else if (arg == "--") {
      options_ended = true;
    } else if (listed(line.flags, arg)) {
      parsed.flags_.emplace(arg);
    } else if (!listed(line.options, arg)) {
      usage_error(line, "unknown option " + quoted(arg));
      return std::nullopt;
    } else if (i + 1 == args.size()) {
      usage_error(line, "the option " + quoted(arg) + " needs a value");
      return std::nullopt;
    } else {
      parsed.options_[std::string(arg)].emplace_back(args[++i]);
    }
  }
  const std::size_t expected = line.positional.size();
  if (parsed.positional.size() + (line.last_optional ? 1 : 0) < expected) {
    usage_error(line, "missing " + std::string(line.positional[parsed.positional.size()]));
    return std::nullopt;
  }
  if (parsed.positional.size() > expected && !(line.last_repeats && expected > 0)) {
    usage_error(line, "unexpected argument " + quoted(parsed.positional[expected]));
    return std::nullopt;
  }
  for (const std::string_view name : line.required) {
    if (!parsed.has(name)) {
      usage_error(line, "the option '" + std::string(name) + "' is required");
      return std::nullopt;
    }
  }
  return parsed;
}

}  // namespace tessera::cli
