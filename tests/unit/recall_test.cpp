// tessera::recall: the FSRS-6 scheduler against review logs scheduled by npm ts-fsrs (tests/golden/fsrs, made by
// scripts/fsrs-golden.mjs), hand-worked formula values, and the review log reader's refusals.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/datetime.hpp"
#include "tessera/recall.hpp"

using nlohmann::json;
using namespace tessera::recall;

namespace {

json state_json(const std::string& card, const Card& state) {
  return {{"card", card},
          {"due", tessera::datetime::format(state.due)},
          {"stability", state.stability},
          {"difficulty", state.difficulty},
          {"reps", state.reps},
          {"lapses", state.lapses}};
}

std::int64_t at(const char* iso) { return *tessera::datetime::parse(iso); }

}  // namespace

TEST_CASE("recall: every review of the ts-fsrs golden logs gives ts-fsrs's state, to the second", "[recall][golden]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(tessera::test::golden_path("fsrs"))) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  REQUIRE(files.size() >= 9);
  for (const auto& file : files) {
    const json golden = json::parse(tessera::test::read_file(file.string()));
    INFO(file.filename().string() << " — " << golden["why"].get<std::string>());
    const auto log = read_review_log(golden["reviews"]);
    REQUIRE(log);
    CHECK(log.value().warnings.empty());
    // Review by review: each intermediate state is checked, not only the last.
    std::map<std::string, Card> cards;
    const auto& reviews = log.value().reviews;
    REQUIRE(reviews.size() == golden["afterEach"].size());
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      Card& card = cards[reviews[i].card];
      card = review(card, reviews[i].rating, reviews[i].time);
      INFO("review " << i);
      CHECK(state_json(reviews[i].card, card) == golden["afterEach"][i]);
    }
    json scheduled = json::array();
    for (const auto& [card, state] : schedule(reviews)) scheduled.push_back(state_json(card, state));
    CHECK(scheduled == golden["cards"]);
  }
}

TEST_CASE("recall: a new card's first review, worked by hand", "[recall]") {
  const Card good = review(Card{}, Rating::good, at("2026-01-05T09:00:00Z"));
  // S0(Good) = w2 = 2.3065; D0(Good) = w4 - e^(2·w5) + 1 = 6.4133 - e^1.6668 + 1 = 2.118103970… → 2.11810397.
  CHECK(good.stability == 2.3065);
  CHECK(good.difficulty == 2.11810397);
  // round(2.3065) is 2 days, but Again (S 0.212) and Hard (S 1.2931) both round to 1, Hard is pushed to 2
  // (above Again), so Good is pushed to 3: the intervals of the four ratings always increase.
  CHECK(good.scheduled_days == 3);
  CHECK(tessera::datetime::format(good.due) == "2026-01-08T09:00:00Z");
  CHECK(good.reps == 1);
  CHECK(good.lapses == 0);
  // A first Again is no lapse: nothing was remembered before it.
  CHECK(review(Card{}, Rating::again, at("2026-01-05T09:00:00Z")).lapses == 0);
}

TEST_CASE("recall: retrievability follows the forgetting curve over whole days", "[recall]") {
  const Card easy = review(Card{}, Rating::easy, at("2026-01-01T00:00:00Z"));
  REQUIRE(easy.stability == 8.2956);  // S0(Easy) = w3
  CHECK(retrievability(Card{}, at("2026-01-09T00:00:00Z")) == 0);
  CHECK(retrievability(easy, at("2026-01-01T23:59:59Z")) == 1);  // under a day: no time has counted
  // R(8, 8.2956) = (1 + 0.98034649 · 8 / 8.2956)^-0.1542 = 0.902473300… (FACTOR = 0.9^(1/-0.1542) - 1).
  CHECK(retrievability(easy, at("2026-01-09T00:00:00Z")) == Approx(0.9024733).margin(1e-8));
  CHECK(retrievability(easy, at("2026-01-09T23:59:59Z")) == Approx(0.9024733).margin(1e-8));
}

TEST_CASE("recall: days elapsed are UTC calendar days, so minutes across midnight are a day", "[recall]") {
  const Card first = review(Card{}, Rating::good, at("2026-06-01T23:50:00Z"));
  const Card same_day = review(first, Rating::good, at("2026-06-01T23:59:00Z"));
  const Card next_day = review(first, Rating::good, at("2026-06-02T00:10:00Z"));
  CHECK(same_day.stability == first.stability);  // R = 1 after 0 days: Good adds nothing
  CHECK(next_day.stability > first.stability);
}

TEST_CASE("recall: a review log that cannot be read says where and why", "[recall]") {
  const auto refused = [](const json& log) {
    const auto result = read_review_log(log);
    REQUIRE_FALSE(result);
    REQUIRE(!result.problems().empty());
    return result.problems().front();
  };
  CHECK(refused(json::object()).where == "/");
  const json good = {{"card", "a"}, {"rating", 3}, {"time", "2026-01-01T00:00:00Z"}};
  auto with = [&](const char* key, json value) {
    json review = good;
    review[key] = std::move(value);
    return json::array({good, review});
  };
  CHECK(refused(with("rating", 5)).where == "/1/rating");
  CHECK(refused(with("rating", 2.5)).where == "/1/rating");
  CHECK(refused(with("card", "")).where == "/1/card");
  CHECK(refused(with("card", 7)).where == "/1/card");
  const tessera::Problem no_zone = refused(with("time", "2026-01-02T00:00:00"));
  CHECK(no_zone.where == "/1/time");
  CHECK(no_zone.hint.find("zone") != std::string::npos);
  const tessera::Problem backwards = refused(with("time", "2025-12-31T23:59:59Z"));
  CHECK(backwards.where == "/1/time");
  CHECK(backwards.message.find("before the review above it") != std::string::npos);
  CHECK(refused(with("time", "9950-01-01T00:00:00Z")).where == "/1/time");
  json missing = good;
  missing.erase("rating");
  const tessera::Problem no_rating = refused(json::array({missing}));
  CHECK(no_rating.where == "/0");
  CHECK(no_rating.message.find("'rating'") != std::string::npos);
  CHECK(refused(json::array({good, "a"})).where == "/1");
}

TEST_CASE("recall: a review log's unknown member is a warning, and the log is still read", "[recall]") {
  const json log = json::array({{{"card", "a"}, {"rating", 3}, {"time", "2026-01-01T00:00:00+02:00"}, {"note", "x"}}});
  const auto result = read_review_log(log);
  REQUIRE(result);
  REQUIRE(result.value().warnings.size() == 1);
  CHECK(result.value().warnings[0].where == "/0/note");
  CHECK(result.value().warnings[0].hint.find("docs/recall.md") != std::string::npos);
  REQUIRE(result.value().reviews.size() == 1);
  CHECK(result.value().reviews[0].time == at("2025-12-31T22:00:00Z"));
  CHECK(result.value().reviews[0].rating == Rating::good);
}
