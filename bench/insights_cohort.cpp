// Writes a large cohort for the `tessera insights` benchmark (scripts/lib/insights-bench.mjs): a course of 8
// modules (6 text blocks and a 10-item check each) and LEARNERS records of 200 events, chained by the runtime's
// record format (RFC 8785 lines, BLAKE2b-256 prev hashes), answers drawn from each learner's ability with a fixed seed
// (the same files every run). usage: tessera_insights_cohort OUT_DIR LEARNERS        writes OUT_DIR/course/course.json,
// OUT_DIR/records/*.jsonl
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "tessera/crypto.hpp"

namespace {

using nlohmann::json;
constexpr int modules = 8;
constexpr int texts_per_module = 6;
constexpr int items_per_check = 10;

json check_items(int module) {
  json items = json::array();
  for (int i = 0; i < items_per_check; ++i) {
    items.push_back({{"id", "m" + std::to_string(module) + "q" + std::to_string(i)},
                     {"type", "single-choice"},
                     {"prompt", "Question"},
                     {"competencies", {"skill"}},
                     {"outcomes", {"o1"}},
                     {"choices",
                      {{{"id", "right"}, {"text", "R"}, {"correct", true}},
                       {{"id", "wrong"}, {"text", "W"}},
                       {{"id", "other"}, {"text", "O"}}}}});
  }
  return items;
}

json course_json() {
  json course = {
      {"format", 1},
      {"id", "bench-cohort"},
      {"version", "1.0.0"},
      {"defaultLanguage", "en"},
      {"languages", {"en"}},
      {"title", "Benchmark cohort"},
      {"summary", "Many learners."},
      {"audience", "Benchmarks."},
      {"level", "introductory"},
      {"estimatedMinutes", modules * 10},
      {"publisher", {{"name", "Bench"}, {"url", "https://example.org/"}}},
      {"governance", {{"maintainer", "Bench"}, {"reviewBy", "2099-01-01"}}},
      {"frameworks", {{{"id", "own"}, {"name", "Own"}, {"url", "https://example.org/f"}}}},
      {"competencies", {{{"id", "skill"}, {"framework", "own"}, {"code", "S-1"}, {"name", "Skill"}}}},
      {"outcomes",
       {{{"id", "o1"},
         {"statement", "Do."},
         {"verb", "apply"},
         {"condition", "Given"},
         {"criterion", "right"},
         {"competencies", {"skill"}}}}},
      {"credential", {{"name", "Done"}, {"description", "Did."}, {"criteria", "Finish."}, {"validityMonths", nullptr}}},
      {"modules", json::array()},
      {"assessments", json::array()}};
  for (int m = 0; m < modules; ++m) {
    json blocks = json::array();
    for (int b = 0; b < texts_per_module; ++b)
      blocks.push_back(
          {{"id", "m" + std::to_string(m) + "t" + std::to_string(b)}, {"type", "text"}, {"markdown", "Text."}});
    blocks.push_back(
        {{"id", "m" + std::to_string(m) + "check"}, {"type", "assessment"}, {"assessment", "c" + std::to_string(m)}});
    course["modules"].push_back(
        {{"id", "m" + std::to_string(m)}, {"title", "Module"}, {"estimatedMinutes", 10}, {"blocks", blocks}});
    course["assessments"].push_back(
        {{"id", "c" + std::to_string(m)}, {"kind", "summative"}, {"passMark", 0.5}, {"items", check_items(m)}});
  }
  return course;
}

// A record written straight as RFC 8785 JSON Lines (what record::to_json_line makes of these events: keys in
// order, no spaces), each line's prev the BLAKE2b-256 of the line before, through the one crypto layer. Writing
// the text directly, not through nlohmann::json, keeps 100,000 learners × 200 events to a minute or two.
class RecordWriter {
 public:
  explicit RecordWriter(std::int64_t start) : t_(start) {}
  void add(std::string_view type, const std::string& payload) {
    line_.clear();
    line_ += "{\"payload\":";
    line_ += payload;
    line_ += ",\"prev\":\"";
    line_ += prev_;
    line_ += "\",\"seq\":";
    line_ += std::to_string(++seq_);
    line_ += ",\"t\":";
    line_ += std::to_string(t_);
    line_ += ",\"type\":\"";
    line_ += type;
    line_ += "\"}";
    const auto digest = tessera::crypto::blake2b(tessera::crypto::as_bytes(std::string_view(line_)));
    prev_ = tessera::crypto::to_hex(tessera::crypto::ByteView(digest.data(), digest.size()));
    text_ += line_;
    text_ += '\n';
    t_ += 30'000;
  }
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  std::int64_t t_;
  std::uint64_t seq_ = 0;
  std::string prev_ = std::string(64, '0');
  std::string line_, text_;
};

std::string block_payload(const std::string& block) { return "{\"block\":\"" + block + "\"}"; }
std::string attempt_payload(const std::string& block) { return "{\"attempt\":1,\"block\":\"" + block + "\""; }

// One learner's 200 events, 30 seconds apart from `start`.
std::string learner_record(std::int64_t start, std::mt19937& random) {
  RecordWriter record(start);
  std::uniform_real_distribution<double> unit(0, 1);
  const double ability = unit(random);
  for (int m = 0; m < modules; ++m) {
    const std::string module = "m" + std::to_string(m);
    for (int b = 0; b < texts_per_module; ++b) {
      record.add("block.opened", block_payload(module + "t" + std::to_string(b)));
      record.add("block.completed", block_payload(module + "t" + std::to_string(b)));
    }
    const std::string block = module + "check";
    std::string items;
    for (int i = 0; i < items_per_check; ++i) items += (i ? ",\"" : "\"") + module + "q" + std::to_string(i) + "\"";
    record.add("block.opened", block_payload(block));
    record.add("attempt.started", attempt_payload(block) + ",\"items\":[" + items + "]}");
    for (int i = 0; i < items_per_check; ++i) {
      // Harder items later in each check: the chance of a right answer falls with the item's place.
      const bool right = unit(random) < ability + 0.5 - 0.08 * i;
      record.add("answer.submitted", attempt_payload(block) + ",\"item\":\"" + module + "q" + std::to_string(i) +
                                         "\",\"response\":{\"answer\":\"" + (right ? "right" : "wrong") + "\"}}");
    }
    record.add("attempt.submitted", attempt_payload(block) + "}");
  }
  return record.text();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: tessera_insights_cohort OUT_DIR LEARNERS\n", stderr);
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const long learners = std::strtol(argv[2], nullptr, 10);
  std::filesystem::create_directories(out / "course");
  std::filesystem::create_directories(out / "records");
  std::ofstream(out / "course" / "course.json") << course_json().dump(2);
  std::mt19937 random(20260101);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same cohort every run, on purpose
  for (long l = 0; l < learners; ++l) {
    char name[32];
    if (std::snprintf(name, sizeof name, "%06ld.jsonl", l) < 0) return 1;
    const std::string text = learner_record(1767225600000 + l * 1000, random);
    std::FILE* file = std::fopen((out / "records" / name).c_str(), "wb");
    if (!file || std::fwrite(text.data(), 1, text.size(), file) != text.size() || std::fclose(file) != 0) return 1;
  }
  return 0;
}
