// Helpers shared by the unit tests: reading files from tests/golden (natively and in Wasm via NODERAWFS).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessera::test {

inline std::string golden_path(const std::string& relative) { return std::string(TESSERA_GOLDEN_DIR) + "/" + relative; }

// The whole file as bytes; throws (failing the test with the path) when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test file " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

inline std::string read_golden(const std::string& relative) { return read_file(golden_path(relative)); }

// The non-empty lines of `text` (file lists, JSON Lines records).
inline std::vector<std::string> non_empty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace tessera::test
