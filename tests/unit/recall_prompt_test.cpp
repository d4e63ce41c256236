// Course-defined recall prompts (a module's "recallPrompts"): read and checked with pointers, cards beside the
// module's assessed items once it is complete, reviewed by {module, prompt, rating} events that replay, and
// shown on the review screen as a free-text card whose check shows the course's answer (docs/recall.md).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "session_support.hpp"
#include "tessera/course.hpp"
#include "tessera/datetime.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/view.hpp"

using nlohmann::json;
using tessera::session::ReviewRequest;
using tessera::session::Session;
using tessera::test::act_ok;
using tessera::test::finish_basics;
using tessera::test::golden_course_json;
using tessera::test::load_course;
using tessera::test::monday_9am_ms;

namespace {

// The golden course with two prompts in its first module ("basics"), one of them in English and French.
json with_prompts() {
  json course = golden_course_json();
  course["modules"][0]["recallPrompts"] =
      json::array({{{"id", "why-rule"}, {"prompt", "Why does the rule hold?"}, {"answer", "Because of the diagram."}},
                   {{"id", "name-parts"},
                    {"prompt", {{"en", "Name the two parts."}, {"fr", "Nommez les deux parties."}}},
                    {"answer", {{"en", "The head and the tail."}, {"fr", "La tête et la queue."}}}}});
  return course;
}

// The problems course.json gets with module 0's recallPrompts set to `prompts`.
std::vector<tessera::Problem> problems_with(const json& prompts) {
  json course = golden_course_json();
  course["modules"][0]["recallPrompts"] = prompts;
  return tessera::course::load(course.dump()).problems;
}

bool has_error(const std::vector<tessera::Problem>& problems, const std::string& where, const std::string& part) {
  for (const auto& p : problems) {
    if (p.where == where && p.message.find(part) != std::string::npos) return true;
  }
  return false;
}

json prompt_review(const char* module, const char* prompt, json rating, std::int64_t t) {
  return {{"type", "review"}, {"module", module}, {"prompt", prompt}, {"rating", std::move(rating)}, {"t", t}};
}

}  // namespace

TEST_CASE("recall prompts: read from a module, each with an id, a prompt and an answer", "[course][recall]") {
  const auto course = load_course(with_prompts());
  const auto& prompts = course->modules[0].recall_prompts;
  REQUIRE(prompts.size() == 2);
  CHECK(prompts[0].id == "why-rule");
  CHECK(prompts[0].answer.in("en", "en") == "Because of the diagram.");
  CHECK(prompts[1].prompt.in("fr", "en") == "Nommez les deux parties.");
  CHECK(course->modules[1].recall_prompts.empty());
}

TEST_CASE("recall prompts: a wrong prompt is refused with its pointer and how to fix it", "[course][recall]") {
  const std::string at = "/modules/0/recallPrompts";
  CHECK(has_error(problems_with(json::array({{{"prompt", "Q?"}, {"answer", "A."}}})), at + "/0",
                  "a recall prompt is missing the required field 'id'"));
  CHECK(has_error(problems_with(json::array({{{"id", "Bad Id"}, {"prompt", "Q?"}, {"answer", "A."}}})), at + "/0/id",
                  "id"));
  CHECK(has_error(problems_with(json::array({{{"id", "p"}, {"prompt", "Q?"}}})), at + "/0", "'answer'"));
  CHECK(has_error(problems_with(json::array({{{"id", "p"}, {"prompt", ""}, {"answer", "A."}}})), at + "/0/prompt",
                  "'prompt' must not be empty"));
  CHECK(has_error(problems_with(json::array({{{"id", "p"}, {"prompt", {{"fr", "Q ?"}}}, {"answer", "A."}}})),
                  at + "/0/prompt", "no text in the default language 'en'"));
  CHECK(has_error(problems_with(json::array({{{"id", "p"}, {"prompt", "Q?"}, {"answer", "A."}},
                                             {{"id", "p"}, {"prompt", "Q2?"}, {"answer", "A2."}}})),
                  at + "/1/id", "recall prompt id 'p' is already used at " + at + "/0/id"));
  CHECK(has_error(problems_with("not a list"), at, "array"));
  json many = json::array();
  for (int i = 0; i < 51; ++i) many.push_back({{"id", "p" + std::to_string(i)}, {"prompt", "Q?"}, {"answer", "A."}});
  CHECK(has_error(problems_with(many), at, "51 recall prompts; the limit is 50"));
}

TEST_CASE("recall prompts: cards beside the module's assessed items once it is complete; reviews replay",
          "[session][recall]") {
  const auto course = load_course(with_prompts());
  Session s = Session::open(course, {}).session;
  std::int64_t t = monday_9am_ms - 20000;
  CHECK(s.recall_cards().empty());
  // Not complete yet: a prompt's review is refused.
  const auto early = s.act(prompt_review("basics", "why-rule", 3, t += 1000));
  REQUIRE_FALSE(early.ok());
  CHECK(early.problems.front().message == "module 'basics' is not complete, so it has no recall cards yet");

  finish_basics(s, t);
  const auto cards = s.recall_cards();
  REQUIRE(cards.size() == 3);
  CHECK(cards[0].id() == "check-1/q1");
  CHECK(cards[1].id() == "basics:why-rule");
  CHECK(cards[1].block.empty());
  CHECK(cards[2].id() == "basics:name-parts");

  const auto outcome = s.act(prompt_review("basics", "why-rule", 3, monday_9am_ms));
  REQUIRE(outcome.ok());
  CHECK(outcome.event->type == "recall.reviewed");
  CHECK(outcome.event->payload == json{{"module", "basics"}, {"prompt", "why-rule"}, {"rating", 3}});
  // A first Good, as for an item's card: S0 = w2 = 2.3065, due in 3 days (recall_test.cpp, ts-fsrs).
  const auto card = s.recall_cards().at(1).state;
  CHECK(card.stability == 2.3065);
  CHECK(tessera::datetime::format(card.due) == "2026-01-08T09:00:00Z");
  CHECK(s.recall_cards().at(2).state.reps == 0);

  const auto replayed = Session::open(course, s.events());
  CHECK(replayed.problems.empty());
  CHECK(replayed.session.state() == s.state());

  const auto refused = [&](const json& action) {
    const auto refusal = s.act(action);
    REQUIRE_FALSE(refusal.ok());
    return refusal.problems.front().message;
  };
  CHECK(refused(prompt_review("basics", "nope", 3, t += 1000)) == "module 'basics' has no recall prompt 'nope'");
  CHECK(refused(prompt_review("elsewhere", "why-rule", 3, t += 1000)) == "module 'elsewhere' is not in this course");
  CHECK(refused(prompt_review("basics", "why-rule", 5, t += 1000)).find("rating") != std::string::npos);
  // A stored event with a block beside the prompt does not replay.
  const auto extra =
      tessera::record::next_event(&s.events().back(), "recall.reviewed", t += 1000,
                                  {{"module", "basics"}, {"prompt", "why-rule"}, {"rating", 3}, {"block", "check-1"}});
  auto events = s.events();
  events.push_back(extra);
  const auto mixed = Session::open(course, events);
  REQUIRE_FALSE(mixed.problems.empty());
  CHECK(mixed.problems.front().message == "event 'recall.reviewed' has an unexpected field 'block'");
}

TEST_CASE("recall prompts: the review screen shows a prompt as a free-text card and its check the course's answer",
          "[session][recall][review]") {
  const auto course = load_course(with_prompts());
  Session s = Session::open(course, {}).session;
  std::int64_t t = monday_9am_ms - 20000;
  finish_basics(s, t);
  act_ok(s, {{"type", "review"}, {"block", "check-1"}, {"item", "q1"}, {"rating", 3}, {"t", monday_9am_ms}});

  // The item's card is not due; the two prompts are, in course order.
  ReviewRequest request{monday_9am_ms + 60000, monday_9am_ms, 5, std::nullopt};
  auto screen = s.review_model(request, "fr");
  REQUIRE(screen);
  auto review = screen.value();
  REQUIRE(review.due.size() == 2);
  CHECK(review.due[0].card == "basics:why-rule");
  CHECK(review.due[1].prompt == "name-parts");
  CHECK(review.due[1].module_id == "basics");
  REQUIRE(review.item);
  CHECK(review.item->content == json{{"id", "why-rule"}, {"type", "free-text"}, {"prompt", "Why does the rule hold?"}});
  REQUIRE(review.actions.size() == 1);
  CHECK(review.actions[0].send == json{{"type", "check-recall"}, {"module", "basics"}, {"prompt", "why-rule"}});
  const json card = tessera::view::to_json(review)["card"];
  CHECK(card == json{{"card", "basics:why-rule"},
                     {"moduleId", "basics"},
                     {"prompt", "why-rule"},
                     {"module", review.due[0].module},
                     {"due", monday_9am_ms + 60000}});

  // Answered in French after 20 seconds: recorded, the course's answer in French, Good suggested (recalled, between
  // the quick and slow bounds of 10 and 30 seconds), the four ratings sent as prompt reviews.
  ReviewRequest::Answer answer;
  answer.module = "basics";
  answer.prompt = "name-parts";
  answer.answer = "la tête, la queue";
  answer.shown_at = monday_9am_ms + 40000;
  request.answered = answer;
  screen = s.review_model(request, "fr");
  REQUIRE(screen);
  review = screen.value();
  REQUIRE(review.result);
  CHECK(review.result->verdict == "recorded");
  REQUIRE(review.right_answer);
  CHECK(review.right_answer->label == "La réponse du cours");
  CHECK(review.right_answer->lines == std::vector<std::string>{"La tête et la queue."});
  CHECK(review.suggested == 3);
  REQUIRE(review.actions.size() == 4);
  CHECK(review.actions[3].send ==
        json{{"type", "review"}, {"module", "basics"}, {"prompt", "name-parts"}, {"rating", 4}});
  json good = review.actions[2].send;
  good["t"] = monday_9am_ms + 61000;
  act_ok(s, good);

  // Nothing written: unanswered, Again suggested. A prompt of no due card is refused with its pointer.
  answer.answer = "   ";
  request.answered = answer;
  request.answered->prompt = "why-rule";
  review = s.review_model(request, "en").value();
  CHECK(review.result->verdict == "unanswered");
  CHECK(review.suggested == 1);
  request.answered->prompt = "name-parts";  // reviewed just now: not due
  const auto refused = s.review_model(request, "en");
  REQUIRE_FALSE(refused);
  CHECK(refused.problems().front().where == "/answered");
  CHECK(refused.problems().front().message ==
        "prompt 'name-parts' of module 'basics' is not a recall card due for review");
}

TEST_CASE("recall prompts: a review request for a prompt names its module and prompt", "[session][recall][review]") {
  const auto read = tessera::session::read_review_request(
      json{{"now", 1}, {"started", 0}, {"answered", {{"prompt", ""}, {"answer", "x"}, {"shownAt", 0}}}});
  REQUIRE_FALSE(read);
  CHECK(read.problems().at(0).where == "/answered/module");
  CHECK(read.problems().at(1).where == "/answered/prompt");
  const auto ok = tessera::session::read_review_request(json{
      {"now", 1}, {"started", 0}, {"answered", {{"module", "m"}, {"prompt", "p"}, {"answer", "x"}, {"shownAt", 0}}}});
  REQUIRE(ok);
  CHECK(ok.value().answered->module == "m");
  CHECK(ok.value().answered->prompt == "p");
}
