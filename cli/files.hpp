// File helpers the `tessera` commands share: whole-file reads and writes, and a package folder's file list.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tessera::cli {

// The whole file, or false when it cannot be read.
[[nodiscard]] bool read_file(const std::filesystem::path& path, std::string& out);

// Writes `bytes` to `path` through a temporary file and a rename, so a crash never leaves half a file;
// `mode` sets the permissions (0600 for secrets). Returns an error message, or "" on success.
[[nodiscard]] std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                                                unsigned mode = 0644);

// Every regular file under `root` as a relative '/'-separated path, sorted; hidden files (".git", ".DS_Store")
// are left out, as they are never part of a course.
[[nodiscard]] std::vector<std::string> list_package_files(const std::filesystem::path& root);

}  // namespace tessera::cli
