// Recall cards from the record: a completed module's assessed items become cards, and each recall.reviewed
// event moves one card's FSRS state (tessera/recall.hpp; docs/recall.md).
#include <algorithm>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

namespace {

std::string card_id(const std::string& block_id, const std::string& item_id) { return block_id + "/" + item_id; }

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
  const auto rating = event.payload.find("rating");
  if (rating == event.payload.end() || !rating->is_number_integer() || rating->get<std::int64_t>() < 1 ||
      rating->get<std::int64_t>() > 4) {
    return error_at(where, "a review's rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)");
  }
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
  if (apply) {
    recall::Card& card = state_.recall[card_id(block_id, item_id)];
    card = recall::review(card, static_cast<recall::Rating>(rating->get<int>()), unix_seconds(event.t));
  }
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
  }
  return cards;
}

}  // namespace tessera::session
