// File helpers the `tessera` commands share: whole-file reads and writes, the one JSON file reader (on the
// strict reader), and a package folder's files, listed and read without ever following a symbolic link out of it.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

// Reads the whole of `path` (a file the user named: links and pipes are followed) into `out`. Returns why
// not ("cannot read PATH: REASON", the path escaped for a terminal), or "" on success.
[[nodiscard]] std::string read_file(const std::filesystem::path& path, std::string& out);

// A command's input file, whole; nullopt after "tessera COMMAND: cannot read PATH: REASON" on stderr (the
// caller exits 2: a file that cannot be read is wrong use, not a refused document).
[[nodiscard]] std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string_view command);

// Writes `bytes` to `path` through a temporary file and a rename, so a crash never leaves half a file;
// `mode` sets the permissions (0600 for secrets). Returns an error message, or "" on success.
[[nodiscard]] std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                                                unsigned mode = 0644);

// A command's output: written to `out_path` by write_file_atomically, or to stdout when it is "". False
// after "tessera COMMAND: WHY" on stderr (the caller exits 1).
[[nodiscard]] bool write_output(const std::string& out_path, const std::string& text, std::string_view command);

// The one JSON file reader of the `tessera` commands: the file read by read_input_file, its text by the one
// strict reader of untrusted JSON (tessera/json_text.hpp) within `limits`. Without a value, stderr has said
// why and exit_code is 2 (the file cannot be read) or 1 (its text is refused: "tessera COMMAND: FILE: error
// PLACE: MESSAGE", the place a JSON pointer or "line L, column C"). A secret file's text is wiped once read
// (its value still holds the secret: the caller wipes what it takes from it).
enum class FileContents { plain, secret };
template <typename Json>
struct JsonFileOf {
  std::optional<Json> value;
  int exit_code = 0;
};
using JsonFile = JsonFileOf<nlohmann::json>;
[[nodiscard]] JsonFile read_json_file(const std::filesystem::path& path, std::string_view command,
                                      const json_text::Limits& limits = json_text::credential_document,
                                      FileContents contents = FileContents::plain);
// The same, keeping the members in the file's order (for a document written back out, as `tessera sign` does).
[[nodiscard]] JsonFileOf<nlohmann::ordered_json> read_ordered_json_file(
    const std::filesystem::path& path, std::string_view command,
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

// Whether `dir` is a published package: it holds a manifest.json (of any kind: a link there is refused later).
[[nodiscard]] bool is_published_package(const std::filesystem::path& dir);

// Where the course a user named lives: a course.json directly inside a published package names that
// package's folder, so that it is checked whole against its manifest however it is named; any other
// path is returned as it is.
[[nodiscard]] std::filesystem::path course_location(const std::filesystem::path& path);

}  // namespace tessera::cli
