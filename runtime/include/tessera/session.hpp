// The one session API every player, the verifier and the tests use: Session = fold(course, events).
// open() replays a record; view() says what to show and which actions are allowed; act() checks an action,
// returns the event the host must persist and the new view — or problems, and then nothing changed.
//
// Assessments: attempts are events (started with the seeded draw, answers, submitted); scores are folded
// from the answers by tessera/assess.hpp, never stored, so the verifier re-scores the same evidence.
//
// Does NOT: store events (the host writes each returned event before showing the new view), read a clock
// (every action carries its time "t" in Unix milliseconds). Scenario blocks run through tessera/scenario.hpp
// (session/scenario_actions.cpp): their steps are events, their runs folded from them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tessera/assess.hpp"
#include "tessera/assessment.hpp"
#include "tessera/course.hpp"
#include "tessera/mastery.hpp"
#include "tessera/problem.hpp"
#include "tessera/project.hpp"
#include "tessera/recall.hpp"
#include "tessera/record.hpp"
#include "tessera/scenario.hpp"
#include "tessera/strings.hpp"
#include "tessera/view.hpp"

namespace tessera::session {

// Idle gaps longer than this count as this much time on task (the learner walked away).
inline constexpr std::int64_t idle_cap_ms = std::int64_t{5} * 60 * 1000;

struct BlockProgress {
  bool opened = false;
  bool completed = false;
  bool operator==(const BlockProgress&) const = default;
};

// One attempt at an assessment block, as the events tell it; scores are folded from the answers, never
// stored in the record, so a verifier re-scores the same evidence.
struct Attempt {
  std::uint64_t number = 0;
  std::vector<std::string> items;                       // drawn from the record's seed, in presentation order
  std::map<std::string, nlohmann::json> answers;        // item id → latest response {answer, certainty?, hintsUsed?}
  std::map<std::string, nlohmann::json> first_answers;  // item id → the first response (mastery's evidence)
  std::int64_t started_t = 0;                           // event times: time limits and waits are judged by them
  std::int64_t submitted_t = 0;
  std::uint64_t submitted_seq = 0;  // orders attempts across assessments, for mastery
  bool submitted = false;
  std::map<std::string, assess::Fraction> item_scores;  // once submitted
  std::map<std::string, assess::Fraction> item_max;
  std::map<std::string, bool> item_correct;
  assess::Fraction score;
  assess::Fraction max;
  bool passed = false;
  bool operator==(const Attempt&) const = default;
};

// A project block as the events tell it (docs/projects.md): the saved draft, the learner's own check against the
// rubric, the signed submission, and the reviews accepted for it (checked again on every replay).
struct ProjectProgress {
  nlohmann::json draft = nullptr;                 // the latest saved work
  std::map<std::string, std::string> self_check;  // criterion id → level id the learner judged their work at
  std::optional<project::Submission> submission;  // the latest submission
  std::uint64_t submissions = 0;
  std::vector<project::Review> reviews;  // of the latest submission
  bool operator==(const ProjectProgress& other) const {
    const auto digest = [](const std::optional<project::Submission>& s) { return s ? s->digest : std::string(); };
    return draft == other.draft && self_check == other.self_check && digest(submission) == digest(other.submission) &&
           submissions == other.submissions && reviews == other.reviews;
  }
};

// Everything the record says, folded. Derived again from the events whenever a session opens.
struct State {
  std::string position;                                  // id of the block the learner is at ("" before any)
  std::map<std::string, BlockProgress> blocks;           // by block id
  std::map<std::string, std::string> reflections;        // block id → the learner's private text
  std::map<std::string, nlohmann::json> surveys;         // block id → answers
  std::map<std::string, std::vector<Attempt>> attempts;  // assessment block id → its attempts, in order
  // Scenario block id → its run (current node, variables, meters, path, score, level and the competencies
  // its outcome demonstrated), started when the block is first opened.
  std::map<std::string, scenario::Run> scenarios;
  // Recall card ("BLOCK/ITEM") → its FSRS state after the learner's recall reviews (docs/recall.md).
  std::map<std::string, recall::Card> recall;
  std::map<std::string, ProjectProgress> projects;  // project block id → its progress
  std::string record_id;                            // hash of the first event: seeds the draws
  std::int64_t first_t = 0;
  std::int64_t last_t = 0;
  std::int64_t time_on_task_ms = 0;
  std::uint64_t events = 0;
  bool operator==(const State&) const = default;
};

struct ActOutcome;

// What the host asks the review screen for (Session::review_model; docs/recall.md): its clock now, when
// the review session started, how long it lasts, and the card just answered from memory, if any.
struct ReviewRequest {
  std::int64_t now = 0;      // Unix ms
  std::int64_t started = 0;  // Unix ms
  std::int64_t minutes = 5;
  struct Answer {
    std::string block, item;         // an item's card
    nlohmann::json answer;           // in the item type's shape (docs/scoring.md); a prompt's: the text recalled
    std::int64_t shown_at = 0;       // Unix ms: when the card was shown
    std::string module{}, prompt{};  // a course-defined recall prompt's card (then block and item are empty)
  };
  std::optional<Answer> answered;  // answered at `now`
};

// A review request as the bindings receive it: {now, started, minutes?, answered?: {block, item, answer,
// shownAt} or {module, prompt, answer, shownAt}}; problems point at the member that is wrong ("/answered/shownAt").
[[nodiscard]] Result<ReviewRequest> read_review_request(const nlohmann::json& request);

class Session {
 public:
  // Replays `events` (already chain-checked or not: open() checks the chain itself). Events up to the first
  // broken or disallowed one are kept; that one and everything after are reported (where = "seq N") and
  // left out of the state, so nothing recorded before it is lost.
  struct Opened;
  [[nodiscard]] static Opened open(std::shared_ptr<const course::Course> course, std::vector<record::Event> events);

  // The view model (tessera/view.hpp) for `language` (the course's default when it has no such language):
  // the outline, the current block, every action offered with its label, deadlines, feedback, wording.
  [[nodiscard]] view::View view_model(const std::string& language = {}) const;
  [[nodiscard]] nlohmann::json view(const std::string& language = {}) const;  // to_json(view_model(language))

  // The host path (docs/runtime-api.md): propose() checks one action and returns the event to persist with
  // the view as it will be once that event is committed — or problems — and changes nothing. The host
  // stores the event durably, then commit()s it; only then has the session moved. commit() refuses an
  // event that does not follow the session's last one (another proposal was committed first).
  [[nodiscard]] ActOutcome propose(const nlohmann::json& action, const std::string& language = {}) const;
  [[nodiscard]] std::vector<Problem> commit(const record::Event& event);
  // propose() then commit() at once, for hosts whose store cannot fail (tests, `tessera replay`).
  [[nodiscard]] ActOutcome act(const nlohmann::json& action, const std::string& language = {});

  [[nodiscard]] const State& state() const { return state_; }
  [[nodiscard]] const std::vector<record::Event>& events() const { return events_; }
  [[nodiscard]] const course::Course& course() const { return *course_; }

  // Progress facts used by the view and by `tessera replay`.
  [[nodiscard]] bool module_complete(std::size_t module_index) const;
  [[nodiscard]] bool module_open(std::size_t module_index) const;
  [[nodiscard]] bool course_complete() const;
  [[nodiscard]] std::size_t required_block_count() const;
  [[nodiscard]] std::size_t completed_required_block_count() const;
  [[nodiscard]] nlohmann::json summary() const;  // progress, completion, time on task, per-module status
  // The item `item_id` of assessment block `block_id` (nullptr when there is no such block or item): whether it
  // is scored decides what a completion proof may withhold (tessera/completion.hpp).
  [[nodiscard]] const assess::Item* item(const std::string& block_id, const std::string& item_id) const;
  // What the reviews of a project block decide so far (undecided when it has none).
  [[nodiscard]] project::Decision project_decision(const std::string& block_id) const;

  // Recall cards (session/recall.cpp): every item drawn in a submitted attempt of an assessment block in a
  // completed module, then the module's own recall prompts, in course order, with its FSRS state (reps 0 until
  // its first review). An item's card has block and item; a prompt's has module and prompt (block and item empty).
  struct RecallCard {
    std::string block;
    std::string item;
    recall::Card state;
    std::string module{};  // a prompt card's module id
    std::string prompt{};  // a prompt card's prompt id
    // "BLOCK/ITEM", or "MODULE:PROMPT" for a prompt (slugs hold no ':' or '/', so the two never meet).
    [[nodiscard]] std::string id() const { return prompt.empty() ? block + "/" + item : module + ":" + prompt; }
  };
  [[nodiscard]] std::vector<RecallCard> recall_cards() const;

  // The review screen (session/review.cpp): the cards due at request.now, the next one to answer from
  // memory while the session's time lasts, and for an answered card its result with the rating the runtime
  // suggests (recall::suggest_rating) beside the others the learner may pick instead. Each rating is a
  // `review` action for propose(). Problems: an answered card that is not a card due for review.
  [[nodiscard]] Result<view::Review> review_model(const ReviewRequest& request, const std::string& language = {}) const;

 private:
  explicit Session(std::shared_ptr<const course::Course> course);
  Session(const Session& other, const record::Event& event);  // `other` after `event`, without the record
  [[nodiscard]] std::optional<Problem> check_only(const record::Event& event) const;
  // Checks an event against the course and the state; applies it when `apply` is true.
  [[nodiscard]] std::optional<Problem> check(const record::Event& event, const std::string& where, bool apply);
  [[nodiscard]] bool block_required(const std::string& block_id) const;
  [[nodiscard]] std::optional<Problem> check_attempt_event(const record::Event& event, const std::string& where,
                                                           const course::Block& block, bool apply);
  [[nodiscard]] const assess::Assessment* assessment_of(const course::Block& block) const;
  [[nodiscard]] bool is_recall_card(std::size_t module_index, const std::string& block_id,
                                    const std::string& item_id) const;
  [[nodiscard]] std::optional<Problem> check_recall_review(const record::Event& event, const std::string& where,
                                                           std::size_t module_index, bool apply);
  // A review of a course-defined recall prompt: recall.reviewed {module, prompt, rating}.
  [[nodiscard]] std::optional<Problem> check_prompt_review(const record::Event& event, const std::string& where,
                                                           bool apply);
  void apply_review(const std::string& card, const record::Event& event);
  [[nodiscard]] bool tested_out(const std::string& module_id) const;
  [[nodiscard]] static bool shows_competency(const assess::Assessment& assessment, const Attempt& attempt,
                                             const std::string& competency);
  // The view model (session/view.cpp).
  [[nodiscard]] view::Assessment assessment_model(const course::Block& block, const std::string& language,
                                                  const strings::Catalogue& words) const;
  [[nodiscard]] std::vector<view::TestOut> tests_out_model(const assess::Assessment& assessment,
                                                           const std::vector<Attempt>& attempts,
                                                           const std::string& language,
                                                           const strings::Catalogue& words) const;
  [[nodiscard]] view::Attempt attempt_model(const assess::Assessment& assessment, const Attempt& attempt,
                                            bool immediate, bool reveal_answers, const std::string& language,
                                            const strings::Catalogue& words) const;
  [[nodiscard]] view::Item item_model(const assess::Assessment& assessment, const assess::Item& item, std::size_t index,
                                      std::size_t count, std::uint64_t attempt_number, const std::string& language,
                                      const strings::Catalogue& words) const;
  [[nodiscard]] nlohmann::json item_content(const assess::Assessment& assessment, const nlohmann::json& item,
                                            std::uint64_t attempt_number, const std::string& language) const;
  [[nodiscard]] std::string outline_name(const course::Module& module, const course::Block& block,
                                         const view::OutlineBlock& shown, const std::string& language,
                                         const strings::Catalogue& words) const;
  [[nodiscard]] std::optional<view::Welcome> welcome_model(const view::View& v, const std::string& language,
                                                           const strings::Catalogue& words) const;
  [[nodiscard]] std::vector<view::OutlineModule> outline_model(const std::string& language,
                                                               const strings::Catalogue& words) const;
  void add_block_actions(const std::string& current, const strings::Catalogue& words, view::View& v) const;
  void add_assessment_actions(const course::Block& block, const view::Assessment& shown,
                              const strings::Catalogue& words, view::View& v) const;
  void fill_progress(const strings::Catalogue& words, view::View& v) const;
  [[nodiscard]] std::string waiting_on_text(const view::View& v, const strings::Catalogue& words) const;
  [[nodiscard]] nlohmann::json mastery_model(nlohmann::json mastery, const std::string& language,
                                             const strings::Catalogue& words) const;
  // The completion moment (session/view_completion.cpp).
  void fill_completion_moment(const std::string& language, const strings::Catalogue& words, view::View& v) const;
  [[nodiscard]] static std::string outline_title(const view::View& v, const std::string& block_id);
  [[nodiscard]] std::vector<std::string> must_pass_scores(const view::View& v, const strings::Catalogue& words) const;
  [[nodiscard]] std::vector<view::Skill> skills_shown(const view::View& v, const std::string& language,
                                                      const strings::Catalogue& words) const;
  [[nodiscard]] nlohmann::json mastery() const;
  [[nodiscard]] std::map<std::string, assess::MasteryEvidence> mastery_evidence() const;
  [[nodiscard]] const assess::MasteryRule& mastery_rule(const std::string& competency_id) const;
  [[nodiscard]] nlohmann::json attempt_review(const assess::Assessment& assessment, const Attempt& attempt,
                                              const std::string& language, const strings::Catalogue& words) const;
  [[nodiscard]] view::ItemFeedback item_feedback(const assess::Item& item, const nlohmann::json& response,
                                                 const std::string& language, const strings::Catalogue& words) const;
  // Scenario blocks (session/scenario_actions.cpp).
  struct Compiled;
  void load_scenarios(Compiled& into) const;
  [[nodiscard]] const scenario::Scenario* scenario_of(const course::Block& block) const;
  [[nodiscard]] std::optional<Problem> start_scenario(const record::Event& event, const course::Block& block,
                                                      bool apply);
  [[nodiscard]] std::optional<Problem> check_scenario_event(const record::Event& event, const std::string& where,
                                                            const course::Block& block, bool apply);
  [[nodiscard]] std::optional<Problem> scenario_action(const std::string& name, const nlohmann::json& action,
                                                       nlohmann::json& payload, std::string& event_type) const;
  [[nodiscard]] nlohmann::json scenario_view(const course::Block& block, const std::string& language,
                                             const strings::Catalogue& words) const;
  void add_scenario_actions(const course::Block& block, const strings::Catalogue& words, view::View& v) const;
  [[nodiscard]] nlohmann::json scenario_summary() const;
  // Project blocks (session/project_actions.cpp).
  [[nodiscard]] std::optional<Problem> project_action(const std::string& name, const nlohmann::json& action,
                                                      nlohmann::json& payload, std::string& event_type) const;
  [[nodiscard]] std::optional<Problem> check_project_event(const record::Event& event, const std::string& where,
                                                           const course::Block& block, bool apply);
  [[nodiscard]] nlohmann::json project_view(const course::Block& block, const std::string& language,
                                            const strings::Catalogue& words) const;
  void add_project_actions(const course::Block& block, const strings::Catalogue& words, view::View& v) const;
  [[nodiscard]] nlohmann::json attempts_summary() const;

  struct BlockIndex {
    std::size_t module = 0;
    const course::Block* block = nullptr;
  };
  struct LoadedScenario {
    scenario::Scenario scenario;
    scenario::Analysis analysis;
  };
  // What the course compiles to once: indexes, loaded assessments and scenarios. Immutable and shared by a
  // session and the copies propose() makes, so proposing an action copies only the folded state.
  struct Compiled {
    std::map<std::string, BlockIndex> block_index;
    std::map<std::string, assess::Assessment> assessments;  // by assessment id
    std::map<std::string, std::string> assessment_blocks;   // assessment id → the block that holds it
    // Per module, the competencies its own (not pre-test) assessment items are aligned to: what a pre-test
    // must show mastery of before the module can be skipped.
    std::vector<std::set<std::string>> module_competencies;
    std::map<std::string, LoadedScenario> scenarios;  // by scenario id
  };
  std::shared_ptr<const course::Course> course_;
  std::shared_ptr<const Compiled> compiled_;
  State state_;
  std::vector<record::Event> events_;
};

struct Session::Opened {
  Session session;
  std::vector<Problem> problems;  // a broken chain or disallowed event, with its seq; empty when all replayed
};

struct ActOutcome {
  std::optional<record::Event> event;  // to persist, when the action was accepted
  nlohmann::json view;                 // the new view (the unchanged one when refused)
  std::vector<Problem> problems;       // why it was refused
  [[nodiscard]] bool ok() const { return event.has_value(); }
};

}  // namespace tessera::session
