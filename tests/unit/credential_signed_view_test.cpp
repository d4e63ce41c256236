// The verifier reads what an eddsa-rdfc-2022 signature covers, however the JSON spells it: a revoked,
// expired Open Badge stays revoked and expired when its keys are re-spelled as full IRIs or aliases that
// leave the signed RDF (and so the signature) unchanged.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/eddsa_rdfc.hpp"
#include "tessera/status_list.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::test::check_of;

namespace {

constexpr const char* list_id = "https://issuer.example/status/1.json";
constexpr const char* expired_on = "2020-06-30T00:00:00Z";
constexpr const char* now = "2026-12-06T00:00:00Z";
constexpr std::size_t revoked_bit = 7;

struct Issued {
  crypto::KeyPair key = crypto::keypair_from_seed(crypto::Seed{0x5a});
  std::string did = crypto::did_key(key.public_key);
  json badge;        // signed with eddsa-rdfc-2022
  json status_list;  // signed by the same issuer, bit 7 set
};

// 1EdTech's Open Badges 3.0 example, issued by a did:key, expired on 2020-06-30 and revoked.
Issued expired_revoked_badge() {
  Issued issued;
  json badge = json::parse(tessera::test::read_golden("ob3-ldp/unsigned.json"));
  badge["issuer"]["id"] = issued.did;
  badge["validUntil"] = expired_on;
  badge["credentialStatus"] = credential::status_entry(list_id, revoked_bit);
  credential::ProofOptions rdfc;
  rdfc.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  auto signed_badge = credential::add_proof(badge, issued.key, rdfc);
  REQUIRE(signed_badge.ok());
  issued.badge = signed_badge.value();
  credential::Bitstring bits;
  REQUIRE(bits.set(revoked_bit, true));
  auto list = credential::add_proof(
      credential::status_list_credential(list_id, issued.did, "2020-01-01T00:00:00Z", bits), issued.key, rdfc);
  REQUIRE(list.ok());
  issued.status_list = list.value();
  return issued;
}

credential::Report verify(const json& document, const json& status_list) {
  credential::VerifyOptions options;
  options.now = now;
  options.status_lists.push_back(&status_list);
  return credential::verify_document(document, options);
}

constexpr const char* xsd_date_time = "http://www.w3.org/2001/XMLSchema#dateTime";

// Moves `member` of `object` to the key `spelling`. A term's context may give its value a datatype (validUntil's
// is xsd:dateTime); under another spelling the value must say so itself, as `datatype`, to stay the same RDF.
void respell(json& object, const std::string& member, const std::string& spelling, const char* datatype = nullptr) {
  REQUIRE(object.contains(member));
  object[spelling] = datatype ? json{{"@value", object[member]}, {"@type", datatype}} : object[member];
  object.erase(member);
}

void require_expired_and_revoked(const credential::Report& report) {
  INFO(report.to_json().dump(2));
  // The signature still holds: the re-spelling changed no signed statement.
  CHECK(check_of(report, "proof").status == credential::CheckStatus::pass);
  CHECK(check_of(report, "validity").status == credential::CheckStatus::fail);
  CHECK(check_of(report, "validity").sentence == std::string("Expired on ") + expired_on + ".");
  CHECK(check_of(report, "status").status == credential::CheckStatus::fail);
  CHECK(check_of(report, "status").sentence.find("Revoked: bit 7 of " + std::string(list_id)) != std::string::npos);
  CHECK_FALSE(report.ok());
}

}  // namespace

TEST_CASE("an eddsa-rdfc-2022 badge is read from its signed RDF, not its JSON spelling", "[credential][signed-view]") {
  const Issued issued = expired_revoked_badge();

  SECTION("as issued, it is expired and revoked") {
    require_expired_and_revoked(verify(issued.badge, issued.status_list));
  }

  SECTION("validUntil and credentialStatus under their full IRIs are still read") {
    json respelled = issued.badge;
    respell(respelled, "validUntil", "https://www.w3.org/2018/credentials#validUntil", xsd_date_time);
    respell(respelled, "credentialStatus", "https://www.w3.org/2018/credentials#credentialStatus");
    const auto report = verify(respelled, issued.status_list);
    require_expired_and_revoked(report);
    CHECK(report.to_json()["subject"]["validUntil"] == expired_on);
  }

  SECTION("so are members of the status entry, and aliases from an appended context") {
    json respelled = issued.badge;
    json& entry = respelled["credentialStatus"];
    respell(entry, "statusListIndex", "https://www.w3.org/ns/credentials/status#statusListIndex");
    // The proof's @context need only open the document's, so a context can be appended after signing.
    respelled["@context"].push_back(
        {{"until", {{"@id", "https://www.w3.org/2018/credentials#validUntil"}, {"@type", xsd_date_time}}}});
    respell(respelled, "validUntil", "until");
    require_expired_and_revoked(verify(respelled, issued.status_list));
  }

  SECTION("a status list whose bitstring is re-spelled still revokes") {
    json list = issued.status_list;
    respell(list["credentialSubject"], "encodedList", "https://www.w3.org/ns/credentials/status#encodedList",
            "https://w3id.org/security#multibase");
    require_expired_and_revoked(verify(issued.badge, list));
  }

  SECTION("a fact stated twice under two spellings is refused, not resolved") {
    json twice = issued.badge;
    twice.erase("proof");
    twice["https://www.w3.org/2018/credentials#validUntil"] = "2099-01-01T00:00:00Z";
    credential::ProofOptions rdfc;
    rdfc.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
    const auto resigned = credential::add_proof(twice, issued.key, rdfc);
    REQUIRE(resigned.ok());
    const auto report = verify(resigned.value(), issued.status_list);
    INFO(report.to_json().dump(2));
    CHECK(check_of(report, "input").status == credential::CheckStatus::fail);
    CHECK(check_of(report, "input").sentence.find("states validUntil 2 times") != std::string::npos);
    CHECK(check_of(report, "input").sentence.find("/validUntil") != std::string::npos);
  }
}

TEST_CASE("an eddsa-rdfc-2022 proof's own expiry is read however it is spelled", "[credential][signed-view]") {
  const Issued issued = expired_revoked_badge();
  json unsecured = issued.badge;
  unsecured.erase("proof");
  unsecured.erase("validUntil");
  unsecured.erase("credentialStatus");
  // A proof with "expires" (our issuer never makes one; other issuers may), signed by hand as §3.3 says.
  json proof = {{"type", "DataIntegrityProof"},
                {"cryptosuite", "eddsa-rdfc-2022"},
                {"created", "2020-01-01T00:00:00Z"},
                {"expires", "2021-01-01T00:00:00Z"},
                {"verificationMethod", issued.did + "#" + crypto::ed25519_multikey(issued.key.public_key)},
                {"proofPurpose", "assertionMethod"}};
  json config = proof;
  config["@context"] = unsecured["@context"];
  const auto hashed = tessera::eddsa_rdfc::hash_data(unsecured, config);
  REQUIRE(hashed.ok());
  proof["proofValue"] = crypto::multibase_base58btc(crypto::sign(hashed.value().hash_data, issued.key.secret_key));
  json secured = unsecured;
  secured["proof"] = proof;
  respell(secured["proof"], "expires", "https://w3id.org/security#expiration", xsd_date_time);

  const auto report = verify(secured, issued.status_list);
  INFO(report.to_json().dump(2));
  CHECK(check_of(report, "proof").status == credential::CheckStatus::pass);
  CHECK(check_of(report, "validity").sentence == "The proof expired on 2021-01-01T00:00:00Z.");
}

TEST_CASE("the signed view of 1EdTech's example names what its RDF says", "[credential][signed-view]") {
  // Expected values read by hand from tests/golden/ob3-ldp/document-canon.txt (1EdTech's canonical N-Quads).
  const json signed_example = json::parse(tessera::test::read_golden("ob3-ldp/signed.json"));
  const auto view = credential::signed_view(signed_example);
  REQUIRE(view.ok());
  json v = view.value();  // a copy: a missing member reads as null instead of asserting
  CHECK(v["id"] == "http://example.com/credentials/3527");
  CHECK(v["type"] == json({"VerifiableCredential", "OpenBadgeCredential"}));
  CHECK(v["issuer"]["id"] == "https://example.edu/issuers/565049");
  CHECK(v["issuer"]["name"] == "Example Corp");
  CHECK(v["validFrom"] == "2010-01-01T00:00:00Z");
  CHECK(v["name"] == "Teamwork Badge");
  CHECK(v["credentialSubject"]["id"] == "did:example:ebfeb1f712ebc6f1c276e12ec21");
  CHECK(v["credentialSubject"]["achievement"]["name"] == "Teamwork");
  CHECK(
      v["credentialSubject"]["achievement"]["criteria"].is_object());  // its narrative is not a fact the verifier reads
  CHECK(v["proof"]["created"] == "2010-01-01T19:23:24Z");
  CHECK_FALSE(v.contains("validUntil"));

  // An eddsa-jcs-2022 document signs its JSON bytes: its view is itself.
  const json jcs = {{"proof", {{"cryptosuite", "eddsa-jcs-2022"}}}, {"validUntil", "x"}};
  CHECK(credential::signed_view(jcs).value() == jcs);
}

TEST_CASE("the report names the competencies and the raw score an Open Badge's signed results state",
          "[credential][signed-view]") {
  // 1EdTech's example with a scored result aligned to one competency, in Open Badges 3.0's own shapes
  // (Achievement.resultDescription, AchievementSubject.result, Result.alignment), signed with rdfc.
  json badge = json::parse(tessera::test::read_golden("ob3-ldp/unsigned.json"));
  const crypto::KeyPair key = crypto::keypair_from_seed(crypto::Seed{0x5b});
  badge["issuer"]["id"] = crypto::did_key(key.public_key);
  const json alignment = {{"type", {"Alignment"}},
                          {"targetName", "Spot a phishing message"},
                          {"targetUrl", "https://framework.example/phishing"},
                          {"targetType", "ceterms:Competency"}};
  json& achievement = badge["credentialSubject"]["achievement"];
  achievement["alignment"] = {alignment,
                              {{"type", {"Alignment"}},
                               {"targetName", "Report an incident"},
                               {"targetUrl", "https://framework.example/report"}}};
  achievement["resultDescription"] = {
      {{"id", "urn:example:score"}, {"type", {"ResultDescription"}}, {"name", "Score"}, {"resultType", "RawScore"}},
      {{"id", "urn:example:grade"}, {"type", {"ResultDescription"}}, {"name", "Grade"}, {"resultType", "LetterGrade"}}};
  badge["credentialSubject"]["result"] = {
      {{"type", {"Result"}}, {"resultDescription", "urn:example:grade"}, {"value", "B"}},
      {{"type", {"Result"}}, {"resultDescription", "urn:example:score"}, {"value", "7/8"}, {"alignment", {alignment}}}};
  credential::ProofOptions rdfc;
  rdfc.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  const auto signed_badge = credential::add_proof(badge, key, rdfc);
  REQUIRE(signed_badge.ok());
  credential::VerifyOptions options;
  options.now = now;

  SECTION("the result's alignment, not the achievement's: what this learner achieved") {
    const json subject = credential::verify_document(signed_badge.value(), options).to_json()["subject"];
    INFO(subject.dump(2));
    CHECK(subject["competencies"] == json{"Spot a phishing message"});
    CHECK(subject["score"] == "7/8");
  }
  SECTION("read from the signed RDF: the same under the full IRIs") {
    json respelled = signed_badge.value();
    json& result = respelled["credentialSubject"]["result"][1];
    respell(result, "value", "https://schema.org/value");
    respell(result["alignment"][0], "targetName", "https://schema.org/targetName");
    const auto report = credential::verify_document(respelled, options);
    CHECK(check_of(report, "proof").status == credential::CheckStatus::pass);
    CHECK(report.to_json()["subject"]["competencies"] == json{"Spot a phishing message"});
    CHECK(report.to_json()["subject"]["score"] == "7/8");
  }
  SECTION("without results, the achievement's own alignment") {
    json plain = badge;
    plain["credentialSubject"].erase("result");
    const auto resigned = credential::add_proof(plain, key, rdfc);
    REQUIRE(resigned.ok());
    const json subject = credential::verify_document(resigned.value(), options).to_json()["subject"];
    CHECK(subject["competencies"] == json{"Spot a phishing message", "Report an incident"});
    CHECK(subject["score"].is_null());
  }
}
