// The view's welcome: how the course works, said on a learner's first open of it (docs/runtime-api.md, "welcome").
// Shown while the learner is at the course's first block and has finished nothing and started no attempt, so
// it is there on the very first open and again if they leave before doing anything; the first block's own
// action (its way in) is how they start. Nothing to dismiss: the welcome goes once something is done.
#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

namespace {

std::string count_text(const strings::Catalogue& words, const char* key, const char* name, std::int64_t n) {
  return words.text(key, {{name, words.integer(n)}});
}

}  // namespace

std::optional<view::Welcome> Session::welcome_model(const view::View& v, const std::string& language,
                                                    const strings::Catalogue& words) const {
  const course::Course& c = *course_;
  if (!v.current || c.modules.empty() || c.modules.front().blocks.empty()) return std::nullopt;
  if (v.current->content.value("id", std::string()) != c.modules.front().blocks.front().id) return std::nullopt;
  if (!state_.attempts.empty()) return std::nullopt;
  for (const auto& [id, progress] : state_.blocks)
    if (progress.completed) return std::nullopt;

  view::Welcome w;
  w.heading = words.text("welcome.heading", {{"course", v.title}});
  w.modules = c.modules.size();
  w.estimated_minutes = c.estimated_minutes;
  if (w.estimated_minutes == 0)
    for (const auto& module : c.modules) w.estimated_minutes += module.estimated_minutes;
  const std::string minutes = count_text(words, "welcome.minutes", "count", w.estimated_minutes);
  w.lines.push_back(words.text("welcome.modules",
                               {{"modules", words.integer(static_cast<std::int64_t>(w.modules))}, {"time", minutes}}));

  bool tests_out = false;
  for (const auto& ref : c.assessments) {
    if (ref.kind == course::AssessmentKind::formative) ++w.practice_checks;
    const auto found = compiled_->assessments.find(ref.id);
    if (ref.kind == course::AssessmentKind::pre && found != compiled_->assessments.end())
      tests_out = tests_out || !found->second.tests_out.empty();
  }
  if (tests_out) w.lines.push_back(words.text("welcome.pre-test"));
  if (w.practice_checks > 0)
    w.lines.push_back(count_text(words, "welcome.practice", "count", static_cast<std::int64_t>(w.practice_checks)));

  // The assessments completion requires passing, named as the outline names them.
  for (const auto& assessment_id : c.completion.must_pass) {
    const auto block = compiled_->assessment_blocks.find(assessment_id);
    const auto assessment = compiled_->assessments.find(assessment_id);
    if (block == compiled_->assessment_blocks.end() || assessment == compiled_->assessments.end()) continue;
    view::WelcomeFinal final;
    final.block = block->second;
    for (const auto& module : v.modules)
      for (const auto& entry : module.blocks)
        if (entry.id == final.block) final.title = entry.open.label;
    const assess::Fraction mark = assessment->second.pass_mark.value_or(assess::Fraction::of(4, 5));
    final.pass_mark = mark.to_string();
    final.attempts = assessment->second.max_attempts;
    std::string line =
        words.text("welcome.final", {{"title", final.title}, {"percent", words.percent(whole_percent(mark))}});
    line += " " + (final.attempts ? count_text(words, "welcome.attempts", "count", *final.attempts)
                                  : words.text("welcome.attempts-unlimited"));
    w.lines.push_back(std::move(line));
    w.finals.push_back(std::move(final));
  }

  w.credential = c.credential.name.in(language, c.default_language);
  w.validity_months = c.credential.validity_months;
  if (!w.credential.empty()) {
    w.lines.push_back(w.validity_months
                          ? words.text("welcome.credential",
                                       {{"credential", w.credential}, {"months", words.integer(*w.validity_months)}})
                          : words.text("welcome.credential-no-expiry", {{"credential", w.credential}}));
  }
  w.lines.push_back(words.text("welcome.start"));
  return w;
}

}  // namespace tessera::session
