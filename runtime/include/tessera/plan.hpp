// The study plan: a learner's goal (finish by a date, or minutes a week on chosen days) spread over a
// course's modules by their declared minutes, and whether the learner is on track. Pure: the host gives
// today's date; dates are calendar days (YYYY-MM-DD) in the learner's own zone. See docs/recall.md.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/problem.hpp"

namespace tessera::plan {

struct Goal {
  enum class Kind { finish_by, weekly };
  Kind kind = Kind::weekly;
  std::string set_on;        // the day the goal was set: the plan starts that day
  std::string finish_by;     // finish_by: the last study day
  int minutes_per_week = 0;  // weekly: spread evenly over the study days of a week
  std::set<int> days;        // study weekdays, 0 Monday … 6 Sunday; finish_by without any: every day
};

// {"setOn": "2026-01-05", "finishBy": "2026-01-14", "days"?: ["mon", …]} or
// {"setOn": …, "minutesPerWeek": 30, "days": ["mon", "thu"]}; problems point at the member ("/days/1").
[[nodiscard]] Result<Goal> read_goal(const nlohmann::json& goal);

struct PlannedModule {
  std::string id;
  int minutes = 0;
  std::string date;  // the study day by which it is planned to be finished
  bool complete = false;
  bool late = false;  // planned before today and not complete
};

struct Plan {
  std::vector<PlannedModule> modules;  // in course order
  std::string finish;                  // the last module's date
  bool done = false;                   // every module complete
  bool on_track = true;                // no module late
};

// Each study day from goal.set_on gives the same share of study time (weekly: minutes_per_week over the
// week's study days; finish_by: the course's minutes over the study days up to the date); a module is
// planned for the day the time given so far first covers it and every module before it. Exact: integer
// arithmetic, no rounding. Problems: a date that is not a date, a finish date before the goal was set, no
// study day, a plan longer than 100 years.
[[nodiscard]] Result<Plan> make_plan(const course::Course& course, const std::set<std::string>& complete_modules,
                                     const Goal& goal, const std::string& today);

// {"modules": [{"id", "minutes", "date", "complete", "late"}], "finish", "done", "onTrack"}: the plan as hosts
// read it (the bindings add each module's title in the page's language).
[[nodiscard]] nlohmann::json to_json(const Plan& plan);

}  // namespace tessera::plan
