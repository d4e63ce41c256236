// Recall cards in the session: a completed module's assessed items become cards, a review is a
// recall.reviewed event that replays to the same state, and a review of anything else is refused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "session_support.hpp"
#include "tessera/datetime.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::session::Session;
using tessera::test::act_ok;
using tessera::test::finish_basics;
using tessera::test::golden_course;
using tessera::test::monday_9am_ms;

namespace {

json review(const char* block, const char* item, json rating, std::int64_t t) {
  return {{"type", "review"}, {"block", block}, {"item", item}, {"rating", std::move(rating)}, {"t", t}};
}

}  // namespace

TEST_CASE("recall: a module's assessed items become cards only once the module is complete", "[session][recall]") {
  Session s = Session::open(golden_course(), {}).session;
  std::int64_t t = monday_9am_ms;
  CHECK(s.recall_cards().empty());
  act_ok(s, {{"type", "open"}, {"block", "check-1"}, {"t", t += 1000}});
  act_ok(s, {{"type", "start-attempt"}, {"block", "check-1"}, {"t", t += 1000}});
  act_ok(s, {{"type", "answer"}, {"block", "check-1"}, {"item", "q1"}, {"answer", "a"}, {"t", t += 1000}});
  act_ok(s, {{"type", "submit-attempt"}, {"block", "check-1"}, {"t", t += 1000}});
  // Answered, but the module's reading is not done: no card, and a review is refused.
  CHECK(s.recall_cards().empty());
  const auto early = s.act(review("check-1", "q1", 3, t += 1000));
  REQUIRE_FALSE(early.ok());
  CHECK(early.problems.front().message.find("not complete") != std::string::npos);

  finish_basics(s, t);
  const auto cards = s.recall_cards();
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].block == "check-1");
  CHECK(cards[0].item == "q1");
  CHECK(cards[0].state.reps == 0);
}

TEST_CASE("recall: a review is an event that schedules its card by FSRS, and replays to the same state",
          "[session][recall]") {
  Session s = Session::open(golden_course(), {}).session;
  std::int64_t t = monday_9am_ms - 20000;
  finish_basics(s, t);
  const std::int64_t reviewed_at = monday_9am_ms + 500;  // the half second is dropped: FSRS counts seconds
  const auto outcome = s.act(review("check-1", "q1", 3, reviewed_at));
  REQUIRE(outcome.ok());
  CHECK(outcome.event->type == "recall.reviewed");
  CHECK(outcome.event->payload == json{{"block", "check-1"}, {"item", "q1"}, {"rating", 3}});
  const auto card = s.recall_cards().at(0).state;
  // A first Good: S0 = w2 = 2.3065, D0 = 2.11810397, due in 3 days (as ts-fsrs; docs/recall.md).
  CHECK(card.stability == 2.3065);
  CHECK(card.difficulty == 2.11810397);
  CHECK(tessera::datetime::format(card.due) == "2026-01-08T09:00:00Z");
  CHECK(card.reps == 1);
  // Three days later, Again: a lapse.
  act_ok(s, review("check-1", "q1", 1, reviewed_at + 3 * 86400000LL));
  CHECK(s.recall_cards().at(0).state.lapses == 1);

  const auto replayed = Session::open(golden_course(), s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());
}

TEST_CASE("recall: a review of no card, or with a bad rating or field, is refused", "[session][recall]") {
  Session s = Session::open(golden_course(), {}).session;
  std::int64_t t = monday_9am_ms;
  finish_basics(s, t);
  const auto refused = [&](const json& action) {
    const auto outcome = s.act(action);
    REQUIRE_FALSE(outcome.ok());
    return outcome.problems.front().message;
  };
  CHECK(refused(review("check-1", "q9", 3, t += 1000)).find("not a recall card") != std::string::npos);
  CHECK(refused(review("intro", "q1", 3, t += 1000)).find("not a recall card") != std::string::npos);
  CHECK(refused(review("check-1", "q1", 0, t += 1000)).find("rating") != std::string::npos);
  CHECK(refused(review("check-1", "q1", 2.5, t += 1000)).find("rating") != std::string::npos);
  CHECK(refused(review("check-1", "q1", "good", t += 1000)).find("rating") != std::string::npos);
  CHECK(s.state().recall.empty());
}
