// The table of fuzz targets (harness.hpp): one line per file in fuzz/targets/.
#include "harness.hpp"

namespace tessera::fuzz {

void course_load(std::string_view input);
void record_jsonl(std::string_view input);
void manifest(std::string_view input);
void scenario_expression(std::string_view input);
void scenario_load(std::string_view input);
void twee(std::string_view input);
void item_scoring(std::string_view input);
void jcs(std::string_view input);
void jsonld(std::string_view input);
void rdfc(std::string_view input);
void data_integrity(std::string_view input);
void verifier(std::string_view input);
void status_list(std::string_view input);
void markdown(std::string_view input);
void unbake(std::string_view input);

namespace {
// Memory bounds (docs/limits.md): what does not grow with the input — the JSON-LD contexts, the strings
// catalogues, tables built once — and, where the input is compressed, the inflation cap three times over
// (the inflated text, its decoded copy, the value read from it).
constexpr std::size_t tables = 4u << 20;
constexpr std::size_t inflated = (4u << 20) + 3 * (16u << 20);
// RDFC-1.0's memory follows its work budget (rdfc::default_max_work hash steps, each path it tries kept
// until the step ends), not the input: a chain of 3,700 look-alike blank nodes in 128 KiB needs 33 MB.
constexpr std::size_t canonicalising = (4u << 20) + (96u << 20);
}  // namespace

// Each target with its memory bound: bytes of heap per byte of input (the measured worst of its large
// hostile inputs, scripts/lib/fuzz-large.mjs, with room to spare) and the allowance above.
const std::vector<Target>& targets() {
  static const std::vector<Target> all{
      {"course_load", course_load, {64, tables}},
      {"record_jsonl", record_jsonl, {64, tables}},
      {"manifest", manifest, {64, tables}},
      {"scenario_expression", scenario_expression, {64, tables}},
      {"scenario_load", scenario_load, {128, tables}},
      {"twee", twee, {128, tables}},
      {"item_scoring", item_scoring, {64, tables}},
      {"jcs", jcs, {64, tables}},
      {"jsonld", jsonld, {128, canonicalising}},
      {"rdfc", rdfc, {128, canonicalising}},
      {"data_integrity", data_integrity, {128, canonicalising}},
      {"verifier", verifier, {128, canonicalising}},
      {"status_list", status_list, {64, inflated}},
      {"markdown", markdown, {256, tables}},
      {"unbake", unbake, {64, inflated}},
  };
  return all;
}

const Target* find_target(std::string_view name) {
  for (const Target& target : targets()) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace tessera::fuzz
