// File helpers the `tessera` commands share: whole-file reads and writes, JSON files read by the strict
// reader, problems printed with their file, and a package folder's file list.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"

namespace tessera::cli {

// The whole file, or false when it cannot be read.
[[nodiscard]] bool read_file(const std::filesystem::path& path, std::string& out);

// Writes `bytes` to `path` through a temporary file and a rename, so a crash never leaves half a file;
// `mode` sets the permissions (0600 for secrets). Returns an error message, or "" on success.
[[nodiscard]] std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                                                unsigned mode = 0644);

// Problems about `file`, for people: "tessera COMMAND: FILE: error WHERE: MESSAGE", then "    hint: HINT"
// ("tessera: FILE: …" when `command` is "", for helpers several commands share).
void print_file_problems(const char* command, const std::string& file, const std::vector<Problem>& problems);

// A JSON file read by the one strict reader of untrusted JSON (tessera/json_text.hpp) within `limits`.
// Without a value, stderr has said why and exit_code is 2 (the file cannot be read) or 1 (its text is
// refused, with the place: line and column, or the JSON pointer of a duplicate member).
struct JsonFile {
  std::optional<nlohmann::json> value;
  int exit_code = 0;
};
[[nodiscard]] JsonFile read_json_file(const std::filesystem::path& path, const char* command,
                                      const json_text::Limits& limits = json_text::credential_document);

// Every regular file under `root` as a relative '/'-separated path, sorted; hidden files (".git", ".DS_Store")
// are left out, as they are never part of a course.
[[nodiscard]] std::vector<std::string> list_package_files(const std::filesystem::path& root);

}  // namespace tessera::cli
