// Signed course packages: building, signing and verifying manifest.json, and checking files against it.
#include "tessera/package.hpp"

#include <algorithm>
#include <cstdio>

#include "tessera/jcs.hpp"
#include "tessera/json_text.hpp"
#include "tessera/utf8.hpp"

namespace tessera::package {

namespace {

using nlohmann::json;

constexpr int manifest_format = 1;
constexpr std::size_t max_manifest_files = 20000;
// Ed25519 over the RFC 8785 form of the manifest without its "signature" member (docs/package-format.md).
constexpr const char* signature_type = "Ed25519-JCS";

std::string sha256_hex(std::string_view bytes) { return crypto::to_hex(crypto::sha256(crypto::as_bytes(bytes))); }

// The signed part: everything but "signature". Its RFC 8785 form is what the publisher signs.
json unsigned_manifest(const Manifest& manifest) {
  json files = json::array();
  for (const auto& f : manifest.files) files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  return {{"format", manifest_format},
          {"course", {{"id", manifest.course_id}, {"version", manifest.course_version}}},
          {"publisher", manifest.publisher},
          {"files", files}};
}

bool is_hex64(const json& value) {
  if (!value.is_string() || value.get_ref<const std::string&>().size() != 64) return false;
  const auto& s = value.get_ref<const std::string&>();
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Names Windows keeps for devices, whatever the extension ("nul.txt" is the device too).
bool is_windows_device_name(std::string_view segment) {
  std::string stem(segment.substr(0, segment.find('.')));
  for (char& c : stem) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL") return true;
  return stem.size() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")) && stem[3] >= '1' && stem[3] <= '9';
}

// The rules a single name (between two '/') follows.
std::optional<std::string> segment_problem(std::string_view segment) {
  if (segment.empty()) return "it has an empty segment ('//', or '/' at the end)";
  if (segment == "." || segment == "..") return "it has a '" + std::string(segment) + "' segment";
  if (segment.size() > 255) return "a name in it is longer than 255 bytes";
  // ':' is a drive or a stream on Windows and a scheme in a URL; '#', '?' and '%' change what a URL
  // names (a fragment, a query, "%2e%2e" is ".."); the rest are refused by Windows.
  if (const auto bad = segment.find_first_of(":*?\"<>|#%"); bad != std::string_view::npos) {
    return "it has '" + std::string(1, segment[bad]) + "', which file systems or URLs read specially";
  }
  if (segment.back() == '.' || segment.back() == ' ') {
    return "a name in it ends with '" + std::string(1, segment.back()) + "', which Windows drops";
  }
  if (is_windows_device_name(segment)) return "'" + std::string(segment) + "' names a device on Windows";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> path_problem(std::string_view path) {
  if (path.empty()) return "it is empty";
  if (path.size() > max_path_bytes) return "it is longer than " + std::to_string(max_path_bytes) + " bytes";
  if (const auto bad = utf8::first_invalid_utf8(path); bad != std::string_view::npos) {
    return "it is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")";
  }
  for (std::size_t at = 0; at < path.size();) {
    const auto code_point = utf8::next_code_point(path, at);  // never nullopt: checked just above
    if (code_point && utf8::is_control(*code_point)) {
      char name[8];
      // NOLINTNEXTLINE(cert-err33-c): a control character is below U+00A0, so "U+hhhh" fits the 8 bytes
      std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(*code_point));
      return "it has the control character " + std::string(name);
    }
  }
  if (path.find('\\') != std::string_view::npos) return "it has a backslash; package paths separate folders with '/'";
  if (path.front() == '/') return "it is absolute (starts with '/')";
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (auto problem = segment_problem(path.substr(start, end - start))) return problem;
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<Problem> file_name_problem(std::string_view path) {
  auto why = path_problem(path);
  if (!why) return std::nullopt;
  return error_at(utf8::printable(path), "the file name is not a package path: " + *why,
                  "rename the file (docs/package-format.md, \"Package paths\")");
}

Result<std::string> sign_manifest(const std::string& course_id, const std::string& course_version,
                                  const std::map<std::string, std::string>& files, const crypto::KeyPair& key) {
  Manifest manifest{course_id, course_version, crypto::did_key(key.public_key), {}};
  for (const auto& [path, bytes] : files) {  // std::map: already sorted by path
    if (path == manifest_name) continue;
    if (auto problem = file_name_problem(path)) return *problem;
    manifest.files.push_back({path, bytes.size(), sha256_hex(bytes)});
  }
  json document = unsigned_manifest(manifest);
  const auto canonical = jcs::canonicalize(document);  // cannot fail: every value above is valid JSON text
  const crypto::Signature signature = crypto::sign(crypto::as_bytes(canonical.value()), key.secret_key);
  const std::string did = crypto::did_key(key.public_key);
  document["signature"] = {{"type", signature_type},
                           {"verificationMethod", did + "#" + did.substr(std::string_view("did:key:").size())},
                           {"signatureValue", crypto::multibase_base58btc(signature)}};
  return document.dump(2) + "\n";
}

Result<Manifest> verify_manifest(std::string_view manifest_text, std::string_view expected_publisher) {
  const std::string where(manifest_name);
  auto problem = [&](std::string message, std::string hint = {}) -> Result<Manifest> {
    return error_at(where, std::move(message), std::move(hint));
  };
  json_text::Reading<json> read = json_text::parse(manifest_text, json_text::manifest_file, where);
  if (read.error) {
    // Every manifest problem names the file: "manifest.json/files" at a member, "manifest.json line 3,
    // column 5" at a place in the text.
    Problem text_problem = std::move(read.error->problem);
    const bool at_member = !read.error->pointer.empty();
    text_problem.where = where + (at_member || text_problem.where.empty() ? "" : " ") + text_problem.where;
    return text_problem;
  }
  const json& document = read.value;
  if (!document.is_object()) return problem("the manifest is not a JSON object");
  try {
    if (document.value("format", 0) != manifest_format) {
      return problem("manifest format " + document.value("format", json()).dump() + " is not supported",
                     "repack the course with this version of tessera");
    }
    const json& course = document.at("course");
    Manifest manifest;
    manifest.course_id = course.at("id").get<std::string>();
    manifest.course_version = course.at("version").get<std::string>();
    manifest.publisher = document.at("publisher").get<std::string>();
    const json& files = document.at("files");
    if (!files.is_array() || files.size() > max_manifest_files) return problem("'files' must be a list of files");
    for (std::size_t i = 0; i < files.size(); ++i) {
      const json& f = files[i];
      auto path = f.at("path").get<std::string>();
      // Refused before anything else: a host may look files up or write them by these paths.
      if (auto why = path_problem(path)) {
        return problem("the manifest lists '" + utf8::printable(path) + "' (files/" + std::to_string(i) +
                           "/path), which is not a package path: " + *why,
                       "a package made by tessera pack never lists such a path; do not use this package");
      }
      if (!is_hex64(f.at("sha256"))) return problem("a file's sha256 is not 64 lower-case hex digits");
      manifest.files.push_back({std::move(path), f.at("size").get<std::uint64_t>(), f.at("sha256").get<std::string>()});
    }
    const auto publisher_key = crypto::public_key_from_did_key(manifest.publisher);
    if (!publisher_key) return problem("the publisher '" + manifest.publisher + "' is not an Ed25519 did:key");
    if (!expected_publisher.empty() && manifest.publisher != expected_publisher) {
      return problem("the package is signed by " + manifest.publisher + ", not by the expected publisher " +
                         std::string(expected_publisher),
                     "get the package from its publisher; someone else signed this copy");
    }
    const json& signature = document.at("signature");
    if (signature.at("type") != signature_type) {
      return problem("signature type " + signature.at("type").dump() + " is not " + signature_type);
    }
    const auto method = signature.at("verificationMethod").get<std::string>();
    if (crypto::public_key_from_did_key(method) != publisher_key) {
      return problem("the signature's verification method is not the publisher's key");
    }
    const auto signature_bytes = crypto::multibase_decode(signature.at("signatureValue").get<std::string>());
    if (!signature_bytes || signature_bytes->size() != crypto::Signature{}.size()) {
      return problem("the signature value is not a multibase Ed25519 signature");
    }
    crypto::Signature sig{};
    std::copy(signature_bytes->begin(), signature_bytes->end(), sig.begin());
    // Verify what the manifest says after re-reading it, so no unsigned member can ride along.
    const json signed_part = unsigned_manifest(manifest);
    json without_signature = document;
    without_signature.erase("signature");
    if (without_signature != signed_part) {
      return problem("the manifest has members outside the signed fields", "repack the course");
    }
    const auto canonical = jcs::canonicalize(signed_part);
    if (!canonical || !crypto::verify(sig, crypto::as_bytes(canonical.value()), *publisher_key)) {
      return problem("the manifest's signature does not match: the manifest was changed after it was signed",
                     "get a fresh copy of the package from its publisher");
    }
    return manifest;
  } catch (const json::exception& error) {
    return problem(std::string("the manifest is incomplete or malformed: ") + error.what());
  }
}

std::optional<Problem> verify_file(const Manifest& manifest, std::string_view path, std::string_view bytes) {
  const auto entry =
      std::find_if(manifest.files.begin(), manifest.files.end(), [&](const FileEntry& f) { return f.path == path; });
  if (entry == manifest.files.end()) {
    return error_at(utf8::printable(path), "the file is not listed in the signed manifest",
                    "remove it, or repack the course so the publisher signs it");
  }
  if (entry->size != bytes.size()) {
    return error_at(
        std::string(path),
        "the file has " + std::to_string(bytes.size()) + " bytes; the manifest says " + std::to_string(entry->size),
        "the file was changed or cut short; get a fresh copy of the package");
  }
  if (!crypto::equal(crypto::as_bytes(sha256_hex(bytes)), crypto::as_bytes(entry->sha256))) {
    return error_at(std::string(path), "the file's SHA-256 does not match the signed manifest",
                    "the file was changed after the package was signed; get a fresh copy of the package");
  }
  return std::nullopt;
}

FilesCheck check_files(std::string_view manifest_text, const std::map<std::string, std::string>& files,
                       std::string_view expected_publisher) {
  auto manifest = verify_manifest(manifest_text, expected_publisher);
  if (!manifest) return {std::nullopt, manifest.problems()};
  FilesCheck checked{std::move(manifest).value(), {}};
  for (const auto& [path, bytes] : files) {
    if (path == manifest_name) continue;
    if (auto problem = verify_file(*checked.manifest, path, bytes)) checked.problems.push_back(std::move(*problem));
  }
  return checked;
}

std::vector<Problem> verify_package(std::string_view manifest_text, const std::map<std::string, std::string>& files,
                                    std::string_view expected_publisher) {
  auto manifest = verify_manifest(manifest_text, expected_publisher);
  if (!manifest) return manifest.problems();
  return verify_files(manifest.value(), files);
}

std::vector<Problem> verify_files(const Manifest& manifest, const std::map<std::string, std::string>& files) {
  std::vector<Problem> problems;
  for (const auto& entry : manifest.files) {  // in the manifest's order, then the unlisted files
    const auto found = files.find(entry.path);
    if (found == files.end()) {
      problems.push_back(error_at(entry.path, "the file is listed in the manifest but missing from the package",
                                  "copy the whole package folder again"));
    } else if (auto problem = verify_file(manifest, entry.path, found->second)) {
      problems.push_back(std::move(*problem));
    }
  }
  for (const auto& file : files) {
    const std::string& path = file.first;  // not a structured binding: clang 14 cannot capture those
    if (path == manifest_name) continue;
    const bool listed =
        std::any_of(manifest.files.begin(), manifest.files.end(), [&](const FileEntry& f) { return f.path == path; });
    if (!listed) problems.push_back(*verify_file(manifest, path, file.second));  // "not listed"
  }
  return problems;
}

std::string refusal_message(const std::vector<Problem>& problems) {
  const auto first =
      std::find_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::error; });
  if (first == problems.end()) return {};
  const auto more =
      std::count_if(first + 1, problems.end(), [](const Problem& p) { return p.severity == Severity::error; });
  // A manifest that is itself refused (unsigned, changed, another publisher's) is not one files fail to match.
  const std::string lead = first->where.starts_with(manifest_name) ? "the package's signed manifest is refused: "
                                                                   : "the package does not match its signed manifest: ";
  std::string message = lead + first->where + ": " + first->message;
  if (more > 0) message += " (and " + std::to_string(more) + " more problem" + (more == 1 ? ")" : "s)");
  return message;
}

}  // namespace tessera::package
