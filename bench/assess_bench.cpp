// Benchmarks of the assessment engine: score 100,000 responses across all item types; draw and shuffle
// 10,000 attempts. Natively and in Wasm, through the same code the verifier replays.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"
#include "tessera/assess.hpp"
#include "tessera/assessment.hpp"
#include "tessera/draw.hpp"

namespace {

using nlohmann::json;

struct Case {
  tessera::assess::Item item;
  tessera::assess::Response response;
};
std::vector<Case> cases;
tessera::assess::Assessment bank_assessment;

void prepare_cases() {
  if (!cases.empty()) return;
  const std::vector<std::pair<json, json>> defs = {
      {{{"id", "sc"},
        {"type", "single-choice"},
        {"prompt", "p"},
        {"choices", {{{"id", "a"}, {"text", "A"}, {"correct", true}}, {{"id", "b"}, {"text", "B"}}}}},
       "a"},
      {{{"id", "mr"},
        {"type", "multiple-response"},
        {"prompt", "p"},
        {"rule", "every-decision"},
        {"choices",
         {{{"id", "a"}, {"text", "A"}, {"correct", true}},
          {{"id", "b"}, {"text", "B"}, {"correct", true}},
          {{"id", "c"}, {"text", "C"}},
          {{"id", "d"}, {"text", "D"}}}}},
       json::array({"a", "c"})},
      {{{"id", "tf"}, {"type", "true-false"}, {"prompt", "p"}, {"correct", false}}, false},
      {{{"id", "num"}, {"type", "numeric"}, {"prompt", "p"}, {"answer", "3.14"}, {"tolerance", {{"absolute", "0.01"}}}},
       "3.15"},
      {{{"id", "st"}, {"type", "short-text"}, {"prompt", "p"}, {"accepted", {"Paris"}}, {"patterns", {"par(is|ee)"}}},
       "  paree "},
      {{{"id", "fb"},
        {"type", "fill-blanks"},
        {"prompt", "p"},
        {"gaps", {{{"accepted", {"water"}}}, {{"accepted", {"100"}}}}}},
       json::array({"water", "90"})},
      {{{"id", "ord"},
        {"type", "ordering"},
        {"prompt", "p"},
        {"rule", "adjacent-pairs"},
        {"sequence",
         {{{"id", "a"}, {"text", "A"}},
          {{"id", "b"}, {"text", "B"}},
          {{"id", "c"}, {"text", "C"}},
          {{"id", "d"}, {"text", "D"}}}}},
       json::array({"a", "c", "b", "d"})},
      {{{"id", "match"},
        {"type", "matching"},
        {"prompt", "p"},
        {"premises", {{{"id", "p1"}, {"text", "1"}}, {{"id", "p2"}, {"text", "2"}}}},
        {"targets", {{{"id", "t1"}, {"text", "A"}}, {{"id", "t2"}, {"text", "B"}}}},
        {"pairs", {{"p1", "t1"}, {"p2", "t2"}}}},
       {{"p1", "t1"}, {"p2", "t1"}}},
      {{{"id", "hot"},
        {"type", "hotspot"},
        {"prompt", "p"},
        {"regions", {{{"shape", "polygon"}, {"points", {{0, 0}, {100, 0}, {50, 80}}}}}}},
       {{"x", 50}, {"y", 40}}},
  };
  std::vector<Case> prepared;
  for (const auto& [definition, answer] : defs) {
    auto item = tessera::assess::load_item(definition, "", "en");
    if (!item)
      throw std::runtime_error("benchmark item " + definition["id"].get<std::string>() + ": " +
                               item.problems()[0].message);
    if (!tessera::assess::score_item(item.value(), {answer, 0, 0})) {
      throw std::runtime_error("benchmark answer refused for " + definition["id"].get<std::string>());
    }
    prepared.push_back({std::move(item).value(), {answer, 0, 0}});
  }
  cases = std::move(prepared);
}

void prepare_bank() {
  if (!bank_assessment.id.empty()) return;
  json items = json::array();
  for (int i = 0; i < 40; ++i) {
    items.push_back(
        {{"id", "q" + std::to_string(i)}, {"type", "true-false"}, {"prompt", "p"}, {"correct", i % 2 == 0}});
  }
  auto loaded = tessera::assess::load_assessment({{"id", "final"},
                                                  {"kind", "summative"},
                                                  {"passMark", "4/5"},
                                                  {"shuffle", true},
                                                  {"banks", {{{"id", "b1"}, {"draw", 10}, {"items", items}}}}},
                                                 "", "en");
  if (!loaded) throw std::runtime_error("benchmark assessment: " + loaded.problems()[0].message);
  bank_assessment = std::move(loaded).value();
}

TESSERA_BENCH({.name = "assess/score-100000-responses", .repeats = 7, .setup = prepare_cases, .run = [] {
                 tessera::assess::Fraction total;
                 for (int i = 0; i < 100'000; ++i) {
                   const Case& c = cases[static_cast<std::size_t>(i) % cases.size()];
                   total = total + tessera::assess::score_item(c.item, c.response).value().score;
                 }
                 tessera::bench::keep(&total);
               }});

TESSERA_BENCH(
    {.name = "assess/draw-10000-attempts", .repeats = 7, .setup = prepare_bank, .run = [] {
       std::size_t drawn = 0;
       for (std::uint64_t attempt = 1; attempt <= 10'000; ++attempt) {
         drawn +=
             tessera::assess::draw_attempt(bank_assessment, tessera::draw::seed_for("record", "final", attempt)).size();
       }
       tessera::bench::keep(&drawn);
     }});

}  // namespace
