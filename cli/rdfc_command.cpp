// `tessera canon`, `tessera rdfc-sign`, `tessera rdfc-verify`, `tessera ob3-check`: RDFC-1.0 canonical
// N-Quads of a credential, and eddsa-rdfc-2022 proofs (interim commands until sign/verify take a --cryptosuite).
// Exit 0: done/verified; 1: the document or proof is refused (the problem says where); 2: wrong use.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "args.hpp"
#include "clock.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "output.hpp"
#include "tessera/crypto.hpp"
#include "tessera/eddsa_rdfc.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/ob3_check.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {
namespace {

using nlohmann::json;

int report(const char* command, const std::string& file, const std::vector<Problem>& problems) {
  print_problems(stderr, command_name(command) + ": " + file, problems);
  return has_errors(problems) ? 1 : 0;
}

}  // namespace

int canon_command(Args args) {
  static const CommandLine line{
      .command = "canon",
      .usage = "tessera canon FILE   (prints the RDFC-1.0 canonical N-Quads, without the proof)",
      .positional = {"FILE"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& file = parsed->positional[0];
  JsonFile read = read_json_file(file, "canon");
  if (!read.value) return read.exit_code;
  auto& doc = read.value;
  if (doc->is_object()) doc->erase("proof");
  const auto nquads = jsonld::canonical_nquads(*doc);
  if (!nquads.ok()) return report("canon", file, nquads.problems());
  std::fputs(nquads.value().c_str(), stdout);
  return 0;
}

int rdfc_sign_command(Args args) {
  static const CommandLine line{
      .command = "rdfc-sign",
      .usage =
          "tessera rdfc-sign FILE --seed HEX [--created ISO-DATETIME] [--vm URL] [--purpose assertionMethod] "
          "[--add]   (--add: a signed FILE gets one more proof in its proof set)",
      .positional = {"FILE"},
      .flags = {"--add"},
      .options = {"--seed", "--created", "--vm", "--purpose"},
      .required = {"--seed"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& file = parsed->positional[0];
  auto seed = seed_from_hex(parsed->get("--seed"));
  if (!seed) return usage_error(line, "--seed must be 64 hex digits (the Ed25519 seed)");
  JsonFile read = read_json_file(file, "rdfc-sign");
  if (!read.value) return read.exit_code;
  auto& doc = read.value;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera rdfc-sign: libsodium failed to start\n");
    return 1;
  }
  const crypto::KeyPair key = crypto::keypair_from_seed(*seed);
  crypto::wipe(seed->data(), seed->size());
  const std::string multikey = crypto::ed25519_multikey(key.public_key);
  eddsa_rdfc::ProofOptions options;
  options.created = parsed->get("--created", now_utc());
  options.verification_method = parsed->get("--vm", crypto::did_key(key.public_key) + "#" + multikey);
  options.proof_purpose = parsed->get("--purpose", "assertionMethod");
  // A proof set (VC Data Integrity §2.1.1): each proof of the set signs the document without any proof, so
  // the proofs already there are taken off while signing and the new one joins them.
  nlohmann::json set = nlohmann::json::array();
  if (parsed->flag("--add") && doc->is_object() && doc->contains("proof")) {
    const nlohmann::json& existing = (*doc)["proof"];
    set = existing.is_array() ? existing : nlohmann::json::array({existing});
    doc->erase("proof");
  }
  const auto proof = eddsa_rdfc::create_proof(*doc, options, key);
  if (!proof.ok()) return report("rdfc-sign", file, proof.problems());
  set.push_back(proof.value());
  (*doc)["proof"] = set.size() == 1 ? set[0] : set;
  std::printf("%s\n", doc->dump(2).c_str());
  return 0;
}

int rdfc_verify_command(Args args) {
  static const CommandLine line{.command = "rdfc-verify",
                                .usage =
                                    "tessera rdfc-verify FILE [--key z6Mk…]   (the key defaults to the did:key "
                                    "of the proof's verificationMethod)",
                                .positional = {"FILE"},
                                .options = {"--key"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& file = parsed->positional[0];
  JsonFile read = read_json_file(file, "rdfc-verify");
  if (!read.value) return read.exit_code;
  const auto& doc = read.value;
  if (!crypto::init()) {
    std::fprintf(stderr, "tessera rdfc-verify: libsodium failed to start\n");
    return 1;
  }
  std::optional<crypto::PublicKey> key;
  if (parsed->has("--key")) {
    key = crypto::public_key_from_multikey(parsed->get("--key"));
    if (!key) key = crypto::public_key_from_did_key(parsed->get("--key"));
    if (!key) return usage_error(line, "--key must be an Ed25519 Multikey (z6Mk…) or did:key");
  } else {
    const json proof = doc->is_object() && doc->contains("proof") ? (*doc)["proof"] : json();
    const json& first = proof.is_array() && !proof.empty() ? proof[0] : proof;
    if (first.is_object() && first.contains("verificationMethod") && first["verificationMethod"].is_string()) {
      key = eddsa_rdfc::public_key_from_verification_method(first["verificationMethod"].get<std::string>());
    }
    if (!key) {
      return report(
          "rdfc-verify", file,
          {error_at("/proof/verificationMethod", "the verification method is not a did:key, so the key is unknown",
                    "pass the issuer's public key with --key z6Mk…")});
    }
  }
  const auto verified = eddsa_rdfc::verify_proof(*doc, *key);
  if (!verified.ok()) return report("rdfc-verify", file, verified.problems());
  std::printf("%s: verified (eddsa-rdfc-2022, key %s)\n", utf8::printable(file).c_str(),
              crypto::ed25519_multikey(*key).c_str());
  return 0;
}

int ob3_check_command(Args args) {
  static const CommandLine line{.command = "ob3-check",
                                .usage = "tessera ob3-check FILE   (checks the Open Badges 3.0 data model rules)",
                                .positional = {"FILE"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& file = parsed->positional[0];
  JsonFile read = read_json_file(file, "ob3-check");
  if (!read.value) return read.exit_code;
  const auto& doc = read.value;
  const auto findings = ob3::check(*doc);
  const int code = report("ob3-check", file, findings);
  if (code == 0) std::printf("%s: meets the Open Badges 3.0 rules checked\n", utf8::printable(file).c_str());
  return code;
}

}  // namespace tessera::cli
