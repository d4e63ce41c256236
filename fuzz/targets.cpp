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

const std::vector<Target>& targets() {
  static const std::vector<Target> all{
      {"course_load", course_load, {1000, 64u << 20}},
      {"record_jsonl", record_jsonl, {1000, 64u << 20}},
      {"manifest", manifest, {1000, 64u << 20}},
      {"scenario_expression", scenario_expression, {1000, 64u << 20}},
      {"scenario_load", scenario_load, {1000, 64u << 20}},
      {"twee", twee, {1000, 64u << 20}},
      {"item_scoring", item_scoring, {1000, 64u << 20}},
      {"jcs", jcs, {1000, 64u << 20}},
      {"jsonld", jsonld, {1000, 64u << 20}},
      {"rdfc", rdfc, {1000, 64u << 20}},
      {"data_integrity", data_integrity, {1000, 64u << 20}},
      {"verifier", verifier, {1000, 64u << 20}},
      {"status_list", status_list, {1000, 64u << 20}},
      {"markdown", markdown, {1000, 64u << 20}},
      {"unbake", unbake, {1000, 64u << 20}},
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
