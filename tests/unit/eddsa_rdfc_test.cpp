// eddsa-rdfc-2022: the W3C vc-di-eddsa test vectors reproduced byte for byte (canonical forms, hashes,
// signature), 1EdTech's signed Open Badges 3.0 example verifying, and tampering detected.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/eddsa_rdfc.hpp"

namespace crypto = tessera::crypto;
namespace eddsa_rdfc = tessera::eddsa_rdfc;
using nlohmann::json;

namespace {

json golden_json(const std::string& path) { return json::parse(tessera::test::read_golden(path)); }

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// The vectors use https://www.w3.org/ns/credentials/examples/v2, which the runtime does not ship.
tessera::jsonld::Options w3c_options() {
  tessera::jsonld::Options options;
  options.extra_contexts["https://www.w3.org/ns/credentials/examples/v2"] =
      golden_json("eddsa-rdfc-2022/credentials-examples-v2.jsonld");
  return options;
}

// keyPair.json's privateKeyMultibase is multicodec ed25519-priv (varint 0x80 0x26) ‖ 32-byte seed.
crypto::KeyPair w3c_key() {
  const auto tagged =
      crypto::multibase_decode(golden_json("eddsa-rdfc-2022/keyPair.json")["privateKeyMultibase"].get<std::string>());
  REQUIRE(tagged.has_value());
  REQUIRE(tagged->size() == 34);
  crypto::Seed seed{};
  std::copy(tagged->begin() + 2, tagged->end(), seed.begin());
  return crypto::keypair_from_seed(seed);
}

void check_w3c_vector(const std::string& dir) {
  INFO(dir);
  REQUIRE(crypto::init());
  const json signed_doc = golden_json(dir + "/signedDataInt.json");
  json unsigned_doc = signed_doc;
  unsigned_doc.erase("proof");
  const json config = golden_json(dir + "/proofConfigDataInt.json");
  const auto options = w3c_options();

  const auto hashed = eddsa_rdfc::hash_data(unsigned_doc, config, options);
  INFO((hashed.ok() ? std::string() : hashed.problems().front().where + ": " + hashed.problems().front().message));
  REQUIRE(hashed.ok());
  CHECK(trimmed(hashed.value().canonical_document) ==
        trimmed(tessera::test::read_golden(dir + "/canonDocDataInt.txt")));
  CHECK(trimmed(hashed.value().canonical_proof_config) ==
        trimmed(tessera::test::read_golden(dir + "/proofCanonDataInt.txt")));
  CHECK(crypto::to_hex(hashed.value().hash_data) ==
        trimmed(tessera::test::read_golden(dir + "/combinedHashDataInt.txt")));

  const crypto::KeyPair key = w3c_key();
  const auto proof = eddsa_rdfc::create_proof(unsigned_doc,
                                              {.created = config["created"].get<std::string>(),
                                               .verification_method = config["verificationMethod"].get<std::string>(),
                                               .proof_purpose = config["proofPurpose"].get<std::string>()},
                                              key, options);
  REQUIRE(proof.ok());
  CHECK(proof.value()["proofValue"] == trimmed(tessera::test::read_golden(dir + "/sigBTC58DataInt.txt")));
  json resigned = unsigned_doc;
  resigned["proof"] = proof.value();
  CHECK(resigned.dump(2) == signed_doc.dump(2));

  const auto verified = eddsa_rdfc::verify_proof(signed_doc, key.public_key, options);
  INFO((verified.ok() ? std::string() : verified.problems().front().message));
  CHECK(verified.ok());
}

}  // namespace

TEST_CASE("eddsa-rdfc-2022: the W3C vc-di-eddsa vectors, byte for byte") {
  // (The "employ" vector is left out: it needs https://w3id.org/citizenship/v4rc1, which is not available offline.)
  check_w3c_vector("eddsa-rdfc-2022");
}

TEST_CASE("eddsa-rdfc-2022: 1EdTech's signed Open Badges 3.0 example verifies and is reproduced") {
  REQUIRE(crypto::init());
  const json values = golden_json("ob3-ldp/values.json");
  const json signed_doc = golden_json("ob3-ldp/signed.json");
  const auto public_key = crypto::public_key_from_multikey(values["publicKeyMultibase"].get<std::string>());
  REQUIRE(public_key.has_value());
  const auto verified = eddsa_rdfc::verify_proof(signed_doc, *public_key);
  INFO((verified.ok() ? std::string() : verified.problems().front().message));
  REQUIRE(verified.ok());

  json unsigned_doc = signed_doc;
  unsigned_doc.erase("proof");
  json config = signed_doc["proof"];
  config.erase("proofValue");
  config["@context"] = signed_doc["@context"];
  const auto hashed = eddsa_rdfc::hash_data(unsigned_doc, config);
  REQUIRE(hashed.ok());
  CHECK(trimmed(hashed.value().canonical_document) ==
        trimmed(tessera::test::read_golden("ob3-ldp/document-canon.txt")));
  CHECK(trimmed(hashed.value().canonical_proof_config) ==
        trimmed(tessera::test::read_golden("ob3-ldp/proof-canon.txt")));
  CHECK(crypto::to_hex(hashed.value().hash_data) == values["hashDataHex"].get<std::string>());

  const auto seed_bytes = crypto::from_hex(values["seedHex"].get<std::string>());
  REQUIRE(seed_bytes.has_value());
  crypto::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  const auto proof = eddsa_rdfc::create_proof(unsigned_doc,
                                              {.created = values["created"].get<std::string>(),
                                               .verification_method = values["verificationMethod"].get<std::string>()},
                                              crypto::keypair_from_seed(seed));
  REQUIRE(proof.ok());
  CHECK(proof.value()["proofValue"] == values["proofValue"]);
}

TEST_CASE("eddsa-rdfc-2022: tampering, wrong keys and malformed proofs are refused with a pointer") {
  REQUIRE(crypto::init());
  const json values = golden_json("ob3-ldp/values.json");
  const json signed_doc = golden_json("ob3-ldp/signed.json");
  const auto public_key = crypto::public_key_from_multikey(values["publicKeyMultibase"].get<std::string>());
  REQUIRE(public_key.has_value());

  const auto refuse = [&](const json& doc, const crypto::PublicKey& key, const std::string& where) {
    const auto result = eddsa_rdfc::verify_proof(doc, key);
    REQUIRE_FALSE(result.ok());
    CHECK(result.problems().front().where == where);
    return result.problems().front().message;
  };
  json changed = signed_doc;
  changed["name"] = "Teamwork Badge (edited)";
  CHECK(refuse(changed, *public_key, "/proof/proofValue").find("does not verify") != std::string::npos);

  crypto::Seed other_seed{};
  other_seed[0] = 7;
  refuse(signed_doc, crypto::keypair_from_seed(other_seed).public_key, "/proof/proofValue");

  json wrong_suite = signed_doc;
  wrong_suite["proof"]["cryptosuite"] = "eddsa-jcs-2022";
  refuse(wrong_suite, *public_key, "/proof/cryptosuite");

  json bad_value = signed_doc;
  bad_value["proof"]["proofValue"] = "zNotBase58!";
  refuse(bad_value, *public_key, "/proof/proofValue");

  json no_proof = signed_doc;
  no_proof.erase("proof");
  refuse(no_proof, *public_key, "/proof");

  // Changing the proof options (here: the purpose) breaks the signature too.
  json purpose = signed_doc;
  purpose["proof"]["proofPurpose"] = "authentication";
  refuse(purpose, *public_key, "/proof/proofValue");
}

TEST_CASE("eddsa-rdfc-2022: did:key verification methods resolve locally") {
  const auto key = eddsa_rdfc::public_key_from_verification_method(
      "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  REQUIRE(key.has_value());
  CHECK(crypto::ed25519_multikey(*key) == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  CHECK_FALSE(eddsa_rdfc::public_key_from_verification_method("https://example.edu/issuers/1#key").has_value());
}

// The canonical proof configuration is remembered for a batch (one issuer's credentials share it): what is
// remembered must never answer for another configuration, and must equal what is computed afresh.
TEST_CASE("eddsa-rdfc-2022: a remembered proof configuration answers only for the same configuration") {
  REQUIRE(crypto::init());
  const json values = golden_json("ob3-ldp/values.json");
  const json signed_doc = golden_json("ob3-ldp/signed.json");
  const auto public_key = crypto::public_key_from_multikey(values["publicKeyMultibase"].get<std::string>());
  REQUIRE(public_key.has_value());

  CHECK(eddsa_rdfc::verify_proof(signed_doc, *public_key).ok());
  json later = signed_doc;
  later["proof"]["created"] = "2031-01-01T00:00:00Z";  // another configuration, after the first was remembered
  const auto refused = eddsa_rdfc::verify_proof(later, *public_key);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems().front().where == "/proof/proofValue");
  CHECK(eddsa_rdfc::verify_proof(signed_doc, *public_key).ok());

  // Remembered (shipped contexts only) and computed afresh (an extra context turns remembering off) agree.
  json unsigned_doc = signed_doc;
  unsigned_doc.erase("proof");
  json config = signed_doc["proof"];
  config.erase("proofValue");
  config["@context"] = signed_doc["@context"];
  tessera::jsonld::Options fresh;
  fresh.extra_contexts["https://example.org/unused-context"] = json{{"@context", json::object()}};
  const auto remembered = eddsa_rdfc::hash_data(unsigned_doc, config);
  const auto again = eddsa_rdfc::hash_data(unsigned_doc, config);
  const auto computed = eddsa_rdfc::hash_data(unsigned_doc, config, fresh);
  REQUIRE((remembered.ok() && again.ok() && computed.ok()));
  CHECK(remembered.value().canonical_proof_config == computed.value().canonical_proof_config);
  CHECK(again.value().hash_data == computed.value().hash_data);
  CHECK(remembered.value().canonical_proof_config.find("2031") == std::string::npos);
}
