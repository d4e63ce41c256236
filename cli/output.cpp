// Command names and problems printed for people, with terminal control escaped (see output.hpp).
#include "output.hpp"

#include "tessera/utf8.hpp"

namespace tessera::cli {

std::string command_name(std::string_view command) {
  return command.empty() ? std::string("tessera") : "tessera " + std::string(command);
}

void print_problems(std::FILE* out, std::string_view source, const std::vector<Problem>& problems) {
  const std::string shown_source = utf8::printable(source);
  for (const auto& p : problems) {
    std::fprintf(out, "%s: %s%s%s: %s\n", shown_source.c_str(), p.severity == Severity::error ? "error" : "warning",
                 p.where.empty() ? "" : " ", utf8::printable(p.where).c_str(), utf8::printable(p.message).c_str());
    if (!p.hint.empty()) std::fprintf(out, "    hint: %s\n", utf8::printable(p.hint).c_str());
  }
}

}  // namespace tessera::cli
