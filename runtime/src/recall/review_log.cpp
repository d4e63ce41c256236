// A bare review log ([{"card", "rating", "time"}] in time order) read from untrusted JSON, and scheduled card by card.
#include <map>
#include <nlohmann/json.hpp>

#include "course/json_reader.hpp"
#include "tessera/datetime.hpp"
#include "tessera/recall.hpp"

namespace tessera::recall {

namespace {

using course::detail::Need;
using course::detail::ObjectReader;

constexpr std::size_t max_card_id_bytes = 1024;

// A due date is at most 36,500 days after its review, and dates are written up to the year 9999.
std::int64_t latest_review_time() {
  static const std::int64_t latest = *datetime::parse("9899-12-31T23:59:59Z");
  return latest;
}

std::optional<Review> read_review(const nlohmann::json& value, const std::string& pointer,
                                  std::vector<Problem>& problems, std::optional<std::int64_t> previous_time) {
  static const course::Limits limits = course::detail::with_defaults({});
  ObjectReader in(value, pointer, problems, limits, "a review", "docs/recall.md");
  const auto card = in.string("card", Need::required, max_card_id_bytes);
  const auto rating = in.integer("rating", Need::required, 1, 4);
  const auto time_text = in.string("time", Need::required);
  if (!in.valid() || !card || !rating || !time_text) return std::nullopt;
  const auto time = datetime::parse(*time_text);
  if (!time) {
    in.error(in.at("time"), "'time' is not a date and time with a time zone",
             "write it as ISO 8601 with a zone, such as \"2026-03-01T09:30:00Z\" or \"2026-03-01T10:30:00+01:00\"");
    return std::nullopt;
  }
  if (*time > latest_review_time()) {
    in.error(in.at("time"), "'time' is after the year 9899, too late to write a due date up to 100 years on");
    return std::nullopt;
  }
  if (previous_time && *time < *previous_time) {
    in.error(in.at("time"),
             "'time' is " + datetime::format(*time) + ", before the review above it (" +
                 datetime::format(*previous_time) + ")",
             "list the reviews in the order they happened");
    return std::nullopt;
  }
  return Review{*card, static_cast<Rating>(*rating), *time};
}

}  // namespace

Result<ReviewLog> read_review_log(const nlohmann::json& log) {
  if (!log.is_array()) {
    return error_at("/", "expected the review log as a JSON array, found " + course::detail::json_type_name(log),
                    "write [{\"card\": \"…\", \"rating\": 1-4, \"time\": \"2026-03-01T09:30:00Z\"}, …]");
  }
  ReviewLog out;
  std::vector<Problem> problems;
  std::optional<std::int64_t> previous_time;
  for (std::size_t i = 0; i < log.size(); ++i) {
    auto review = read_review(log[i], pointer_append("", i), problems, previous_time);
    if (!review) continue;
    previous_time = review->time;
    out.reviews.push_back(std::move(*review));
  }
  if (has_errors(problems)) return problems;
  out.warnings = std::move(problems);
  return out;
}

std::vector<ScheduledCard> schedule(const std::vector<Review>& reviews) {
  std::vector<ScheduledCard> cards;
  std::map<std::string, std::size_t, std::less<>> index_of;
  for (const Review& r : reviews) {
    const auto [found, added] = index_of.try_emplace(r.card, cards.size());
    if (added) cards.push_back({r.card, Card{}});
    Card& card = cards[found->second].state;
    card = review(card, r.rating, r.time);
  }
  return cards;
}

}  // namespace tessera::recall
