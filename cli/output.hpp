// What the `tessera` commands print about problems, in one format and free of terminal control: text that
// came from a package, a document or the disk (file names, ids, messages quoting input) goes through
// utf8::printable, so a file named "\x1b[2K\r0 errors" cannot erase a line or forge a verdict.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::cli {

// How a command names itself at the start of its messages: "tessera score", or "tessera" for a helper that
// several commands share (command "").
[[nodiscard]] std::string command_name(std::string_view command);

// "SOURCE: error WHERE: MESSAGE" (or "SOURCE: error: MESSAGE" without a place) and "    hint: HINT", one
// problem after another, every part escaped.
void print_problems(std::FILE* out, std::string_view source, const std::vector<Problem>& problems);

}  // namespace tessera::cli
