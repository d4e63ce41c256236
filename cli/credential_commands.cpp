// The credential commands for anyone holding a document: `tessera jcs`, `sign`, `verify` and `prove`.
//   tessera jcs FILE      the RFC 8785 form, no trailing newline
//   tessera sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite eddsa-jcs-2022|eddsa-rdfc-2022]
//                [--created ISO] [--vm URL]
//   tessera verify FILE|IMAGE [--package DIR] [--did-doc FILE]… [--status-list FILE]… [--revocation-list FILE]
//                [--now ISO] [--context URL=FILE]… [--json]
//   tessera prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--now ISO] [--publisher DID]
//                [--include-private]    a learner's completion proof, made only when verify would accept it
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "clock.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "output.hpp"
#include "tessera/completion.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/datetime.hpp"
#include "tessera/jcs.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/package.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;
using nlohmann::json;

// ─── Shared helpers (declared in credential_support.hpp) ───

std::optional<credential::PackageInput> open_package(const fs::path& dir, const char* command) {
  auto package = read_package(dir);
  if (!package) {
    print_problems(stderr, command_name(command) + ": " + dir.string(), package.problems());
    return std::nullopt;
  }
  return std::move(package).value();
}

std::optional<credential::PackageInput> open_verified_package(const fs::path& dir, const char* command,
                                                              const std::string& expected_publisher, bool& unreadable) {
  auto package = open_package(dir, command);
  unreadable = !package;
  if (!package) return std::nullopt;
  package->expected_publisher = expected_publisher;
  if (!crypto::init()) {
    std::fprintf(stderr, "%s: libsodium could not start\n", command_name(command).c_str());
    return std::nullopt;
  }
  const auto problems = package::verify_package(package->manifest_text, package->files, expected_publisher);
  if (!has_errors(problems)) return package;
  print_problems(stderr, command_name(command) + ": " + dir.string(), problems);
  std::fprintf(stderr, "%s: %s\n", command_name(command).c_str(),
               utf8::printable(package::refusal_message(problems)).c_str());
  return std::nullopt;
}

std::optional<credential::Cryptosuite> cryptosuite_option(const ParsedArgs& args, const CommandLine& line,
                                                          credential::Cryptosuite fallback) {
  if (!args.has("--cryptosuite")) return fallback;
  const auto suite = credential::cryptosuite_from_string(args.get("--cryptosuite"));
  if (!suite) {
    usage_error(line, "unknown cryptosuite '" + utf8::printable(args.get("--cryptosuite")) +
                          "' (eddsa-jcs-2022 or eddsa-rdfc-2022)");
  }
  return suite;
}

void print_report(const credential::Report& report) {
  for (const auto& check : report.checks) {
    std::printf("%-7s %-10s %s\n", std::string(credential::to_string(check.status)).c_str(), check.id.c_str(),
                utf8::printable(check.sentence).c_str());  // sentences quote the document
  }
  std::size_t failed = 0, warned = 0;
  for (const auto& check : report.checks) {
    failed += check.status == credential::CheckStatus::fail ? 1 : 0;
    warned += check.status == credential::CheckStatus::warning ? 1 : 0;
  }
  const std::string_view verdict = report.verdict();
  std::printf("%s: %zu checks, %zu failed, %zu warnings\n",
              verdict == "verified"          ? "VERIFIED"
              : verdict == "could-not-check" ? "NOT FULLY CHECKED (nothing failed; see the warnings)"
                                             : "NOT VERIFIED",
              report.checks.size(), failed, warned);
}

namespace {

// --seed HEX or --key KEYFILE → a key pair (the seed is wiped after use); nullopt after saying why.
std::optional<LoadedKey> key_from_args(const ParsedArgs& args, const CommandLine& line) {
  if (args.has("--seed") == args.has("--key")) {
    usage_error(line, "give exactly one of --seed HEX or --key KEYFILE");
    return std::nullopt;
  }
  if (args.has("--key")) return load_key(args.get("--key"));
  auto seed = seed_from_hex(args.get("--seed"));
  if (!seed) {
    usage_error(line, "--seed takes 64 hex digits (32 bytes)");
    return std::nullopt;
  }
  LoadedKey key{crypto::keypair_from_seed(*seed), {}};
  crypto::wipe(seed->data(), seed->size());
  key.did = crypto::did_key(key.pair.public_key);
  return key;
}

}  // namespace

// ─── jcs ───

int jcs_command(Args args) {
  static const CommandLine line{.command = "jcs", .usage = "tessera jcs FILE", .positional = {"FILE"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  // The text goes to the canonicaliser whole: it reads it with the strict reader under jcs_input's limits.
  const auto text = read_input_file(parsed->positional[0], "jcs");
  if (!text) return 2;
  const auto canonical = jcs::canonicalize_text(*text);
  if (!canonical) {
    print_problems(stderr, "tessera jcs", canonical.problems());
    return 1;
  }
  std::fwrite(canonical.value().data(), 1, canonical.value().size(), stdout);
  return 0;
}

// ─── sign ───

int sign_command(Args args) {
  static const CommandLine line{
      .command = "sign",
      .usage =
          "tessera sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite eddsa-jcs-2022|eddsa-rdfc-2022] "
          "[--created ISO] [--vm URL] [--out FILE]",
      .positional = {"FILE"},
      .options = {"--seed", "--key", "--cryptosuite", "--created", "--vm", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto key = key_from_args(*parsed, line);
  if (!key) return 2;
  credential::ProofOptions options;
  const auto suite = cryptosuite_option(*parsed, line, options.cryptosuite);
  if (!suite) return usage_exit_code;
  options.cryptosuite = *suite;
  options.created = parsed->get("--created");
  options.verification_method = parsed->get("--vm");
  // The document keeps its member order on output (ordered_json); the signature is over the canonical form.
  const auto read = read_ordered_json_file(parsed->positional[0], "sign");
  if (!read.value) return read.exit_code;
  const nlohmann::ordered_json& ordered = *read.value;
  const auto proof = credential::create_proof(json(ordered), key->pair, options);
  if (!proof) {
    print_problems(stderr, "tessera sign", proof.problems());
    return 1;
  }
  nlohmann::ordered_json proof_out;
  for (const char* name :
       {"type", "cryptosuite", "created", "expires", "verificationMethod", "proofPurpose", "@context", "proofValue"}) {
    if (proof.value().contains(name)) proof_out[name] = nlohmann::ordered_json(proof.value()[name]);
  }
  nlohmann::ordered_json secured = ordered;
  secured["proof"] = std::move(proof_out);
  const std::string out = secured.dump(2);
  if (!write_output(parsed->get("--out"), out + "\n", "sign")) return 1;
  if (parsed->has("--out"))
    std::fprintf(stderr, "signed by %s → %s\n", key->did.c_str(), utf8::printable(parsed->get("--out")).c_str());
  return 0;
}

// ─── verify ───

int verify_command(Args args) {
  static const CommandLine line{
      .command = "verify",
      .usage =
          "tessera verify FILE [--package DIR] [--did-doc FILE]... [--status-list FILE]... [--revocation-list FILE] "
          "[--now ISO] [--publisher DID] [--context URL=FILE]... [--language TAG] [--json]",
      .positional = {"FILE"},
      .flags = {"--json"},
      .options = {"--package", "--did-doc", "--status-list", "--revocation-list", "--now", "--publisher", "--context",
                  "--language"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  // The verifier reads the document's text itself (unbaking a PNG or SVG badge first), so a refusal is one of
  // its checks, reported as such.
  const auto text = read_input_file(parsed->positional[0], "verify");
  if (!text) return 2;
  credential::VerifyOptions options;
  credential::KeyRing ring;
  for (const auto& path : parsed->all("--did-doc")) {
    const auto document = read_json_file(path, "verify");
    if (!document.value) return document.exit_code;
    const auto problems = credential::add_controller_document(ring, *document.value);
    if (!problems.empty()) {
      print_problems(stderr, "tessera verify", problems);
      return 2;
    }
  }
  options.keys = &ring;
  // A context the runtime does not ship (an example vocabulary, say), from a local file: still never fetched.
  jsonld::Options contexts;
  for (const auto& pair : parsed->all("--context")) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == pair.size()) {
      return usage_error(line, "--context takes URL=FILE, e.g. https://www.w3.org/ns/credentials/examples/v2=ex.json");
    }
    const auto document = read_json_file(pair.substr(equals + 1), "verify");
    if (!document.value) return document.exit_code;
    contexts.extra_contexts[pair.substr(0, equals)] = *document.value;
  }
  options.contexts = &contexts;
  std::optional<credential::PackageInput> package;
  if (parsed->has("--package")) {
    package = open_package(parsed->get("--package"), "verify");
    if (!package) return 2;
    package->expected_publisher = parsed->get("--publisher");
    options.package = &*package;
  }
  // Every status list the credential names (a revocation and a suspension list, say), and its 1EdTech
  // revocation list: a list not given is reported as not checked, never as "not revoked".
  std::vector<json> status_lists;
  const auto list_paths = parsed->all("--status-list");
  status_lists.reserve(list_paths.size());  // options point into it
  for (const auto& path : list_paths) {
    JsonFile list = read_json_file(path, "verify");
    if (!list.value) return list.exit_code;
    options.status_lists.push_back(&status_lists.emplace_back(std::move(*list.value)));
  }
  std::optional<json> revocation_list;
  if (parsed->has("--revocation-list")) {
    JsonFile list = read_json_file(parsed->get("--revocation-list"), "verify");
    if (!list.value) return list.exit_code;
    revocation_list = std::move(list.value);
    options.revocation_list = &*revocation_list;
  }
  options.now = parsed->get("--now", now_utc());
  options.language = parsed->get("--language");  // the sentences' language; English when it has no catalogue
  const auto report = credential::verify_text_or_image(*text, options);
  if (parsed->flag("--json")) {
    std::printf("%s\n", report.to_json().dump(2).c_str());
  } else {
    print_report(report);
  }
  return report.ok() ? 0 : 1;
}

// ─── prove ───

namespace {

// What prove hands out, verify accepts: the proof goes through the verifier core itself, with this
// package and this moment, so dates verify would refuse (events in the future, a validFrom no date-time
// reads) and anything else it checks refuse the proof here, by the one implementation of each check.
// False after naming every failed check.
bool verify_would_accept(const json& proof, const credential::PackageInput& package, const std::string& now) {
  credential::VerifyOptions self_check;
  self_check.package = &package;
  self_check.now = now;
  const auto report = credential::verify_document(proof, self_check);
  if (report.ok()) return true;
  std::vector<Problem> failed;
  for (const auto& check : report.checks) {
    if (check.status == credential::CheckStatus::fail) failed.push_back(error_at(check.id, check.sentence));
  }
  print_problems(stderr, "tessera prove", failed);
  std::fprintf(stderr, "tessera prove: no proof was made: tessera verify would refuse it (checks above, at %s)\n",
               utf8::printable(now).c_str());
  return false;
}

}  // namespace

namespace {

struct LearnerRecord {
  credential::PackageInput package;
  session::Session session;
};

// PACKAGE and RECORD (positionals 0 and 1) as a session: the package as tessera verify checks it (signature, by
// --publisher when given; every file) before its course.json is believed, then the record replayed on it. Says
// why not on stderr, with `exit_code` 2 (unreadable) or 1 (refused).
std::optional<LearnerRecord> open_learner_record(const ParsedArgs& parsed, const char* command, int& exit_code) {
  const std::string prefix = std::string("tessera ") + command;
  bool unreadable = false;
  auto package = open_verified_package(parsed.positional[0], command, parsed.get("--publisher"), unreadable);
  exit_code = unreadable ? 2 : 1;
  if (!package) return std::nullopt;
  const auto course_text = package->files.find("course.json");
  auto loaded = course::load(course_text == package->files.end() ? std::string() : course_text->second);
  if (!loaded.course) {
    print_problems(stderr, prefix, loaded.problems);
    return std::nullopt;
  }
  const auto record_text = read_input_file(parsed.positional[1], command);
  exit_code = 2;
  if (!record_text) return std::nullopt;
  exit_code = 1;
  const auto read = record::read_json_lines(*record_text);
  if (has_errors(read.problems)) {
    print_problems(stderr, prefix, read.problems);
    return std::nullopt;
  }
  auto opened = session::Session::open(std::make_shared<const course::Course>(std::move(*loaded.course)), read.events);
  if (!opened.problems.empty()) {
    print_problems(stderr, prefix, opened.problems);
    return std::nullopt;
  }
  return LearnerRecord{std::move(*package), std::move(opened.session)};
}

// The learner's key as a LearnerKey: the same Ed25519 key, its did:key as issuer.
credential::LearnerKey learner_key_of(const LoadedKey& key) {
  crypto::Seed seed{};
  std::copy(key.pair.secret_key.bytes().begin(), key.pair.secret_key.bytes().begin() + 32, seed.begin());
  auto learner = credential::learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  return learner;
}

}  // namespace

// ─── submit ───

int submit_command(Args args) {
  static const CommandLine line{
      .command = "submit",
      .usage = "tessera submit PACKAGE RECORD --block ID (--seed HEX | --key KEYFILE) [--publisher DID] [--out FILE]",
      .positional = {"PACKAGE", "RECORD"},
      .options = {"--block", "--seed", "--key", "--publisher", "--out"},
      .required = {"--block"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto key = key_from_args(*parsed, line);
  if (!key) return 2;
  int exit_code = 0;
  auto opened = open_learner_record(*parsed, "submit", exit_code);
  if (!opened) return exit_code;
  const auto submission =
      credential::sign_project_submission(opened->session, parsed->get("--block"), learner_key_of(*key));
  if (!submission) {
    print_problems(stderr, "tessera submit", submission.problems());
    return 1;
  }
  return write_output(parsed->get("--out"), submission.value().dump(2) + "\n", "submit") ? 0 : 1;
}

int prove_command(Args args) {
  static const CommandLine line{
      .command = "prove",
      .usage =
          "tessera prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--now ISO] [--publisher DID] "
          "[--include-private] [--out FILE]",
      .positional = {"PACKAGE", "RECORD"},
      .flags = {"--include-private"},
      .options = {"--seed", "--key", "--created", "--now", "--publisher", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto key = key_from_args(*parsed, line);
  if (!key) return 2;
  int exit_code = 0;
  auto opened = open_learner_record(*parsed, "prove", exit_code);
  if (!opened) return exit_code;
  auto& package = opened->package;
  const auto learner = learner_key_of(*key);
  const std::string digest = crypto::to_hex(crypto::sha256(crypto::as_bytes(package.manifest_text)));
  // The learner's reflections, survey answers and unscored answers stay out unless they ask for them.
  const auto private_text =
      parsed->flag("--include-private") ? credential::PrivateText::included : credential::PrivateText::withheld;
  const auto proof =
      credential::create_completion_proof(opened->session, learner, digest, parsed->get("--created"), private_text);
  if (!proof) {
    print_problems(stderr, "tessera prove", proof.problems());
    return 1;
  }
  if (!verify_would_accept(proof.value(), package, parsed->get("--now", now_utc()))) return 1;
  return write_output(parsed->get("--out"), proof.value().dump(2) + "\n", "prove") ? 0 : 1;
}

}  // namespace tessera::cli
