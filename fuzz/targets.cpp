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
      {"course_load", course_load},
      {"record_jsonl", record_jsonl},
      {"manifest", manifest},
      {"scenario_expression", scenario_expression},
      {"scenario_load", scenario_load},
      {"twee", twee},
      {"item_scoring", item_scoring},
      {"jcs", jcs},
      {"jsonld", jsonld},
      {"rdfc", rdfc},
      {"data_integrity", data_integrity},
      {"verifier", verifier},
      {"status_list", status_list},
      {"markdown", markdown},
      {"unbake", unbake},
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
