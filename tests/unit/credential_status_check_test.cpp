// The verifier's status check: a credential naming a revocation and a suspension list (W3C Bitstring Status
// List), the 1EdTech revocation list, and what is said when a list was not supplied ("could not be checked",
// never "not revoked").
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tessera/data_integrity.hpp"
#include "tessera/status_list.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace credential = tessera::credential;
namespace crypto = tessera::crypto;
using nlohmann::json;
using tessera::test::seed_of;

namespace {

constexpr const char* revocation_list_id = "https://issuer.example/status/revocation.json";
constexpr const char* suspension_list_id = "https://issuer.example/status/suspension.json";
constexpr const char* edtech_list_id = "https://issuer.example/revocations";
constexpr const char* credential_id = "urn:uuid:5b4c9a4e-7d0e-4b8f-9a51-3c2f0e8d1a77";

struct Issuer {
  crypto::KeyPair key = crypto::keypair_from_seed(seed_of(0x44));
  std::string did = crypto::did_key(key.public_key);
};

// A signed credential carrying `status` (one entry or several) from `issuer`.
json signed_credential(const Issuer& issuer, const json& status) {
  const json unsecured = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
                          {"id", credential_id},
                          {"type", {"VerifiableCredential"}},
                          {"issuer", issuer.did},
                          {"validFrom", "2027-01-01T00:00:00Z"},
                          {"credentialSubject", {{"id", "did:example:learner"}}},
                          {"credentialStatus", status}};
  auto secured = credential::add_proof(unsecured, issuer.key);
  REQUIRE(secured.ok());
  return secured.value();
}

// The issuer's signed list `id` for `purpose` with the bits `set`.
json signed_list(const Issuer& issuer, const std::string& id, const std::string& purpose,
                 const std::vector<std::size_t>& set) {
  credential::Bitstring bits;
  for (const auto index : set) REQUIRE(bits.set(index, true));
  auto list = credential::add_proof(
      credential::status_list_credential(id, issuer.did, "2027-01-01T00:00:00Z", bits, purpose), issuer.key);
  REQUIRE(list.ok());
  return list.value();
}

// The report of verifying `document` with `options` in 2028 (the credential is valid then).
credential::Report verify_in_2028(const json& document, credential::VerifyOptions options) {
  options.now = "2028-01-01T00:00:00Z";
  auto report = credential::verify_document(document, options);
  INFO(report.to_json().dump(2));
  CHECK(tessera::test::check_of(report, "proof").status == credential::CheckStatus::pass);
  return report;
}

// Its "status" checks, one per credentialStatus entry.
std::vector<credential::Check> status_checks(const json& document, const credential::VerifyOptions& options) {
  std::vector<credential::Check> found;
  for (const auto& check : verify_in_2028(document, options).checks) {
    if (check.id == "status") found.push_back(check);
  }
  return found;
}

json both_entries() {
  return json::array({credential::status_entry(revocation_list_id, 5, "revocation"),
                      credential::status_entry(suspension_list_id, 9, "suspension")});
}

}  // namespace

TEST_CASE("a credential naming a revocation and a suspension list is checked against each", "[credential][status]") {
  const Issuer issuer;
  const json document = signed_credential(issuer, both_entries());
  const json revocation = signed_list(issuer, revocation_list_id, "revocation", {4, 6});
  const json suspension = signed_list(issuer, suspension_list_id, "suspension", {});
  credential::VerifyOptions options;
  options.status_lists = {&revocation, &suspension};
  auto checks = status_checks(document, options);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].status == credential::CheckStatus::pass);
  CHECK(checks[0].sentence == "Not revoked (bit 5 of the issuer's signed list is clear).");
  CHECK(checks[1].status == credential::CheckStatus::pass);
  CHECK(checks[1].sentence == "Not suspended (bit 9 of the issuer's signed suspension list is clear).");

  // Suspended: the suspension list's bit 9 set; the revocation line still says what it found.
  const json suspended = signed_list(issuer, suspension_list_id, "suspension", {9});
  options.status_lists = {&revocation, &suspended};
  CHECK(verify_in_2028(document, options).verdict() == "not-verified");
  checks = status_checks(document, options);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].status == credential::CheckStatus::pass);
  CHECK(checks[1].status == credential::CheckStatus::fail);
  CHECK(checks[1].sentence == std::string("Suspended: bit 9 of ") + suspension_list_id + " is set.");

  // A revocation list passed as the suspension list is refused for its purpose, not read as clear.
  const json wrong_purpose = signed_list(issuer, suspension_list_id, "revocation", {});
  options.status_lists = {&revocation, &wrong_purpose};
  checks = status_checks(document, options);
  CHECK(checks[1].status == credential::CheckStatus::fail);
  CHECK(checks[1].sentence.find("not for 'suspension'") != std::string::npos);
}

TEST_CASE("a list that was not supplied is 'could not be checked', never 'not revoked'", "[credential][status]") {
  const Issuer issuer;
  const json document = signed_credential(issuer, both_entries());
  const json revocation = signed_list(issuer, revocation_list_id, "revocation", {});
  credential::VerifyOptions options;
  options.status_lists = {&revocation};  // the suspension list could not be fetched
  auto checks = status_checks(document, options);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].status == credential::CheckStatus::pass);
  CHECK(checks[1].status == credential::CheckStatus::warning);
  CHECK(checks[1].sentence == std::string("Suspension could not be checked: the credential names the status list ") +
                                  suspension_list_id + ", which was not supplied (or could not be fetched).");
  // No list at all: each entry says so, and the verdict is "could-not-check", not "verified".
  checks = status_checks(document, {});
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].sentence.starts_with("Revocation could not be checked"));
  CHECK(checks[1].sentence.starts_with("Suspension could not be checked"));
  const auto report = verify_in_2028(document, {});
  CHECK(report.verdict() == "could-not-check");
  for (const auto& check : report.checks) CHECK(check.sentence.find("Not revoked") == std::string::npos);
  // A list the host tried and could not download is said as such, still as a warning.
  credential::VerifyOptions tried;
  tried.unreachable_lists = {suspension_list_id};
  checks = status_checks(document, tried);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].sentence.starts_with("Revocation could not be checked: the credential names the status list"));
  CHECK(checks[1].status == credential::CheckStatus::warning);
  CHECK(checks[1].sentence == std::string("Suspension could not be checked: the issuer's suspension list (") +
                                  suspension_list_id + ") could not be downloaded. Check again when online.");
}

TEST_CASE("the 1EdTech revocation list a credential names", "[credential][status]") {
  const Issuer issuer;
  const json entry = {{"id", edtech_list_id}, {"type", "1EdTechRevocationList"}};
  const json document = signed_credential(issuer, entry);
  // The shape of 1EdTech's Verifiable Credentials Revocation List 1.0: id, issuer, revokedCredentials.
  json list = {{"id", edtech_list_id},
               {"issuer", issuer.did},
               {"revokedCredentials", {{{"id", "urn:uuid:another"}, {"revocationReason", "issued in error"}}}}};
  credential::VerifyOptions options;
  options.revocation_list = &list;
  auto checks = status_checks(document, options);
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].status == credential::CheckStatus::pass);
  CHECK(checks[0].sentence.starts_with(std::string("Not revoked: the issuer's revocation list ") + edtech_list_id));

  list["revokedCredentials"].push_back({{"id", credential_id}, {"revocationReason", "Academic misconduct"}});
  checks = status_checks(document, options);
  CHECK(checks[0].status == credential::CheckStatus::fail);
  CHECK(checks[0].sentence == std::string("Revoked: the issuer's revocation list ") + edtech_list_id +
                                  " names this credential (“Academic misconduct”).");

  // Another issuer's list, or another list, neither clears nor revokes it.
  json other = list;
  other["issuer"] = "did:example:someone-else";
  options.revocation_list = &other;
  checks = status_checks(document, options);
  CHECK(checks[0].status == credential::CheckStatus::fail);
  CHECK(checks[0].sentence == "The status list was not published by the credential's issuer.");
  json elsewhere = list;
  elsewhere["id"] = "https://elsewhere.example/revocations";
  options.revocation_list = &elsewhere;
  CHECK(status_checks(document, options)[0].status == credential::CheckStatus::fail);

  // Not supplied: could not be checked.
  checks = status_checks(document, {});
  CHECK(checks[0].status == credential::CheckStatus::warning);
  CHECK(checks[0].sentence.starts_with("Revocation could not be checked: the credential names the 1EdTech"));
}

TEST_CASE("an unknown status type and a 'message' list are said, not passed as checked", "[credential][status]") {
  const Issuer issuer;
  const json document = signed_credential(
      issuer, json::array({{{"id", "https://issuer.example/s#1"}, {"type", "StatusList2021Entry"}},
                           credential::status_entry("https://issuer.example/messages.json", 3, "message")}));
  const auto checks = status_checks(document, {});
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].status == credential::CheckStatus::warning);
  CHECK(checks[0].sentence.find("'StatusList2021Entry' is not one Tessera reads") != std::string::npos);
  CHECK(checks[1].status == credential::CheckStatus::pass);
  CHECK(checks[1].sentence.find("'message' was not read") != std::string::npos);
}
