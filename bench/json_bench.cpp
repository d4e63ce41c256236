// Benchmarks of JSON work every later case builds on: parsing and serialising a course-sized document.
#include <nlohmann/json.hpp>
#include <string>

#include "harness.hpp"

namespace {

// A document shaped like a course package: modules of blocks with text, about 1 MB as JSON.
std::string make_course_like_document() {
  nlohmann::json modules = nlohmann::json::array();
  for (int m = 0; m < 200; ++m) {
    nlohmann::json blocks = nlohmann::json::array();
    for (int b = 0; b < 10; ++b) {
      blocks.push_back({{"id", "m" + std::to_string(m) + "-b" + std::to_string(b)},
                        {"type", "text"},
                        {"markdown", std::string(320, static_cast<char>('a' + (m + b) % 26))},
                        {"minutes", 2}});
    }
    modules.push_back({{"id", "module-" + std::to_string(m)}, {"blocks", blocks}});
  }
  return nlohmann::json{{"id", "bench-course"}, {"modules", modules}}.dump();
}

std::string document;
nlohmann::json parsed;

TESSERA_BENCH({.name = "json/parse-1MB",
               .setup = [] { document = make_course_like_document(); },
               .run =
                   [] {
                     parsed = nlohmann::json::parse(document);
                     tessera::bench::keep(&parsed);
                   }});

TESSERA_BENCH({.name = "json/dump-1MB",
               .setup = [] { parsed = nlohmann::json::parse(make_course_like_document()); },
               .run =
                   [] {
                     std::string out = parsed.dump();
                     tessera::bench::keep(out.data());
                   }});

}  // namespace
