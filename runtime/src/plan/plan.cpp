// The study plan (tessera/plan.hpp): a goal read from JSON, and the modules spread over its study days.
#include "tessera/plan.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "tessera/datetime.hpp"

namespace tessera::plan {

using nlohmann::json;

namespace {

constexpr std::array<const char*, 7> weekday_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::int64_t longest_plan_days = 36500;
constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t minutes_in_a_week = std::int64_t{7} * 24 * 60;

// Days since 1970-01-01 of a "YYYY-MM-DD" date; nullopt for anything else.
std::optional<std::int64_t> day_number(const std::string& date) {
  if (date.size() != 10) return std::nullopt;
  const auto seconds = datetime::parse(date + "T00:00:00Z");
  if (!seconds) return std::nullopt;
  return *seconds / seconds_per_day;
}

std::string date_of(std::int64_t day) { return datetime::format(day * seconds_per_day).substr(0, 10); }

// 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
int weekday(std::int64_t day) { return static_cast<int>((day % 7 + 7 + 3) % 7); }

std::string read_date(const json& goal, const char* member, std::vector<Problem>& problems) {
  const auto found = goal.find(member);
  if (found == goal.end() || !found->is_string() || !day_number(found->get<std::string>())) {
    problems.push_back(error_at(std::string("/") + member, std::string(member) + " must be a date, YYYY-MM-DD",
                                "for example \"2026-01-05\""));
    return {};
  }
  return found->get<std::string>();
}

}  // namespace

Result<Goal> read_goal(const json& goal) {
  if (!goal.is_object())
    return error_at("", "a goal must be a JSON object",
                    "{\"setOn\", \"finishBy\"} or {\"setOn\", \"minutesPerWeek\", \"days\"}");
  std::vector<Problem> problems;
  Goal out;
  out.set_on = read_date(goal, "setOn", problems);
  const bool weekly = goal.contains("minutesPerWeek");
  if (weekly == goal.contains("finishBy")) {
    problems.push_back(error_at("", "a goal has either finishBy or minutesPerWeek", "give one of the two"));
  } else if (weekly) {
    out.kind = Goal::Kind::weekly;
    const json& minutes = goal["minutesPerWeek"];
    if (!minutes.is_number_integer() || minutes.get<std::int64_t>() < 1 ||
        minutes.get<std::int64_t>() > minutes_in_a_week) {
      problems.push_back(error_at("/minutesPerWeek", "minutesPerWeek must be a whole number from 1 to 10080"));
    } else {
      out.minutes_per_week = minutes.get<int>();
    }
  } else {
    out.kind = Goal::Kind::finish_by;
    out.finish_by = read_date(goal, "finishBy", problems);
  }
  if (const auto days = goal.find("days"); days != goal.end()) {
    if (!days->is_array())
      problems.push_back(error_at("/days", "days must be an array of weekdays", "\"mon\" … \"sun\""));
    for (std::size_t i = 0; days->is_array() && i < days->size(); ++i) {
      const json& name = (*days)[i];
      int found = -1;
      for (std::size_t d = 0; d < weekday_names.size(); ++d) {
        if (name.is_string() && name.get<std::string>() == weekday_names[d]) found = static_cast<int>(d);
      }
      if (found < 0 || out.days.contains(found)) {
        problems.push_back(error_at(pointer_append("/days", i),
                                    found < 0 ? "not a weekday" : "this weekday is given twice",
                                    "use \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or \"sun\", once each"));
      } else {
        out.days.insert(found);
      }
    }
  }
  if (out.kind == Goal::Kind::weekly && out.days.empty() && problems.empty())
    problems.push_back(error_at("/days", "a weekly goal needs the days to study on", "for example [\"mon\", \"thu\"]"));
  if (!problems.empty()) return problems;
  return out;
}

Result<Plan> make_plan(const course::Course& course, const std::set<std::string>& complete_modules, const Goal& goal,
                       const std::string& today) {
  const auto start = day_number(goal.set_on);
  const auto now = day_number(today);
  if (!start) return error_at("/setOn", "setOn must be a date, YYYY-MM-DD");
  if (!now) return error_at("today", "today must be a date, YYYY-MM-DD");
  auto studies = [&](std::int64_t day) { return goal.days.empty() || goal.days.contains(weekday(day)); };
  std::int64_t total = 0;
  for (const auto& module : course.modules) total += module.estimated_minutes;
  // Each study day gives share_num / share_den minutes: compared exactly as k · num ≥ minutes · den.
  std::int64_t share_num = 0;
  std::int64_t share_den = 1;
  if (goal.kind == Goal::Kind::weekly) {
    share_num = goal.minutes_per_week;
    share_den = static_cast<std::int64_t>(goal.days.size());
  } else {
    const auto end = day_number(goal.finish_by);
    if (!end || *end < *start)
      return error_at("/finishBy", "finishBy must be a date on or after setOn", "choose a later date");
    if (*end - *start > longest_plan_days) return error_at("/finishBy", "the plan would last more than 100 years");
    std::int64_t study_days = 0;
    for (std::int64_t day = *start; day <= *end; ++day) study_days += studies(day) ? 1 : 0;
    if (study_days == 0)
      return error_at("/days", "no study day falls between setOn and finishBy", "add days or a later date");
    share_num = total;
    share_den = study_days;
  }
  Plan plan;
  std::int64_t covered = 0;       // minutes of the modules planned so far
  std::int64_t day = *start - 1;  // the last day looked at
  std::int64_t study_days = 0;    // study days from setOn up to `day`
  for (const auto& module : course.modules) {
    covered += module.estimated_minutes;
    // On to the first study day by which the time given covers this module and those before it.
    while (study_days == 0 || study_days * share_num < covered * share_den) {
      if (++day - *start > longest_plan_days)
        return error_at("", "the plan would last more than 100 years", "study more minutes a week");
      if (studies(day)) ++study_days;
    }
    PlannedModule planned{module.id, module.estimated_minutes, date_of(day), complete_modules.contains(module.id),
                          false};
    planned.late = !planned.complete && day < *now;
    plan.on_track = plan.on_track && !planned.late;
    plan.modules.push_back(std::move(planned));
  }
  plan.finish = plan.modules.empty() ? date_of(*start) : plan.modules.back().date;
  plan.done = std::all_of(plan.modules.begin(), plan.modules.end(), [](const auto& m) { return m.complete; });
  return plan;
}

json to_json(const Plan& plan) {
  json modules = json::array();
  for (const auto& m : plan.modules) {
    modules.push_back(
        {{"id", m.id}, {"minutes", m.minutes}, {"date", m.date}, {"complete", m.complete}, {"late", m.late}});
  }
  return {{"modules", std::move(modules)}, {"finish", plan.finish}, {"done", plan.done}, {"onTrack", plan.on_track}};
}

}  // namespace tessera::plan
