// `tessera keygen` and `tessera pack`: the publisher's Ed25519 key, and signed packages built from a course.
//   tessera keygen --out DIR [--seed HEX]      writes DIR/publisher.key (0600) and DIR/publisher.pub.json
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

#include "commands.hpp"
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

// Reads "--name VALUE" options and positional arguments; returns false (after saying why) on a bad one.
bool parse_options(Args args, std::map<std::string, std::string>& options, std::vector<std::string>& positional,
                   std::initializer_list<const char*> known, const char* usage) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string arg = args[i];
    if (arg.rfind("--", 0) != 0) {
      positional.push_back(arg);
      continue;
    }
    const bool is_known = std::any_of(known.begin(), known.end(), [&](const char* k) { return arg == k; });
    if (!is_known || i + 1 >= args.size()) {
      std::fprintf(stderr, "%s '%s'\nusage: %s\n", is_known ? "missing value for" : "unknown option", arg.c_str(), usage);
      return false;
    }
    options[arg] = args[++i];
  }
  return true;
}

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

// A key file is {"type": "Ed25519", "did": "did:key:…", "seed": "<64 hex>"}; the did is checked against the seed.
std::optional<LoadedKey> load_key(const fs::path& path) {
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "tessera: cannot read the key file %s\n", path.c_str());
    return std::nullopt;
  }
  auto read = json_text::read(text, json_text::key_file, path.filename().string());
  crypto::wipe(text.data(), text.size());
  if (!read) {
    print_file_problems("", path.string(), read.problems());
    return std::nullopt;
  }
  auto& document = read.value();
  // value("seed", std::string()) throws on another type: every member read below must be a string.
  for (const char* name : {"type", "did", "seed"}) {
    if (!document.is_object() || (document.contains(name) && !document[name].is_string())) {
      std::fprintf(stderr, "tessera: %s is not a Tessera key file (%s)\n", path.c_str(),
                   document.is_object() ? (std::string("\"") + name + "\" must be a string").c_str()
                                        : "it must be a JSON object");
      return std::nullopt;
    }
  }
  auto seed_hex = document.value("seed", std::string());
  if (document.contains("seed")) {
    auto& stored = document["seed"].get_ref<std::string&>();
    crypto::wipe(stored.data(), stored.size());
  }
  auto seed_bytes = crypto::from_hex(seed_hex);
  crypto::wipe(seed_hex.data(), seed_hex.size());
  if (!seed_bytes || seed_bytes->size() != crypto::Seed{}.size()) {
    std::fprintf(stderr, "tessera: %s is not a Tessera key file (no 64-digit hex \"seed\")\n", path.c_str());
    return std::nullopt;
  }
  crypto::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  crypto::wipe(seed_bytes->data(), seed_bytes->size());
  LoadedKey key{crypto::keypair_from_seed(seed), {}};
  crypto::wipe(seed.data(), seed.size());
  key.did = crypto::did_key(key.pair.public_key);
  if (document.value("did", key.did) != key.did) {
    std::fprintf(stderr, "tessera: %s says it is %s, but its seed gives %s\n", path.c_str(),
                 utf8::printable(document.value("did", std::string())).c_str(), key.did.c_str());
    return std::nullopt;
  }
  return key;
}

int keygen_command(Args args) {
  constexpr const char* usage = "tessera keygen --out DIR [--seed HEX]";
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!parse_options(args, options, positional, {"--out", "--seed"}, usage)) return 2;
  if (!options.count("--out") || !positional.empty()) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera keygen: libsodium could not start\n");
    return 1;
  }
  crypto::Seed seed{};
  if (options.count("--seed")) {
    auto bytes = crypto::from_hex(options["--seed"]);
    if (!bytes || bytes->size() != seed.size()) {
      std::fprintf(stderr, "tessera keygen: --seed takes 64 hex digits (32 bytes)\n");
      return 2;
    }
    std::copy(bytes->begin(), bytes->end(), seed.begin());
    crypto::wipe(bytes->data(), bytes->size());
  } else if (getrandom(seed.data(), seed.size(), 0) != static_cast<ssize_t>(seed.size())) {
    std::fprintf(stderr, "tessera keygen: the system gave no randomness (getrandom failed)\n");
    return 1;
  }
  const fs::path out = options["--out"];
  std::error_code error;
  fs::create_directories(out, error);
  const fs::path secret_path = out / "publisher.key";
  const fs::path public_path = out / "publisher.pub.json";
  if (fs::exists(secret_path)) {
    std::fprintf(stderr, "tessera keygen: %s exists; a key is never overwritten (move it away first)\n",
                 secret_path.c_str());
    return 1;
  }
  const crypto::KeyPair pair = crypto::keypair_from_seed(seed);
  const std::string did = crypto::did_key(pair.public_key);
  std::string secret = nlohmann::json{{"type", "Ed25519"}, {"did", did}, {"seed", crypto::to_hex(seed)}}.dump(2) + "\n";
  crypto::wipe(seed.data(), seed.size());
  std::string failure = write_file_atomically(secret_path, secret, 0600);
  crypto::wipe(secret.data(), secret.size());
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
  constexpr const char* usage = "tessera pack SRC --key KEYFILE --out DIR";
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  if (!parse_options(args, options, positional, {"--key", "--out"}, usage)) return 2;
  if (positional.size() != 1 || !options.count("--key") || !options.count("--out")) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  if (!crypto::init()) return 1;
  const fs::path source = positional[0];
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
  const auto key = load_key(options["--key"]);
  if (!key) return 1;
  auto manifest = package::sign_manifest(report.course->id, report.course->version, files, key->pair);
  if (!manifest) {
    print_problems(stderr, source.string(), manifest.problems());
    return 1;
  }

  const fs::path published = fs::path(report.course->id) / report.course->version;  // a slug and a semver: no '/'
  const fs::path target = fs::path(options["--out"]) / published;
  if (fs::symlink_status(target / package::manifest_name).type() != fs::file_type::not_found) {
    std::fprintf(stderr, "tessera pack: %s is already published; a version is never overwritten (raise \"version\")\n",
                 utf8::printable(target.string()).c_str());
    return 1;
  }
  if (const auto failure = prepare_destinations(options["--out"], published, files); !failure.empty()) {
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
  std::printf("packed %s %s: %zu files signed by %s\n  %s\n", report.course->id.c_str(),
              report.course->version.c_str(), files.size(), key->did.c_str(), utf8::printable(target.string()).c_str());
  return 0;
}

}  // namespace tessera::cli
