// Mastery rules (mastery.hpp): loading an author's rule and deciding it from the evidence.
#include "tessera/mastery.hpp"

#include <algorithm>

namespace tessera::assess {

namespace {

constexpr std::size_t max_window = 100;  // k and n: more first attempts than a micro-course ever gathers

std::optional<std::size_t> whole_number(const nlohmann::json& value, std::size_t low, std::size_t high) {
  // Signed or unsigned alike: parsed JSON and C++ callers differ.
  if (!value.is_number_integer()) return std::nullopt;
  const auto number = value.get<std::int64_t>();
  if (number < static_cast<std::int64_t>(low) || number > static_cast<std::int64_t>(high)) return std::nullopt;
  return static_cast<std::size_t>(number);
}

}  // namespace

Result<MasteryRule> load_mastery_rule(const nlohmann::json& value, const std::string& where) {
  if (!value.is_object()) {
    return error_at(
        where, "a mastery rule must be an object",
        "e.g. {\"rule\": \"percentage\", \"threshold\": 0.8} or {\"rule\": \"m-of-last-n\", \"m\": 3, \"n\": 5}");
  }
  std::vector<Problem> problems;
  MasteryRule rule;
  const std::string name = value.value("rule", std::string());
  auto allow_only = [&](std::initializer_list<const char*> names) {
    for (const auto& member : value.items()) {
      const std::string& key = member.key();
      if (std::none_of(names.begin(), names.end(), [&](const char* allowed) { return key == allowed; })) {
        problems.push_back(
            error_at(pointer_append(where, key), "'" + key + "' is not a field of the '" + name + "' rule"));
      }
    }
  };
  auto read_count = [&](const char* key, std::size_t low, std::size_t high) -> std::size_t {
    const auto found = value.find(key);
    const auto number = found == value.end() ? std::nullopt : whole_number(*found, low, high);
    if (!number) {
      problems.push_back(error_at(pointer_append(where, key), std::string("'") + key +
                                                                  "' must be a whole number from " +
                                                                  std::to_string(low) + " to " + std::to_string(high)));
      return low;
    }
    return *number;
  };
  if (name == "percentage") {
    allow_only({"rule", "threshold"});
    rule.kind = MasteryRule::Kind::percentage;
    if (const auto threshold = value.find("threshold"); threshold != value.end()) {
      const auto fraction = Fraction::parse(*threshold);
      if (!fraction || *fraction <= Fraction::of(0) || *fraction > Fraction::of(1)) {
        problems.push_back(error_at(pointer_append(where, "threshold"),
                                    "'threshold' must be a share of the maximum above 0 and at most 1", "e.g. 0.8"));
      } else {
        rule.threshold = *fraction;
      }
    }
  } else if (name == "all") {
    allow_only({"rule"});
    rule.kind = MasteryRule::Kind::all;
  } else if (name == "in-a-row") {
    allow_only({"rule", "count"});
    rule.kind = MasteryRule::Kind::in_a_row;
    rule.count = read_count("count", 1, max_window);
  } else if (name == "m-of-last-n") {
    allow_only({"rule", "m", "n"});
    rule.kind = MasteryRule::Kind::m_of_last_n;
    rule.n = read_count("n", 1, max_window);
    rule.m = read_count("m", 1, max_window);
    if (problems.empty() && rule.m > rule.n) {
      problems.push_back(
          error_at(pointer_append(where, "m"),
                   "'m' (" + std::to_string(rule.m) + ") cannot exceed 'n' (" + std::to_string(rule.n) + ")"));
    }
  } else {
    problems.push_back(error_at(pointer_append(where, "rule"), "unknown mastery rule '" + name + "'",
                                "use percentage, all, in-a-row or m-of-last-n"));
  }
  if (!problems.empty()) return problems;
  return rule;
}

nlohmann::json to_json(const MasteryRule& rule) {
  switch (rule.kind) {
    case MasteryRule::Kind::percentage:
      return {{"rule", "percentage"}, {"threshold", rule.threshold.to_string()}};
    case MasteryRule::Kind::all:
      return {{"rule", "all"}};
    case MasteryRule::Kind::in_a_row:
      return {{"rule", "in-a-row"}, {"count", rule.count}};
    case MasteryRule::Kind::m_of_last_n:
      return {{"rule", "m-of-last-n"}, {"m", rule.m}, {"n", rule.n}};
  }
  return nullptr;
}

MasteryDecision decide_mastery(const MasteryRule& rule, const MasteryEvidence& evidence) {
  MasteryDecision decision;
  const auto& attempts = evidence.first_attempts;
  auto right = [](const FirstAttempt& a) { return a.correct && !a.hinted; };
  switch (rule.kind) {
    case MasteryRule::Kind::percentage:
      decision.assessed = evidence.max > Fraction::of(0);
      decision.mastered = decision.assessed && evidence.score >= rule.threshold * evidence.max;
      break;
    case MasteryRule::Kind::all:
      decision.assessed = evidence.items > 0;
      decision.mastered = decision.assessed && evidence.items_right == evidence.items;
      decision.right = evidence.items_right;
      decision.considered = evidence.items;
      break;
    case MasteryRule::Kind::in_a_row: {
      decision.assessed = !attempts.empty();
      // Newest first: the streak ends at the first miss (a hinted answer is a miss).
      for (auto it = attempts.rbegin(); it != attempts.rend() && right(*it); ++it) ++decision.right;
      decision.considered = std::min(rule.count, attempts.size());
      decision.right = std::min(decision.right, rule.count);
      decision.mastered = decision.right >= rule.count;
      break;
    }
    case MasteryRule::Kind::m_of_last_n: {
      decision.assessed = !attempts.empty();
      decision.considered = std::min(rule.n, attempts.size());
      decision.right = static_cast<std::size_t>(
          std::count_if(attempts.end() - static_cast<std::ptrdiff_t>(decision.considered), attempts.end(), right));
      decision.mastered = decision.right >= rule.m;
      break;
    }
  }
  return decision;
}

}  // namespace tessera::assess
