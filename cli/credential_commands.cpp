// The credential commands for anyone holding a document: `tessera jcs`, `sign`, `verify` and `prove`.
//   tessera jcs FILE                    the RFC 8785 form, no trailing newline
//   tessera sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite eddsa-jcs-2022|eddsa-rdfc-2022] [--created ISO] [--vm URL]
//   tessera verify FILE [--package DIR] [--did-doc FILE]… [--status-list FILE] [--now ISO] [--json]
//   tessera prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--include-private]   a learner's completion proof
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "credential_support.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "tessera/completion.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/datetime.hpp"
#include "tessera/jcs.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;
using nlohmann::json;

// ─── Shared helpers (declared in credential_support.hpp) ───

bool ParsedArgs::flag(const std::string& name) const {
  return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<ParsedArgs> parse_args(Args args, std::initializer_list<const char*> with_value,
                                     std::initializer_list<const char*> flags, const char* usage) {
  ParsedArgs parsed;
  const auto in = [](std::initializer_list<const char*> list, const std::string& arg) {
    return std::any_of(list.begin(), list.end(), [&](const char* k) { return arg == k; });
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string arg = args[i];
    if (!arg.starts_with("--")) {
      parsed.positional.push_back(arg);
    } else if (in(flags, arg)) {
      parsed.flags.push_back(arg);
    } else if (in(with_value, arg) && i + 1 < args.size()) {
      parsed.options[arg].push_back(args[++i]);
    } else {
      std::fprintf(stderr, "%s '%s'\nusage: %s\n", in(with_value, arg) ? "missing value for" : "unknown option",
                   arg.c_str(), usage);
      return std::nullopt;
    }
  }
  return parsed;
}

std::string now_utc() {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return datetime::format(seconds.count());
}

std::optional<json> read_json_file(const fs::path& path, const char* command) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (!error && size > (16u << 20)) {
    std::fprintf(stderr, "tessera %s: %s is larger than 16 MiB\n", command, path.c_str());
    return std::nullopt;
  }
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "tessera %s: cannot read %s\n", command, path.c_str());
    return std::nullopt;
  }
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) {
    std::fprintf(stderr, "tessera %s: %s is not JSON\n", command, path.c_str());
    return std::nullopt;
  }
  return value;
}

std::optional<credential::PackageInput> read_package(const fs::path& dir, const char* command) {
  credential::PackageInput package;
  if (!read_file(dir / "manifest.json", package.manifest_text)) {
    std::fprintf(stderr, "tessera %s: %s has no manifest.json (is it a packed course? see tessera pack)\n", command,
                 dir.c_str());
    return std::nullopt;
  }
  for (const auto& relative : list_package_files(dir)) {
    if (relative == "manifest.json") continue;
    std::string bytes;
    if (!read_file(dir / relative, bytes)) {
      std::fprintf(stderr, "tessera %s: cannot read %s\n", command, (dir / relative).c_str());
      return std::nullopt;
    }
    package.files[relative] = std::move(bytes);
  }
  return package;
}

void print_report(const credential::Report& report) {
  for (const auto& check : report.checks) {
    std::printf("%-7s %-10s %s\n", std::string(credential::to_string(check.status)).c_str(), check.id.c_str(),
                check.sentence.c_str());
  }
  std::size_t failed = 0, warned = 0;
  for (const auto& check : report.checks) {
    failed += check.status == credential::CheckStatus::fail ? 1 : 0;
    warned += check.status == credential::CheckStatus::warning ? 1 : 0;
  }
  std::printf("%s: %zu checks, %zu failed, %zu warnings\n", report.ok() ? "VERIFIED" : "NOT VERIFIED",
              report.checks.size(), failed, warned);
}

namespace {

// --seed HEX or --key KEYFILE → a key pair (the seed is wiped after use).
std::optional<LoadedKey> key_from_args(const ParsedArgs& args, const char* command) {
  if (args.has("--seed") == args.has("--key")) {
    std::fprintf(stderr, "tessera %s: give exactly one of --seed HEX or --key KEYFILE\n", command);
    return std::nullopt;
  }
  if (args.has("--key")) return load_key(args.get("--key"));
  auto bytes = crypto::from_hex(args.get("--seed"));
  if (!bytes || bytes->size() != 32) {
    std::fprintf(stderr, "tessera %s: --seed takes 64 hex digits (32 bytes)\n", command);
    return std::nullopt;
  }
  crypto::Seed seed{};
  std::copy(bytes->begin(), bytes->end(), seed.begin());
  crypto::wipe(bytes->data(), bytes->size());
  LoadedKey key{crypto::keypair_from_seed(seed), {}};
  crypto::wipe(seed.data(), seed.size());
  key.did = crypto::did_key(key.pair.public_key);
  return key;
}

void print_problems(const std::vector<Problem>& problems, const char* command) {
  for (const auto& p : problems) {
    std::fprintf(stderr, "tessera %s: %s%s%s\n", command, p.message.c_str(), p.where.empty() ? "" : " at ",
                 p.where.c_str());
    if (!p.hint.empty()) std::fprintf(stderr, "    hint: %s\n", p.hint.c_str());
  }
}

}  // namespace

// ─── jcs ───

int jcs_command(Args args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: tessera jcs FILE\n");
    return 2;
  }
  std::string text;
  if (!read_file(args[0], text)) {
    std::fprintf(stderr, "tessera jcs: cannot read %s\n", args[0]);
    return 2;
  }
  const auto canonical = jcs::canonicalize_text(text);
  if (!canonical) {
    print_problems(canonical.problems(), "jcs");
    return 1;
  }
  std::fwrite(canonical.value().data(), 1, canonical.value().size(), stdout);
  return 0;
}

// ─── sign ───

int sign_command(Args args) {
  constexpr const char* usage =
      "tessera sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite eddsa-jcs-2022|eddsa-rdfc-2022] [--created ISO] [--vm URL] [--out FILE]";
  const auto parsed = parse_args(args, {"--seed", "--key", "--cryptosuite", "--created", "--vm", "--out"}, {}, usage);
  if (!parsed) return 2;
  if (parsed->positional.size() != 1) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  const auto key = key_from_args(*parsed, "sign");
  if (!key) return 2;
  credential::ProofOptions options;
  if (parsed->has("--cryptosuite")) {
    const auto suite = credential::cryptosuite_from_string(parsed->get("--cryptosuite"));
    if (!suite) {
      std::fprintf(stderr, "tessera sign: unknown cryptosuite '%s' (eddsa-jcs-2022 or eddsa-rdfc-2022)\n",
                   parsed->get("--cryptosuite").c_str());
      return 2;
    }
    options.cryptosuite = *suite;
  }
  options.created = parsed->get("--created");
  options.verification_method = parsed->get("--vm");
  std::string text;
  if (!read_file(parsed->positional[0], text)) {
    std::fprintf(stderr, "tessera sign: cannot read %s\n", parsed->positional[0].c_str());
    return 2;
  }
  // The document keeps its member order on output (ordered_json); the signature is over the canonical form.
  const auto ordered = nlohmann::ordered_json::parse(text, nullptr, false);
  if (ordered.is_discarded()) {
    std::fprintf(stderr, "tessera sign: %s is not JSON\n", parsed->positional[0].c_str());
    return 2;
  }
  const auto proof = credential::create_proof(json::parse(text, nullptr, false), key->pair, options);
  if (!proof) {
    print_problems(proof.problems(), "sign");
    return 1;
  }
  nlohmann::ordered_json proof_out;
  for (const char* name : {"type", "cryptosuite", "created", "expires", "verificationMethod", "proofPurpose", "@context", "proofValue"}) {
    if (proof.value().contains(name)) proof_out[name] = nlohmann::ordered_json::parse(proof.value()[name].dump());
  }
  nlohmann::ordered_json secured = ordered;
  secured["proof"] = std::move(proof_out);
  const std::string out = secured.dump(2);
  if (parsed->has("--out")) {
    const std::string failure = write_file_atomically(parsed->get("--out"), out + "\n");
    if (!failure.empty()) {
      std::fprintf(stderr, "tessera sign: %s\n", failure.c_str());
      return 1;
    }
    std::fprintf(stderr, "signed by %s → %s\n", key->did.c_str(), parsed->get("--out").c_str());
  } else {
    std::printf("%s\n", out.c_str());
  }
  return 0;
}

// ─── verify ───

int verify_command(Args args) {
  constexpr const char* usage =
      "tessera verify FILE [--package DIR] [--did-doc FILE]... [--status-list FILE] [--now ISO] [--publisher DID] [--json]";
  const auto parsed = parse_args(args, {"--package", "--did-doc", "--status-list", "--now", "--publisher"}, {"--json"}, usage);
  if (!parsed) return 2;
  if (parsed->positional.size() != 1) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  std::string text;
  if (!read_file(parsed->positional[0], text)) {
    std::fprintf(stderr, "tessera verify: cannot read %s\n", parsed->positional[0].c_str());
    return 2;
  }
  credential::VerifyOptions options;
  credential::KeyRing ring;
  if (parsed->has("--did-doc")) {
    for (const auto& path : parsed->options.at("--did-doc")) {
      const auto document = read_json_file(path, "verify");
      if (!document) return 2;
      const auto problems = credential::add_controller_document(ring, *document);
      if (!problems.empty()) {
        print_problems(problems, "verify");
        return 2;
      }
    }
  }
  options.keys = &ring;
  std::optional<credential::PackageInput> package;
  if (parsed->has("--package")) {
    package = read_package(parsed->get("--package"), "verify");
    if (!package) return 2;
    package->expected_publisher = parsed->get("--publisher");
    options.package = &*package;
  }
  std::optional<json> status_list;
  if (parsed->has("--status-list")) {
    status_list = read_json_file(parsed->get("--status-list"), "verify");
    if (!status_list) return 2;
    options.status_list = &*status_list;
  }
  options.now = parsed->has("--now") ? parsed->get("--now") : now_utc();
  const auto report = credential::verify_text(text, options);
  if (parsed->flag("--json")) {
    std::printf("%s\n", report.to_json().dump(2).c_str());
  } else {
    print_report(report);
  }
  return report.ok() ? 0 : 1;
}

// ─── prove ───

int prove_command(Args args) {
  constexpr const char* usage =
      "tessera prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--include-private] [--out FILE]";
  const auto parsed = parse_args(args, {"--seed", "--key", "--created", "--out"}, {"--include-private"}, usage);
  if (!parsed) return 2;
  if (parsed->positional.size() != 2) {
    std::fprintf(stderr, "usage: %s\n", usage);
    return 2;
  }
  const auto key = key_from_args(*parsed, "prove");
  if (!key) return 2;
  const auto package = read_package(parsed->positional[0], "prove");
  if (!package) return 2;
  const auto course_text = package->files.find("course.json");
  auto loaded = course::load(course_text == package->files.end() ? std::string() : course_text->second);
  if (!loaded.course) {
    print_problems(loaded.problems, "prove");
    return 1;
  }
  std::string record_text;
  if (!read_file(parsed->positional[1], record_text)) {
    std::fprintf(stderr, "tessera prove: cannot read %s\n", parsed->positional[1].c_str());
    return 2;
  }
  const auto read = record::read_json_lines(record_text);
  if (has_errors(read.problems)) {
    print_problems(read.problems, "prove");
    return 1;
  }
  const auto opened = session::Session::open(std::make_shared<const course::Course>(std::move(*loaded.course)), read.events);
  if (!opened.problems.empty()) {
    print_problems(opened.problems, "prove");
    return 1;
  }
  // The learner's key as a LearnerKey: the same Ed25519 key, its did:key as issuer.
  crypto::Seed seed{};
  std::copy(key->pair.secret_key.bytes().begin(), key->pair.secret_key.bytes().begin() + 32, seed.begin());
  const auto learner = credential::learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  const std::string digest = crypto::to_hex(crypto::sha256(crypto::as_bytes(package->manifest_text)));
  // The learner's reflections, survey answers and unscored answers stay out unless they ask for them.
  const auto private_text = parsed->flag("--include-private") ? credential::PrivateText::included : credential::PrivateText::withheld;
  const auto proof = credential::create_completion_proof(opened.session, learner, digest, parsed->get("--created"), private_text);
  if (!proof) {
    print_problems(proof.problems(), "prove");
    return 1;
  }
  const std::string out = proof.value().dump(2) + "\n";
  if (parsed->has("--out")) {
    const std::string failure = write_file_atomically(parsed->get("--out"), out);
    if (!failure.empty()) {
      std::fprintf(stderr, "tessera prove: %s\n", failure.c_str());
      return 1;
    }
  } else {
    std::fputs(out.c_str(), stdout);
  }
  return 0;
}

}  // namespace tessera::cli
