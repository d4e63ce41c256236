// Recall cards from the record: a completed module's assessed items and its course-defined recall prompts become
// cards, and each recall.reviewed event moves one card's FSRS state (tessera/recall.hpp; docs/recall.md).
#include <algorithm>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

namespace {

std::string card_id(const std::string& block_id, const std::string& item_id) { return block_id + "/" + item_id; }

// The problem with a review's rating, if any: 1 Again, 2 Hard, 3 Good or 4 Easy.
std::optional<Problem> rating_problem(const json& payload, const std::string& where) {
  const auto rating = payload.find("rating");
  if (rating == payload.end() || !rating->is_number_integer() || rating->get<std::int64_t>() < 1 ||
      rating->get<std::int64_t>() > 4) {
    return error_at(where, "a review's rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)");
  }
  return std::nullopt;
}

std::string member_text(const json& payload, const char* member) {
  const auto found = payload.find(member);
  return found != payload.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Event times are Unix milliseconds; FSRS counts seconds (and days from them), rounded down.
std::int64_t unix_seconds(std::int64_t t_ms) { return t_ms >= 0 ? t_ms / 1000 : (t_ms - 999) / 1000; }

// The items of `attempts` that were submitted, in the order first drawn.
std::vector<std::string> assessed_items(const std::vector<Attempt>& attempts) {
  std::vector<std::string> items;
  for (const Attempt& attempt : attempts) {
    if (!attempt.submitted) continue;
    for (const std::string& item : attempt.items) {
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
    }
  }
  return items;
}

}  // namespace

bool Session::is_recall_card(std::size_t module_index, const std::string& block_id, const std::string& item_id) const {
  if (!module_complete(module_index)) return false;
  const auto attempts = state_.attempts.find(block_id);
  if (attempts == state_.attempts.end()) return false;
  const auto items = assessed_items(attempts->second);
  return std::find(items.begin(), items.end(), item_id) != items.end();
}

std::optional<Problem> Session::check_recall_review(const record::Event& event, const std::string& where,
                                                    std::size_t module_index, bool apply) {
  const std::string block_id = payload_block(event.payload);
  const auto item = event.payload.find("item");
  if (item == event.payload.end() || !item->is_string()) return error_at(where, "the review names no item");
  if (auto problem = rating_problem(event.payload, where)) return problem;
  const std::string& item_id = item->get_ref<const std::string&>();
  if (!module_complete(module_index)) {
    return error_at(where,
                    "module '" + course_->modules[module_index].id + "' is not complete, so it has no recall cards yet",
                    "complete the module first");
  }
  if (!is_recall_card(module_index, block_id, item_id)) {
    return error_at(where, "item '" + item_id + "' of block '" + block_id + "' is not a recall card",
                    "a card is an item drawn in a submitted attempt of the block, once its module is complete");
  }
  if (apply) apply_review(card_id(block_id, item_id), event);
  return std::nullopt;
}

void Session::apply_review(const std::string& card_id, const record::Event& event) {
  recall::Card& card = state_.recall[card_id];
  const auto rating = static_cast<recall::Rating>(event.payload.at("rating").get<int>());
  card = recall::review(card, rating, unix_seconds(event.t));
}

std::optional<Problem> Session::check_prompt_review(const record::Event& event, const std::string& where, bool apply) {
  const json& payload = event.payload;
  for (const auto& member : payload.items()) {
    if (member.key() != "module" && member.key() != "prompt" && member.key() != "rating") {
      return error_at(where, "event '" + event.type + "' has an unexpected field '" + member.key() + "'");
    }
  }
  const std::string module_id = member_text(payload, "module");
  const std::string prompt_id = member_text(payload, "prompt");
  const auto& modules = course_->modules;
  const auto module = std::find_if(modules.begin(), modules.end(), [&](const auto& m) { return m.id == module_id; });
  if (module == modules.end()) {
    return error_at(
        where, module_id.empty() ? "the review names no module" : "module '" + module_id + "' is not in this course",
        "a prompt's review names the module whose recallPrompts hold it");
  }
  const auto& prompts = module->recall_prompts;
  if (std::none_of(prompts.begin(), prompts.end(), [&](const auto& p) { return p.id == prompt_id; })) {
    return error_at(where, "module '" + module_id + "' has no recall prompt '" + prompt_id + "'",
                    "review one of the module's recallPrompts");
  }
  if (auto problem = rating_problem(payload, where)) return problem;
  if (!module_complete(static_cast<std::size_t>(module - modules.begin()))) {
    return error_at(where, "module '" + module_id + "' is not complete, so it has no recall cards yet",
                    "complete the module first");
  }
  if (apply) apply_review(RecallCard{{}, {}, {}, module_id, prompt_id}.id(), event);
  return std::nullopt;
}

std::vector<Session::RecallCard> Session::recall_cards() const {
  std::vector<RecallCard> cards;
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    if (!module_complete(m)) continue;
    for (const course::Block& block : course_->modules[m].blocks) {
      const auto attempts = state_.attempts.find(block.id);
      if (attempts == state_.attempts.end()) continue;
      for (const std::string& item : assessed_items(attempts->second)) {
        const auto state = state_.recall.find(card_id(block.id, item));
        cards.push_back({block.id, item, state == state_.recall.end() ? recall::Card{} : state->second});
      }
    }
    for (const course::RecallPrompt& prompt : course_->modules[m].recall_prompts) {
      RecallCard card{{}, {}, {}, course_->modules[m].id, prompt.id};
      const auto state = state_.recall.find(card.id());
      if (state != state_.recall.end()) card.state = state->second;
      cards.push_back(std::move(card));
    }
  }
  return cards;
}

}  // namespace tessera::session
