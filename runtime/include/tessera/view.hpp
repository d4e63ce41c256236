// The view model: everything a player needs to draw one screen and nothing it must work out — made by the
// session for a language (Session::view_model), written to JSON by one serialiser (to_json), described by
// docs/view.schema.json. Players draw it and send back an action's `send` with the learner's input added.
//
// Typed here: every decision a player would otherwise repeat (the actions with their labels and enabled
// states, deadlines, per-item feedback, hints, certainty, progress and result wording, completion, the
// languages and directions). Authored content (a block's Markdown, an item's prompt and choices, a scenario
// node's text) travels as the course wrote it, in the view's language: `content` members.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tessera::view {

// Language and direction of a run of text: the interface's (the strings catalogue) or the content's.
struct Locale {
  std::string lang;  // BCP 47
  std::string dir;   // "ltr" | "rtl"
  bool operator==(const Locale&) const = default;
};

// One thing the learner can do on this screen.
// A question a player asks before it sends an action that cannot be undone while something is missing
// ("2 of 5 questions have no answer…"), with the words of its two answers.
struct Confirm {
  std::string text, accept, cancel;
  bool operator==(const Confirm&) const = default;
};

struct Action {
  nlohmann::json send;   // what the player sends back: {type, block, …} plus the learner's input
  std::string label;     // in the interface language
  bool primary = false;  // the step the screen leads to
  bool enabled = true;
  std::string reason;                        // why not, when disabled (or until available_at)
  std::optional<std::int64_t> available_at;  // Unix ms: disabled with `reason` until then; the player counts down
  std::optional<Confirm> confirm;            // ask this first; send only when the learner accepts
  bool operator==(const Action&) const = default;
};

// A time the player counts down to, and what happens when it passes.
struct Deadline {
  std::string kind;  // "time-limit" | "next-attempt" | "scenario-node"
  std::string block;
  std::int64_t at = 0;                    // Unix ms
  std::string label;                      // what is counted down ("Time left for this attempt")
  std::string then;                       // what happens at `at`, as a sentence
  std::optional<nlohmann::json> on_pass;  // the action a player sends when it passes (none: it only enables)
  bool operator==(const Deadline&) const = default;
};

// A hint of an item: its text is shown once asked for; each costs a share of the item's marks.
struct Hint {
  nlohmann::json text;  // authored content
  std::string cost;     // fraction of the item's marks, e.g. "1/4"
  std::string label;    // "Hint 1 of 2"
  std::string offer;    // the button that reveals it: "Show a hint (costs 25% …)"
  bool operator==(const Hint&) const = default;
};

struct Choice {
  int value = 0;
  std::string label;
  bool operator==(const Choice&) const = default;
};

// An answer written out: the right one (of a recall card once checked, of an item after a wrong answer) or the
// learner's own; lines of the item's own text in the content language ("Paris"; "1. Read the problem"; "Gap 2:
// pointer").
struct RightAnswer {
  std::string label;               // "The right answer"
  std::vector<std::string> lines;  // authored content, plain text
  bool operator==(const RightAnswer&) const = default;
};

// The result of one answered (or, after submitting, unanswered) item.
struct ItemFeedback {
  std::string verdict;  // "right" | "partly-right" | "wrong" | "unanswered" | "recorded"
  std::string verdict_text;
  bool answered = false;
  std::optional<bool> correct;              // scored items only
  std::optional<std::string> score, max;    // fractions, scored items only
  std::string score_text;                   // "1 of 2 marks"; empty for unscored items
  std::vector<nlohmann::json> lines;        // the feedback texts, authored content
  std::optional<RightAnswer> your_answer;   // what the learner gave, in words, when it was not right
  std::optional<RightAnswer> right_answer;  // after a wrong answer, where the assessment may show it (docs/scoring.md)
  bool operator==(const ItemFeedback&) const = default;
};

// One item of the open or last attempt, as the learner may see it (never the answer key).
struct Item {
  nlohmann::json content;  // id, type, prompt, choices… (the members a learner may see)
  std::string label;       // "Question 2 of 5"
  std::vector<Hint> hints;
  std::vector<Choice> certainty;  // certainty-based marking: the levels to pick from
  bool operator==(const Item&) const = default;
};

// The open attempt, or the last one.
struct Attempt {
  std::uint64_t number = 0;
  bool submitted = false;
  std::vector<Item> items;
  std::vector<std::string> answered;                           // item ids with an answer
  std::map<std::string, nlohmann::json> responses;             // item id → the learner's latest response
  std::optional<std::map<std::string, ItemFeedback>> results;  // item id → feedback, once feedback is due
  std::int64_t started_at = 0;
  std::optional<std::int64_t> ends_at;    // open attempt under a time limit
  std::optional<std::string> score, max;  // once submitted
  std::optional<bool> passed;
  std::string result_text;          // "Passed" / "Not passed yet"
  std::string score_text;           // "Your score: 4 of 5"
  nlohmann::json review = nullptr;  // per competency, once submitted (each with its `text`)
  bool operator==(const Attempt&) const = default;
};

// A module a pre-test may let the learner skip: what it takes and, once an attempt is submitted, what happened
// ("Skipped: you showed …" / "Not skipped: … is not shown yet").
struct TestOut {
  std::string module, title;
  std::optional<bool> skipped;  // once an attempt is submitted
  std::string text;
  bool operator==(const TestOut&) const = default;
};

struct Assessment {
  std::string id;
  std::string kind;  // "pre" | "formative" | "summative"
  std::optional<std::string> pass_mark;
  std::string pass_mark_text;
  std::size_t attempts_taken = 0;
  std::optional<std::size_t> attempts_left;
  std::string attempts_text;  // "2 attempts left" / "Unlimited attempts"
  std::string feedback;       // "immediate" | "after-submission"
  std::optional<std::int64_t> time_limit_minutes;
  std::string time_limit_text;
  std::optional<std::int64_t> wait_minutes;
  std::optional<std::int64_t> next_attempt_at;
  std::optional<Attempt> attempt;
  std::vector<TestOut> tests_out;  // pre-tests: the modules they may skip
  std::string error;               // set when the assessment could not be loaded
  bool operator==(const Assessment&) const = default;
};

struct Progress {
  std::size_t required = 0;
  std::size_t completed = 0;
  std::size_t percent = 0;
  std::string text;          // "3 of 10 required steps done"
  std::string percent_text;  // "30% complete"
  bool operator==(const Progress&) const = default;
};

// A skill the learner showed mastery of, for the completion moment: the competency's name, and the level a
// scenario ending gave it (empty when none did).
struct Skill {
  std::string id;
  std::string name;
  std::string level;
  std::string text;  // "name — level", or the name alone
  bool operator==(const Skill&) const = default;
};

struct Completion {
  bool complete = false;
  std::string text;             // "Course complete" / "Course in progress"
  std::string waiting_on;       // what must still be passed, as a sentence; empty when nothing
  std::string earns;            // what finishing earns (or has earned)
  std::string include_private;  // the label of the learner's choice to include private answers
  // The completion moment (empty until complete): the credential earned, each must-pass assessment's score
  // as a sentence ("Final assessment: 7 of 8 (88%)"), and the skills shown, under their heading.
  std::string credential;       // course.json credential.name, in the content language
  std::string credential_text;  // "Your credential: …"
  std::vector<std::string> scores;
  std::string skills_text;  // "Skills you showed"; empty when there are none
  std::vector<Skill> skills;
  bool operator==(const Completion&) const = default;
};

// How the course works, said once on a learner's first open of it (nothing done yet, at the first block): its
// modules and time, that practice checks do not count, the final assessment and its pass mark, and the
// credential it earns. `lines` are those facts as sentences of the interface language; the members beside
// them are the same facts as numbers, for a player's layout and for tests.
struct WelcomeFinal {
  std::string block;            // the assessment's block
  std::string title;            // as the outline names it, in the content language
  std::string pass_mark;        // a fraction, e.g. "4/5"
  std::optional<int> attempts;  // none: unlimited
  bool operator==(const WelcomeFinal&) const = default;
};

struct Welcome {
  std::string heading;             // "Welcome to Spotting phishing"
  std::vector<std::string> lines;  // one sentence per fact, in the order above
  std::size_t modules = 0;
  std::int64_t estimated_minutes = 0;
  std::size_t practice_checks = 0;     // formative assessments
  std::vector<WelcomeFinal> finals;    // the assessments completion requires passing
  std::string credential;              // its name, in the content language; empty when the course names none
  std::optional<int> validity_months;  // none: does not expire
  bool operator==(const Welcome&) const = default;
};

// The block the learner is at.
struct Current {
  nlohmann::json content;  // the block as authored, in the content language
  std::string module;
  std::string type_name;                // "Reading", "Practice check", …
  std::optional<nlohmann::json> saved;  // {text} of a reflection, {answers} of a survey
  std::optional<Assessment> assessment;
  std::optional<nlohmann::json> scenario;  // node, choices, meters with history, ending
  std::optional<nlohmann::json> project;   // status, draft, self-check, submission, reviews, decision
  bool operator==(const Current&) const = default;
};

struct OutlineBlock {
  std::string id;
  std::string type;
  std::string type_name;
  std::optional<nlohmann::json> title;
  std::string status;  // "new" | "opened" | "complete"
  std::string status_text;
  Action open;  // going to the block from the outline
  bool operator==(const OutlineBlock&) const = default;
};

struct OutlineModule {
  std::string id;
  std::string title;
  std::int64_t estimated_minutes = 0;
  std::string status;  // "locked" | "open" | "complete"
  std::string status_text;
  std::size_t completed_blocks = 0;
  std::vector<OutlineBlock> blocks;
  bool operator==(const OutlineModule&) const = default;
};

struct View {
  Locale interface;  // the words of the players' chrome
  Locale content;    // the course's text
  std::string course, version, title;
  std::uint64_t events = 0;
  std::string position;
  bool complete = false;
  std::vector<std::string> waiting_on;
  Progress progress;
  std::int64_t time_on_task_seconds = 0;
  std::string time_on_task_text;
  Completion completion;
  std::optional<Welcome> welcome;  // on a first open only
  std::vector<OutlineModule> modules;
  std::optional<Current> current;
  std::optional<std::string> previous, next;  // neighbouring block ids, in course order
  std::vector<Action> actions;
  std::vector<Deadline> deadlines;
  std::map<std::string, std::string> words;     // the chrome's other words (catalogue keys "ui.*", …)
  nlohmann::json attempts, scenarios, mastery;  // per-block and per-competency summaries
  bool operator==(const View&) const = default;
};

// A recall card due for review (Session::review_model).
struct ReviewCard {
  std::string card;  // "BLOCK/ITEM", or "MODULE:PROMPT" for a course-defined recall prompt
  std::string block, item;
  std::string prompt;  // a prompt's id (block and item are then empty; module_id names its module)
  std::string module_id;
  std::string module;    // the title of the module it comes from, in the content language
  std::int64_t due = 0;  // Unix ms; a card never reviewed is due when the review is asked for
  bool operator==(const ReviewCard&) const = default;
};

// The review screen (docs/recall.md): the cards due, the one to answer from memory now, and once it is
// answered its result, the rating the runtime suggests and the four ratings to choose from.
struct Review {
  Locale interface;
  Locale content;
  std::string course, title;
  std::int64_t now = 0;
  std::int64_t ends_at = 0;                 // the session's time is up then (Unix ms)
  std::vector<ReviewCard> due;              // every card due at `now`, longest overdue first
  std::string due_text;                     // "3 cards due for review" / "Nothing is due for review."
  std::vector<ReviewCard> upcoming;         // every card reviewed and not yet due, soonest first (for a calendar)
  std::uint64_t reviewed = 0;               // reviews recorded since the session started
  std::optional<ReviewCard> card;           // the card to answer, or the one just answered
  std::optional<Item> item;                 // its item as the learner sees it (no answer key, no hints)
  std::optional<ItemFeedback> result;       // once answered
  std::optional<RightAnswer> right_answer;  // once answered, for scored items whose answer can be written out
  int suggested = 0;                        // 1–4 once answered
  std::string suggested_text;
  bool finished = false;  // nothing due, or the time is up
  std::string finished_text;
  std::vector<Action> actions;  // "check-recall" (to review_model with the answer) or the four "review"s
  std::map<std::string, std::string> words;
  bool operator==(const Review&) const = default;
};

// The one serialiser: the JSON every player and test reads (docs/view.schema.json).
[[nodiscard]] nlohmann::json to_json(const View& view);
[[nodiscard]] nlohmann::json to_json(const Action& action);
[[nodiscard]] nlohmann::json to_json(const Review& review);

}  // namespace tessera::view
