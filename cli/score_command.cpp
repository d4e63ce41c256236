// `tessera score ITEM.json RESPONSE.json [--json]`: scores one response to one item, as the runtime would,
// and prints score, maximum and feedback — for authors trying out their items.
// RESPONSE.json is {"answer": …, "certainty"?: 1-3, "hintsUsed"?: n}, or the bare answer.
// Exit 0: scored; 1: the item or the response is refused (the problem says where); 2: wrong use.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/assess.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace {

// RESPONSE.json: {"answer": …, "certainty"?: 1-3, "hintsUsed"?: n} or the bare answer. The counts are
// checked here, as the session checks a stored response, because Response holds them as int.
Result<assess::Response> read_response(const nlohmann::json& value) {
  assess::Response response;
  if (!value.is_object() || !value.contains("answer")) {
    response.answer = value;
    return response;
  }
  response.answer = value["answer"];
  for (const auto& [name, count] :
       {std::pair{"certainty", &response.certainty}, std::pair{"hintsUsed", &response.hints_used}}) {
    const auto member = value.find(name);
    if (member == value.end()) continue;
    if (!member->is_number_integer() || member->get<std::int64_t>() < 0 || member->get<std::int64_t>() > 100) {
      return error_at(std::string("/") + name, std::string("\"") + name + "\" must be a whole number from 0 to 100",
                      "certainty is 1, 2 or 3; hintsUsed counts the hints shown");
    }
    *count = member->get<int>();
  }
  return response;
}

}  // namespace

int score_command(Args args) {
  static const CommandLine line{.command = "score",
                                .usage = "tessera score ITEM.json RESPONSE.json [--json]",
                                .positional = {"ITEM.json", "RESPONSE.json"},
                                .flags = {"--json"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const bool as_json = parsed->flag("--json");
  const std::vector<std::string>& positional = parsed->positional;
  JsonFile item_file = read_json_file(positional[0], "score", json_text::item_file);
  if (!item_file.value) return item_file.exit_code;
  JsonFile response_file = read_json_file(positional[1], "score", json_text::item_file);
  if (!response_file.value) return response_file.exit_code;
  auto report = [&](const std::string& file, const std::vector<Problem>& problems) {
    print_problems(stderr, "tessera score: " + file, problems);
    return 1;
  };
  const nlohmann::json& item_json = *item_file.value;
  const auto language = item_json.is_object() ? item_json.find("language") : item_json.end();
  if (language != item_json.end() && !language->is_string()) {
    return report(positional[0], {error_at("/language", "\"language\" must be a language tag such as \"en\"")});
  }
  const auto item = assess::load_item(item_json, "", language != item_json.end() ? language->get<std::string>() : "en");
  if (!item) return report(positional[0], item.problems());
  const auto response = read_response(*response_file.value);
  if (!response) return report(positional[1], response.problems());
  const auto result = assess::score_item(item.value(), response.value());
  if (!result) return report(positional[1], result.problems());
  const auto& r = result.value();
  if (as_json) {
    std::printf("%s\n", nlohmann::ordered_json{{"item", item.value().id},
                                               {"score", r.score.to_string()},
                                               {"max", r.max.to_string()},
                                               {"correct", r.correct},
                                               {"feedback", r.feedback}}
                            .dump(2)
                            .c_str());
  } else {
    std::printf("%s: %s of %s%s\n", utf8::printable(item.value().id).c_str(), r.score.to_string().c_str(),
                r.max.to_string().c_str(), r.correct ? " (correct)" : "");
    for (const auto& feedback : r.feedback) std::printf("  %s\n", utf8::printable(feedback).c_str());
  }
  return 0;
}

}  // namespace tessera::cli
