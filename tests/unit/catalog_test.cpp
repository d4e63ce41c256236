// Tests of catalog.json loading and of the pathway rules (all-of, n-of, capstone).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/catalog.hpp"

TEST_CASE("the golden catalog loads with its pathway", "[catalog]") {
  const auto report = tessera::catalog::load(tessera::test::read_golden("catalog/catalog.json"));
  REQUIRE(report.problems.empty());
  REQUIRE(report.catalog);
  REQUIRE(report.catalog->courses.size() == 4);
  REQUIRE(report.catalog->pathways.size() == 1);
  const auto& pathway = report.catalog->pathways[0];
  CHECK(pathway.title.in("fr", "en") == "L'essentiel au travail");
  CHECK(pathway.rules.size() == 2);
  CHECK(pathway.rules[1].n == 1);
  CHECK(pathway.credential.validity_months == 24);
}

TEST_CASE("pathway progress follows all-of, n-of and the capstone", "[catalog]") {
  const auto catalog = *tessera::catalog::load(tessera::test::read_golden("catalog/catalog.json")).catalog;
  const auto& pathway = catalog.pathways[0];
  using Set = std::set<std::string>;

  const auto none = tessera::catalog::pathway_progress(pathway, {});
  CHECK(none["complete"] == false);
  CHECK(none["rules"][0]["missing"] == nlohmann::json::array({"inclusive-meetings"}));
  CHECK(none["capstone"]["done"] == false);

  const auto without_capstone = tessera::catalog::pathway_progress(pathway, Set{"inclusive-meetings", "feedback-sbi"});
  CHECK(without_capstone["rules"][0]["met"] == true);
  CHECK(without_capstone["rules"][1]["met"] == true);
  CHECK(without_capstone["complete"] == false);

  CHECK(tessera::catalog::pathway_progress(
            pathway, Set{"inclusive-meetings", "feedback-sbi", "team-capstone"})["complete"] == true);
  CHECK(tessera::catalog::pathway_progress(
            pathway, Set{"feedback-sbi", "spotting-phishing", "team-capstone"})["complete"] == false);
}

TEST_CASE("catalog problems point at the broken rule", "[catalog]") {
  auto catalog = nlohmann::json::parse(tessera::test::read_golden("catalog/catalog.json"));
  catalog["pathways"][0]["requirements"][1]["n"] = 3;
  catalog["pathways"][0]["requirements"][0]["courses"].push_back("no-such-course");
  catalog["pathways"][0]["capstone"] = "missing-capstone";
  const auto report = tessera::catalog::load(catalog.dump());
  REQUIRE_FALSE(report.catalog);
  std::vector<std::string> places;
  for (const auto& p : report.problems) places.push_back(p.where + ": " + p.message);
  CHECK(places ==
        std::vector<std::string>{
            "/pathways/0/capstone: capstone course 'missing-capstone' is not in this catalog's 'courses'",
            "/pathways/0/requirements/0/courses/1: course \"no-such-course\" is not in this catalog's 'courses'",
            "/pathways/0/requirements/1/n: n is 3 but the rule lists only 2 courses",
        });
}

TEST_CASE("the site's own catalog is valid", "[catalog]") {
  const auto report = tessera::catalog::load(tessera::test::read_golden("../../content/catalog.json"));
  CHECK(report.problems.empty());
}

TEST_CASE("a course's card in the catalog is accepted as an object and refused as anything else", "[catalog]") {
  auto catalog = nlohmann::json::parse(tessera::test::read_golden("catalog/catalog.json"));
  catalog["courses"][0]["card"] = {{"title", {{"en", "Inclusive meetings"}}}, {"estimatedMinutes", 40}};
  CHECK(tessera::catalog::load(catalog.dump()).problems.empty());
  catalog["courses"][1]["card"] = "Spotting phishing";
  const auto report = tessera::catalog::load(catalog.dump());
  REQUIRE_FALSE(report.catalog);
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].where == "/courses/1/card");
  CHECK(report.problems[0].message == "'card' is string, not an object");
}
