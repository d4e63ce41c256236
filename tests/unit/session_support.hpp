// Helpers shared by the session tests: the golden course (as is, or edited), and acting with a check.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "support.hpp"
#include "tessera/course.hpp"
#include "tessera/session.hpp"

namespace tessera::test {

inline std::shared_ptr<const course::Course> load_course(const nlohmann::json& course_json) {
  auto report = course::load(course_json.dump());
  if (!report.course) {
    throw std::runtime_error("the test course does not load: " +
                             (report.problems.empty()
                                  ? std::string("?")
                                  : report.problems.front().where + " " + report.problems.front().message));
  }
  return std::make_shared<const course::Course>(std::move(*report.course));
}

inline nlohmann::json golden_course_json() { return nlohmann::json::parse(read_golden("course/valid/course.json")); }

inline std::shared_ptr<const course::Course> golden_course() {
  static const auto course = load_course(golden_course_json());
  return course;
}

// Acts and requires the action to be accepted; returns the new view.
inline nlohmann::json act_ok(session::Session& s, const nlohmann::json& action) {
  const auto outcome = s.act(action);
  INFO("action " << action.dump());
  if (!outcome.ok()) INFO("refused: " << outcome.problems.front().message);
  REQUIRE(outcome.ok());
  return outcome.view;
}

// Opens and completes every block of the golden course's first module, with a right answer in its check.
// 2026-01-05T09:00:00Z in Unix milliseconds: when the recall tests review.
inline constexpr std::int64_t monday_9am_ms = 1767603600000;

inline void finish_basics(session::Session& s, std::int64_t& t) {
  for (const char* id : {"intro", "diagram", "rule", "walkthrough"}) {
    act_ok(s, {{"type", "open"}, {"block", id}, {"t", t += 1000}});
    act_ok(s, {{"type", "complete"}, {"block", id}, {"t", t += 1000}});
  }
  act_ok(s, {{"type", "open"}, {"block", "check-1"}, {"t", t += 1000}});
  act_ok(s, {{"type", "start-attempt"}, {"block", "check-1"}, {"t", t += 1000}});
  act_ok(s, {{"type", "answer"}, {"block", "check-1"}, {"item", "q1"}, {"answer", "a"}, {"t", t += 1000}});
  act_ok(s, {{"type", "submit-attempt"}, {"block", "check-1"}, {"t", t += 1000}});
}

}  // namespace tessera::test
