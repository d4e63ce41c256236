// Fuzz target record_jsonl: a learner record's JSON Lines through read_json_lines and verify_chain.
#include "harness.hpp"
#include "tessera/record.hpp"

namespace tessera::fuzz {

void record_jsonl(std::string_view input) {
  record::JsonLinesRead read = no_throw("record::read_json_lines", [&] { return record::read_json_lines(input); });
  expect_clear(read.problems, "record::read_json_lines");
  for (const record::Event& event : read.events) {
    // record.hpp: canonical_json fails only for values from_json never produces.
    expect_clear(record::canonical_json(event), "record::canonical_json");
    require(record::canonical_json(event).ok(), "an event read from JSON Lines has no canonical form");
  }
  const record::ChainCheck chain =
      no_throw("record::verify_chain", [&] { return record::verify_chain(std::move(read.events)); });
  if (chain.broken) expect_refusal_clear({*chain.broken}, "record::verify_chain");
}

}  // namespace tessera::fuzz
