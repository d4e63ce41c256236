// Helpers shared by the unit tests: reading files from tests/golden (natively and in Wasm via NODERAWFS).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace tessera::test {

inline std::string golden_path(const std::string& relative) { return std::string(TESSERA_GOLDEN_DIR) + "/" + relative; }

// The whole file as bytes; throws (failing the test with the path) when it cannot be read.
inline std::string read_golden(const std::string& relative) {
  const std::string path = golden_path(relative);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read golden file " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace tessera::test
