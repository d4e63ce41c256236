// The interop corpus (tests/golden/interop): credentials made by W3C, 1EdTech and Digital Bazaar's libraries,
// each verified as expected.json says its source does — every proof's verdict, the report, and the reason.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/verifier.hpp"

namespace credential = tessera::credential;
using nlohmann::json;
using tessera::test::read_golden;

namespace {

std::string interop(const std::string& relative) { return read_golden("interop/" + relative); }

std::string verdict_of(const credential::ProofCheck& proof) {
  return proof.verified ? "verified" : proof.known_suite ? "failed" : "set aside";
}

bool some_sentence_says(const credential::Report& report, credential::CheckStatus status, const std::string& phrase) {
  return std::any_of(report.checks.begin(), report.checks.end(), [&](const credential::Check& c) {
    return c.status == status && c.sentence.find(phrase) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("every credential of the interop corpus verifies, or fails, as its source says", "[credential][interop]") {
  REQUIRE(tessera::crypto::init());
  const json expected = json::parse(interop("expected.json"));
  tessera::jsonld::Options examples;
  for (const auto& [url, path] : expected["examplesContext"].items()) {
    examples.extra_contexts[url] = json::parse(interop(path.get<std::string>()));
  }
  const tessera::jsonld::Options shipped_only;
  for (const json& item : expected["items"]) {
    const std::string file = item["file"];
    INFO(file << ": " << item["why"].get<std::string>());
    credential::KeyRing ring;
    for (const json& path : item.value("didDocs", json::array())) {
      REQUIRE(credential::add_controller_document(ring, json::parse(interop(path.get<std::string>()))).empty());
    }
    credential::VerifyOptions options;
    options.keys = &ring;
    options.contexts = item.value("examples", false) ? &examples : &shipped_only;
    options.now = expected["now"];
    const credential::Report report = credential::verify_text(interop(file), options);
    INFO(report.to_json().dump(2));

    std::vector<std::string> verdicts;
    for (const auto& proof : report.proofs) verdicts.push_back(verdict_of(proof));
    CHECK(verdicts == item["proofs"].get<std::vector<std::string>>());
    CHECK(report.ok() == item["ok"].get<bool>());
    std::set<std::string> failed;
    for (const auto& c : report.checks) {
      if (c.status == credential::CheckStatus::fail) failed.insert(c.id);
    }
    CHECK(failed == item["fails"].get<std::set<std::string>>());
    if (item.contains("says")) {
      CHECK(some_sentence_says(report, credential::CheckStatus::fail, item["says"]));
    }
    if (item.contains("warns")) {
      CHECK(some_sentence_says(report, credential::CheckStatus::warning, item["warns"]));
    }
  }
}

TEST_CASE("Ed25519Signature2020: the W3C vector verifies, and Tessera does not make such proofs", "[credential]") {
  REQUIRE(tessera::crypto::init());
  tessera::jsonld::Options examples;
  examples.extra_contexts["https://www.w3.org/ns/credentials/examples/v2"] =
      json::parse(read_golden("eddsa-rdfc-2022/credentials-examples-v2.jsonld"));
  const json signed_vector = json::parse(read_golden("interop/w3c/ed25519-signature-2020.json"));
  const auto check = credential::verify_proof(signed_vector, nullptr, "assertionMethod", examples);
  CHECK(check.verified);
  CHECK(check.cryptosuite == credential::Cryptosuite::ed25519_signature_2020);
  CHECK(check.suite == "Ed25519Signature2020");
  json changed = signed_vector;
  changed["credentialSubject"]["alumniOf"] = "Another School";
  CHECK_FALSE(credential::verify_proof(changed, nullptr, "assertionMethod", examples).verified);

  credential::ProofOptions options;
  options.cryptosuite = credential::Cryptosuite::ed25519_signature_2020;
  const json unsigned_credential = json::parse(read_golden("eddsa/unsigned.json"));
  CHECK_FALSE(credential::create_proof(unsigned_credential, tessera::crypto::keypair_from_seed({}), options).ok());
}
