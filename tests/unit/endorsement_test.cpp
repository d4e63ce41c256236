// Open Badges 3.0 endorsements: the EndorsementCredential a partner signs (its shape is the specification's
// "Sample EndorsementCredential", ob_v3p0/examples/endorsement.html in 1EdTech/openbadges-specification), its
// verification on its own, and the verifier's check of each endorsement an issued credential carries — a
// forged one, one for another achievement and one whose issuer did not sign it are refused, with the reason.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/endorsement.hpp"
#include "tessera/issuer.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::test::check_of;
using tessera::test::first_failure;

namespace {

constexpr const char* achievement_id = "urn:tessera:course:golden-course:1.0.0";
constexpr const char* now = "2027-06-01T00:00:00Z";

credential::ProofOptions rdfc() {
  credential::ProofOptions options;
  options.cryptosuite = credential::Cryptosuite::eddsa_rdfc_2022;
  return options;
}

crypto::KeyPair key_of(std::uint8_t byte) {
  crypto::Seed seed{};
  seed.fill(byte);
  return crypto::keypair_from_seed(seed);
}

json endorsement_by(const crypto::KeyPair& key, const std::string& subject, const std::string& comment,
                    credential::Cryptosuite suite = credential::Cryptosuite::eddsa_rdfc_2022) {
  credential::EndorsementRequest request;
  request.id = "urn:uuid:5b1c4a0e-7d1f-4c51-9f7e-2f5c8a9d0e11";
  request.valid_from = "2027-01-01T00:00:00Z";
  request.endorser = {crypto::did_key(key.public_key), "Partner Guild", "https://partner.example/", ""};
  request.subject = subject;
  request.subject_name = "Checking a course";
  request.comment = comment;
  auto made = credential::endorsement_credential(request);
  REQUIRE(made.ok());
  credential::ProofOptions options;
  options.cryptosuite = suite;
  options.created = request.valid_from;
  auto signed_endorsement = credential::add_proof(made.value(), key, options);
  REQUIRE(signed_endorsement.ok());
  return signed_endorsement.value();
}

// An issued course credential (as tessera issue shapes it, without results) carrying `endorsements`.
json badge_with(const crypto::KeyPair& issuer, const json& endorsements,
                credential::Cryptosuite suite = credential::Cryptosuite::eddsa_rdfc_2022) {
  const std::string did = crypto::did_key(issuer.public_key);
  json badge = {{"@context", {"https://www.w3.org/ns/credentials/v2", credential::ob3_context_url}},
                {"id", "urn:uuid:0f8e2d7c-3b6a-4e59-8d21-7c4b9a0e6f32"},
                {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                {"issuer", {{"id", did}, {"type", {"Profile"}}, {"name", "Example Issuer"}}},
                {"name", "Checking a course"},
                {"validFrom", "2027-01-05T00:00:00Z"},
                {"credentialSubject",
                 {{"id", "did:key:z6MktULudTtAsAhRegYPiZ6631RV3viv12qd4GQF8z1xB22S"},
                  {"type", {"AchievementSubject"}},
                  {"achievement",
                   {{"id", achievement_id},
                    {"type", {"Achievement"}},
                    {"name", "Checking a course"},
                    {"description", "Validates course packages."},
                    {"criteria", {{"narrative", "Pass the final check."}}},
                    {"endorsement", endorsements}}}}}};
  credential::ProofOptions options;
  options.cryptosuite = suite;
  auto signed_badge = credential::add_proof(badge, issuer, options);
  REQUIRE(signed_badge.ok());
  return signed_badge.value();
}

credential::VerifyOptions at_now() {
  credential::VerifyOptions options;
  options.now = now;
  return options;
}

}  // namespace

TEST_CASE("an endorsement has the shape of the specification's EndorsementCredential and verifies on its own",
          "[credential][endorsement]") {
  const auto partner = key_of(0x61);
  const json e = endorsement_by(partner, achievement_id, "Meets our guild's standard for package review.");
  // The members and types of the specification's sample (VC 2.0 + OB 3.0.3, as its 3.0.3 examples write).
  CHECK(e["@context"] == json({"https://www.w3.org/ns/credentials/v2", credential::ob3_context_url}));
  CHECK(e["type"] == json({"VerifiableCredential", "EndorsementCredential"}));
  CHECK(e["issuer"]["type"] == json({"Profile"}));
  CHECK(e["credentialSubject"]["type"] == json({"EndorsementSubject"}));
  CHECK(e["credentialSubject"]["id"] == achievement_id);
  CHECK(e["credentialSubject"]["endorsementComment"] == "Meets our guild's standard for package review.");
  CHECK(e["proof"]["cryptosuite"] == "eddsa-rdfc-2022");

  const auto report = credential::verify_document(e, at_now());
  INFO(report.to_json().dump(2));
  CHECK(report.ok());
  CHECK(report.kind == "endorsement-credential");
  CHECK(check_of(report, "type").sentence.find(achievement_id) != std::string::npos);
  const json summary = report.to_json()["subject"];
  CHECK(summary["endorser"] == "Partner Guild");
  CHECK(summary["endorsed"] == achievement_id);
  CHECK(summary["comment"] == "Meets our guild's standard for package review.");

  // Nothing to endorse, no endorser name: refused before anything is signed.
  credential::EndorsementRequest empty;
  CHECK_FALSE(credential::endorsement_credential(empty).ok());
}

TEST_CASE("the verifier checks and shows each endorsement a credential carries", "[credential][endorsement]") {
  const auto issuer = key_of(0x44);
  const auto partner = key_of(0x61);
  const json good = endorsement_by(partner, achievement_id, "A sound course.");
  const json jcs = endorsement_by(key_of(0x62), achievement_id, "", credential::Cryptosuite::eddsa_jcs_2022);
  const json badge = badge_with(issuer, json::array({good, jcs}));
  const auto report = credential::verify_document(badge, at_now());
  INFO(report.to_json().dump(2));
  REQUIRE(report.ok());
  CHECK(report.verdict() == "verified");
  REQUIRE(report.endorsements.size() == 2);
  CHECK(report.endorsements[0]["verified"] == true);
  CHECK(report.endorsements[0]["endorserName"] == "Partner Guild");
  CHECK(report.endorsements[0]["endorser"] == crypto::did_key(partner.public_key));
  CHECK(report.endorsements[0]["comment"] == "A sound course.");
  CHECK(report.endorsements[0]["where"] == "/credentialSubject/achievement/endorsement/0");
  CHECK(report.endorsements[1]["verified"] == true);
  CHECK_FALSE(report.endorsements[1].contains("comment"));
  const auto& line = check_of(report, "endorsement");
  CHECK(line.status == credential::CheckStatus::pass);
  CHECK(line.sentence == "Endorsed by Partner Guild (" + crypto::did_key(partner.public_key) +
                             "): \u201cA sound course.\u201d (the endorsement verifies).");
}

TEST_CASE("a forged, misplaced or misattributed endorsement is refused with its reason", "[credential][endorsement]") {
  const auto issuer = key_of(0x44);
  const auto partner = key_of(0x61);
  const json good = endorsement_by(partner, achievement_id, "A sound course.");

  SECTION("its comment changed after the endorser signed it") {
    json forged = good;
    forged["credentialSubject"]["endorsementComment"] = "The best course there is.";
    const auto report = credential::verify_document(badge_with(issuer, json::array({forged})), at_now());
    INFO(report.to_json().dump(2));
    CHECK(report.ok());  // the credential stands; the endorsement does not count
    REQUIRE(report.endorsements.size() == 1);
    CHECK(report.endorsements[0]["verified"] == false);
    const std::string reason = report.endorsements[0]["reason"];
    CHECK(reason.find("does not verify") != std::string::npos);
    const auto& line = check_of(report, "endorsement");
    CHECK(line.status == credential::CheckStatus::warning);
    CHECK(line.sentence.find("is refused and not counted") != std::string::npos);
  }
  SECTION("it endorses another achievement") {
    const json elsewhere = endorsement_by(partner, "urn:tessera:course:other-course:1.0.0", "Good.");
    const auto report = credential::verify_document(badge_with(issuer, json::array({elsewhere})), at_now());
    REQUIRE(report.endorsements.size() == 1);
    CHECK(report.endorsements[0]["verified"] == false);
    CHECK(report.endorsements[0]["reason"] ==
          "It endorses urn:tessera:course:other-course:1.0.0, not urn:tessera:course:golden-course:1.0.0, to "
          "which it is attached.");
  }
  SECTION("it names an endorser whose key did not sign it") {
    json claimed = good;
    claimed.erase("proof");
    claimed["issuer"]["id"] = crypto::did_key(key_of(0x70).public_key);  // a well-known partner's id
    auto resigned = credential::add_proof(claimed, partner, rdfc());
    REQUIRE(resigned.ok());
    const auto report = credential::verify_document(badge_with(issuer, json::array({resigned.value()})), at_now());
    REQUIRE(report.endorsements.size() == 1);
    CHECK(report.endorsements[0]["verified"] == false);
    CHECK(report.endorsements[0]["reason"].get<std::string>().find("made none of the proofs") != std::string::npos);
  }
  SECTION("it has expired") {
    json lapsing = good;
    lapsing.erase("proof");
    lapsing["validUntil"] = "2027-03-01T00:00:00Z";
    auto resigned = credential::add_proof(lapsing, partner, rdfc());
    REQUIRE(resigned.ok());
    const auto report = credential::verify_document(badge_with(issuer, json::array({resigned.value()})), at_now());
    REQUIRE(report.endorsements.size() == 1);
    CHECK(report.endorsements[0]["reason"] == "Expired on 2027-03-01T00:00:00Z.");
  }
  SECTION("it is not an endorsement at all") {
    // (JSON-LD refuses the undefined term "hello", so only a JCS signature can carry it.)
    const auto report = credential::verify_document(
        badge_with(issuer, json::array({json{{"hello", "world"}}}), credential::Cryptosuite::eddsa_jcs_2022), at_now());
    REQUIRE(report.endorsements.size() == 1);
    CHECK(report.endorsements[0]["verified"] == false);
    CHECK(report.endorsements[0]["reason"] == "It is not an Open Badges 3.0 EndorsementCredential.");
    CHECK(report.ok());
  }
}

TEST_CASE("an endorsement of the issuer is checked against the issuer's id", "[credential][endorsement]") {
  const auto issuer = key_of(0x44);
  const std::string issuer_did = crypto::did_key(issuer.public_key);
  const json of_issuer = endorsement_by(key_of(0x61), issuer_did, "In good standing.");
  const auto check = credential::check_endorsement(of_issuer, issuer_did, "/issuer/endorsement/0", at_now());
  CHECK(check.verified);
  CHECK(check.comment == "In good standing.");
  CHECK_FALSE(credential::check_endorsement(of_issuer, achievement_id, "", at_now()).verified);
}
