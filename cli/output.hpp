// What the `tessera` commands print about problems, in one format and free of terminal control: text that
// came from a package, a document or the disk (file names, ids, messages quoting input) goes through
// utf8::printable, so a file named "\x1b[2K\r0 errors" cannot erase a line or forge a verdict.
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::cli {

// "SOURCE: error WHERE: MESSAGE" (or "SOURCE: error: MESSAGE" without a place) and "    hint: HINT", one
// problem after another, every part escaped.
void print_problems(std::FILE* out, std::string_view source, const std::vector<Problem>& problems);

}  // namespace tessera::cli
