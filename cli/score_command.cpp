// `tessera score ITEM.json RESPONSE.json [--json]`: scores one response to one item, as the runtime would,
// and prints score, maximum and feedback — for authors trying out their items.
// RESPONSE.json is {"answer": …, "certainty"?: 1-3, "hintsUsed"?: n}, or the bare answer.
// Exit 0: scored; 1: the item or the response is refused (the problem says where); 2: wrong use.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/assess.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

int score_command(Args args) {
  constexpr const char* usage = "usage: tessera score ITEM.json RESPONSE.json [--json]";
  std::vector<std::string> positional;
  bool as_json = false;
  for (char* arg : args) {
    if (std::string_view(arg) == "--json") {
      as_json = true;
    } else if (arg[0] == '-') {
      std::fprintf(stderr, "tessera score: unknown option '%s'\n%s\n", arg, usage);
      return 2;
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() != 2) {
    std::fprintf(stderr, "%s\n", usage);
    return 2;
  }
  std::string item_text;
  std::string response_text;
  for (const auto& [path, text] : {std::pair{&positional[0], &item_text}, std::pair{&positional[1], &response_text}}) {
    if (!read_file(*path, *text)) {
      std::fprintf(stderr, "tessera score: cannot read %s\n", path->c_str());
      return 2;
    }
  }
  auto report = [&](const std::string& file, const std::vector<Problem>& problems) {
    print_problems(stderr, file, problems);
    return 1;
  };
  const auto item_json = nlohmann::json::parse(item_text, nullptr, false);
  if (item_json.is_discarded()) return report(positional[0], {error_at("/", "the item is not valid JSON")});
  const auto item = assess::load_item(item_json, "", item_json.value("language", std::string("en")));
  if (!item) return report(positional[0], item.problems());
  const auto response_json = nlohmann::json::parse(response_text, nullptr, false);
  if (response_json.is_discarded()) return report(positional[1], {error_at("/", "the response is not valid JSON")});
  assess::Response response;
  const bool wrapped = response_json.is_object() && response_json.contains("answer");
  response.answer = wrapped ? response_json["answer"] : response_json;
  if (wrapped) {
    response.certainty = response_json.value("certainty", 0);
    response.hints_used = response_json.value("hintsUsed", 0);
  }
  const auto result = assess::score_item(item.value(), response);
  if (!result) return report(positional[1], result.problems());
  const auto& r = result.value();
  if (as_json) {
    std::printf("%s\n", nlohmann::ordered_json{{"item", item.value().id}, {"score", r.score.to_string()},
                                               {"max", r.max.to_string()}, {"correct", r.correct},
                                               {"feedback", r.feedback}}.dump(2).c_str());
  } else {
    std::printf("%s: %s of %s%s\n", utf8::printable(item.value().id).c_str(), r.score.to_string().c_str(),
                r.max.to_string().c_str(), r.correct ? " (correct)" : "");
    for (const auto& line : r.feedback) std::printf("  %s\n", utf8::printable(line).c_str());
  }
  return 0;
}

}  // namespace tessera::cli
