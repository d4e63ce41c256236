// The study plan: a sample course's module dates for each kind of goal, worked out by hand below, whether
// the learner is on track, and goals refused with a pointer to what is wrong.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/plan.hpp"

using nlohmann::json;
using tessera::plan::make_plan;
using tessera::plan::read_goal;

namespace {

// content/inclusive-meetings declares 12, 13, 15 and 14 minutes: 54 in all.
const tessera::course::Course& inclusive_meetings() {
  static const auto course =
      *tessera::course::load(tessera::test::read_golden("../../content/inclusive-meetings/course.json")).course;
  return course;
}

std::vector<std::string> dates(const tessera::plan::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& m : plan.modules) out.push_back(m.date);
  return out;
}

tessera::plan::Plan plan_for(const json& goal, const std::set<std::string>& complete, const std::string& today) {
  const auto read = read_goal(goal);
  REQUIRE(read.ok());
  const auto plan = make_plan(inclusive_meetings(), complete, read.value(), today);
  REQUIRE(plan.ok());
  return plan.value();
}

}  // namespace

TEST_CASE("plan: 40 minutes a week on Monday, Wednesday and Friday", "[plan]") {
  // By hand: each study day gives 40/3 minutes. From Monday 2026-01-05 the study days give, in total,
  // Mon 5: 13⅓, Wed 7: 26⅔, Fri 9: 40, Mon 12: 53⅓, Wed 14: 66⅔. The modules need, in total, 12, 25, 40, 54:
  // 12 ≤ 13⅓ → Jan 5; 25 ≤ 26⅔ → Jan 7; 40 ≤ 40 (exactly) → Jan 9; 54 > 53⅓, ≤ 66⅔ → Jan 14.
  const json goal = {{"setOn", "2026-01-05"}, {"minutesPerWeek", 40}, {"days", {"mon", "wed", "fri"}}};
  const auto plan = plan_for(goal, {"who-gets-heard", "designing-the-meeting"}, "2026-01-09");
  CHECK(dates(plan) == std::vector<std::string>{"2026-01-05", "2026-01-07", "2026-01-09", "2026-01-14"});
  CHECK(plan.finish == "2026-01-14");
  // On Friday the 9th the third module is due that day, not late: on track.
  CHECK(plan.on_track);
  CHECK_FALSE(plan.done);
  // On Saturday the 10th it is late.
  const auto slipping = plan_for(goal, {"who-gets-heard", "designing-the-meeting"}, "2026-01-10");
  CHECK_FALSE(slipping.on_track);
  CHECK(slipping.modules[2].late);
  CHECK_FALSE(slipping.modules[3].late);
  const auto finished = plan_for(
      goal, {"who-gets-heard", "designing-the-meeting", "fair-turn-taking", "materials-and-follow-up"}, "2026-02-01");
  CHECK(finished.done);
  CHECK(finished.on_track);
}

TEST_CASE("plan: finish by a date, every day or on weekdays", "[plan]") {
  // Every day from Thursday 2026-01-01 to Saturday 2026-01-10: 10 study days of 54/10 = 5.4 minutes.
  // Study day k covers 5.4·k: 12 → k = 3 (16.2), Jan 3; 25 → k = 5 (27), Jan 5; 40 → k = 8 (43.2), Jan 8;
  // 54 → k = 10 (54), Jan 10.
  const auto daily = plan_for({{"setOn", "2026-01-01"}, {"finishBy", "2026-01-10"}}, {}, "2026-01-01");
  CHECK(dates(daily) == std::vector<std::string>{"2026-01-03", "2026-01-05", "2026-01-08", "2026-01-10"});
  // Weekdays only: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 — 7 study days of 54/7 minutes.
  // 12 → k ≥ 84/54 → 2, Fri 2; 25 → k ≥ 175/54 → 4, Tue 6; 40 → k ≥ 280/54 → 6, Thu 8; 54 → k = 7, Fri 9.
  const json weekdays = {
      {"setOn", "2026-01-01"}, {"finishBy", "2026-01-10"}, {"days", {"mon", "tue", "wed", "thu", "fri"}}};
  CHECK(dates(plan_for(weekdays, {}, "2026-01-01")) ==
        std::vector<std::string>{"2026-01-02", "2026-01-06", "2026-01-08", "2026-01-09"});
}

TEST_CASE("plan: goals that cannot be planned are refused with where", "[plan]") {
  CHECK(read_goal(json{{"setOn", "2026-01-05"}}).problems().front().where.empty());  // neither kind
  CHECK(read_goal(json{{"setOn", "2026-02-30"}, {"finishBy", "2026-03-01"}}).problems().front().where == "/setOn");
  CHECK(read_goal(json{{"setOn", "2026-01-05"}, {"minutesPerWeek", 0}, {"days", {"mon"}}}).problems().front().where ==
        "/minutesPerWeek");
  CHECK(read_goal(json{{"setOn", "2026-01-05"}, {"minutesPerWeek", 30}, {"days", {"mon", "mon"}}})
            .problems()
            .front()
            .where == "/days/1");
  CHECK(read_goal(json{{"setOn", "2026-01-05"}, {"minutesPerWeek", 30}, {"days", {"moon"}}}).problems().front().where ==
        "/days/0");
  CHECK(read_goal(json{{"setOn", "2026-01-05"}, {"minutesPerWeek", 30}}).problems().front().where == "/days");
  const auto before = read_goal(json{{"setOn", "2026-01-05"}, {"finishBy", "2026-01-04"}});
  REQUIRE(before.ok());
  CHECK(make_plan(inclusive_meetings(), {}, before.value(), "2026-01-05").problems().front().where == "/finishBy");
  // Saturday the 10th to Sunday the 11th holds no Monday.
  const auto no_day = read_goal(json{{"setOn", "2026-01-10"}, {"finishBy", "2026-01-11"}, {"days", {"mon"}}});
  CHECK(make_plan(inclusive_meetings(), {}, no_day.value(), "2026-01-10").problems().front().where == "/days");
  // One minute a week for 54 minutes is about a year: planned, not refused.
  const auto slow = read_goal(json{{"setOn", "2026-01-05"}, {"minutesPerWeek", 1}, {"days", {"mon"}}});
  CHECK(make_plan(inclusive_meetings(), {}, slow.value(), "2026-01-05").value().finish == "2027-01-11");
}

TEST_CASE("plan: as JSON for hosts, and the sample course's live sessions", "[plan][live]") {
  const json goal = {{"setOn", "2026-01-05"}, {"minutesPerWeek", 40}, {"days", {"mon", "wed", "fri"}}};
  const auto plan = plan_for(goal, {"who-gets-heard"}, "2026-01-08");
  const json shown = tessera::plan::to_json(plan);
  CHECK(shown["finish"] == "2026-01-14");
  CHECK(shown["onTrack"] == false);  // designing-the-meeting was planned for the 7th
  CHECK(shown["done"] == false);
  CHECK(shown["modules"][0] ==
        json{{"id", "who-gets-heard"}, {"minutes", 12}, {"date", "2026-01-05"}, {"complete", true}, {"late", false}});
  CHECK(shown["modules"][1]["late"] == true);
  // content/inclusive-meetings lists two live sessions; 14:00 in Paris on 10 February 2026 is 13:00 UTC:
  // 2026-01-05T09:00:00Z (1767603600) plus 36 days and 4 hours.
  const auto& live = inclusive_meetings().live_sessions;
  REQUIRE(live.size() == 2);
  CHECK(live[0].id == "practice-round");
  CHECK(live[0].start_seconds == 1767603600 + 36 * 86400 + 4 * 3600);
  CHECK(live[0].time_zone == "Europe/Paris");
  CHECK(live[0].minutes == 45);
  CHECK(live[1].prepare.in("en", "en").empty());
}
