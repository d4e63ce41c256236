// Loads course.json (package format v1) as untrusted input: limits first, then every field, then the
// cross-references and the author lints (outcome alignment, module balance, accessibility, review date, the
// order of what completion asks for).
#include "tessera/course.hpp"
#include "tessera/course_rules.hpp"
#include "tessera/course_texts.hpp"
#include "tessera/strings.hpp"

#include <md4c.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "tessera/assessment.hpp"
#include "tessera/datetime.hpp"
#include "tessera/json_text.hpp"
#include "tessera/package.hpp"
#include "tessera/scenario.hpp"

namespace tessera::course {

using detail::Need;
using detail::ObjectReader;

const std::string& Text::in(std::string_view language, std::string_view fallback) const {
  static const std::string empty;
  if (auto found = by_language.find(std::string(language)); found != by_language.end()) return found->second;
  if (auto found = by_language.find(std::string(fallback)); found != by_language.end()) return found->second;
  return by_language.empty() ? empty : by_language.begin()->second;
}

std::string_view to_string(RenewalMethod method) {
  switch (method) {
    case RenewalMethod::assessment:
      return "assessment";
    case RenewalMethod::course:
      return "course";
    case RenewalMethod::recall:
      return "recall";
    case RenewalMethod::none:
      break;
  }
  return "none";
}

std::string_view to_string(BlockType type) {
  switch (type) {
    case BlockType::text:
      return "text";
    case BlockType::image:
      return "image";
    case BlockType::video:
      return "video";
    case BlockType::audio:
      return "audio";
    case BlockType::case_study:
      return "case-study";
    case BlockType::reflection:
      return "reflection";
    case BlockType::scenario:
      return "scenario";
    case BlockType::assessment:
      return "assessment";
    case BlockType::survey:
      return "survey";
    case BlockType::takeaways:
      return "takeaways";
    case BlockType::project:
      return "project";
  }
  return "text";
}

bool required_for_completion(const CompletionRules& rules, const Block& block) {
  if (rules.all_blocks_required) return block.type != BlockType::survey;
  return std::find(rules.required_blocks.begin(), rules.required_blocks.end(), block.id) != rules.required_blocks.end();
}

namespace detail {

CredentialDefinition read_credential_definition(ObjectReader& c, const std::string& default_language) {
  CredentialDefinition definition;
  definition.name = c.text("name", Need::required, default_language);
  definition.description = c.text("description", Need::required, default_language);
  definition.criteria = c.text("criteria", Need::required, default_language);
  if (const auto* validity = c.member("validityMonths", Need::required); validity && !validity->is_null()) {
    if (auto months = c.integer("validityMonths", Need::required, 1, 240)) {
      definition.validity_months = static_cast<int>(*months);
    }
  }
  definition.renewal =
      c.text("renewal", definition.validity_months ? Need::required : Need::optional, default_language);
  definition.renew_by = read_renewal_rule(c, definition.validity_months.has_value());
  return definition;
}

namespace {

// recall's {"retention": 0.5–0.99, "months": 1–24}.
void read_recall_rule(ObjectReader& r, RenewalRule& rule) {
  if (const auto* retention = r.member("retention", Need::required)) {
    if (!retention->is_number() || retention->get<double>() < 0.5 || retention->get<double>() > 0.99) {
      r.error(r.at("retention"), "'retention' must be a number from 0.5 to 0.99, found " + retention->dump(),
              "the predicted chance of recall each competency must keep, e.g. 0.85 (FSRS schedules for 0.9)");
    } else {
      rule.retention = retention->get<double>();
    }
  }
  if (auto months = r.integer("months", Need::required, 1, 24)) rule.months = static_cast<int>(*months);
}

}  // namespace

// `renewBy`: exactly one of {"assessment": ID}, {"course": ID}, {"recall": {retention, months}}. Whether the
// assessment or course exists is checked by the caller, which knows them.
RenewalRule read_renewal_rule(ObjectReader& c, bool expires) {
  RenewalRule rule;
  const auto* value = c.member("renewBy", Need::optional);
  if (!value) return rule;
  ObjectReader r(*value, c.at("renewBy"), c.problems(), c.limits(), "the renewal rule");
  if (!r.valid()) return rule;
  const int given =
      int(value->contains("assessment")) + int(value->contains("course")) + int(value->contains("recall"));
  if (given != 1) {
    r.error(r.pointer(), "the renewal rule must name exactly one way to renew; it names " + std::to_string(given),
            R"(write {"assessment": "ID"}, {"course": "ID"} or {"recall": {"retention": 0.85, "months": 6}})");
  }
  if (!expires) {
    r.error(r.pointer(), "a credential that never expires (validityMonths null) has nothing to renew",
            "set validityMonths, or remove renewBy");
  }
  if (auto id = r.slug("assessment", Need::optional)) {
    rule.method = RenewalMethod::assessment;
    rule.assessment = *id;
  }
  if (auto id = r.slug("course", Need::optional)) {
    rule.method = RenewalMethod::course;
    rule.course = *id;
  }
  if (const auto* recall = r.member("recall", Need::optional)) {
    ObjectReader in(*recall, r.at("recall"), c.problems(), c.limits(), "the renewal by recall");
    if (in.valid()) {
      rule.method = RenewalMethod::recall;
      read_recall_rule(in, rule);
    }
  }
  return rule;
}

}  // namespace detail

namespace {

constexpr int supported_format = 1;

}  // namespace

Limits detail::with_defaults(Limits limits) {
  if (limits.max_bytes == 0) limits.max_bytes = json_text::course_file.max_bytes;
  if (limits.max_depth == 0) limits.max_depth = static_cast<int>(json_text::course_file.max_depth);
  if (limits.max_modules == 0) limits.max_modules = 500;
  if (limits.max_blocks == 0) limits.max_blocks = 20000;
  if (limits.max_string_bytes == 0) limits.max_string_bytes = 256u << 10;
  if (limits.max_array_items == 0) limits.max_array_items = 20000;
  return limits;
}

namespace {
using detail::with_defaults;

std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Finds raw HTML in Markdown with md4c (CommonMark): the line, within the Markdown, of the first HTML block
// or inline tag, or 0 when there is none. md4c hands both to the text callback as MD_TEXT_HTML with a
// pointer into the input, which gives the exact place. (md4c 0.4.8's md_parse returns 0 even when a
// callback aborts, so the result lives in `found`, never in the return value.)
int first_raw_html_line(const std::string& markdown) {
  struct Scan {
    const char* found = nullptr;
  } scan;
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE, void*, void*) -> int { return 0; };
  parser.leave_block = [](MD_BLOCKTYPE, void*, void*) -> int { return 0; };
  parser.enter_span = [](MD_SPANTYPE, void*, void*) -> int { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) -> int { return 0; };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE, void* user) -> int {
    if (type != MD_TEXT_HTML) return 0;
    static_cast<Scan*>(user)->found = text;
    return 1;  // one is enough to report
  };
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &scan);
  if (!scan.found) return 0;
  return line_and_column(markdown, static_cast<std::size_t>(scan.found - markdown.data())).first;
}

bool is_semver(std::string_view v) {
  int parts = 0;
  std::size_t i = 0;
  while (parts < 3) {
    const std::size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == start || (i - start > 1 && v[start] == '0')) return false;
    ++parts;
    if (parts < 3) {
      if (i >= v.size() || v[i] != '.') return false;
      ++i;
    }
  }
  if (i == v.size()) return true;
  if (v[i] != '-' && v[i] != '+') return false;
  for (++i; i < v.size(); ++i) {
    const char c = v[i];
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool is_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool is_http_url(std::string_view url) { return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0; }

// Tracks ids of one kind: reports a duplicate at its second place, pointing at the first.
class IdSet {
 public:
  explicit IdSet(std::string kind) : kind_(std::move(kind)) {}
  void add(const std::string& id, const std::string& where, std::vector<Problem>& problems) {
    auto [it, inserted] = first_seen_.emplace(id, where);
    if (!inserted) {
      problems.push_back(error_at(where, kind_ + " id '" + id + "' is already used at " + it->second,
                                  "give every " + kind_ + " its own id"));
    }
  }
  [[nodiscard]] bool contains(const std::string& id) const { return first_seen_.count(id) != 0; }
  [[nodiscard]] const std::map<std::string, std::string>& all() const { return first_seen_; }

 private:
  std::string kind_;
  std::map<std::string, std::string> first_seen_;
};

class CourseLoader {
 public:
  CourseLoader(const LoadOptions& options, std::vector<Problem>& problems)
      : options_(options), limits_(with_defaults(options.limits)), problems_(problems) {
    files_.insert(options.files.begin(), options.files.end());
  }

  std::optional<Course> load(const nlohmann::json& root);

 private:
  void read_header(ObjectReader& in, Course& course);
  void read_frameworks(ObjectReader& in, Course& course);
  void read_endorsement_paths(ObjectReader& c, CredentialDefinition& credential);
  void read_outcomes(ObjectReader& in, Course& course);
  void read_credential(ObjectReader& in, Course& course);
  void read_testimonials(ObjectReader& in, Course& course);
  void read_live_sessions(ObjectReader& in, Course& course);
  void read_assessments(ObjectReader& in, Course& course);
  void read_scenarios(ObjectReader& in, Course& course);
  void read_modules(ObjectReader& in, Course& course);
  void read_recall_prompts(ObjectReader& m, Module& module);
  std::optional<Block> read_block(const nlohmann::json& value, const std::string& where);
  void read_completion(ObjectReader& in, Course& course);
  void check_file(ObjectReader& in, const std::optional<std::string>& path, std::string_view key);
  void check_markdown(const Text& text, const std::string& where);
  void lint(const Course& course);
  void lint_proof_order(const Course& course);

  std::string default_language_;
  const LoadOptions& options_;
  Limits limits_;
  std::vector<Problem>& problems_;
  std::set<std::string, std::less<>> files_;
  IdSet module_ids_{"module"}, block_ids_{"block"}, outcome_ids_{"outcome"}, competency_ids_{"competency"},
      framework_ids_{"framework"}, assessment_ids_{"assessment"}, scenario_ids_{"scenario"};
  std::map<std::string, std::set<std::string>> summative_outcomes_;  // outcome id → summative items
  std::vector<std::pair<std::string, std::string>> block_assessment_refs_, block_scenario_refs_,
      tests_out_refs_;  // (id, where)
  std::size_t block_count_ = 0;
};

std::optional<Course> CourseLoader::load(const nlohmann::json& root) {
  Course course;
  {
    ObjectReader in(root, "", problems_, limits_, "the course");
    if (!in.valid()) return std::nullopt;
    if (auto format = in.integer("format", Need::required, 1, 1000); format && *format != supported_format) {
      in.error(in.at("format"), "package format " + std::to_string(*format) + " is not supported by this runtime",
               "this runtime reads format " + std::to_string(supported_format) + "; update Tessera or the package");
      return std::nullopt;
    }
    read_header(in, course);
    read_frameworks(in, course);
    read_outcomes(in, course);
    read_credential(in, course);
    read_testimonials(in, course);
    read_live_sessions(in, course);
    read_assessments(in, course);
    read_scenarios(in, course);
    read_modules(in, course);
    read_completion(in, course);
  }
  for (const auto& [id, where] : block_assessment_refs_) {
    if (!assessment_ids_.contains(id)) {
      problems_.push_back(error_at(where, "assessment '" + id + "' is not defined in /assessments",
                                   "add it to \"assessments\" or fix the id"));
    }
  }
  if (const auto& rule = course.credential.renew_by;
      rule.method == RenewalMethod::assessment && !assessment_ids_.contains(rule.assessment)) {
    problems_.push_back(error_at("/credential/renewBy/assessment",
                                 "assessment '" + rule.assessment + "' is not defined in /assessments",
                                 "name the assessment a learner passes again to renew, e.g. the final one"));
  }
  for (const auto& [id, where] : tests_out_refs_) {
    if (!module_ids_.contains(id)) {
      problems_.push_back(error_at(where, "module '" + id + "' is not defined in /modules", "fix the module id"));
    }
  }
  for (const auto& [id, where] : block_scenario_refs_) {
    if (!scenario_ids_.contains(id)) {
      problems_.push_back(error_at(where, "scenario '" + id + "' is not defined in /scenarios",
                                   "add it to \"scenarios\" or fix the id"));
    }
  }
  lint(course);
  if (has_errors(problems_)) return std::nullopt;
  return course;
}

void CourseLoader::read_header(ObjectReader& in, Course& course) {
  // Languages first: every Text below falls back to the default language.
  if (auto language = in.string("defaultLanguage", Need::required, 35)) {
    if (!strings::is_language_tag(*language)) {
      in.error(in.at("defaultLanguage"), "'" + *language + "' is not a language tag",
               "use a BCP 47 tag such as \"en\"");
    } else {
      course.default_language = *language;
    }
  }
  default_language_ = course.default_language;
  if (const auto* languages = in.array("languages", Need::required)) {
    for (std::size_t i = 0; i < languages->size(); ++i) {
      const auto& entry = (*languages)[i];
      if (!entry.is_string() || !strings::is_language_tag(entry.get_ref<const std::string&>())) {
        in.error(pointer_append(in.at("languages"), i), "each language must be a BCP 47 tag such as \"fr\"");
        continue;
      }
      course.languages.push_back(entry.get<std::string>());
    }
    if (!course.default_language.empty() && std::find(course.languages.begin(), course.languages.end(),
                                                      course.default_language) == course.languages.end()) {
      in.error(in.at("languages"), "the default language '" + course.default_language + "' is not in 'languages'",
               "add \"" + course.default_language + "\" to \"languages\"");
    }
  }
  if (auto id = in.slug("id", Need::required)) course.id = *id;
  if (auto version = in.string("version", Need::required, 64)) {
    if (is_semver(*version)) {
      course.version = *version;
    } else {
      in.error(in.at("version"), "'" + *version + "' is not a semantic version",
               "write MAJOR.MINOR.PATCH, e.g. \"1.2.0\"");
    }
  }
  course.title = in.text("title", Need::required, default_language_);
  course.summary = in.text("summary", Need::required, default_language_);
  if (auto level = in.string("level", Need::required, 32)) {
    if (*level == "introductory" || *level == "intermediate" || *level == "advanced") {
      course.level = *level;
    } else {
      in.error(in.at("level"), "level '" + *level + "' is not one of introductory, intermediate, advanced");
    }
  }
  if (auto minutes = in.integer("estimatedMinutes", Need::required, 1, std::int64_t{24} * 60)) {
    course.estimated_minutes = static_cast<int>(*minutes);
  }
  course.audience = in.text("audience", Need::required, default_language_);
  if (auto lrs = in.string("lrs", Need::optional, 2048)) {
    if (lrs->starts_with("https://") && lrs->size() > 8) {
      course.lrs = *lrs;
    } else {
      in.error(in.at("lrs"), "the learning record store must be an https:// address",
               "write the LRS's xAPI endpoint, e.g. \"https://lrs.example.org/xAPI/\"");
    }
  }
  if (const auto* prerequisites = in.array("prerequisites", Need::optional)) {
    for (std::size_t i = 0; i < prerequisites->size(); ++i) {
      nlohmann::json holder = {{"text", (*prerequisites)[i]}};
      ObjectReader entry(holder, in.at("prerequisites"), problems_, limits_, "a prerequisite");
      // The holder only adapts the array item to the Text reader, whose problems (and noted pointer) say
      // "/prerequisites/text"; the translators' tools need the item's own pointer.
      detail::TextSink::note(pointer_append(in.at("prerequisites"), i));
      Text text = entry.text("text", Need::required, default_language_);
      course.prerequisites.push_back(std::move(text));
    }
  }
  if (const auto* publisher = in.member("publisher", Need::required)) {
    ObjectReader p(*publisher, in.at("publisher"), problems_, limits_, "the publisher");
    if (auto name = p.string("name", Need::required, 200)) course.publisher_name = *name;
    if (auto url = p.string("url", Need::optional, 2048)) {
      if (is_http_url(*url)) {
        course.publisher_url = *url;
      } else {
        p.error(p.at("url"), "the publisher url must start with https:// or http://");
      }
    }
  }
  if (const auto* governance = in.member("governance", Need::required)) {
    ObjectReader g(*governance, in.at("governance"), problems_, limits_, "governance");
    if (auto maintainer = g.string("maintainer", Need::required, 200)) course.maintainer = *maintainer;
    if (auto review = g.string("reviewBy", Need::required, 10)) {
      if (is_date(*review)) {
        course.review_by = *review;
        if (!options_.today.empty() && *review < options_.today) {
          g.warning(g.at("reviewBy"), "the review-by date " + *review + " has passed (today is " + options_.today + ")",
                    "review the content, then move \"reviewBy\" forward");
        }
      } else {
        g.error(g.at("reviewBy"), "'" + *review + "' is not a date", "write YYYY-MM-DD");
      }
    }
  }
}

void CourseLoader::read_frameworks(ObjectReader& in, Course& course) {
  if (const auto* frameworks = in.array("frameworks", Need::required)) {
    for (std::size_t i = 0; i < frameworks->size(); ++i) {
      ObjectReader f((*frameworks)[i], pointer_append(in.at("frameworks"), i), problems_, limits_, "a framework");
      Framework framework;
      if (auto id = f.slug("id", Need::required)) {
        framework.id = *id;
        framework_ids_.add(*id, f.at("id"), problems_);
      }
      if (auto name = f.string("name", Need::required, 200)) framework.name = *name;
      if (auto url = f.string("url", Need::required, 2048)) {
        if (!is_http_url(*url)) f.error(f.at("url"), "the framework url must start with https:// or http://");
        framework.url = *url;
      }
      course.frameworks.push_back(std::move(framework));
    }
  }
  if (const auto* rule = in.member("mastery", Need::optional)) {
    if (auto loaded = assess::load_mastery_rule(*rule, in.at("mastery"))) {
      course.mastery = loaded.value();
    } else {
      problems_.insert(problems_.end(), loaded.problems().begin(), loaded.problems().end());
    }
  }
  if (const auto* competencies = in.array("competencies", Need::required)) {
    for (std::size_t i = 0; i < competencies->size(); ++i) {
      ObjectReader c((*competencies)[i], pointer_append(in.at("competencies"), i), problems_, limits_, "a competency");
      Competency competency;
      if (auto id = c.slug("id", Need::required)) {
        competency.id = *id;
        competency_ids_.add(*id, c.at("id"), problems_);
      }
      if (auto framework = c.string("framework", Need::required, 64)) {
        if (!framework_ids_.contains(*framework)) {
          c.error(c.at("framework"), "framework '" + *framework + "' is not defined in /frameworks");
        }
        competency.framework = *framework;
      }
      if (auto code = c.string("code", Need::required, 200)) competency.code = *code;
      competency.name = c.text("name", Need::required, default_language_);
      if (auto url = c.string("url", Need::optional, 2048)) competency.url = *url;
      if (const auto* rule = c.member("mastery", Need::optional)) {
        if (auto loaded = assess::load_mastery_rule(*rule, c.at("mastery"))) {
          competency.mastery = loaded.value();
        } else {
          problems_.insert(problems_.end(), loaded.problems().begin(), loaded.problems().end());
        }
      }
      course.competencies.push_back(std::move(competency));
    }
  }
}

void CourseLoader::read_outcomes(ObjectReader& in, Course& course) {
  const auto* outcomes = in.array("outcomes", Need::required);
  if (!outcomes) return;
  if (outcomes->empty()) in.error(in.at("outcomes"), "a course needs at least one learning outcome");
  for (std::size_t i = 0; i < outcomes->size(); ++i) {
    ObjectReader o((*outcomes)[i], pointer_append(in.at("outcomes"), i), problems_, limits_, "a learning outcome");
    Outcome outcome;
    if (auto id = o.slug("id", Need::required)) {
      outcome.id = *id;
      outcome_ids_.add(*id, o.at("id"), problems_);
    }
    outcome.statement = o.text("statement", Need::required, default_language_);
    if (auto verb = o.string("verb", Need::required, 64)) outcome.verb = *verb;
    outcome.condition = o.text("condition", Need::required, default_language_);
    outcome.criterion = o.text("criterion", Need::required, default_language_);
    if (const auto* competencies = o.array("competencies", Need::required)) {
      if (competencies->empty()) {
        o.error(o.at("competencies"), "an outcome must be aligned to at least one competency");
      }
      for (std::size_t k = 0; k < competencies->size(); ++k) {
        const auto& ref = (*competencies)[k];
        const std::string where = pointer_append(o.at("competencies"), k);
        if (!ref.is_string() || !competency_ids_.contains(ref.get_ref<const std::string&>())) {
          o.error(where, "competency " + ref.dump() + " is not defined in /competencies");
          continue;
        }
        outcome.competencies.push_back(ref.get<std::string>());
      }
    }
    course.outcomes.push_back(std::move(outcome));
  }
}

void CourseLoader::read_credential(ObjectReader& in, Course& course) {
  if (const auto* credential = in.member("credential", Need::required)) {
    ObjectReader c(*credential, in.at("credential"), problems_, limits_, "the credential");
    course.credential = detail::read_credential_definition(c, default_language_);
    read_endorsement_paths(c, course.credential);
  }
}

// credential.endorsements: package paths, each a file the package lists (the manifest check sees to that).
void CourseLoader::read_endorsement_paths(ObjectReader& c, CredentialDefinition& credential) {
  const auto* paths = c.array("endorsements", Need::optional);
  if (!paths) return;
  for (std::size_t i = 0; i < paths->size(); ++i) {
    const std::string where = pointer_append(c.at("endorsements"), i);
    const nlohmann::json& path = (*paths)[i];
    const auto why = path.is_string() ? package::path_problem(path.get_ref<const std::string&>())
                                      : std::optional<std::string>("it is not a string");
    if (why) {
      c.error(where, "an endorsement must be a path inside the package: " + *why,
              "make it with 'tessera endorse' and name its file, e.g. \"endorsements/partner.json\"");
      continue;
    }
    credential.endorsements.push_back(path.get<std::string>());
  }
}

void CourseLoader::read_testimonials(ObjectReader& in, Course& course) {
  const auto* testimonials = in.array("testimonials", Need::optional);
  if (!testimonials) return;
  for (std::size_t i = 0; i < testimonials->size(); ++i) {
    ObjectReader t((*testimonials)[i], pointer_append(in.at("testimonials"), i), problems_, limits_, "a testimonial");
    Testimonial testimonial;
    testimonial.quote = t.text("quote", Need::required, default_language_);
    if (auto name = t.string("name", Need::required, 200)) testimonial.name = *name;
    if (auto role = t.string("role", Need::required, 200)) testimonial.role = *role;
    course.testimonials.push_back(std::move(testimonial));
  }
}

// An IANA time zone name by its form ("Europe/Paris", "America/Argentina/Buenos_Aires", "UTC"): whether the
// zone exists is the host's to know (the browser's Intl), since the runtime carries no zone data.
bool looks_like_time_zone(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

void CourseLoader::read_live_sessions(ObjectReader& in, Course& course) {
  const auto* sessions = in.array("liveSessions", Need::optional);
  if (!sessions) return;
  IdSet ids{"live session"};
  for (std::size_t i = 0; i < sessions->size(); ++i) {
    ObjectReader s((*sessions)[i], pointer_append(in.at("liveSessions"), i), problems_, limits_, "a live session");
    if (!s.valid()) continue;
    LiveSession live;
    if (auto id = s.slug("id", Need::required)) {
      ids.add(*id, s.at("id"), problems_);
      live.id = *id;
    }
    live.title = s.text("title", Need::required, default_language_);
    if (auto start = s.string("start", Need::required, 64)) {
      const auto seconds = datetime::parse(*start);
      if (!seconds) {
        s.error(s.at("start"), "start must be a date and time with its zone offset",
                "for example \"2026-02-10T14:00:00+01:00\" or \"2026-02-10T13:00:00Z\"");
      } else {
        live.start = *start;
        live.start_seconds = *seconds;
      }
    }
    if (auto zone = s.string("timeZone", Need::required, 64)) {
      if (!looks_like_time_zone(*zone)) {
        s.error(s.at("timeZone"), "timeZone must be an IANA time zone name", "for example \"Europe/Paris\" or \"UTC\"");
      }
      live.time_zone = *zone;
    }
    if (auto minutes = s.integer("minutes", Need::required, 1, 1440)) live.minutes = static_cast<int>(*minutes);
    if (auto link = s.string("link", Need::required, 2048)) {
      if (link->rfind("https://", 0) != 0) {
        s.error(s.at("link"), "the link must start with https://", "learners join over an encrypted connection");
      }
      live.link = *link;
    }
    live.prepare = s.text("prepare", Need::optional, default_language_);
    course.live_sessions.push_back(std::move(live));
  }
}

// A scored item that says nothing after a wrong answer leaves the learner with only the right answer: the
// author is told (feedback that teaches says why; docs/scoring.md, "Feedback").
void warn_if_silent_when_wrong(ObjectReader& assessment, const nlohmann::json& item, const std::string& where) {
  if (!assess::is_scored_type(item.value("type", std::string()))) return;  // unscored: no wrong answer
  const auto feedback = item.find("feedback");
  if (feedback != item.end() && feedback->is_object() && feedback->contains("incorrect")) return;
  for (const char* options : {"choices", "regions"}) {
    const auto listed = item.find(options);
    if (listed == item.end() || !listed->is_array()) continue;
    for (const auto& option : *listed) {
      if (option.is_object() && option.contains("feedback") && !option.value("correct", false)) return;
    }
  }
  assessment.warning(where, "the item says nothing after a wrong answer",
                     "add \"feedback\": {\"incorrect\": \"…\"} saying why it is wrong and what to look at again; "
                     "the player then shows it beside the right answer");
}

void CourseLoader::read_assessments(ObjectReader& in, Course& course) {
  const auto* assessments = in.array("assessments", Need::optional);
  if (!assessments) return;
  for (std::size_t i = 0; i < assessments->size(); ++i) {
    const std::string where = pointer_append(in.at("assessments"), i);
    ObjectReader a((*assessments)[i], where, problems_, limits_, "an assessment");
    if (!a.valid()) continue;
    AssessmentRef ref;
    if (auto id = a.slug("id", Need::required)) {
      ref.id = *id;
      assessment_ids_.add(*id, a.at("id"), problems_);
    }
    if (auto kind = a.string("kind", Need::required, 16)) {
      if (*kind == "pre") {
        ref.kind = AssessmentKind::pre;
      } else if (*kind == "formative") {
        ref.kind = AssessmentKind::formative;
      } else if (*kind == "summative") {
        ref.kind = AssessmentKind::summative;
      } else {
        a.error(a.at("kind"), "assessment kind '" + *kind + "' is not one of pre, formative, summative");
      }
    }
    // Items may sit directly in the assessment or in its banks; each may name the outcomes it assesses.
    auto collect_items = [&](const nlohmann::json& items, const std::string& items_where) {
      if (!items.is_array()) return;
      for (std::size_t k = 0; k < items.size(); ++k) {
        const auto& item = items[k];
        if (!item.is_object()) continue;
        const std::string item_where = pointer_append(items_where, k);
        warn_if_silent_when_wrong(a, item, item_where);
        const auto outcomes = item.find("outcomes");
        if (outcomes == item.end()) continue;
        if (!outcomes->is_array()) {
          a.error(pointer_append(item_where, "outcomes"), "'outcomes' must be an array of outcome ids");
          continue;
        }
        for (std::size_t n = 0; n < outcomes->size(); ++n) {
          const auto& outcome = (*outcomes)[n];
          if (!outcome.is_string() || !outcome_ids_.contains(outcome.get_ref<const std::string&>())) {
            a.error(pointer_append(pointer_append(item_where, "outcomes"), n),
                    "outcome " + outcome.dump() + " is not defined in /outcomes");
            continue;
          }
          if (ref.kind == AssessmentKind::summative) summative_outcomes_[outcome.get<std::string>()].insert(item_where);
        }
      }
    };
    if (const auto* items = a.member("items", Need::optional)) collect_items(*items, a.at("items"));
    if (const auto* banks = a.member("banks", Need::optional); banks && banks->is_array()) {
      for (std::size_t b = 0; b < banks->size(); ++b) {
        const auto& bank = (*banks)[b];
        if (bank.is_object() && bank.contains("items")) {
          collect_items(bank["items"], pointer_append(pointer_append(a.at("banks"), b), "items"));
        }
      }
    }
    // The assessment engine validates the rest: items, banks, pass mark, attempts.
    for (const auto& [key, unused] : (*assessments)[i].items()) a.accept(key);
    if (auto loaded = assess::load_assessment((*assessments)[i], where, default_language_); !loaded) {
      problems_.insert(problems_.end(), loaded.problems().begin(), loaded.problems().end());
    } else {
      for (const auto& module_id : loaded.value().tests_out)
        tests_out_refs_.emplace_back(module_id, pointer_append(where, "testsOut"));
    }
    ref.data = (*assessments)[i];
    course.assessments.push_back(std::move(ref));
  }
}

void CourseLoader::read_scenarios(ObjectReader& in, Course& course) {
  const auto* scenarios = in.array("scenarios", Need::optional);
  if (!scenarios) return;
  for (std::size_t i = 0; i < scenarios->size(); ++i) {
    ObjectReader s((*scenarios)[i], pointer_append(in.at("scenarios"), i), problems_, limits_, "a scenario");
    if (!s.valid()) continue;
    // The scenario engine reads and validates the whole scenario (tessera/scenario.hpp), its id included.
    for (const auto& [key, unused] : (*scenarios)[i].items()) s.accept(key);
    const auto& id = (*scenarios)[i].value("id", nlohmann::json());
    if (id.is_string() && detail::is_slug(id.get<std::string>()))
      scenario_ids_.add(id.get<std::string>(), s.at("id"), problems_);
    scenario::LoadOptions options{
        .default_language = default_language_, .competencies = {}, .max_search_states = 0, .max_nodes = 0};
    for (const auto& competency : course.competencies) options.competencies.push_back(competency.id);
    auto report = scenario::load((*scenarios)[i], s.pointer(), options);
    problems_.insert(problems_.end(), report.problems.begin(), report.problems.end());
    course.scenarios.push_back((*scenarios)[i]);
  }
}

void CourseLoader::read_modules(ObjectReader& in, Course& course) {
  const auto* modules = in.array("modules", Need::required);
  if (!modules) return;
  if (modules->empty()) in.error(in.at("modules"), "a course needs at least one module");
  if (modules->size() > limits_.max_modules) {
    in.error(in.at("modules"), "the course has " + std::to_string(modules->size()) + " modules; the limit is " +
                                   std::to_string(limits_.max_modules));
    return;
  }
  for (std::size_t i = 0; i < modules->size(); ++i) {
    ObjectReader m((*modules)[i], pointer_append(in.at("modules"), i), problems_, limits_, "a module");
    if (!m.valid()) continue;
    Module module;
    if (auto id = m.slug("id", Need::required)) {
      module.id = *id;
      module_ids_.add(*id, m.at("id"), problems_);
    }
    module.title = m.text("title", Need::required, default_language_);
    if (auto minutes = m.integer("estimatedMinutes", Need::required, 1, 600)) {
      module.estimated_minutes = static_cast<int>(*minutes);
    }
    if (const auto* blocks = m.array("blocks", Need::required)) {
      if (blocks->empty()) m.error(m.at("blocks"), "a module needs at least one block");
      for (std::size_t k = 0; k < blocks->size(); ++k) {
        if (++block_count_ > limits_.max_blocks) {
          m.error(pointer_append(m.at("blocks"), k),
                  "the course has more than " + std::to_string(limits_.max_blocks) + " blocks", "split the course");
          return;
        }
        if (auto block = read_block((*blocks)[k], pointer_append(m.at("blocks"), k))) {
          module.blocks.push_back(std::move(*block));
        }
      }
    }
    read_recall_prompts(m, module);
    course.modules.push_back(std::move(module));
  }
}

// A module's recall prompts: each an id (unique in the module), the prompt and the author's answer, both text in
// the course's languages. A few per module: they are reviewed beside the module's assessed items.
void CourseLoader::read_recall_prompts(ObjectReader& m, Module& module) {
  constexpr std::size_t max_prompts = 50;
  const auto* prompts = m.array("recallPrompts", Need::optional);
  if (!prompts) return;
  if (prompts->size() > max_prompts) {
    m.error(m.at("recallPrompts"),
            "the module has " + std::to_string(prompts->size()) + " recall prompts; the limit is " +
                std::to_string(max_prompts),
            "keep the few that matter most: each is reviewed again and again");
    return;
  }
  IdSet ids{"recall prompt"};
  for (std::size_t i = 0; i < prompts->size(); ++i) {
    ObjectReader p((*prompts)[i], pointer_append(m.at("recallPrompts"), i), problems_, limits_, "a recall prompt");
    if (!p.valid()) continue;
    RecallPrompt prompt;
    if (auto id = p.slug("id", Need::required)) {
      ids.add(*id, p.at("id"), problems_);
      prompt.id = *id;
    }
    prompt.prompt = p.text("prompt", Need::required, default_language_);
    prompt.answer = p.text("answer", Need::required, default_language_);
    module.recall_prompts.push_back(std::move(prompt));
  }
}

void CourseLoader::check_file(ObjectReader& in, const std::optional<std::string>& path, std::string_view key) {
  if (!path || !options_.check_files) return;
  if (files_.count(*path) == 0) {
    in.error(in.at(key), "file '" + *path + "' is not in the package",
             "add the file to the course folder, or correct the path (paths are case-sensitive)");
  }
}

void CourseLoader::check_markdown(const Text& text, const std::string& where) {
  for (const auto& [language, markdown] : text.by_language) {
    if (const int line = first_raw_html_line(markdown)) {
      const std::string at = text.by_language.size() > 1 ? pointer_append(where, language) : where;
      problems_.push_back(error_at(at, "raw HTML on line " + std::to_string(line) + " of the Markdown is not allowed",
                                   "use Markdown only (emphasis, lists, links, images); "
                                   "write '\\<' for a literal '<'"));
    }
  }
}

std::optional<Block> CourseLoader::read_block(const nlohmann::json& value, const std::string& where) {
  ObjectReader b(value, where, problems_, limits_, "a block");
  if (!b.valid()) return std::nullopt;
  Block block;
  block.pointer = where;
  if (auto id = b.slug("id", Need::required)) {
    block.id = *id;
    block_ids_.add(*id, b.at("id"), problems_);
  }
  (void)b.text("title", Need::optional, default_language_);
  (void)b.integer("estimatedMinutes", Need::optional, 0, 600);
  const auto type = b.string("type", Need::required, 32);
  if (!type) return std::nullopt;
  const std::string& t = *type;
  if (t == "text") {
    block.type = BlockType::text;
    check_markdown(b.text("markdown", Need::required, default_language_), b.at("markdown"));
  } else if (t == "image") {
    block.type = BlockType::image;
    check_file(b, b.file_path("src", Need::required), "src");
    const bool decorative = b.boolean("decorative", Need::optional).value_or(false);
    const Text alt = b.text("alt", Need::optional, default_language_);
    if (!decorative && alt.by_language.empty()) {
      b.error(where, "the image has no alt text",
              "add \"alt\" describing what the image shows, or \"decorative\": true if it adds nothing");
    }
    (void)b.text("caption", Need::optional, default_language_);
  } else if (t == "video" || t == "audio") {
    block.type = t == "video" ? BlockType::video : BlockType::audio;
    check_file(b, b.file_path("src", Need::required), "src");
    if (!b.member("captions", Need::optional)) {
      b.error(where, "the " + t + " has no captions file", "add \"captions\": \"media/….vtt\" (WebVTT)");
    } else if (auto captions = b.file_path("captions", Need::required)) {
      if (captions->size() < 4 || captions->substr(captions->size() - 4) != ".vtt") {
        b.error(b.at("captions"), "captions must be a WebVTT file ending in .vtt");
      }
      check_file(b, captions, "captions");
    }
    if (!b.member("transcript", Need::optional)) {
      b.error(where, "the " + t + " has no transcript", "add \"transcript\": \"media/….md\"");
    } else {
      check_file(b, b.file_path("transcript", Need::required), "transcript");
    }
    if (t == "video") {
      if (const auto* low = b.member("lowBandwidth", Need::optional)) {
        ObjectReader l(*low, b.at("lowBandwidth"), problems_, limits_, "the low-bandwidth alternative");
        check_file(l, l.file_path("src", Need::required), "src");
      } else {
        b.warning(where, "the video has no low-bandwidth alternative",
                  "add \"lowBandwidth\": {\"src\": \"media/….mp3\"} (audio only, or a smaller encoding)");
      }
    }
    (void)b.integer("durationSeconds", Need::optional, 1, std::int64_t{24} * 3600);
  } else if (t == "case-study") {
    block.type = BlockType::case_study;
    check_markdown(b.text("markdown", Need::required, default_language_), b.at("markdown"));
    if (const auto* questions = b.array("questions", Need::optional)) {
      for (std::size_t i = 0; i < questions->size(); ++i) {
        nlohmann::json holder = {{"text", (*questions)[i]}};
        ObjectReader q(holder, pointer_append(b.at("questions"), i), problems_, limits_, "a question");
        (void)q.text("text", Need::required, default_language_);
      }
    }
  } else if (t == "reflection") {
    block.type = BlockType::reflection;
    (void)b.text("prompt", Need::required, default_language_);
  } else if (t == "scenario") {
    block.type = BlockType::scenario;
    if (auto ref = b.string("scenario", Need::required, 64)) block_scenario_refs_.emplace_back(*ref, b.at("scenario"));
  } else if (t == "assessment") {
    block.type = BlockType::assessment;
    if (auto ref = b.string("assessment", Need::required, 64)) {
      block_assessment_refs_.emplace_back(*ref, b.at("assessment"));
    }
  } else if (t == "survey") {
    block.type = BlockType::survey;
    if (const auto* items = b.array("items", Need::required)) {
      if (items->empty()) b.error(b.at("items"), "a survey needs at least one item");
      for (std::size_t i = 0; i < items->size(); ++i) {
        ObjectReader s((*items)[i], pointer_append(b.at("items"), i), problems_, limits_, "a survey item");
        (void)s.slug("id", Need::required);
        (void)s.text("prompt", Need::required, default_language_);
        if (auto kind = s.string("type", Need::required, 16)) {
          if (*kind == "likert") {
            (void)s.integer("points", Need::required, 2, 11);
            (void)s.text("lowLabel", Need::optional, default_language_);
            (void)s.text("highLabel", Need::optional, default_language_);
          } else if (*kind != "text") {
            s.error(s.at("type"), "survey item type '" + *kind + "' is not one of likert, text");
          }
        }
      }
    }
  } else if (t == "takeaways") {
    block.type = BlockType::takeaways;
    if (const auto* points = b.array("points", Need::required)) {
      if (points->empty()) b.error(b.at("points"), "key takeaways need at least one point");
      for (std::size_t i = 0; i < points->size(); ++i) {
        nlohmann::json holder = {{"text", (*points)[i]}};
        ObjectReader p(holder, pointer_append(b.at("points"), i), problems_, limits_, "a takeaway");
        check_markdown(p.text("text", Need::required, default_language_), pointer_append(b.at("points"), i));
      }
    }
  } else if (t == "project") {
    block.type = BlockType::project;
    if (auto project = detail::read_project(b, default_language_)) {
      check_markdown(project->brief, b.at("brief"));
      block.project = std::make_shared<const Project>(std::move(*project));
    }
  } else {
    for (const auto& [key, unused] : value.items()) b.accept(key);  // the type is the error, not its fields
    b.error(b.at("type"), "block type '" + t + "' is unknown",
            "use one of text, image, video, audio, case-study, reflection, scenario, assessment, survey, takeaways, "
            "project");
    return std::nullopt;
  }
  block.data = value;
  return block;
}

void CourseLoader::read_completion(ObjectReader& in, Course& course) {
  const auto* completion = in.member("completion", Need::optional);
  if (!completion) return;
  ObjectReader c(*completion, in.at("completion"), problems_, limits_, "the completion rules");
  if (const auto* required = c.member("requiredBlocks", Need::optional)) {
    if (required->is_string() && *required == "all") {
      course.completion.all_blocks_required = true;
    } else if (required->is_array()) {
      course.completion.all_blocks_required = false;
      for (std::size_t i = 0; i < required->size(); ++i) {
        const auto& id = (*required)[i];
        if (!id.is_string() || !block_ids_.contains(id.get_ref<const std::string&>())) {
          c.error(pointer_append(c.at("requiredBlocks"), i), "block " + id.dump() + " is not defined in any module");
          continue;
        }
        course.completion.required_blocks.push_back(id.get<std::string>());
      }
    } else {
      c.error(c.at("requiredBlocks"), "'requiredBlocks' must be \"all\" or an array of block ids");
    }
  }
  if (const auto* must_pass = c.array("mustPass", Need::optional)) {
    for (std::size_t i = 0; i < must_pass->size(); ++i) {
      const auto& id = (*must_pass)[i];
      if (!id.is_string() || !assessment_ids_.contains(id.get_ref<const std::string&>())) {
        c.error(pointer_append(c.at("mustPass"), i), "assessment " + id.dump() + " is not defined in /assessments");
        continue;
      }
      course.completion.must_pass.push_back(id.get<std::string>());
    }
  }
  course.completion.sequential_modules = c.boolean("sequentialModules", Need::optional).value_or(false);
}

// The completion proof is signed once the completion rules hold: a required block after the last must-pass
// assessment keeps a learner who passes it and leaves without a proof (docs/package-format.md, "Completion").
void CourseLoader::lint_proof_order(const Course& course) {
  const auto& must_pass = course.completion.must_pass;
  const Block* last = nullptr;
  std::vector<const Block*> after;
  for (const Module& module : course.modules) {
    for (const Block& block : module.blocks) {
      const auto assessment = block.data.find("assessment");
      const bool passes = block.type == BlockType::assessment && assessment != block.data.end() &&
                          std::find(must_pass.begin(), must_pass.end(), *assessment) != must_pass.end();
      if (passes) {
        last = &block;
        after.clear();
      } else if (last && required_for_completion(course.completion, block)) {
        after.push_back(&block);
      }
    }
  }
  for (const Block* block : after) {
    problems_.push_back(warning_at(block->pointer,
                                   "block '" + block->id + "' is required and comes after '" + last->id +
                                       "', the last assessment to pass: the completion proof waits for it",
                                   "move it before '" + last->id +
                                       "', so the proof is signed the moment the learner "
                                       "passes (or leave it out of completion.requiredBlocks)"));
  }
}

void CourseLoader::lint(const Course& course) {
  lint_proof_order(course);
  for (std::size_t i = 0; i < course.outcomes.size(); ++i) {
    const Outcome& outcome = course.outcomes[i];
    if (!outcome.id.empty() && summative_outcomes_.count(outcome.id) == 0) {
      problems_.push_back(warning_at(
          pointer_append("/outcomes", i), "outcome '" + outcome.id + "' is not assessed by any summative item",
          "add \"outcomes\": [\"" + outcome.id + "\"] to at least one item of a summative assessment"));
    }
  }
  if (course.modules.size() >= 2) {
    const auto [shortest, longest] =
        std::minmax_element(course.modules.begin(), course.modules.end(),
                            [](const Module& a, const Module& b) { return a.estimated_minutes < b.estimated_minutes; });
    if (shortest->estimated_minutes > 0 && longest->estimated_minutes > 2 * shortest->estimated_minutes) {
      char ratio[32];
      // NOLINTNEXTLINE(cert-err33-c): a ratio of module minutes (at most 600) fits the 32 bytes
      std::snprintf(ratio, sizeof ratio, "%.1f",
                    static_cast<double>(longest->estimated_minutes) / shortest->estimated_minutes);
      problems_.push_back(
          warning_at("/modules",
                     "module durations are unbalanced: '" + longest->id + "' (" +
                         std::to_string(longest->estimated_minutes) + " min) is " + ratio + "× '" + shortest->id +
                         "' (" + std::to_string(shortest->estimated_minutes) + " min)",
                     "split the long module or merge short ones; keep the longest within 2× the shortest"));
    }
  }
  // The players' own words come from the interface catalogues (tessera/strings.hpp): a course language
  // Tessera has no complete catalogue for shows them, or the missing ones, in English.
  for (std::size_t i = 0; i < course.languages.size(); ++i) {
    const std::string& language = course.languages[i];
    const auto missing = strings::missing_keys(language);
    if (missing.empty()) continue;
    const bool none = !strings::has_catalogue(language);
    problems_.push_back(warning_at(
        pointer_append("/languages", i),
        none ? "Tessera's interface has no strings in '" + language +
                   "': learners will see its buttons and messages in English"
             : "Tessera's interface strings in '" + language + "' lack " + std::to_string(missing.size()) +
                   " of English's (first: '" + missing.front() + "'); those show in English",
        "add or complete runtime/strings/" + language.substr(0, language.find('-')) + ".json (docs/strings.md)"));
  }
  int module_minutes = 0;
  for (const Module& module : course.modules) module_minutes += module.estimated_minutes;
  if (course.estimated_minutes > 0 && module_minutes > 0 &&
      (module_minutes * 10 < course.estimated_minutes * 8 || module_minutes * 10 > course.estimated_minutes * 12)) {
    problems_.push_back(warning_at("/estimatedMinutes",
                                   "the course says " + std::to_string(course.estimated_minutes) +
                                       " minutes but its modules add up to " + std::to_string(module_minutes),
                                   "make \"estimatedMinutes\" the sum of the modules' minutes (within 20%)"));
  }
}

}  // namespace

std::optional<nlohmann::json> detail::parse_untrusted(std::string_view text, const Limits& limits,
                                                      std::string_view file_name, std::vector<Problem>& problems) {
  const json_text::Limits text_limits{limits.max_bytes, static_cast<std::size_t>(limits.max_depth)};
  auto read = json_text::read(text, text_limits, file_name);
  if (!read) {
    problems.insert(problems.end(), read.problems().begin(), read.problems().end());
    return std::nullopt;
  }
  return std::move(read).value();
}

LoadReport load(std::string_view course_json, const LoadOptions& options) {
  LoadReport report;
  const auto root = detail::parse_untrusted(course_json, with_defaults(options.limits), "course.json", report.problems);
  if (!root) return report;
  try {
    CourseLoader loader(options, report.problems);
    report.course = loader.load(*root);
  } catch (const std::exception& error) {
    // Every read above checks types first; reaching this is a bug, reported rather than crashing the host.
    report.problems.push_back(error_at("/", std::string("internal error while reading the course: ") + error.what(),
                                       "please report this with the course.json that caused it"));
    report.course.reset();
  }
  return report;
}

TextsReport text_pointers(std::string_view course_json, const LoadOptions& options) {
  detail::TextSink sink;
  TextsReport texts;
  auto report = load(course_json, options);
  texts.problems = std::move(report.problems);
  if (!report.course) return texts;
  texts.course = std::move(report.course);
  std::set<std::string> seen;
  for (const auto& pointer : sink.pointers()) {
    if (seen.insert(pointer).second) texts.pointers.push_back(pointer);
  }
  return texts;
}

}  // namespace tessera::course
