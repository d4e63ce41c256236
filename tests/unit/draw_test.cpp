// Tests of seeded draws: known answers (same on every platform), no bias, and distinct seeds per attempt.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "tessera/assessment.hpp"
#include "tessera/crypto.hpp"
#include "tessera/draw.hpp"

TEST_CASE("xoshiro256** gives its published first outputs for a known state", "[draw]") {
  // State words 1, 2, 3, 4 (little-endian seed bytes): the reference implementation's first outputs
  // (xoshiro256starstar.c by Blackman and Vigna) are 11520, 0, 1509978240, 1215971899390074240.
  tessera::draw::Seed seed{};
  for (std::size_t word = 0; word < 4; ++word) seed[word * 8] = static_cast<std::uint8_t>(word + 1);
  tessera::draw::Generator generator(seed);
  CHECK(generator.next() == 11520u);
  CHECK(generator.next() == 0u);
  CHECK(generator.next() == 1509978240u);
  CHECK(generator.next() == 1215971899390074240u);
}

TEST_CASE("a seed depends on the record, the assessment and the attempt", "[draw]") {
  const auto a = tessera::draw::seed_for("abc", "final", 1);
  CHECK(a == tessera::draw::seed_for("abc", "final", 1));
  CHECK(a != tessera::draw::seed_for("abc", "final", 2));
  CHECK(a != tessera::draw::seed_for("abd", "final", 1));
  CHECK(a != tessera::draw::seed_for("abc", "final2", 1));
  CHECK(tessera::crypto::to_hex(a) == tessera::crypto::to_hex(tessera::crypto::blake2b(
                                          tessera::crypto::as_bytes(R"(["tessera-draw-v1","abc","final",1])"))));
}

TEST_CASE("shuffles are permutations, reproducible, and spread evenly", "[draw]") {
  const std::vector<std::string> items = {"a", "b", "c", "d"};
  std::map<std::string, int> first_place;
  for (std::uint64_t attempt = 1; attempt <= 4000; ++attempt) {
    auto order = items;
    tessera::draw::Generator generator(tessera::draw::seed_for("record", "quiz", attempt));
    tessera::draw::shuffle(order, generator);
    auto again = items;
    tessera::draw::Generator same(tessera::draw::seed_for("record", "quiz", attempt));
    tessera::draw::shuffle(again, same);
    REQUIRE(order == again);
    auto sorted = order;
    std::sort(sorted.begin(), sorted.end());
    REQUIRE(sorted == items);
    ++first_place[order[0]];
  }
  for (const auto& [item, count] : first_place) {
    INFO(item << " first " << count << " of 4000");
    CHECK(count > 850);  // 1000 expected; a biased shuffle would stray far further
    CHECK(count < 1150);
  }
}

TEST_CASE("an assessment's whole numbers may come signed or unsigned", "[draw]") {
  const nlohmann::json items = {{{"id", "a"}, {"type", "true-false"}, {"prompt", "p"}, {"correct", true}},
                                {{"id", "b"}, {"type", "true-false"}, {"prompt", "p"}, {"correct", false}}};
  const auto from_cpp = tessera::assess::load_assessment({{"id", "x"},
                                                          {"kind", "formative"},
                                                          {"maxAttempts", 2},
                                                          {"banks", {{{"id", "b"}, {"draw", 1}, {"items", items}}}}},
                                                         "", "en");
  REQUIRE(from_cpp.ok());
  CHECK(from_cpp.value().banks[0].draw == 1u);
  CHECK(from_cpp.value().max_attempts == 2);
  const auto parsed = tessera::assess::load_assessment(
      nlohmann::json::parse(
          R"({"id": "x", "kind": "formative", "maxAttempts": 2, "banks": [{"id": "b", "draw": 3, "items": [
           {"id": "a", "type": "true-false", "prompt": "p", "correct": true}]}]})"),
      "/assessments/0", "en");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.problems()[0].where == "/assessments/0/banks/0/draw");
}
