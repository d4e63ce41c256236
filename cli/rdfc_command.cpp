// `tessera canon`, `tessera rdfc-sign`, `tessera rdfc-verify`, `tessera ob3-check`: RDFC-1.0 canonical
// N-Quads of a credential, and eddsa-rdfc-2022 proofs (interim commands until sign/verify take a --cryptosuite).
// Exit 0: done/verified; 1: the document or proof is refused (the problem says where); 2: wrong use.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/crypto.hpp"
#include "tessera/eddsa_rdfc.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/ob3_check.hpp"

namespace tessera::cli {
namespace {

using nlohmann::json;

int report(const char* command, const std::string& file, const std::vector<Problem>& problems) {
  print_file_problems(command, file, problems);
  return has_errors(problems) ? 1 : 0;
}

// Parses "FILE [--opt VALUE]…" with the options named in `valued`; nullopt (after printing usage) on misuse.
struct Parsed {
  std::string file;
  std::vector<std::pair<std::string, std::string>> options;
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const {
    for (const auto& o : options) {
      if (o.first == name) return o.second;
    }
    return std::nullopt;
  }
};

std::optional<Parsed> parse_args(Args args, std::initializer_list<std::string_view> valued, const char* usage) {
  Parsed parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg.size() > 2 && arg.substr(0, 2) == "--") {
      const bool known = std::find(valued.begin(), valued.end(), arg) != valued.end();
      if (!known || i + 1 >= args.size()) {
        std::fprintf(stderr, "%s: %s '%s'\n%s\n", known ? "missing value for" : "unknown option", "option",
                     args[i], usage);
        return std::nullopt;
      }
      parsed.options.emplace_back(std::string(arg), args[i + 1]);
      ++i;
    } else if (parsed.file.empty()) {
      parsed.file = std::string(arg);
    } else {
      std::fprintf(stderr, "%s\n", usage);
      return std::nullopt;
    }
  }
  if (parsed.file.empty()) {
    std::fprintf(stderr, "%s\n", usage);
    return std::nullopt;
  }
  return parsed;
}

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

int canon_command(Args args) {
  constexpr const char* usage = "usage: tessera canon FILE   (prints the RDFC-1.0 canonical N-Quads, without the proof)";
  const auto parsed = parse_args(args, {}, usage);
  if (!parsed) return 2;
  JsonFile read = read_json_file(parsed->file, "canon");
  if (!read.value) return read.exit_code;
  auto& doc = read.value;
  if (doc->is_object()) doc->erase("proof");
  const auto nquads = jsonld::canonical_nquads(*doc);
  if (!nquads.ok()) return report("canon", parsed->file, nquads.problems());
  std::fputs(nquads.value().c_str(), stdout);
  return 0;
}

int rdfc_sign_command(Args args) {
  constexpr const char* usage =
      "usage: tessera rdfc-sign FILE --seed HEX [--created ISO-DATETIME] [--vm URL] [--purpose assertionMethod]";
  const auto parsed = parse_args(args, {"--seed", "--created", "--vm", "--purpose"}, usage);
  if (!parsed) return 2;
  const auto seed_hex = parsed->get("--seed");
  const auto seed_bytes = seed_hex ? crypto::from_hex(*seed_hex) : std::nullopt;
  if (!seed_bytes || seed_bytes->size() != 32) {
    std::fprintf(stderr, "tessera rdfc-sign: --seed must be 64 hex digits (the Ed25519 seed)\n%s\n", usage);
    return 2;
  }
  JsonFile read = read_json_file(parsed->file, "rdfc-sign");
  if (!read.value) return read.exit_code;
  auto& doc = read.value;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera rdfc-sign: libsodium failed to start\n");
    return 1;
  }
  crypto::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  const crypto::KeyPair key = crypto::keypair_from_seed(seed);
  const std::string multikey = crypto::ed25519_multikey(key.public_key);
  eddsa_rdfc::ProofOptions options;
  options.created = parsed->get("--created").value_or(now_utc());
  options.verification_method = parsed->get("--vm").value_or(crypto::did_key(key.public_key) + "#" + multikey);
  options.proof_purpose = parsed->get("--purpose").value_or("assertionMethod");
  const auto proof = eddsa_rdfc::create_proof(*doc, options, key);
  if (!proof.ok()) return report("rdfc-sign", parsed->file, proof.problems());
  (*doc)["proof"] = proof.value();
  std::printf("%s\n", doc->dump(2).c_str());
  return 0;
}

int rdfc_verify_command(Args args) {
  constexpr const char* usage = "usage: tessera rdfc-verify FILE [--key z6Mk…]   (the key defaults to the did:key "
                                "of the proof's verificationMethod)";
  const auto parsed = parse_args(args, {"--key"}, usage);
  if (!parsed) return 2;
  JsonFile read = read_json_file(parsed->file, "rdfc-verify");
  if (!read.value) return read.exit_code;
  const auto& doc = read.value;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera rdfc-verify: libsodium failed to start\n");
    return 1;
  }
  std::optional<crypto::PublicKey> key;
  if (const auto given = parsed->get("--key")) {
    key = crypto::public_key_from_multikey(*given);
    if (!key) key = crypto::public_key_from_did_key(*given);
    if (!key) {
      std::fprintf(stderr, "tessera rdfc-verify: --key must be an Ed25519 Multikey (z6Mk…) or did:key\n");
      return 2;
    }
  } else {
    const json proof = doc->is_object() && doc->contains("proof") ? (*doc)["proof"] : json();
    const json& first = proof.is_array() && !proof.empty() ? proof[0] : proof;
    if (first.is_object() && first.contains("verificationMethod") && first["verificationMethod"].is_string()) {
      key = eddsa_rdfc::public_key_from_verification_method(first["verificationMethod"].get<std::string>());
    }
    if (!key) {
      return report("rdfc-verify", parsed->file,
                    {error_at("/proof/verificationMethod", "the verification method is not a did:key, so the key is unknown",
                              "pass the issuer's public key with --key z6Mk…")});
    }
  }
  const auto verified = eddsa_rdfc::verify_proof(*doc, *key);
  if (!verified.ok()) return report("rdfc-verify", parsed->file, verified.problems());
  std::printf("%s: verified (eddsa-rdfc-2022, key %s)\n", parsed->file.c_str(), crypto::ed25519_multikey(*key).c_str());
  return 0;
}

int ob3_check_command(Args args) {
  constexpr const char* usage = "usage: tessera ob3-check FILE   (checks the Open Badges 3.0 data model rules)";
  const auto parsed = parse_args(args, {}, usage);
  if (!parsed) return 2;
  JsonFile read = read_json_file(parsed->file, "ob3-check");
  if (!read.value) return read.exit_code;
  const auto& doc = read.value;
  const auto findings = ob3::check(*doc);
  const int code = report("ob3-check", parsed->file, findings);
  if (code == 0) std::printf("%s: meets the Open Badges 3.0 rules checked\n", parsed->file.c_str());
  return code;
}

}  // namespace tessera::cli
