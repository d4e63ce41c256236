// eddsa-rdfc-2022 throughput: canonicalize + sign, and verify, 1,000 Open Badges 3.0 AchievementCredentials
// (JSON-LD expansion with the shipped contexts, RDFC-1.0, SHA-256, Ed25519). scripts/bench compares the
// verify rate with Digital Bazaar's npm stack under node (bench/rdfc-verify-node.mjs).
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness.hpp"
#include "tessera/crypto.hpp"
#include "tessera/eddsa_rdfc.hpp"

namespace {

using nlohmann::json;

constexpr int credential_count = 1000;

// An AchievementCredential like the ones `tessera issue` makes: issuer Profile, subject, achievement
// with criteria and an alignment, validity dates.
json make_credential(int i) {
  const std::string n = std::to_string(i);
  return json{{"@context",
               {"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
              {"id", "urn:uuid:7d3b0f5e-0000-4000-8000-" + std::string(12 - n.size(), '0') + n},
              {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
              {"issuer", {{"id", "https://issuer.example.edu/"}, {"type", {"Profile"}}, {"name", "Example Academy"}}},
              {"validFrom", "2024-05-01T12:00:00Z"},
              {"validUntil", "2027-05-01T12:00:00Z"},
              {"name", "Safe Lifting " + n},
              {"credentialSubject",
               {{"id", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
                {"type", {"AchievementSubject"}},
                {"achievement",
                 {{"id", "https://courses.example.edu/safe-lifting/" + n},
                  {"type", {"Achievement"}},
                  {"name", "Safe Lifting"},
                  {"description", "Lifts loads with the correct posture and plans the route first."},
                  {"criteria", {{"narrative", "Passed the assessed scenarios with at least 80%."}}},
                  {"alignment",
                   {{{"type", {"Alignment"}},
                     {"targetName", "Manual handling"},
                     {"targetUrl", "https://framework.example.org/manual-handling"}}}}}}}}};
}

std::vector<json> unsigned_credentials;
std::vector<json> signed_credentials;
tessera::crypto::KeyPair key;

void prepare() {
  if (!signed_credentials.empty()) return;
  (void)tessera::crypto::init();
  tessera::crypto::Seed seed{};
  seed.fill(42);
  key = tessera::crypto::keypair_from_seed(seed);
  for (int i = 0; i < credential_count; ++i) unsigned_credentials.push_back(make_credential(i));
  const std::string vm =
      tessera::crypto::did_key(key.public_key) + "#" + tessera::crypto::ed25519_multikey(key.public_key);
  for (const json& c : unsigned_credentials) {
    json s = c;
    s["proof"] =
        tessera::eddsa_rdfc::create_proof(c, {.created = "2024-05-01T12:00:00Z", .verification_method = vm}, key)
            .value();
    signed_credentials.push_back(std::move(s));
  }
}

TESSERA_BENCH({.name = "rdfc/sign-1000", .repeats = 3, .setup = prepare, .run = [] {
                 const std::string vm = tessera::crypto::did_key(key.public_key);
                 for (const json& c : unsigned_credentials) {
                   auto proof = tessera::eddsa_rdfc::create_proof(
                       c, {.created = "2024-05-01T12:00:00Z", .verification_method = vm}, key);
                   tessera::bench::keep(&proof);
                 }
               }});

// One issuer's batch of 1,000 credentials verified one after another (what `tessera verify` does with many
// files, and the verifier page with several credentials): its floor is the 1,000 Ed25519 verifications.
TESSERA_BENCH({.name = "rdfc/verify-1000",
               .repeats = 3,
               .setup = prepare,
               .run =
                   [] {
                     int verified = 0;
                     for (const json& c : signed_credentials) {
                       if (tessera::eddsa_rdfc::verify_proof(c, key.public_key).ok()) ++verified;
                     }
                     if (verified != credential_count) std::abort();  // a benchmark of failures would mean nothing
                     tessera::bench::keep(&verified);
                   },
               .baseline = "rdfc/ed25519-verify-1000-floor"});

// The floor: libsodium's Ed25519 verification of 1,000 64-byte messages (eddsa-rdfc-2022 signs two SHA-256
// digests), nothing else.
std::vector<tessera::crypto::Signature> floor_signatures;

void prepare_floor() {
  prepare();
  if (!floor_signatures.empty()) return;
  const std::string message(64, 'x');
  for (int i = 0; i < credential_count; ++i) {
    floor_signatures.push_back(tessera::crypto::sign(tessera::crypto::as_bytes(message), key.secret_key));
  }
}

TESSERA_BENCH({.name = "rdfc/ed25519-verify-1000-floor", .repeats = 3, .setup = prepare_floor, .run = [] {
                 const std::string message(64, 'x');
                 for (const auto& signature : floor_signatures) {
                   if (!tessera::crypto::verify(signature, tessera::crypto::as_bytes(message), key.public_key)) {
                     std::abort();
                   }
                 }
               }});

}  // namespace
