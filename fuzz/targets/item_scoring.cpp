// Fuzz target item_scoring: {"item": …, "answer": …, "certainty"?, "hintsUsed"?} through load_item and
// score_item.
#include "harness.hpp"
#include "tessera/assess.hpp"

namespace tessera::fuzz {

void item_scoring(std::string_view input) {
  const auto value = read_json(input, json_text::item_file);
  if (!value || !value->is_object() || !value->contains("item")) return;
  auto item = no_throw("assess::load_item", [&] { return assess::load_item(value->at("item"), "/item", "en"); });
  expect_clear(item, "assess::load_item");
  if (!item) return;
  assess::Response response;
  response.answer = value->value("answer", nlohmann::json());
  const auto small_int = [&](const char* name) {
    const auto it = value->find(name);
    return it != value->end() && it->is_number_integer() && it->get<std::int64_t>() >= -100 &&
                   it->get<std::int64_t>() <= 100
               ? static_cast<int>(it->get<std::int64_t>())
               : 0;
  };
  response.certainty = small_int("certainty");
  response.hints_used = small_int("hintsUsed");
  const auto result = no_throw("assess::score_item", [&] { return assess::score_item(item.value(), response); });
  expect_clear(result, "assess::score_item");
  if (result) {
    require(result.value().score <= result.value().max, "score_item gave more than the item's maximum");
  }
}

}  // namespace tessera::fuzz
