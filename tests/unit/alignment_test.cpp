// The sample courses align their competencies to a recognised framework, and the credential an issuer makes
// carries each alignment (targetFramework, targetCode, targetUrl). The expected codes are SFIA 9 skills whose
// pages were read on sfia-online.org (each URL below is the skill's page there; docs/credentials.md,
// "Alignment to recognised frameworks"): nothing here is taken from the course files themselves.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/issuer.hpp"
#include "tessera/verifier.hpp"

namespace credential = tessera::credential;
using nlohmann::json;

namespace {

struct Skill {
  const char* code;
  const char* url;
};

// competency id → the SFIA 9 skill it aligns to.
const std::map<std::string, Skill>& expected_alignment() {
  static const std::map<std::string, Skill> skills{
      {"fb-give", {"PEMT", "https://sfia-online.org/en/sfia-9/skills/performance-management"}},
      {"fb-receive", {"PEMT", "https://sfia-online.org/en/sfia-9/skills/performance-management"}},
      {"incl-facilitation", {"OFCL", "https://sfia-online.org/en/sfia-9/skills/organisational-facilitation"}},
      {"incl-bias-awareness", {"ACIN", "https://sfia-online.org/en/sfia-9/skills/accessibility-and-inclusion"}},
      {"incl-accessibility", {"ACIN", "https://sfia-online.org/en/sfia-9/skills/accessibility-and-inclusion"}},
      {"sec-identify-phishing", {"SCTY", "https://sfia-online.org/en/sfia-9/skills/information-security"}},
      {"sec-resist-social-engineering", {"SCTY", "https://sfia-online.org/en/sfia-9/skills/information-security"}},
      {"sec-report-incidents", {"USUP", "https://sfia-online.org/en/sfia-9/skills/incident-management"}},
  };
  return skills;
}

// What the issuer reads of a verified completion proof (the verifier fills the rest): a pass, with every
// competency mastered.
credential::Report verified_proof(const tessera::course::Course& course) {
  credential::Report report;
  report.kind = "completion-proof";
  report.checks.push_back({"input", credential::CheckStatus::pass, ""});
  json competencies = json::array();
  for (const auto& c : course.competencies) competencies.push_back({{"id", c.id}, {"mastered", true}});
  report.document = {{"credentialSubject",
                      {{"id", "did:key:z6MktULudTtAsAhRegYPiZ6631RV3viv12qd4GQF8z1xB22S"},
                       {"course", {{"id", course.id}, {"version", course.version}}},
                       {"result", {{"score", "5"}, {"max", "5"}, {"passed", true}, {"competencies", competencies}}}}}};
  return report;
}

}  // namespace

TEST_CASE("every sample course's credential aligns to real SFIA 9 skills", "[content][credential][alignment]") {
  for (const std::string id :
       {"inclusive-meetings", "spotting-phishing", "giving-feedback", "workplace-essentials-recall"}) {
    INFO(id);
    auto loaded = tessera::course::load(tessera::test::read_golden("../../content/" + id + "/course.json"));
    REQUIRE(loaded.course);
    const auto& course = *loaded.course;
    const credential::Issuance issuance{
        "urn:uuid:7d0c2a57-3c1e-4b39-9a54-0e6f1d2b8c40",
        "2027-01-05T00:00:00Z",
        nullptr,
        {"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", "Example", "", ""}};
    auto made = credential::course_credential(verified_proof(course), course, issuance);
    REQUIRE(made.ok());
    const json& achievement = made.value()["credentialSubject"]["achievement"];
    REQUIRE(achievement["alignment"].size() == course.competencies.size());
    for (std::size_t i = 0; i < course.competencies.size(); ++i) {
      const json& alignment = achievement["alignment"][i];
      const Skill& skill = expected_alignment().at(course.competencies[i].id);
      CHECK(alignment["targetFramework"] == "SFIA 9 (Skills Framework for the Information Age)");
      CHECK(alignment["targetCode"] == skill.code);
      CHECK(alignment["targetUrl"] == skill.url);
      CHECK(alignment["targetType"] == "ceterms:Competency");
      CHECK(alignment["targetName"] == course.competencies[i].name.in("en", "en"));
    }
    // Each result that says a competency was mastered carries the same alignment.
    for (const json& result : made.value()["credentialSubject"]["result"]) {
      if (!result.contains("alignment")) continue;
      CHECK(result["alignment"][0]["targetUrl"].get<std::string>().starts_with("https://sfia-online.org/en/sfia-9/"));
    }
    CHECK(made.value().dump().find("example.org/tessera/framework") == std::string::npos);
  }
}
