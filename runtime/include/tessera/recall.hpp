// Spaced recall: the FSRS-6 scheduler (default parameters, requested retention 0.9, long-term scheduling,
// no fuzz), computed from review events alone. Pure: the host passes every time; see docs/recall.md.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::recall {

// How well a card was recalled, as FSRS numbers its grades.
enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };

// One card's memory state after its reviews. A card never reviewed has reps == 0 (and nothing else set).
struct Card {
  double stability = 0;          // days until the chance of recall falls to 90%
  double difficulty = 0;         // 1 (easy) to 10 (hard)
  std::int64_t last_review = 0;  // Unix seconds
  std::int64_t due = 0;          // Unix seconds: last_review + scheduled_days whole days
  int scheduled_days = 0;
  int reps = 0;    // reviews so far
  int lapses = 0;  // reviews rated Again after the first
  bool operator==(const Card&) const = default;
};

// The card after a review at `time` (Unix seconds, not before card.last_review), as ts-fsrs's long-term
// scheduler gives it: days elapsed count UTC calendar days, values are rounded to 8 decimals at the same
// steps, and the interval is a whole number of days from 1 to 36500.
[[nodiscard]] Card review(const Card& card, Rating rating, std::int64_t time);

// The chance of recalling `card` at `time` (0 to 1; 0 for a card never reviewed), counting whole days of 24
// hours since its last review, as ts-fsrs's get_retrievability does.
[[nodiscard]] double retrievability(const Card& card, std::int64_t time);

// One review in a bare review log.
struct Review {
  std::string card;
  Rating rating = Rating::good;
  std::int64_t time = 0;  // Unix seconds
};

struct ReviewLog {
  std::vector<Review> reviews;
  std::vector<Problem> warnings;  // members the log does not define, ignored
};

// A review log as `tessera fsrs` reads it: a JSON array of {"card": "…", "rating": 1–4, "time": "ISO 8601
// with a zone"} in time order. Problems point at the member that is wrong ("/3/rating").
[[nodiscard]] Result<ReviewLog> read_review_log(const nlohmann::json& log);

struct ScheduledCard {
  std::string card;
  Card state;
};

// How much of a card the learner recalled when answering it from memory: all of it (full marks), part of
// it, or nothing (wrong or unanswered).
enum class Recalled { none, partly, fully };

// Recall faster than this is easy; slower than slow_recall_ms is hard (docs/recall.md, "The review screen").
inline constexpr std::int64_t quick_recall_ms = 10'000;
inline constexpr std::int64_t slow_recall_ms = 30'000;

// The rating the runtime suggests for an answer given from memory, from how much was recalled and how long
// the answer took (`response_ms`, from the card shown to the answer checked, both times the host's): nothing
// recalled is Again, part of it Hard; all of it Easy within quick_recall_ms, Good within slow_recall_ms and
// Hard after. A negative time (a clock set back in between) tells nothing and is read as Good's pace.
[[nodiscard]] Rating suggest_rating(Recalled recalled, std::int64_t response_ms);

// Every card of `reviews` (in the order each first appears) after all its reviews.
[[nodiscard]] std::vector<ScheduledCard> schedule(const std::vector<Review>& reviews);

}  // namespace tessera::recall
