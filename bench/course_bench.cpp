// Benchmarks of the runtime core: load and validate a 200-module, 2,000-block course; replay a 10,000-event
// record (hash chain and session rules). Target: each ≤ 50 ms in Wasm under node.
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"

namespace {

using nlohmann::json;

std::string make_course(int modules, int blocks_per_module) {
  json module_list = json::array();
  json items = json::array();
  for (int m = 0; m < modules; ++m) {
    json blocks = json::array();
    for (int b = 0; b < blocks_per_module; ++b) {
      const std::string id = "m" + std::to_string(m) + "-b" + std::to_string(b);
      blocks.push_back(
          {{"id", id},
           {"type", "text"},
           {"markdown", "## Step " + std::to_string(b) + "\n\nRead *this* paragraph about item " + id +
                            ", then follow the [guide](https://example.org/" + id + ").\n\n- one\n- two\n"}});
    }
    module_list.push_back({{"id", "module-" + std::to_string(m)},
                           {"title", "Module " + std::to_string(m)},
                           {"estimatedMinutes", 5},
                           {"blocks", blocks}});
  }
  items.push_back({{"id", "q1"},
                   {"type", "true-false"},
                   {"prompt", "True?"},
                   {"correct", true},
                   {"outcomes", {"o1"}},
                   {"competencies", {"c1"}}});
  return json{
      {"format", 1},
      {"id", "bench-course"},
      {"version", "1.0.0"},
      {"defaultLanguage", "en"},
      {"languages", {"en"}},
      {"title", "Benchmark course"},
      {"summary", "Large on purpose."},
      {"level", "introductory"},
      {"estimatedMinutes", modules * 5},
      {"audience", "Benchmarks"},
      {"publisher", {{"name", "Tessera"}}},
      {"governance", {{"maintainer", "Bench"}, {"reviewBy", "2030-01-01"}}},
      {"frameworks", {{{"id", "own"}, {"name", "Own"}, {"url", "https://example.org"}}}},
      {"competencies", {{{"id", "c1"}, {"framework", "own"}, {"code", "C1"}, {"name", "Competency"}}}},
      {"outcomes",
       {{{"id", "o1"},
         {"statement", "Do it."},
         {"verb", "do"},
         {"condition", "Given a task"},
         {"criterion", "correctly"},
         {"competencies", {"c1"}}}}},
      {"credential", {{"name", "Bench"}, {"description", "Bench"}, {"criteria", "Bench"}, {"validityMonths", nullptr}}},
      {"modules", module_list},
      {"assessments", {{{"id", "final"}, {"kind", "summative"}, {"passMark", 0.5}, {"items", items}}}}}
      .dump();
}

std::string course_text;
std::shared_ptr<const tessera::course::Course> course;
std::vector<tessera::record::Event> events;

void prepare_course() {
  if (!course_text.empty()) return;
  (void)tessera::crypto::init();
  course_text = make_course(200, 10);
  auto report = tessera::course::load(course_text);
  if (!report.course) {
    throw std::runtime_error("the benchmark course does not load: " + report.problems.at(0).where + " " +
                             report.problems.at(0).message);
  }
  course = std::make_shared<const tessera::course::Course>(std::move(*report.course));
}

// 10,000 events: open and complete all 2,000 blocks, then 6,000 re-visits — a sequence the session
// accepts (checked below), chained directly so the set-up does not dominate the run.
void prepare_record() {
  prepare_course();
  if (!events.empty()) return;
  std::int64_t t = 1'800'000'000'000;
  std::vector<std::string> ids;
  for (const auto& m : course->modules) {
    for (const auto& b : m.blocks) ids.push_back(b.id);
  }
  auto add = [&](const char* type, const std::string& id, std::int64_t step) {
    events.push_back(
        tessera::record::next_event(events.empty() ? nullptr : &events.back(), type, t += step, {{"block", id}}));
  };
  for (const auto& id : ids) {
    add("block.opened", id, 20'000);
    add("block.completed", id, 40'000);
  }
  for (std::size_t i = 0; events.size() < 10'000; ++i) add("block.opened", ids[(i * 7) % ids.size()], 5'000);
}

// The scale row: a record of 100,000 events (the 10,000 above, then re-visits), replayed; its floor is checking
// the same record's hash chain, which every open does before replaying.
std::vector<tessera::record::Event> large_events;

void prepare_large_record() {
  prepare_record();
  if (!large_events.empty()) return;
  large_events = events;
  std::vector<std::string> ids;
  for (const auto& m : course->modules) {
    for (const auto& b : m.blocks) ids.push_back(b.id);
  }
  std::int64_t t = large_events.back().t;
  for (std::size_t i = 0; large_events.size() < 100'000; ++i) {
    large_events.push_back(tessera::record::next_event(&large_events.back(), "block.opened", t += 5'000,
                                                       {{"block", ids[(i * 13) % ids.size()]}}));
  }
}

TESSERA_BENCH({.name = "session/replay-100000-events",
               .repeats = 3,
               .setup = prepare_large_record,
               .run =
                   [] {
                     auto opened = tessera::session::Session::open(course, large_events);
                     if (!opened.problems.empty()) throw std::runtime_error("replay refused an event");
                     tessera::bench::keep(&opened);
                   },
               .baseline = "record/verify-chain-100000-events"});

TESSERA_BENCH({.name = "record/verify-chain-100000-events", .repeats = 3, .setup = prepare_large_record, .run = [] {
                 auto check = tessera::record::verify_chain(large_events);
                 if (check.broken) throw std::runtime_error("the chain is broken");
                 tessera::bench::keep(&check);
               }});

TESSERA_BENCH({.name = "course/load-200-modules-2000-blocks", .repeats = 9, .setup = prepare_course, .run = [] {
                 auto report = tessera::course::load(course_text);
                 tessera::bench::keep(&report);
               }});

TESSERA_BENCH({.name = "session/replay-10000-events", .repeats = 9, .setup = prepare_record, .run = [] {
                 auto opened = tessera::session::Session::open(course, events);
                 if (!opened.problems.empty()) throw std::runtime_error("replay refused an event");
                 tessera::bench::keep(&opened);
               }});

}  // namespace
