// The FSRS-6 formulas, step for step as ts-fsrs 5.4 computes them (its FSRSAlgorithm and LongTermScheduler),
// so that a review history gives the same days here, natively and in Wasm, as in that peer.
#include <algorithm>
#include <array>
#include <cmath>

#include "tessera/recall.hpp"

namespace tessera::recall {

namespace {

// FSRS-6's 21 default parameters (ts-fsrs default_w; the fsrs4anki wiki, "The Algorithm", FSRS-6).
constexpr std::array<double, 21> w{0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                   0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                   1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};
constexpr double requested_retention = 0.9;
constexpr double minimum_stability = 0.001;
constexpr double maximum_stability = 36500;
constexpr int maximum_interval = 36500;
constexpr std::int64_t seconds_per_day = 86400;

// JavaScript's Math.round: the nearest whole number, halves upwards (-2.5 gives -2). x - floor(x) is exact for
// the magnitudes used here (below 2^52), so the comparison is too.
double js_round(double x) {
  const double whole = std::floor(x);
  return x - whole >= 0.5 ? whole + 1 : whole;
}

// ts-fsrs's roundTo(x, 8). Every stored value passes through it, which also keeps the last bits of
// exp/pow/log — where C libraries and V8 may differ — out of what is stored.
double round8(double x) { return js_round(x * 1e8) / 1e8; }

double rating_value(Rating rating) { return static_cast<double>(static_cast<int>(rating)); }

double decay() { return -w[20]; }

// FACTOR = 0.9^(1/DECAY) - 1, so that R(S, S) = 0.9.
double factor() { return round8(std::exp(std::pow(decay(), -1.0) * std::log(0.9)) - 1); }

// R(t, S) = (1 + FACTOR · t / S)^DECAY
double forgetting_curve(double elapsed_days, double stability) {
  return round8(std::pow(1 + factor() * elapsed_days / stability, decay()));
}

// I(r, S) = S · (r^(1/DECAY) - 1) / FACTOR: the days until R falls to r (1 for r = 0.9).
double interval_modifier() { return round8((std::pow(requested_retention, 1 / decay()) - 1) / factor()); }

int next_interval(double stability) {
  return static_cast<int>(std::min(std::max(1.0, js_round(stability * interval_modifier())), double{maximum_interval}));
}

// S0(G) = w[G-1]
double initial_stability(Rating rating) { return std::max(w[static_cast<std::size_t>(rating) - 1], 0.1); }

// D0(G) = w4 - e^(w5 · (G - 1)) + 1, unclamped (mean reversion uses D0(Easy) as it is).
double initial_difficulty(Rating rating) { return round8(w[4] - std::exp((rating_value(rating) - 1) * w[5]) + 1); }

// D' = w7 · D0(Easy) + (1 - w7) · (D + ΔD · (10 - D) / 9), ΔD = -w6 · (G - 3), clamped to 1..10.
double next_difficulty(double difficulty, Rating rating) {
  const double delta = -w[6] * (rating_value(rating) - 3);
  const double damped = difficulty + round8(delta * (10 - difficulty) / 9);
  const double reverted = round8(w[7] * initial_difficulty(Rating::easy) + (1 - w[7]) * damped);
  return std::clamp(reverted, 1.0, 10.0);
}

// S'r = S · (1 + e^w8 · (11 - D) · S^-w9 · (e^(w10 · (1 - R)) - 1) · w15 (Hard) · w16 (Easy))
double recall_stability(double difficulty, double stability, double r, Rating rating) {
  const double hard_penalty = rating == Rating::hard ? w[15] : 1;
  const double easy_bonus = rating == Rating::easy ? w[16] : 1;
  const double grown = stability * (1 + std::exp(w[8]) * (11 - difficulty) * std::pow(stability, -w[9]) *
                                            (std::exp((1 - r) * w[10]) - 1) * hard_penalty * easy_bonus);
  return round8(std::clamp(grown, minimum_stability, maximum_stability));
}

// S'f = w11 · D^-w12 · ((S + 1)^w13 - 1) · e^(w14 · (1 - R)), and never above S (in long-term scheduling the
// short-term ceiling S / e^(w17 · w18) is S / e^0, S itself).
double forget_stability(double difficulty, double stability, double r) {
  const double after_fail = round8(std::clamp(
      w[11] * std::pow(difficulty, -w[12]) * (std::pow(stability + 1, w[13]) - 1) * std::exp((1 - r) * w[14]),
      minimum_stability, maximum_stability));
  return std::min(std::max(stability, minimum_stability), after_fail);
}

struct Memory {
  double stability;
  double difficulty;
};

Memory next_memory(const Card& card, double r, Rating rating) {
  if (card.reps == 0) return {initial_stability(rating), std::clamp(initial_difficulty(rating), 1.0, 10.0)};
  const double stability = rating == Rating::again ? forget_stability(card.difficulty, card.stability, r)
                                                   : recall_stability(card.difficulty, card.stability, r, rating);
  return {stability, next_difficulty(card.difficulty, rating)};
}

// Whole UTC calendar days from `from` to `to` (ts-fsrs dateDiffInDays): 23:59 to 00:01 is one day.
std::int64_t calendar_days_between(std::int64_t from, std::int64_t to) {
  auto day = [](std::int64_t t) { return t >= 0 ? t / seconds_per_day : (t - seconds_per_day + 1) / seconds_per_day; };
  return day(to) - day(from);
}

}  // namespace

Card review(const Card& card, Rating rating, std::int64_t time) {
  const std::int64_t elapsed =
      card.reps == 0 ? 0 : std::max<std::int64_t>(0, calendar_days_between(card.last_review, time));
  const double r = card.reps == 0 ? 0 : forgetting_curve(static_cast<double>(elapsed), card.stability);
  // ts-fsrs computes all four outcomes and keeps their intervals strictly increasing from Again to Easy, so
  // the chosen rating's interval can depend on the others.
  std::array<int, 4> intervals{};
  Memory chosen{};
  for (const Rating each : {Rating::again, Rating::hard, Rating::good, Rating::easy}) {
    const Memory memory = next_memory(card, r, each);
    intervals[static_cast<std::size_t>(each) - 1] = next_interval(memory.stability);
    if (each == rating) chosen = memory;
  }
  intervals[0] = std::min(intervals[0], intervals[1]);
  for (std::size_t i = 1; i < intervals.size(); ++i) intervals[i] = std::max(intervals[i], intervals[i - 1] + 1);

  Card next = card;
  next.stability = chosen.stability;
  next.difficulty = chosen.difficulty;
  next.scheduled_days = intervals[static_cast<std::size_t>(rating) - 1];
  next.last_review = time;
  next.due = time + next.scheduled_days * seconds_per_day;
  if (rating == Rating::again && card.reps > 0) ++next.lapses;
  ++next.reps;
  return next;
}

double retrievability(const Card& card, std::int64_t time) {
  if (card.reps == 0) return 0;
  const std::int64_t elapsed = std::max<std::int64_t>(0, (time - card.last_review) / seconds_per_day);
  return forgetting_curve(static_cast<double>(elapsed), round8(card.stability));
}

Rating suggest_rating(Recalled recalled, std::int64_t response_ms) {
  if (recalled == Recalled::none) return Rating::again;
  if (recalled == Recalled::partly) return Rating::hard;
  if (response_ms < 0) return Rating::good;
  if (response_ms <= quick_recall_ms) return Rating::easy;
  return response_ms <= slow_recall_ms ? Rating::good : Rating::hard;
}

}  // namespace tessera::recall
