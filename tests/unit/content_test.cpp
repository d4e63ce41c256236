// Tests of the sample content in content/: the catalog and every course load without a single problem,
// the pathway needs all three courses, the answer keys in tests/e2e/fixtures/answers are right for every
// assessment item, and a learner who knows them tests out of module 1 in a real session.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/assessment.hpp"
#include "tessera/catalog.hpp"
#include "tessera/course.hpp"
#include "tessera/session.hpp"

using nlohmann::json;

namespace {

// The sample content sits beside tests/golden in the source tree.
std::string read_source(const std::string& relative) { return tessera::test::read_golden("../../" + relative); }

const std::vector<std::string>& sample_courses() {
  static const std::vector<std::string> ids{"inclusive-meetings", "spotting-phishing", "giving-feedback",
                                            "workplace-essentials-recall"};
  return ids;
}

std::shared_ptr<const tessera::course::Course> load_course(const std::string& id) {
  auto report = tessera::course::load(read_source("content/" + id + "/course.json"));
  for (const auto& p : report.problems) INFO(id << ": " << p.where << ": " << p.message);
  REQUIRE(report.problems.empty());
  REQUIRE(report.course);
  return std::make_shared<const tessera::course::Course>(std::move(*report.course));
}

json answer_key(const std::string& id) {
  return json::parse(read_source("tests/e2e/fixtures/answers/" + id + ".json"));
}

}  // namespace

TEST_CASE("the sample catalog and every course it lists load without errors or warnings", "[content]") {
  const auto report = tessera::catalog::load(read_source("content/catalog.json"));
  for (const auto& p : report.problems) INFO(p.where << ": " << p.message);
  REQUIRE(report.problems.empty());
  REQUIRE(report.catalog);
  REQUIRE(report.catalog->courses.size() == sample_courses().size());
  for (const auto& entry : report.catalog->courses) {
    INFO("course " << entry.id);
    const auto course = load_course(entry.path);
    CHECK(course->id == entry.id);
    CHECK(course->version == entry.version);
  }
}

TEST_CASE("the Workplace essentials pathway needs all three courses and lasts 24 months", "[content]") {
  const auto catalog = *tessera::catalog::load(read_source("content/catalog.json")).catalog;
  REQUIRE(catalog.pathways.size() == 1);
  const auto& pathway = catalog.pathways[0];
  CHECK(pathway.credential.validity_months == 24);
  using Set = std::set<std::string>;
  CHECK(tessera::catalog::pathway_progress(pathway, Set{"inclusive-meetings", "spotting-phishing"})["complete"] ==
        false);
  CHECK(tessera::catalog::pathway_progress(pathway, Set{"workplace-essentials-recall"})["complete"] == false);
  CHECK(tessera::catalog::pathway_progress(
            pathway, Set{"inclusive-meetings", "spotting-phishing", "giving-feedback"})["complete"] == true);
}

TEST_CASE("the answer keys score full marks on every assessment item of the sample courses", "[content]") {
  for (const auto& id : sample_courses()) {
    const auto course = load_course(id);
    const json key = answer_key(id);
    std::size_t checked = 0;
    for (const auto& ref : course->assessments) {
      const auto assessment = tessera::assess::load_assessment(ref.data, "/", course->default_language);
      REQUIRE(assessment);
      const auto& answers = key.at("assessments").at(ref.id);
      auto check_item = [&](const tessera::assess::Item& item) {
        INFO(id << " / " << ref.id << " / " << item.id);
        REQUIRE(answers.contains(item.id));
        const auto scored = tessera::assess::score_item(item, {answers.at(item.id), 0, 0});
        REQUIRE(scored);
        CHECK(scored.value().correct);
        ++checked;
      };
      for (const auto& item : assessment.value().items) check_item(item);
      for (const auto& bank : assessment.value().banks) {
        // A bank that gives every learner the same items would let a retake repeat the first attempt.
        CHECK(bank.draw < bank.items.size());
        for (const auto& item : bank.items) check_item(item);
      }
      if (ref.kind == tessera::course::AssessmentKind::summative) {
        CHECK(assessment.value().pass_mark == tessera::assess::Fraction::of(4, 5));
      }
    }
    CHECK(checked >= 18);  // the recall check holds 18 items; each full course has more than 30
  }
}

TEST_CASE("a learner who passes a sample course's pre-test tests out of module 1", "[content]") {
  for (const auto& id : {"inclusive-meetings", "spotting-phishing", "giving-feedback"}) {
    INFO(id);
    const auto course = load_course(id);
    const json key = answer_key(id);
    auto session = tessera::session::Session::open(course, {}).session;
    const std::string block = course->modules[0].blocks[0].id;
    std::int64_t t = 1'800'000'000'000;
    auto act = [&](json action) {
      action["t"] = t += 20'000;
      const auto outcome = session.act(action);
      if (!outcome.ok()) INFO("refused " << action.dump() << ": " << outcome.problems.front().message);
      REQUIRE(outcome.ok());
      return outcome.view;
    };
    act({{"type", "open"}, {"block", block}});
    act({{"type", "start-attempt"}, {"block", block}});
    const auto& attempt = session.state().attempts.at(block).back();
    REQUIRE_FALSE(attempt.items.empty());
    for (const auto& item : attempt.items) {
      act({{"type", "answer"}, {"block", block}, {"item", item}, {"answer", key["assessments"]["pre-test"][item]}});
    }
    const json view = act({{"type", "submit-attempt"}, {"block", block}});
    CHECK(session.state().attempts.at(block).back().passed);
    CHECK(view["modules"][0]["status"] == "complete");
    CHECK(view["modules"][1]["status"] == "open");
  }
}
