// Data Integrity eddsa-jcs-2022: the W3C vector reproduced by add_proof, verification and its refusals,
// controller documents, and the date-time reader the proofs rely on.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/datetime.hpp"
#include "tessera/jcs.hpp"

namespace crypto = tessera::crypto;
namespace credential = tessera::credential;
using nlohmann::json;
using tessera::test::read_golden;

namespace {

crypto::KeyPair w3c_key() {
  const auto key_pair = json::parse(read_golden("eddsa/keyPair.json"));
  const auto tagged = crypto::multibase_decode(key_pair.at("privateKeyMultibase").get<std::string>());
  REQUIRE(tagged.has_value());
  REQUIRE(tagged->size() == 34);
  crypto::Seed seed{};
  std::copy(tagged->begin() + 2, tagged->end(), seed.begin());
  return crypto::keypair_from_seed(seed);
}

std::string canonical(const json& value) {
  auto text = tessera::jcs::canonicalize(value);
  REQUIRE(text.ok());
  return text.value();
}

}  // namespace

TEST_CASE("add_proof reproduces the W3C eddsa-jcs-2022 signed credential", "[credential][golden]") {
  const json unsigned_credential = json::parse(read_golden("eddsa/unsigned.json"));
  const json published = json::parse(read_golden("eddsa/eddsa-jcs-2022/signedJCS.json"));
  const auto key = w3c_key();
  credential::ProofOptions options;
  options.created = "2023-02-24T23:36:38Z";
  const auto secured = credential::add_proof(unsigned_credential, key, options);
  REQUIRE(secured.ok());
  CHECK(secured.value()["proof"]["proofValue"] == published["proof"]["proofValue"]);
  CHECK(canonical(secured.value()) == canonical(published));
  // The proof options we sign are the vector's proof configuration, byte for byte once canonical.
  json options_only = secured.value()["proof"];
  options_only.erase("proofValue");
  CHECK(canonical(options_only) == read_golden("eddsa/eddsa-jcs-2022/proofCanonJCS.txt"));

  const auto check = credential::verify_proof(published);
  CHECK(check.verified);
  CHECK(check.problems.empty());
  CHECK(check.controller == "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  CHECK(check.cryptosuite == credential::Cryptosuite::eddsa_jcs_2022);
}

TEST_CASE("verify_proof refuses every change to the signed vector, saying where", "[credential]") {
  const json published = json::parse(read_golden("eddsa/eddsa-jcs-2022/signedJCS.json"));
  struct Change {
    const char* pointer;
    json value;
    const char* where;
  };
  const Change changes[] = {
      {"/name", "Alumni Credential!", "/proof/proofValue"},
      {"/credentialSubject/alumniOf", "Another School", "/proof/proofValue"},
      {"/validFrom", "2023-01-01T00:00:01Z", "/proof/proofValue"},
      {"/proof/created", "2023-02-24T23:36:39Z", "/proof/proofValue"},
      {"/proof/@context/1", "https://example.org/other", "/@context"},
      {"/@context/1", "https://example.org/other", "/@context"},
      {"/proof/cryptosuite", "ecdsa-rdfc-2019", "/proof/cryptosuite"},  // a suite not verified here
      {"/proof/type", "BbsBlsSignature2020", "/proof/type"},
      {"/proof/proofPurpose", "authentication", "/proof/proofPurpose"},
      {"/proof/created", "yesterday", "/proof/created"},
      {"/proof/verificationMethod", "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#key-1",
       "/proof/verificationMethod"},
      {"/proof/proofValue", "zabc", "/proof/proofValue"},
  };
  for (const auto& change : changes) {
    INFO(change.pointer);
    json changed = published;
    changed[json::json_pointer(change.pointer)] = change.value;
    const auto check = credential::verify_proof(changed);
    CHECK_FALSE(check.verified);
    REQUIRE_FALSE(check.problems.empty());
    CHECK(check.problems[0].where == change.where);
  }
  json rdfc = published;
  rdfc["proof"]["cryptosuite"] = "eddsa-rdfc-2022";
  const auto rdfc_check = credential::verify_proof(rdfc);  // a JCS signature relabelled: the N-Quads differ
  CHECK_FALSE(rdfc_check.verified);
  REQUIRE_FALSE(rdfc_check.problems.empty());

  // A proof set of the same proof twice: the repeat is refused (2026-12: every array was refused outright).
  json two = published;
  two["proof"] = json::array({published["proof"], published["proof"]});
  const auto twice = credential::verify_proofs(two);
  REQUIRE(twice.size() == 2);
  CHECK(twice[0].verified);
  CHECK_FALSE(twice[1].verified);
  CHECK(twice[1].problems[0].message.find("same proof as /proof/0") != std::string::npos);
  CHECK_FALSE(credential::verify_proof(two).verified);
  json none = published;
  none.erase("proof");
  CHECK_FALSE(credential::verify_proof(none).verified);
  CHECK_FALSE(credential::verify_proof(json::array()).verified);
  // Deep nesting is refused before anything recursive runs on it.
  json deep = published;
  json* at = &deep["credentialSubject"];
  for (int i = 0; i < 200; ++i) at = &((*at)["x"] = json::object());
  CHECK(credential::verify_proof(deep).problems[0].message.find("nests deeper") != std::string::npos);

  // A context appended after signing is allowed by the spec (the proof's @context is a prefix).
  json appended = published;
  appended["@context"].push_back("https://example.org/extra");
  CHECK(credential::verify_proof(appended).verified);
}

TEST_CASE("the rdfc suite signs through the same API: 1EdTech's OB 3.0 proofValue, verified both ways",
          "[credential][golden]") {
  const json values = json::parse(tessera::test::read_golden("ob3-ldp/values.json"));
  const auto seed_bytes = crypto::from_hex(values["seedHex"].get<std::string>());
  REQUIRE(seed_bytes.has_value());
  crypto::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  const auto ob3_key = crypto::keypair_from_seed(seed);
  const json unsigned_badge = json::parse(tessera::test::read_golden("ob3-ldp/unsigned.json"));
  credential::ProofOptions options;
  options.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  options.created = values["created"].get<std::string>();
  options.verification_method = values["verificationMethod"].get<std::string>();
  const auto published = credential::add_proof(unsigned_badge, ob3_key, options);
  REQUIRE(published.ok());
  CHECK(published.value()["proof"]["proofValue"] == values["proofValue"]);

  // Signed with the key's did:key it verifies offline; one changed claim does not.
  options.verification_method.clear();
  const auto secured = credential::add_proof(unsigned_badge, ob3_key, options);
  REQUIRE(secured.ok());
  const auto check = credential::verify_proof(secured.value());
  CHECK(check.verified);
  CHECK(check.cryptosuite == credential::Cryptosuite::eddsa_rdfc_2022);
  json changed = secured.value();
  changed["name"] = changed.value("name", std::string()) + "!";
  CHECK_FALSE(credential::verify_proof(changed).verified);
  options.expires = "2030-01-01T00:00:00Z";
  CHECK(credential::add_proof(unsigned_badge, ob3_key, options).problems()[0].where == "/proof/expires");

  const auto key = w3c_key();
  CHECK(credential::cryptosuite_from_string("eddsa-rdfc-2022") == credential::Cryptosuite::eddsa_rdfc_2022);
  CHECK_FALSE(credential::cryptosuite_from_string("ecdsa-jcs-2019").has_value());
  CHECK_FALSE(credential::add_proof(json{{"proof", 1}}, key).ok());
  options = {};
  options.created = "2023-02-24";
  CHECK(credential::add_proof(json{{"a", 1}}, key, options).problems()[0].where == "/proof/created");
}

TEST_CASE("the eddsa-jcs-2022-only entry points: the same proofs, and an RDFC proof refused saying so",
          "[credential]") {
  const auto key = w3c_key();
  const json document = {{"@context", json::array({"https://www.w3.org/ns/credentials/v2"})}, {"name", "a project"}};
  credential::ProofOptions options;
  options.created = "2026-12-07T10:00:00Z";
  // The JCS-only signer makes byte for byte the proof the general one makes, and both readers accept it.
  const auto jcs_signed = credential::add_jcs_proof(document, key, options);
  REQUIRE(jcs_signed.ok());
  CHECK(jcs_signed.value() == credential::add_proof(document, key, options).value());
  CHECK(credential::verify_jcs_proof(jcs_signed.value()).verified);
  json changed = jcs_signed.value();
  changed["name"] = "another project";
  CHECK_FALSE(credential::verify_jcs_proof(changed).verified);

  // An eddsa-rdfc-2022 proof, which the general reader verifies, is refused at its cryptosuite with a hint.
  options.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  const auto rdfc_signed = credential::add_proof(document, key, options);
  REQUIRE(rdfc_signed.ok());
  REQUIRE(credential::verify_proof(rdfc_signed.value()).verified);
  const auto refused = credential::verify_jcs_proof(rdfc_signed.value());
  CHECK_FALSE(refused.verified);
  REQUIRE(refused.problems.size() == 1);
  CHECK(refused.problems[0].where == "/proof/cryptosuite");
  CHECK_THAT(refused.problems[0].message, Catch::Contains("eddsa-jcs-2022 only"));
  CHECK_FALSE(refused.problems[0].hint.empty());
  const auto not_made = credential::add_jcs_proof(document, key, options);
  REQUIRE_FALSE(not_made.ok());
  CHECK(not_made.problems()[0].where == "/proof/cryptosuite");
}

TEST_CASE("a controller document resolves a non-did:key method, for the purposes it grants", "[credential]") {
  const auto key = w3c_key();
  const std::string multikey = crypto::ed25519_multikey(key.public_key);
  const std::string method_id = "https://issuer.example/keys#" + multikey;
  credential::ProofOptions options;
  options.verification_method = method_id;
  const auto secured =
      credential::add_proof(json{{"@context", {"https://www.w3.org/ns/credentials/v2"}}, {"x", 1}}, key, options);
  REQUIRE(secured.ok());
  CHECK(credential::verify_proof(secured.value()).problems[0].message.find("cannot be resolved") != std::string::npos);

  const json did_document = {{"id", "https://issuer.example/keys"},
                             {"verificationMethod",
                              {{{"id", method_id},
                                {"type", "Multikey"},
                                {"controller", "https://issuer.example/keys"},
                                {"publicKeyMultibase", multikey}}}},
                             {"assertionMethod", {method_id}}};
  credential::KeyRing ring;
  CHECK(credential::add_controller_document(ring, did_document).empty());
  const auto check = credential::verify_proof(secured.value(), &ring);
  CHECK(check.verified);
  CHECK(check.controller == "https://issuer.example/keys");

  json authentication_only = did_document;
  authentication_only.erase("assertionMethod");
  authentication_only["authentication"] = {method_id};
  credential::KeyRing limited;
  CHECK(credential::add_controller_document(limited, authentication_only).empty());
  CHECK(credential::verify_proof(secured.value(), &limited).problems[0].message.find("does not authorise") !=
        std::string::npos);

  // A lone Multikey document; and the 1EdTech-style controller document in tests/golden.
  credential::KeyRing lone;
  CHECK(credential::add_controller_document(lone, {{"id", method_id},
                                                   {"type", "Multikey"},
                                                   {"controller", "https://issuer.example/keys"},
                                                   {"publicKeyMultibase", multikey}})
            .empty());
  CHECK(credential::verify_proof(secured.value(), &lone).verified);
  credential::KeyRing broken;
  CHECK_FALSE(credential::add_controller_document(broken, {{"id", "x"}, {"assertionMethod", {"#nope"}}}).empty());
}

TEST_CASE("date-times: zones required, calendars checked, months added", "[credential][datetime]") {
  namespace dt = tessera::datetime;
  CHECK(dt::parse("1970-01-01T00:00:00Z") == 0);
  CHECK(dt::parse("2023-02-24T23:36:38Z") == 1677281798);
  CHECK(dt::parse("2023-02-25T01:36:38+02:00") == 1677281798);
  CHECK(dt::parse("2023-02-24T23:36:38.123Z") == 1677281798);
  CHECK(dt::parse("2024-02-29T00:00:00Z").has_value());
  for (const char* bad : {"2023-02-29T00:00:00Z", "2023-02-24T23:36:38", "2023-13-01T00:00:00Z", "2023-02-24",
                          "2023-02-24T24:00:00Z", "2023-02-24T23:36:38Zx", "2023-02-24T23:36:38.Z", ""}) {
    INFO(bad);
    CHECK_FALSE(dt::parse(bad).has_value());
  }
  CHECK(dt::format(1677281798) == "2023-02-24T23:36:38Z");
  CHECK(dt::format(*dt::parse("2024-01-31T10:00:00Z")) == "2024-01-31T10:00:00Z");
  CHECK(dt::format(dt::add_months(*dt::parse("2024-01-31T10:00:00Z"), 1)) == "2024-02-29T10:00:00Z");
  CHECK(dt::format(dt::add_months(*dt::parse("2024-11-15T00:00:00Z"), 24)) == "2026-11-15T00:00:00Z");
}

TEST_CASE("proof sets: each proof on its own, ids unique, previousProof present, a bounded count", "[credential]") {
  REQUIRE(crypto::init());
  const json unsigned_credential = json::parse(read_golden("eddsa/unsigned.json"));
  crypto::Seed other_seed{};
  other_seed.fill(7);
  const auto other = crypto::keypair_from_seed(other_seed);
  const auto first = credential::create_proof(unsigned_credential, w3c_key());
  const auto second = credential::create_proof(unsigned_credential, other);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  json set = unsigned_credential;
  set["proof"] = json::array({first.value(), second.value()});
  const auto checks = credential::verify_proofs(set);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].verified);
  CHECK(checks[1].verified);
  CHECK(checks[0].where == "/proof/0");
  CHECK(checks[1].controller == crypto::did_key(other.public_key));

  json same_id = set;
  same_id["proof"][0]["id"] = "urn:uuid:1";
  same_id["proof"][1]["id"] = "urn:uuid:1";
  const auto clash = credential::verify_proofs(same_id);
  CHECK(clash[1].problems.at(0).message.find("two proofs have the id") != std::string::npos);

  // A proof cannot follow itself, and previousProof must name ids.
  json self = set;
  self["proof"][1]["id"] = "urn:uuid:2";
  self["proof"][1]["previousProof"] = "urn:uuid:2";
  CHECK(credential::verify_proofs(self)[1].problems.at(0).where == "/proof/1/previousProof");
  self["proof"][1]["previousProof"] = json::array({42});
  CHECK(credential::verify_proofs(self)[1].problems.at(0).message.find("proof id") != std::string::npos);

  json many = set;
  many["proof"] = json::array();
  for (std::size_t i = 0; i <= credential::max_proofs; ++i) many["proof"].push_back(first.value());
  const auto refused = credential::verify_proofs(many);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].problems.at(0).message.find("at most") != std::string::npos);
  json empty = set;
  empty["proof"] = json::array();
  CHECK(credential::verify_proofs(empty)[0].problems.at(0).message.find("empty") != std::string::npos);
}
