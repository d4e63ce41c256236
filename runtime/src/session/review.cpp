// The review screen: the recall cards due, one answered from memory at a time, rated by the runtime from
// the answer and its response time, the learner free to pick another rating (docs/recall.md).
#include <algorithm>
#include <functional>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

namespace {

// A time in the request: Unix milliseconds within what JSON numbers carry exactly (as an action's `t`).
Result<std::int64_t> request_ms(const json& object, const char* member, const std::string& where) {
  const auto found = object.find(member);
  const std::string at = pointer_append(where, member);
  if (found == object.end()) return error_at(at, std::string("the review request has no ") + member);
  if (!found->is_number_integer() ||
      (found->is_number_unsigned() && found->get<std::uint64_t>() > record::max_safe_integer) ||
      (!found->is_number_unsigned() && std::abs(found->get<std::int64_t>()) > record::max_safe_integer)) {
    return error_at(at, std::string(member) + " must be a whole number", "pass the host's clock in Unix milliseconds");
  }
  return found->get<std::int64_t>();
}

std::string request_text(const json& object, const char* member) {
  const auto found = object.find(member);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// How much an answer recalled, from the view's verdict (an unscored item, e.g. a likert one, has no wrong
// answer: giving one is recalling it).
recall::Recalled recalled_from(const view::ItemFeedback& result) {
  if (result.verdict == "right" || result.verdict == "recorded") return recall::Recalled::fully;
  return result.verdict == "partly-right" ? recall::Recalled::partly : recall::Recalled::none;
}

// "Card 2 of 7": the card's place in this session.
std::string card_label(std::uint64_t reviewed, std::size_t total, const strings::Catalogue& words) {
  return words.text("recall.card", {{"number", words.integer(static_cast<std::int64_t>(reviewed + 1))},
                                    {"count", words.integer(static_cast<std::int64_t>(total))}});
}

// An action about `card`: an item's names its block and item, a prompt's its module and prompt.
json card_send(const char* type, const view::ReviewCard& card) {
  if (card.prompt.empty()) return {{"type", type}, {"block", card.block}, {"item", card.item}};
  return {{"type", type}, {"module", card.module_id}, {"prompt", card.prompt}};
}

const course::Module* find_module(const course::Course& c, const std::string& id) {
  const auto found =
      std::find_if(c.modules.begin(), c.modules.end(), [&](const course::Module& m) { return m.id == id; });
  return found == c.modules.end() ? nullptr : &*found;
}

// The course-defined prompt a card is (recall_cards() made the card from it, so it is there).
const course::RecallPrompt* find_prompt(const course::Course& c, const view::ReviewCard& card) {
  const auto& prompts = find_module(c, card.module_id)->recall_prompts;
  const auto found = std::find_if(prompts.begin(), prompts.end(), [&](const auto& p) { return p.id == card.prompt; });
  return found == prompts.end() ? nullptr : &*found;
}

// A prompt's card as the learner sees it: the prompt, and a free-text box to write what they recall.
view::Item prompt_item(const course::RecallPrompt& prompt, std::uint64_t reviewed, std::size_t total,
                       const std::string& language, const std::string& fallback, const strings::Catalogue& words) {
  view::Item item;
  item.content = {{"id", prompt.id}, {"type", "free-text"}, {"prompt", prompt.prompt.in(language, fallback)}};
  item.label = card_label(reviewed, total, words);
  return item;
}

// A prompt's answer is the learner's own words, checked by the learner against the course's answer: like an
// unscored item's, giving one is recalling it ("recorded"), and the learner lowers the rating when it was wrong.
view::ItemFeedback prompt_feedback(const json& answer, const strings::Catalogue& words) {
  view::ItemFeedback out;
  out.answered =
      answer.is_string() && answer.get_ref<const std::string&>().find_first_not_of(" \t\r\n") != std::string::npos;
  out.verdict = out.answered ? "recorded" : "unanswered";
  out.verdict_text = words.text("item.verdict." + out.verdict);
  return out;
}

const char* const rating_keys[] = {"recall.rating.again", "recall.rating.hard", "recall.rating.good",
                                   "recall.rating.easy"};

}  // namespace

Result<ReviewRequest> read_review_request(const json& request) {
  if (!request.is_object()) return error_at("", "a review request must be a JSON object");
  ReviewRequest out;
  std::vector<Problem> problems;
  auto take = [&](const json& object, const char* member, const std::string& where, std::int64_t& into) {
    auto read = request_ms(object, member, where);
    if (read) {
      into = read.value();
    } else {
      problems.insert(problems.end(), read.problems().begin(), read.problems().end());
    }
  };
  take(request, "now", "", out.now);
  take(request, "started", "", out.started);
  if (const auto minutes = request.find("minutes"); minutes != request.end()) {
    if (!minutes->is_number_integer() || minutes->get<std::int64_t>() < 1 || minutes->get<std::int64_t>() > 240) {
      problems.push_back(error_at("/minutes", "minutes must be a whole number from 1 to 240", "leave it out for 5"));
    } else {
      out.minutes = minutes->get<std::int64_t>();
    }
  }
  if (const auto answered = request.find("answered"); answered != request.end() && !answered->is_null()) {
    if (!answered->is_object()) {
      problems.push_back(error_at("/answered", "answered must be an object {block, item, answer, shownAt}"));
    } else {
      ReviewRequest::Answer answer{request_text(*answered, "block"),  request_text(*answered, "item"),
                                   answered->value("answer", json()), 0,
                                   request_text(*answered, "module"), request_text(*answered, "prompt")};
      if (answered->contains("prompt")) {  // a course-defined recall prompt: its module and prompt
        if (answer.module.empty())
          problems.push_back(error_at("/answered/module", "the answered prompt names no module"));
        if (answer.prompt.empty())
          problems.push_back(error_at("/answered/prompt", "the answered prompt names no prompt"));
      } else {
        if (answer.block.empty()) problems.push_back(error_at("/answered/block", "the answered card names no block"));
        if (answer.item.empty()) problems.push_back(error_at("/answered/item", "the answered card names no item"));
      }
      take(*answered, "shownAt", "/answered", answer.shown_at);
      out.answered = std::move(answer);
    }
  }
  if (!problems.empty()) return problems;
  return out;
}

Result<view::Review> Session::review_model(const ReviewRequest& request, const std::string& requested_language) const {
  const course::Course& c = *course_;
  const bool known = std::find(c.languages.begin(), c.languages.end(), requested_language) != c.languages.end();
  const std::string language = known ? requested_language : c.default_language;
  const strings::Catalogue& words = strings::Catalogue::for_language(language);

  view::Review r;
  r.interface = {words.language(), words.direction()};
  r.content = {language, strings::direction_of(language)};
  r.course = c.id;
  r.title = c.title.in(language, c.default_language);
  r.now = request.now;
  r.ends_at = request.started + request.minutes * 60 * 1000;
  r.words = chrome_words(words);
  for (const auto& [key, text] : words.entries().items()) {
    if (key.starts_with("recall.")) r.words[key] = words.text(key);
  }
  // Due: reviewed cards whose due time has come (the others are upcoming), then new cards (due since their module was
  // completed), in course order within each, longest overdue first.
  for (const RecallCard& card : recall_cards()) {
    const std::int64_t due_ms = card.state.reps == 0 ? request.now : card.state.due * 1000;
    const auto& module =
        card.prompt.empty() ? c.modules[compiled_->block_index.at(card.block).module] : *find_module(c, card.module);
    (due_ms > request.now ? r.upcoming : r.due)
        .push_back({card.id(), card.block, card.item, card.prompt, card.module,
                    module.title.in(language, c.default_language), due_ms});
  }
  const auto sooner = [](const view::ReviewCard& a, const view::ReviewCard& b) { return a.due < b.due; };
  std::stable_sort(r.due.begin(), r.due.end(), sooner);
  std::stable_sort(r.upcoming.begin(), r.upcoming.end(), sooner);
  r.due_text = r.due.empty()
                   ? words.text("recall.none-due")
                   : words.text("recall.due", {{"count", words.integer(static_cast<std::int64_t>(r.due.size()))}});
  r.reviewed = static_cast<std::uint64_t>(std::count_if(events_.begin(), events_.end(), [&](const record::Event& e) {
    return e.type == event_recall_reviewed && e.t >= request.started;
  }));

  auto show = [&](const view::ReviewCard& card) {
    const auto reviewed = static_cast<std::size_t>(r.reviewed);  // a record holds far fewer events than 2^32
    const std::size_t total = reviewed + r.due.size();
    r.card = card;
    if (!card.prompt.empty()) {
      r.item = prompt_item(*find_prompt(c, card), r.reviewed, total, language, c.default_language, words);
      return;
    }
    const auto& attempts = state_.attempts.at(card.block);
    const auto drawn = std::find_if(attempts.rbegin(), attempts.rend(), [&](const Attempt& a) {
      return a.submitted && std::find(a.items.begin(), a.items.end(), card.item) != a.items.end();
    });
    const assess::Assessment& assessment = *assessment_of(*compiled_->block_index.at(card.block).block);
    view::Item item =
        item_model(assessment, *assessment.find(card.item), reviewed, total, drawn->number, language, words);
    item.hints.clear();  // recalled from memory, so no hints
    item.label = card_label(r.reviewed, total, words);
    r.item = std::move(item);
  };

  if (request.answered) {
    const auto& answered = *request.answered;
    const auto found = std::find_if(r.due.begin(), r.due.end(), [&](const view::ReviewCard& card) {
      return card.block == answered.block && card.item == answered.item && card.module_id == answered.module &&
             card.prompt == answered.prompt;
    });
    if (found == r.due.end()) {
      const std::string which = answered.prompt.empty()
                                    ? "item '" + answered.item + "' of block '" + answered.block + "'"
                                    : "prompt '" + answered.prompt + "' of module '" + answered.module + "'";
      return error_at("/answered", which + " is not a recall card due for review",
                      "answer the card the review screen shows");
    }
    show(*found);
    if (found->prompt.empty()) {
      const assess::Assessment& assessment = *assessment_of(*compiled_->block_index.at(found->block).block);
      r.result = item_feedback(*assessment.find(found->item), json{{"answer", answered.answer}}, language, words);
      r.result->your_answer.reset();  // the card shows the answer as given, just above its result
      r.right_answer = right_answer(*assessment.find(found->item), c, language, words);
    } else {
      const course::RecallPrompt& prompt = *find_prompt(c, *found);
      r.result = prompt_feedback(answered.answer, words);
      r.right_answer =
          view::RightAnswer{words.text("recall.prompt-answer"), {prompt.answer.in(language, c.default_language)}};
    }
    const recall::Rating suggested = recall::suggest_rating(recalled_from(*r.result), request.now - answered.shown_at);
    r.suggested = static_cast<int>(suggested);
    const std::int64_t seconds = std::max<std::int64_t>(0, (request.now - answered.shown_at) / 1000);
    r.suggested_text = words.text("recall.suggested", {{"rating", words.text(rating_keys[r.suggested - 1])},
                                                       {"verdict", r.result->verdict_text},
                                                       {"count", words.integer(seconds)}});
    for (int rating = 1; rating <= 4; ++rating) {
      view::Action a;
      a.send = card_send("review", *found);
      a.send["rating"] = rating;
      a.label = words.text(rating_keys[rating - 1]);
      a.primary = rating == r.suggested;
      r.actions.push_back(std::move(a));
    }
    return r;
  }
  if (r.due.empty() || (request.started > 0 && request.now >= r.ends_at)) {
    r.finished = true;
    const std::string done =
        words.text("recall.reviewed", {{"count", words.integer(static_cast<std::int64_t>(r.reviewed))}});
    r.finished_text =
        r.due.empty() ? done + " " + words.text("recall.none-due") : words.text("recall.time-up") + " " + done;
    return r;
  }
  show(r.due.front());
  view::Action check;
  check.send = card_send("check-recall", r.due.front());
  check.label = words.text("recall.check");
  check.primary = true;
  r.actions.push_back(std::move(check));
  return r;
}

}  // namespace tessera::session
