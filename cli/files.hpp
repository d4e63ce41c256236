// File helpers the `tessera` commands share: whole-file reads and writes, JSON files read by the strict
// reader, and a package folder's files, listed and read without ever following a symbolic link out of it.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"
#include "tessera/verifier.hpp"

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

// What a package folder holds. `files`: every regular file under the root as a package path, sorted;
// hidden names (".git", ".DS_Store") are left out, as they are never part of a course. `problems`: each
// entry a package cannot hold, where = its relative path (escaped): a symbolic link (never followed, to a
// file or a folder), a special file (device, socket, pipe), a name outside the package path grammar.
struct PackageListing {
  std::vector<std::string> files;
  std::vector<Problem> problems;
};
[[nodiscard]] PackageListing list_package_files(const std::filesystem::path& root);

// Reads `root`/`relative` (a package path) without following a symbolic link at any step below `root`,
// and only when it is a regular file. Returns an error message, or "" on success.
[[nodiscard]] std::string read_file_inside(const std::filesystem::path& root, const std::string& relative,
                                           std::string& out);

// A published package folder: manifest.json's text and every other file, read as above. Problems name the
// file: no manifest.json, a listing problem, an unreadable file. Nothing is checked against the manifest
// here (package::verify_package does that); no file is ever read by a path the manifest names.
[[nodiscard]] Result<credential::PackageInput> read_package(const std::filesystem::path& dir);

}  // namespace tessera::cli
