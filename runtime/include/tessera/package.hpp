// Signed course packages: manifest.json lists every file of a package with its size and SHA-256, names the
// course and the publisher's did:key, and carries a detached Ed25519 signature over its RFC 8785 form.
// The runtime refuses a package whose signature or any file does not match, and says which.
//
// Does NOT: read files (the host hands over their bytes), or decide which publishers to trust (the caller
// passes the did:key it expects, e.g. from the catalog; none means "whoever signed it, consistently").
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/crypto.hpp"
#include "tessera/problem.hpp"

namespace tessera::package {

inline constexpr std::string_view manifest_name = "manifest.json";

// Why `path` is not a package path, or nullopt when it is one. A package path is what may stand in a
// manifest or a course.json reference: relative, '/'-separated, portable to every file system and URL the
// package travels through (docs/package-format.md, "Package paths"). The reason is a clause such as
// "it has a '..' segment"; callers quote the path (through utf8::printable) before it.
[[nodiscard]] std::optional<std::string> path_problem(std::string_view path);

inline constexpr std::size_t max_path_bytes = 512;

// The problem a file named `path` makes in a package (where = the path, escaped by utf8::printable), or
// nullopt when the name is a package path. For packers and hosts listing a folder.
[[nodiscard]] std::optional<Problem> file_name_problem(std::string_view path);

struct FileEntry {
  std::string path;  // a package path (path_problem), as in course.json
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex
};

struct Manifest {
  std::string course_id;
  std::string course_version;
  std::string publisher;         // did:key of the signing key
  std::vector<FileEntry> files;  // sorted by path; never lists manifest.json itself
};

// The manifest for these files (path → bytes), signed with `key`. Returns manifest.json's text, or a
// problem (where = the path) for a path that is not a package path: no such path is ever signed.
[[nodiscard]] Result<std::string> sign_manifest(const std::string& course_id, const std::string& course_version,
                                                const std::map<std::string, std::string>& files,
                                                const crypto::KeyPair& key);

// Reads manifest.json and checks its signature (and, when given, that the publisher is the expected one).
// A listed path that is not a package path refuses the whole manifest, signed or not, before any file is
// looked at.
[[nodiscard]] Result<Manifest> verify_manifest(std::string_view manifest_text,
                                               std::string_view expected_publisher = {});

// Checks one file against the manifest: listed, its size, its SHA-256. A problem names the file (where =
// its path) and what differs. The one file check: verify_package and the browser's players call it.
[[nodiscard]] std::optional<Problem> verify_file(const Manifest& manifest, std::string_view path,
                                                 std::string_view bytes);

// What check_files found: the manifest when its signature verified, and every problem, each naming its file.
struct FilesCheck {
  std::optional<Manifest> manifest;
  std::vector<Problem> problems;
};

// The check a host makes on the files it has (a player checks each file as it arrives): the manifest's
// signature (by `expected_publisher` when not empty), then each of `files` by verify_file. Files the
// manifest lists but `files` lacks are not looked for; verify_package does that for a whole package.
[[nodiscard]] FilesCheck check_files(std::string_view manifest_text, const std::map<std::string, std::string>& files,
                                     std::string_view expected_publisher = {});

// Checks a whole package: the manifest's signature, every listed file present with its size and digest,
// no unlisted file. Every problem at once, each naming the file (where = the file's path).
[[nodiscard]] std::vector<Problem> verify_package(std::string_view manifest_text,
                                                  const std::map<std::string, std::string>& files,
                                                  std::string_view expected_publisher = {});
// verify_package's file checks against a manifest verify_manifest already accepted (a verifier checking many
// proofs of one package checks the signature once).
[[nodiscard]] std::vector<Problem> verify_files(const Manifest& manifest,
                                                const std::map<std::string, std::string>& files);

// The one message every host gives when it refuses a package for the problems verify_manifest,
// verify_package or verify_file found (tessera replay, verify --package, prove and validate; both players):
// "the package does not match its signed manifest: FILE: what differs", naming the first file, and how many
// more problems there are ("the package's signed manifest is refused: manifest.json: why" when the manifest
// itself is). Empty when `problems` holds no error.
[[nodiscard]] std::string refusal_message(const std::vector<Problem>& problems);

}  // namespace tessera::package
