// Review screen: a short recall session drawn from the runtime's review view (Session::review_model, the view
// the HTML review page draws): the card due, answered from memory and checked; its result, the right answer and
// the rating the runtime suggests beside the four ratings, each a `review` action through the one host path;
// the time left; and what was done when nothing more is due or the time is up (docs/recall.md).
#include <imgui.h>

#include <string>

#include "../platform.hpp"
#include "../player_app.hpp"
#include "tessera/view.hpp"

namespace tessera::player {

using nlohmann::json;

json PlayerApp::review_view(const json& answered) const {
  json request = {{"now", now_ms()}, {"started", review_started_}};
  if (!answered.is_null()) request["answered"] = answered;
  const auto read = session::read_review_request(request);
  if (!read) return json();
  const auto review = session_->review_model(read.value(), language_);
  return review ? view::to_json(review.value()) : json();
}

void PlayerApp::start_review() {
  review_started_ = now_ms();
  show_review(json());
  go(Screen::review);
}

void PlayerApp::show_review(const json& answered) {
  review_ = review_view(answered);
  if (answered.is_null()) review_shown_at_ = now_ms();  // a new card is on screen from now
  layout_frames_ = 0;
}

// The overview's card: how many recall cards are due, and the way into a review session.
void PlayerApp::draw_review_entry() {
  const json review = review_view(json());
  if (!review.is_object() || (review["due"].empty() && review["upcoming"].empty())) return;
  const json& words = review["words"];
  begin_card("review-entry");
  heading(words.value("recall.title", std::string("recall.title")));
  muted(review.value("dueText", std::string()));
  if (own_button("review-start", words.value("recall.title", std::string()), "nav", !review["due"].empty(),
                 Look::primary)) {
    start_review();
  }
  end_card();
}

void PlayerApp::draw_review() {
  const json review = review_;  // a copy: a rating below replaces review_ while this frame is drawn from it
  if (!review.is_object()) {
    muted(word("ui.loading"));
    return;
  }
  const json& words = review["words"];
  const auto said = [&](const char* key) { return words.value(key, std::string(key)); };
  heading(said("recall.title") + ": " + review.value("title", std::string()), true);
  muted(review.value("dueText", std::string()));
  if (review.value("finished", false)) {
    begin_card("review-finished");
    heading(review.value("finishedText", std::string()));
    if (own_button("review-done", word("ui.overview"), "nav", true, Look::primary)) go(Screen::overview);
    end_card();
    return;
  }
  countdown("review-time", said("recall.time-left") + ":", review.value("endsAt", std::int64_t{0}));
  const json& item = review["item"];
  const std::string key = "review/" + review["card"].value("card", std::string());
  const std::string draft_key = key + "/" + item.value("id", std::string());
  begin_card("review-card");
  heading(item.value("label", std::string()));
  if (!review.contains("result")) {
    muted(said("recall.your-answer"));
    draw_item(item, key, json::object());
    // The check is the review view's own action: it asks the view again with the answer, storing nothing.
    const json& check = review["actions"][0];
    if (draw_action("review-check", check)) {
      json answered = send_of(check);
      answered.erase("type");
      answered["answer"] = drafts_[draft_key].answer;
      answered["shownAt"] = review_shown_at_;
      show_review(answered);
    }
    end_card();
    return;
  }
  // The answer as given, no longer editable: the rating is what is asked now.
  ImGui::BeginDisabled();
  draw_item(item, key, json::object());
  ImGui::EndDisabled();
  draw_item_result(item, review["result"]);
  if (review.contains("rightAnswer")) {
    const json& right = review["rightAnswer"];
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s:", right.value("label", std::string()).c_str());
    ImGui::PopFont();
    for (const auto& line : right.value("lines", json::array())) ImGui::BulletText("%s", text_of(line).c_str());
    expose("review-right-answer", right.value("label", std::string()));
  }
  muted(review.value("suggestedText", std::string()));
  const json& ratings = review["actions"];
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    const json& action = ratings[i];
    if (i > 0) same_line_if_fits(action.value("label", std::string()), action.value("primary", false));
    action_button("rating-" + std::to_string(action.value("rating", 0)), action, {}, [this, draft_key] {
      drafts_.erase(draft_key);  // reviewed: met again later, it starts empty
      show_review(json());
    });
  }
  end_card();
}

}  // namespace tessera::player
