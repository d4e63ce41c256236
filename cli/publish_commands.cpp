// `tessera keygen` and `tessera pack`: the publisher's Ed25519 key, and signed packages built from a course.
//   tessera keygen --out DIR [--seed HEX]      writes DIR/publisher.key (0600) and DIR/publisher.pub.json
//                                              (with --reviewer: DIR/reviewer.key and reviewer.pub.json)
//   tessera pack SRC --key KEYFILE --out DIR   validates SRC, copies it to DIR/<id>/<version>/ with a
//                                              signed manifest.json; refuses links, special files and
//                                              names outside the package path grammar, and never writes
//                                              outside DIR
#include <sys/random.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/package.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

// Creates `relative` under `base` one folder at a time, refusing a step that is a symbolic link or not a
// folder, so nothing is ever created through a link. Returns why not, or "".
std::string make_folders_inside(const fs::path& base, const fs::path& relative) {
  fs::path at = base;
  for (const auto& part : relative) {
    at /= part;
    std::error_code error;
    const auto status = fs::symlink_status(at, error);
    if (status.type() == fs::file_type::not_found) {
      if (!fs::create_directory(at, error) && error) return "cannot create " + at.string() + ": " + error.message();
    } else if (fs::is_symlink(status)) {
      return at.string() + " is a symbolic link; tessera pack never writes through one (remove it)";
    } else if (!fs::is_directory(status)) {
      return at.string() + " is in the way: it is not a folder";
    }
  }
  return {};
}

// Makes the folders every file goes into, inside `out`, and checks that each resolves to where it should
// before anything is written: a link in the output tree (out/<id> pointing elsewhere, say) would carry
// the package outside --out. Returns why not, or "".
std::string prepare_destinations(const fs::path& out, const fs::path& inside_out,
                                 const std::map<std::string, std::string>& files) {
  std::error_code error;
  fs::create_directories(out, error);  // --out itself is the publisher's choice, link or not
  const fs::path resolved_out = fs::canonical(out, error);
  if (error) return "cannot create " + out.string() + ": " + error.message();
  for (const auto& [relative, bytes] : files) {
    const fs::path folder = (inside_out / relative).parent_path();
    if (auto failure = make_folders_inside(out, folder); !failure.empty()) return failure;
    const fs::path resolved = fs::canonical(out / folder, error);
    if (error || resolved != (resolved_out / folder).lexically_normal()) {
      return (out / folder).string() + " does not resolve to a folder inside " + out.string();
    }
  }
  return {};
}

}  // namespace

int keygen_command(Args args) {
  static const CommandLine line{.command = "keygen",
                                .usage = "tessera keygen --out DIR [--seed HEX] [--reviewer]",
                                .flags = {"--reviewer"},
                                .options = {"--out", "--seed"},
                                .required = {"--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera keygen: libsodium could not start\n");
    return 1;
  }
  crypto::Seed seed{};
  if (parsed->has("--seed")) {
    const auto given = seed_from_hex(parsed->get("--seed"));
    if (!given) {
      std::fprintf(stderr, "tessera keygen: --seed takes 64 hex digits (32 bytes)\n");
      return 2;
    }
    seed = *given;
  } else if (getrandom(seed.data(), seed.size(), 0) != static_cast<ssize_t>(seed.size())) {
    std::fprintf(stderr, "tessera keygen: the system gave no randomness (getrandom failed)\n");
    return 1;
  }
  const fs::path out = parsed->get("--out");
  std::error_code error;
  fs::create_directories(out, error);
  // A project reviewer's key is the same kind of key under its own name (docs/projects.md).
  const std::string name = parsed->flag("--reviewer") ? "reviewer" : "publisher";
  const fs::path secret_path = out / (name + ".key");
  const fs::path public_path = out / (name + ".pub.json");
  if (fs::exists(secret_path)) {
    std::fprintf(stderr, "tessera keygen: %s exists; a key is never overwritten (move it away first)\n",
                 secret_path.c_str());
    return 1;
  }
  const crypto::KeyPair pair = crypto::keypair_from_seed(seed);
  const std::string did = crypto::did_key(pair.public_key);
  std::string failure = write_key_file(secret_path, seed, did);
  crypto::wipe(seed.data(), seed.size());
  if (failure.empty()) {
    failure = write_file_atomically(
        public_path,
        nlohmann::json{{"did", did}, {"publicKeyMultibase", crypto::ed25519_multikey(pair.public_key)}}.dump(2) + "\n");
  }
  if (!failure.empty()) {
    std::fprintf(stderr, "tessera keygen: %s\n", failure.c_str());
    return 1;
  }
  std::printf("publisher key %s\n  secret: %s (mode 0600 — keep it off the web server)\n  public: %s\n", did.c_str(),
              secret_path.c_str(), public_path.c_str());
  return 0;
}

int pack_command(Args args) {
  static const CommandLine line{.command = "pack",
                                .usage = "tessera pack SRC --key KEYFILE --out DIR",
                                .positional = {"SRC"},
                                .options = {"--key", "--out"},
                                .required = {"--key", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  if (!crypto::init()) return 1;
  const fs::path source = parsed->positional[0];
  if (!fs::is_directory(source)) {
    std::fprintf(stderr, "tessera pack: %s is not a course folder\n", utf8::printable(source.string()).c_str());
    return 2;
  }
  // Links, special files and names a package cannot hold refuse the pack before anything is read.
  const auto listing = list_package_files(source);
  if (!listing.problems.empty()) {
    print_problems(stderr, source.string(), listing.problems);
    std::fprintf(stderr, "tessera pack: %s cannot be packed as it is; nothing was written\n",
                 utf8::printable(source.string()).c_str());
    return 1;
  }
  std::map<std::string, std::string> files;
  for (const auto& relative : listing.files) {
    if (relative == package::manifest_name) continue;  // an old manifest is never re-signed
    if (const auto failure = read_file_inside(source, relative, files[relative]); !failure.empty()) {
      std::fprintf(stderr, "tessera pack: %s\n", utf8::printable(failure).c_str());
      return relative == "course.json" ? 2 : 1;
    }
  }
  if (!files.count("course.json")) {
    std::fprintf(stderr, "tessera pack: %s has no course.json\n", utf8::printable(source.string()).c_str());
    return 2;
  }
  course::LoadOptions load_options;
  load_options.files = listing.files;
  load_options.check_files = true;
  const auto report = course::load(files["course.json"], load_options);
  if (!report.course) {
    std::fprintf(stderr, "tessera pack: %s has errors; run 'tessera validate %s' to see them\n",
                 utf8::printable(source.string()).c_str(), utf8::printable(source.string()).c_str());
    return 1;
  }
  const auto key = load_key(parsed->get("--key"));
  if (!key) return 1;
  auto manifest = package::sign_manifest(report.course->id, report.course->version, files, key->pair);
  if (!manifest) {
    print_problems(stderr, source.string(), manifest.problems());
    return 1;
  }

  const fs::path published = fs::path(report.course->id) / report.course->version;  // a slug and a semver: no '/'
  const fs::path target = fs::path(parsed->get("--out")) / published;
  if (fs::symlink_status(target / package::manifest_name).type() != fs::file_type::not_found) {
    std::fprintf(stderr, "tessera pack: %s is already published; a version is never overwritten (raise \"version\")\n",
                 utf8::printable(target.string()).c_str());
    return 1;
  }
  if (const auto failure = prepare_destinations(parsed->get("--out"), published, files); !failure.empty()) {
    std::fprintf(stderr, "tessera pack: %s; no file was written\n", utf8::printable(failure).c_str());
    return 1;
  }
  for (const auto& [relative, bytes] : files) {
    if (const auto failure = write_file_atomically(target / relative, bytes); !failure.empty()) {
      std::fprintf(stderr, "tessera pack: %s\n", utf8::printable(failure).c_str());
      return 1;
    }
  }
  if (const auto failure = write_file_atomically(target / package::manifest_name, manifest.value()); !failure.empty()) {
    std::fprintf(stderr, "tessera pack: %s\n", utf8::printable(failure).c_str());
    return 1;
  }
  std::printf("packed %s %s: %zu files signed by %s\n  %s\n", report.course->id.c_str(), report.course->version.c_str(),
              files.size(), key->did.c_str(), utf8::printable(target.string()).c_str());
  return 0;
}

}  // namespace tessera::cli
