// Open Badges 3.0 checks: 1EdTech's example passes; each broken rule is reported at its JSON pointer.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/ob3_check.hpp"

using nlohmann::json;

namespace {

bool has_finding(const std::vector<tessera::Problem>& findings, const std::string& where, const std::string& part) {
  for (const auto& f : findings) {
    if (f.where == where && f.message.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("OB 3.0 check: 1EdTech's example meets the rules") {
  const json credential = json::parse(tessera::test::read_golden("ob3-ldp/signed.json"));
  const auto findings = tessera::ob3::check(credential);
  CHECK_FALSE(tessera::has_errors(findings));
}

TEST_CASE("OB 3.0 check: broken rules are named with their pointer") {
  const json good = json::parse(tessera::test::read_golden("ob3-ldp/unsigned.json"));
  const auto check = [](const json& doc) { return tessera::ob3::check(doc); };

  json swapped = good;
  std::swap(swapped["@context"][0], swapped["@context"][1]);
  auto f = check(swapped);
  CHECK(has_finding(f, "/@context/0", "first @context"));
  CHECK(has_finding(f, "/@context/1", "must come second"));

  json untyped = good;
  untyped["type"] = {"VerifiableCredential"};
  CHECK(has_finding(check(untyped), "/type", "OpenBadgeCredential"));

  json no_issuer_id = good;
  no_issuer_id["issuer"].erase("id");
  CHECK(has_finding(check(no_issuer_id), "/issuer/id", "missing required id"));

  json bad_date = good;
  bad_date["validFrom"] = "2010-01-01";
  CHECK(has_finding(check(bad_date), "/validFrom", "xsd:dateTime"));

  json no_criteria = good;
  no_criteria["credentialSubject"]["achievement"].erase("criteria");
  CHECK(has_finding(check(no_criteria), "/credentialSubject/achievement/criteria", "missing required criteria"));

  json no_subject_type = good;
  no_subject_type["credentialSubject"]["type"] = {"Person"};
  CHECK(has_finding(check(no_subject_type), "/credentialSubject/type", "AchievementSubject"));

  json jcs = good;
  jcs["proof"] = {{"type", "DataIntegrityProof"}, {"cryptosuite", "eddsa-jcs-2022"}};
  const auto warnings = check(jcs);
  CHECK(has_finding(warnings, "/proof/cryptosuite", "eddsa-rdfc-2022"));
  CHECK_FALSE(tessera::has_errors(warnings));
}

TEST_CASE("OB 3.0 check: results name their description and its levels (B.1.16–B.1.18)") {
  json good = json::parse(tessera::test::read_golden("ob3-ldp/unsigned.json"));
  const std::string id = "https://example.com/achievements/teamwork#collaborate";
  good["credentialSubject"]["achievement"]["resultDescription"] = {
      {{"id", id},
       {"type", {"ResultDescription"}},
       {"name", "Collaborates"},
       {"resultType", "RubricCriterionLevel"},
       {"rubricCriterionLevel",
        {{{"id", id + "-no"}, {"type", {"RubricCriterionLevel"}}, {"name", "Not met"}},
         {{"id", id + "-yes"}, {"type", {"RubricCriterionLevel"}}, {"name", "Met"}}}},
       {"requiredLevel", id + "-yes"}}};
  good["credentialSubject"]["result"] = {
      {{"type", {"Result"}}, {"resultDescription", id}, {"achievedLevel", id + "-yes"}, {"status", "Completed"}}};
  const auto check = [](const json& doc) { return tessera::ob3::check(doc); };
  CHECK_FALSE(tessera::has_errors(check(good)));

  json other_type = good;
  other_type["credentialSubject"]["achievement"]["resultDescription"][0]["resultType"] = "Grade";
  CHECK(has_finding(check(other_type), "/credentialSubject/achievement/resultDescription/0/resultType",
                    "not in the ResultType vocabulary"));
  other_type["credentialSubject"]["achievement"]["resultDescription"][0]["resultType"] = "ext:Grade";
  CHECK_FALSE(tessera::has_errors(check(other_type)));

  json unnamed = good;
  unnamed["credentialSubject"]["achievement"]["resultDescription"][0].erase("name");
  CHECK(
      has_finding(check(unnamed), "/credentialSubject/achievement/resultDescription/0/name", "missing required name"));

  json required_elsewhere = good;
  required_elsewhere["credentialSubject"]["achievement"]["resultDescription"][0]["requiredLevel"] = id + "-maybe";
  CHECK(has_finding(check(required_elsewhere), "/credentialSubject/achievement/resultDescription/0/requiredLevel",
                    "rubricCriterionLevels"));

  json undescribed = good;
  undescribed["credentialSubject"]["result"][0]["resultDescription"] = id + "-other";
  CHECK(has_finding(check(undescribed), "/credentialSubject/result/0/resultDescription", "names no resultDescription"));

  json unknown_level = good;
  unknown_level["credentialSubject"]["result"][0]["achievedLevel"] = id + "-maybe";
  CHECK(has_finding(check(unknown_level), "/credentialSubject/result/0/achievedLevel", "rubricCriterionLevel"));

  json bad_status = good;
  bad_status["credentialSubject"]["result"][0]["status"] = "Passed";
  CHECK(has_finding(check(bad_status), "/credentialSubject/result/0/status", "ResultStatusType"));

  json untyped = good;
  untyped["credentialSubject"]["result"][0]["type"] = {"Outcome"};
  CHECK(has_finding(check(untyped), "/credentialSubject/result/0/type", "Result"));
}
