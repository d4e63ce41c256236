// Course packages, format v1: the model of course.json and its loading and validation as untrusted input.
// docs/package-format.md is the reference for every field; this header is the C++ view of it.
//
// Does NOT: read files (the host passes course.json's text and the list of files in the package), check
// signatures (tessera/package.hpp), or score (the assessment and scenario engines read their own parts).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/mastery.hpp"
#include "tessera/problem.hpp"

namespace tessera::course {

// A learner-facing string, in one or more languages. Plain JSON strings are stored under the course's
// default language.
struct Text {
  std::map<std::string, std::string> by_language;
  // The string in `language`, else in `fallback`, else any; empty when there is none.
  [[nodiscard]] const std::string& in(std::string_view language, std::string_view fallback) const;
};

struct Competency {
  std::string id;
  std::string framework;  // id of a framework in Course::frameworks
  std::string code;       // the framework's own code, e.g. an ESCO skill code
  Text name;
  std::string url;
  std::optional<assess::MasteryRule> mastery;  // overrides the course's rule for this competency
};

struct Framework {
  std::string id;
  std::string name;
  std::string url;
};

struct Outcome {
  std::string id;
  Text statement;    // the whole outcome as learners read it
  std::string verb;  // observable verb ("facilitate", "identify")
  Text condition;    // under what conditions
  Text criterion;    // to what standard
  std::vector<std::string> competencies;
};

// How an expiring credential is renewed (`credential.renewBy`; docs/credentials.md, "Renewal"): by passing one of
// the course's assessments again, by completing another course (a short recall course), or by keeping up spaced
// recall — the predicted retention of each competency's recall cards at least `retention` now, with reviews in
// the last `months` months (docs/recall.md, "Renewal by recall").
enum class RenewalMethod { none, assessment, course, recall };
[[nodiscard]] std::string_view to_string(RenewalMethod method);

struct RenewalRule {
  RenewalMethod method = RenewalMethod::none;
  std::string assessment;  // assessment: the id of the course's assessment to pass again
  std::string course;      // course: the id of the course whose completion renews
  double retention = 0;    // recall: 0.5–0.99
  int months = 0;          // recall: 1–24
};

struct CredentialDefinition {
  Text name;
  Text description;
  Text criteria;                       // narrative of what earning it requires
  std::optional<int> validity_months;  // none: does not expire
  Text renewal;                        // how to renew, for learners (may be empty when it does not expire)
  RenewalRule renew_by;                // the rule the issuer checks (method none: not renewable by rule)
  // Package paths of signed EndorsementCredentials of the course's achievement (tessera endorse), which the
  // issuer attaches to every credential it issues for the course (a course's only; not a pathway's).
  std::vector<std::string> endorsements;
};

struct Testimonial {
  Text quote;
  std::string name;
  std::string role;
};

// A synchronous session of the course (docs/package-format.md, "Live sessions"): when, where it is held, the
// link to join and what to prepare. `start` is an instant (its text has a zone offset); `time_zone` names the
// zone the session is held in (an IANA name, checked for its form only: the runtime has no zone data).
struct LiveSession {
  std::string id;
  Text title;
  std::string start;               // as written: "2026-02-10T14:00:00+01:00"
  std::int64_t start_seconds = 0;  // Unix seconds
  std::string time_zone;           // "Europe/Paris"
  int minutes = 0;
  std::string link;  // https://
  Text prepare;      // may be empty
};

// A project block's parts (docs/projects.md): the brief, what to hand in, the rubric the work is judged
// against, who may review it and what counts as accepted.
struct RubricLevel {
  std::string id;
  Text name;
  Text description;
  int points = 0;
};

struct RubricCriterion {
  std::string id;
  Text name;
  Text description;
  std::vector<RubricLevel> levels;  // lowest first; points strictly rising
};

struct Rubric {
  std::string version;  // the author's version of the rubric ("1", "2026-03"); a submission names it
  std::vector<RubricCriterion> criteria;
};

struct HandInFile {
  std::string id;
  Text label;
  std::vector<std::string> types;  // media types ("application/pdf")
  std::int64_t max_bytes = 0;
  bool required = false;
};

struct HandIn {
  bool text = false;  // a written answer
  Text text_prompt;
  std::int64_t max_chars = 0;  // text: its most characters (code points)
  std::vector<HandInFile> files;
  int max_links = 0;  // 0: no links
};

struct Reviewers {
  std::vector<std::string> facilitators;  // did:key of each trusted facilitator
  std::vector<std::string> vouched_by;    // did:key of issuers whose signed vouch makes a reviewer trusted
  int peers = 0;                          // k peer reviews asked for (0: none); the result is their median
};

struct Project {
  Text brief;  // Markdown
  HandIn hand_in;
  Rubric rubric;
  Reviewers reviewers;
  std::string accept_at_least;  // a level id every criterion has: accepted when each criterion reaches it
};

enum class BlockType {
  text,
  image,
  video,
  audio,
  case_study,
  reflection,
  scenario,
  assessment,
  survey,
  takeaways,
  project
};
[[nodiscard]] std::string_view to_string(BlockType type);

struct Block {
  std::string id;
  BlockType type = BlockType::text;
  std::string pointer;                     // where it sits in course.json, for messages
  nlohmann::json data;                     // the block object as written (validated); players read its fields
  std::shared_ptr<const Project> project;  // a project block's parts, read once
};

// A course-defined recall prompt (a module's "recallPrompts"): a question the learner answers from memory once
// the module is complete, a recall card beside the module's assessed items; the author's answer is shown when
// the card is checked (docs/recall.md).
struct RecallPrompt {
  std::string id;
  Text prompt;
  Text answer;
};

struct Module {
  std::string id;
  Text title;
  int estimated_minutes = 0;
  std::vector<Block> blocks;
  std::vector<RecallPrompt> recall_prompts;
};

enum class AssessmentKind { pre, formative, summative };

struct AssessmentRef {
  std::string id;
  AssessmentKind kind = AssessmentKind::formative;
  nlohmann::json data;  // read by the assessment engine
};

struct CompletionRules {
  bool all_blocks_required = true;
  std::vector<std::string> required_blocks;  // when not all
  std::vector<std::string> must_pass;        // assessment ids
  bool sequential_modules = false;           // a module opens when the previous one is complete
};

struct Course {
  std::string id;
  std::string version;
  std::string default_language;
  std::vector<std::string> languages;
  Text title;
  Text summary;
  std::string level;  // introductory | intermediate | advanced
  int estimated_minutes = 0;
  Text audience;
  std::vector<Text> prerequisites;
  std::string lrs;  // the learning record store the course reports to unless the page or settings name one
                    // (an https URL; "" none: docs/lms.md)
  std::string publisher_name;
  std::string publisher_url;
  std::string maintainer;
  std::string review_by;  // YYYY-MM-DD
  std::vector<Framework> frameworks;
  std::vector<Competency> competencies;
  assess::MasteryRule mastery;  // course-wide rule ("mastery"); default: 80% of the aligned points
  std::vector<Outcome> outcomes;
  CredentialDefinition credential;
  std::vector<Testimonial> testimonials;
  std::vector<LiveSession> live_sessions;
  std::vector<Module> modules;
  std::vector<AssessmentRef> assessments;
  std::vector<nlohmann::json> scenarios;  // read by the scenario engine
  CompletionRules completion;
};

// Limits on untrusted input; zero-initialised members mean the default.
struct Limits {
  std::size_t max_bytes = 0;         // course.json size; default 8 MiB (json_text::course_file)
  int max_depth = 0;                 // JSON nesting; default 48 (json_text::course_file)
  std::size_t max_modules = 0;       // default 500
  std::size_t max_blocks = 0;        // whole course; default 20,000
  std::size_t max_string_bytes = 0;  // any one string; default 256 KiB
  std::size_t max_array_items = 0;   // any one array; default 20,000
};

struct LoadOptions {
  // Files present in the package, as relative paths with '/' ("media/intro.vtt"); references are
  // checked against it. Empty: reference checks on files are skipped (e.g. for a lone course.json).
  std::vector<std::string> files;
  bool check_files = false;
  // Today's date (YYYY-MM-DD) from the host, for the review-by check; empty skips it.
  std::string today;
  Limits limits;
};

struct LoadReport {
  std::optional<Course> course;   // present when there are no errors
  std::vector<Problem> problems;  // every problem found, errors and warnings (references and lints last)
};

// Parses and validates course.json. Never throws; all problems at once.
[[nodiscard]] LoadReport load(std::string_view course_json, const LoadOptions& options = {});

using tessera::pointer_append;  // JSON pointers for problems (tessera/problem.hpp)

}  // namespace tessera::course
