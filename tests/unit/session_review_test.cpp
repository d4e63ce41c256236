// The review screen's rules: which cards are due, the rating the runtime suggests from the answer and its
// response time, the four ratings offered, the session's time budget, and refusals with where.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "session_support.hpp"
#include "tessera/recall.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::recall::Rating;
using tessera::recall::Recalled;
using tessera::recall::suggest_rating;
using tessera::session::ReviewRequest;
using tessera::session::Session;
using tessera::test::act_ok;
using tessera::test::finish_basics;
using tessera::test::golden_course;
using tessera::test::monday_9am_ms;

namespace {

constexpr std::int64_t day_ms = std::int64_t{24} * 60 * 60 * 1000;
constexpr std::int64_t five_minutes_ms = std::int64_t{5} * 60 * 1000;

// The golden course's first module finished just before Monday 9:00: check-1/q1 is its one card.
Session finished_basics() {
  Session s = Session::open(golden_course(), {}).session;
  std::int64_t t = monday_9am_ms - 20000;
  finish_basics(s, t);
  return s;
}

ReviewRequest asked_at(std::int64_t now, std::int64_t started) {
  ReviewRequest request;
  request.now = now;
  request.started = started;
  return request;
}

ReviewRequest answered_q1(std::int64_t shown_at, std::int64_t now, json answer) {
  ReviewRequest request = asked_at(now, shown_at);
  request.answered = ReviewRequest::Answer{"check-1", "q1", std::move(answer), shown_at};
  return request;
}

}  // namespace

TEST_CASE("recall rating: nothing recalled is Again, part Hard, all of it by the response time", "[recall][review]") {
  CHECK(suggest_rating(Recalled::none, 2000) == Rating::again);
  CHECK(suggest_rating(Recalled::partly, 2000) == Rating::hard);
  // The thresholds are inclusive: 10 s is still quick, 30 s still Good's pace.
  CHECK(suggest_rating(Recalled::fully, 0) == Rating::easy);
  CHECK(suggest_rating(Recalled::fully, 10000) == Rating::easy);
  CHECK(suggest_rating(Recalled::fully, 10001) == Rating::good);
  CHECK(suggest_rating(Recalled::fully, 30000) == Rating::good);
  CHECK(suggest_rating(Recalled::fully, 30001) == Rating::hard);
  // A clock set back between showing and answering tells nothing about the pace.
  CHECK(suggest_rating(Recalled::fully, -5000) == Rating::good);
  CHECK(suggest_rating(Recalled::none, -5000) == Rating::again);
}

TEST_CASE("review screen: a new card is due at once and shown without its answer key or hints", "[session][review]") {
  const Session s = finished_basics();
  const auto review = s.review_model(asked_at(monday_9am_ms, monday_9am_ms));
  REQUIRE(review.ok());
  const auto& r = review.value();
  REQUIRE(r.due.size() == 1);
  CHECK(r.due[0].card == "check-1/q1");
  CHECK(r.due[0].module == "Basics");
  CHECK(r.due_text == "1 card due for review");
  CHECK(r.ends_at == monday_9am_ms + five_minutes_ms);  // five minutes by default
  CHECK_FALSE(r.finished);
  REQUIRE(r.item);
  CHECK(r.item->label == "Card 1 of 1");
  CHECK(r.item->hints.empty());
  CHECK(r.item->content.dump().find("correct") == std::string::npos);
  REQUIRE(r.actions.size() == 1);
  CHECK(r.actions[0].send == json{{"type", "check-recall"}, {"block", "check-1"}, {"item", "q1"}});
  CHECK(r.actions[0].primary);
}

TEST_CASE("review screen: the answer and its time give the suggested rating; all four ratings are offered",
          "[session][review]") {
  const Session s = finished_basics();
  SECTION("right within ten seconds: Easy") {
    const auto r = s.review_model(answered_q1(monday_9am_ms, monday_9am_ms + 8000, "a")).value();
    CHECK(r.result->verdict == "right");
    CHECK(r.suggested == 4);
    CHECK(r.suggested_text == "Right, in 8 seconds: rated Easy. Pick another rating if it felt different.");
    REQUIRE(r.actions.size() == 4);
    for (int rating = 1; rating <= 4; ++rating) {
      const auto& a = r.actions[static_cast<std::size_t>(rating - 1)];
      CHECK(a.send == json{{"type", "review"}, {"block", "check-1"}, {"item", "q1"}, {"rating", rating}});
      CHECK(a.primary == (rating == 4));
    }
    CHECK(r.actions[0].label == "Again");
    CHECK(r.actions[3].label == "Easy");
  }
  SECTION("right after 40 seconds: Hard") {
    CHECK(s.review_model(answered_q1(monday_9am_ms, monday_9am_ms + 40000, "a")).value().suggested == 2);
  }
  SECTION("wrong, however quick: Again") {
    const auto r = s.review_model(answered_q1(monday_9am_ms, monday_9am_ms + 3000, "b")).value();
    CHECK(r.result->verdict == "wrong");
    CHECK(r.suggested == 1);
  }
  SECTION("unanswered: Again") {
    CHECK(s.review_model(answered_q1(monday_9am_ms, monday_9am_ms + 3000, nullptr)).value().suggested == 1);
  }
}

TEST_CASE("review screen: the learner's rating is the review event, and the card leaves the due list until due",
          "[session][review]") {
  Session s = finished_basics();
  // The learner overrides the suggested Easy with Good: the event keeps the learner's rating.
  const auto offered = s.review_model(answered_q1(monday_9am_ms, monday_9am_ms + 8000, "a")).value();
  json chosen = offered.actions[2].send;
  chosen["t"] = monday_9am_ms + 9000;
  act_ok(s, chosen);
  CHECK(s.events().back().payload == json{{"block", "check-1"}, {"item", "q1"}, {"rating", 3}});

  const auto after = s.review_model(asked_at(monday_9am_ms + 10000, monday_9am_ms)).value();
  CHECK(after.due.empty());
  CHECK(after.finished);
  CHECK(after.reviewed == 1);
  CHECK(after.finished_text == "1 card reviewed. Nothing is due for review.");
  REQUIRE(after.upcoming.size() == 1);  // for the calendar: when it falls due next
  CHECK(after.upcoming[0].card == "check-1/q1");
  CHECK(after.upcoming[0].due == monday_9am_ms + 9000 + 3 * day_ms);
  // A first Good is due in 3 days at the review's time of day (docs/recall.md): not a second earlier.
  const std::int64_t due_at = monday_9am_ms + 9000 + 3 * day_ms;
  CHECK(s.review_model(asked_at(due_at - 1000, due_at - 1000)).value().due.empty());
  const auto due = s.review_model(asked_at(due_at, due_at)).value();
  REQUIRE(due.due.size() == 1);
  CHECK(due.due[0].due == due_at);
  CHECK(due.reviewed == 0);  // that session started after the first review
}

TEST_CASE("review screen: once the session's time is up no further card is shown", "[session][review]") {
  const Session s = finished_basics();
  ReviewRequest request = asked_at(monday_9am_ms + five_minutes_ms, monday_9am_ms);
  const auto r = s.review_model(request).value();
  CHECK(r.finished);
  CHECK_FALSE(r.item);
  CHECK(r.finished_text == "Time is up for this review. 0 cards reviewed.");
  CHECK(r.due.size() == 1);  // still due, for the dashboard
  request.minutes = 10;
  CHECK_FALSE(s.review_model(request).value().finished);
}

TEST_CASE("review screen: a card that is not due or not a card is refused with where", "[session][review]") {
  const Session s = finished_basics();
  auto request = answered_q1(monday_9am_ms, monday_9am_ms + 1000, "a");
  request.answered->item = "q2";
  const auto refused = s.review_model(request);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems().front().where == "/answered");
  CHECK(refused.problems().front().message.find("not a recall card due") != std::string::npos);
  // Before the module is complete there is no card at all.
  const Session fresh = Session::open(golden_course(), {}).session;
  CHECK(fresh.review_model(asked_at(monday_9am_ms, monday_9am_ms)).value().due.empty());
}

TEST_CASE("review request: read from JSON, refused with a pointer to what is wrong", "[session][review]") {
  using tessera::session::read_review_request;
  const auto ok = read_review_request(
      json{{"now", 2000},
           {"started", 1000},
           {"minutes", 7},
           {"answered", {{"block", "check-1"}, {"item", "q1"}, {"answer", "a"}, {"shownAt", 1500}}}});
  REQUIRE(ok.ok());
  CHECK(ok.value().minutes == 7);
  CHECK(ok.value().answered->shown_at == 1500);
  CHECK(ok.value().answered->answer == "a");

  const auto missing = read_review_request(json{{"started", 1000}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.problems().front().where == "/now");
  CHECK(read_review_request(json{{"now", 1.5}, {"started", 1}}).problems().front().where == "/now");
  CHECK(read_review_request(json{{"now", 1}, {"started", 1}, {"minutes", 0}}).problems().front().where == "/minutes");
  const auto no_shown =
      read_review_request(json{{"now", 1}, {"started", 1}, {"answered", {{"block", "b"}, {"item", "i"}}}});
  REQUIRE_FALSE(no_shown.ok());
  CHECK(no_shown.problems().front().where == "/answered/shownAt");
  CHECK(read_review_request(json::array()).problems().front().where.empty());
}

namespace {

// The golden course with one item of each type in its first check, to show their right answers.
Session finished_basics_with_every_type() {
  json course = tessera::test::golden_course_json();
  json& items = course["assessments"][0]["items"];
  items.push_back(
      {{"id", "tf"}, {"type", "true-false"}, {"prompt", "A warning stops publishing."}, {"correct", false}});
  items.push_back({{"id", "mr"},
                   {"type", "multiple-response"},
                   {"prompt", "Which are errors?"},
                   {"choices",
                    {{{"id", "a"}, {"text", "No alt text"}, {"correct", true}},
                     {{"id", "b"}, {"text", "An unknown field"}},
                     {{"id", "c"}, {"text", "A missing captions file"}, {"correct", true}}}}});
  items.push_back({{"id", "sc-fractions"},
                   {"type", "single-choice"},
                   {"prompt", "Best?"},
                   {"rule", "fractions"},
                   {"choices",
                    {{{"id", "a"}, {"text", "Half right"}, {"fraction", "1/2"}},
                     {{"id", "b"}, {"text", "Fully right"}, {"fraction", 1}}}}});
  items.push_back({{"id", "num"},
                   {"type", "numeric"},
                   {"prompt", "g?"},
                   {"answer", "9.81"},
                   {"unit", "m/s²"},
                   {"tolerance", {{"absolute", "0.01"}}}});
  items.push_back({{"id", "third"}, {"type", "numeric"}, {"prompt", "A third?"}, {"answer", "1/3"}});
  items.push_back(
      {{"id", "st"}, {"type", "short-text"}, {"prompt", "Where?"}, {"accepted", {"pointer", "JSON pointer"}}});
  items.push_back({{"id", "st-pattern"}, {"type", "short-text"}, {"prompt", "Any id?"}, {"patterns", {"[a-z]+"}}});
  items.push_back({{"id", "fb"},
                   {"type", "fill-blanks"},
                   {"prompt", "A ___ says where, a ___ how to fix it."},
                   {"gaps", {{{"accepted", {"pointer"}}}, {{"accepted", {"hint", "tip"}}}}}});
  items.push_back({{"id", "ord"},
                   {"type", "ordering"},
                   {"prompt", "In order:"},
                   {"sequence",
                    {{{"id", "s1"}, {"text", "Validate"}},
                     {{"id", "s2"}, {"text", "Pack"}},
                     {{"id", "s3"}, {"text", "Publish"}}}}});
  items.push_back({{"id", "match"},
                   {"type", "matching"},
                   {"prompt", "Match:"},
                   {"premises", {{{"id", "p1"}, {"text", "Where"}}, {{"id", "p2"}, {"text", "How to fix"}}}},
                   {"targets",
                    {{{"id", "t1"}, {"text", "the pointer"}},
                     {{"id", "t2"}, {"text", "the hint"}},
                     {{"id", "t3"}, {"text", "the log"}}}},
                   {"pairs", {{"p1", "t1"}, {"p2", "t2"}}}});
  items.push_back({{"id", "lk"},
                   {"type", "likert"},
                   {"prompt", "How sure?"},
                   {"scale", {{{"id", "1"}, {"text", "Not"}}, {{"id", "2"}, {"text", "Very"}}}}});
  Session s = Session::open(tessera::test::load_course(course), {}).session;
  std::int64_t t = monday_9am_ms - 20000;
  finish_basics(s, t);
  return s;
}

}  // namespace

// The lines expected are read off the items above by hand.
TEST_CASE("review screen: once checked, a card shows its right answer in the item's own words", "[session][review]") {
  const Session s = finished_basics_with_every_type();
  const auto right_answer_of = [&](const char* item, const json& answer) {
    ReviewRequest request = asked_at(monday_9am_ms + 5000, monday_9am_ms);
    request.answered = ReviewRequest::Answer{"check-1", item, answer, monday_9am_ms};
    const auto review = s.review_model(request);
    REQUIRE(review.ok());
    return review.value().right_answer;
  };
  using Lines = std::vector<std::string>;
  // Shown whatever was answered, right, wrong or nothing, and never before checking.
  REQUIRE(right_answer_of("q1", "b"));
  CHECK(right_answer_of("q1", "b")->label == "The right answer");
  CHECK(right_answer_of("q1", "b")->lines == Lines{"At a JSON pointer into course.json"});
  CHECK(right_answer_of("q1", "a")->lines == Lines{"At a JSON pointer into course.json"});
  CHECK_FALSE(s.review_model(asked_at(monday_9am_ms, monday_9am_ms)).value().right_answer);
  CHECK(right_answer_of("tf", nullptr)->lines == Lines{"False"});
  CHECK(right_answer_of("mr", json::array())->lines == Lines{"No alt text", "A missing captions file"});
  CHECK(right_answer_of("sc-fractions", "a")->lines == Lines{"Fully right"});
  CHECK(right_answer_of("num", "3")->lines == Lines{"9.81 m/s²"});
  CHECK(right_answer_of("st", "log")->lines == Lines{"pointer"});
  CHECK(right_answer_of("fb", nullptr)->lines == Lines{"Gap 1: pointer", "Gap 2: hint"});
  CHECK(right_answer_of("ord", nullptr)->lines == Lines{"1. Validate", "2. Pack", "3. Publish"});
  CHECK(right_answer_of("match", nullptr)->lines == Lines{"Where → the pointer", "How to fix → the hint"});
  // No words for it: a key given only as a pattern, a fraction no one types, an item with no right answer.
  CHECK_FALSE(right_answer_of("st-pattern", nullptr));
  CHECK_FALSE(right_answer_of("third", nullptr));
  CHECK_FALSE(right_answer_of("lk", "1"));
  // In the view's JSON, as both players read it.
  ReviewRequest request = asked_at(monday_9am_ms + 5000, monday_9am_ms);
  request.answered = ReviewRequest::Answer{"check-1", "ord", nullptr, monday_9am_ms};
  const json shown = tessera::view::to_json(s.review_model(request).value());
  CHECK(shown["rightAnswer"] ==
        json{{"label", "The right answer"}, {"lines", {"1. Validate", "2. Pack", "3. Publish"}}});
}
