// The completion moment of the view (view::Completion): the credential earned, the score of each must-pass
// assessment as a sentence, and the skills the learner showed — decided here so both players say the same.
#include <algorithm>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

void Session::fill_completion_moment(const std::string& language, const strings::Catalogue& words,
                                     view::View& v) const {
  if (!v.complete) return;  // the moment belongs to a complete course only
  view::Completion& out = v.completion;
  out.credential = course_->credential.name.in(language, course_->default_language);
  if (!out.credential.empty()) out.credential_text = words.text("completion.credential", {{"name", out.credential}});
  out.scores = must_pass_scores(v, words);
  out.skills = skills_shown(v, language, words);
  if (!out.skills.empty()) out.skills_text = words.text("completion.skills");
}

// "Final assessment: 7 of 8 (88%)": the last submitted attempt of each must-pass assessment (the one the
// completion proof states); when the course has several, each is named as the outline names it.
std::vector<std::string> Session::must_pass_scores(const view::View& v, const strings::Catalogue& words) const {
  const auto& must_pass = course_->completion.must_pass;
  std::vector<std::string> out;
  for (const auto& assessment_id : must_pass) {
    const auto block = compiled_->assessment_blocks.find(assessment_id);
    if (block == compiled_->assessment_blocks.end()) continue;
    const auto attempts = state_.attempts.find(block->second);
    if (attempts == state_.attempts.end()) continue;
    const auto& list = attempts->second;
    const auto last = std::find_if(list.rbegin(), list.rend(), [](const Attempt& a) { return a.submitted; });
    if (last == list.rend()) continue;
    const std::string name = must_pass.size() == 1 ? words.text("completion.final") : outline_title(v, block->second);
    const assess::Fraction share = last->max.num == 0 ? assess::Fraction::of(0) : last->score / last->max;
    out.push_back(words.text("completion.score", {{"name", name},
                                                  {"score", shown_number(words, last->score)},
                                                  {"max", shown_number(words, last->max)},
                                                  {"percent", words.percent(whole_percent(share))}}));
  }
  return out;
}

// A block's name in the outline: its title, else its type's name.
std::string Session::outline_title(const view::View& v, const std::string& block_id) {
  for (const auto& module : v.modules) {
    for (const auto& entry : module.blocks) {
      if (entry.id != block_id) continue;
      return entry.title && entry.title->is_string() ? entry.title->get<std::string>() : entry.type_name;
    }
  }
  return block_id;
}

// The competencies the learner mastered (as the view's mastery decides), in the course's order, each with the
// level a finished scenario gave it when one demonstrated it (when several did, the last by block id).
std::vector<view::Skill> Session::skills_shown(const view::View& v, const std::string& language,
                                               const strings::Catalogue& words) const {
  std::vector<view::Skill> out;
  for (const auto& competency : course_->competencies) {
    const auto found = v.mastery.find(competency.id);
    if (found == v.mastery.end() || !found->value("mastered", false)) continue;
    view::Skill skill;
    skill.id = competency.id;
    skill.name = found->value("name", competency.id);
    for (const auto& [block_id, run] : state_.scenarios) {
      const bool shows =
          std::find(run.competencies.begin(), run.competencies.end(), competency.id) != run.competencies.end();
      const json level = localise(run.level_text, course_->languages, language, course_->default_language);
      if (run.ended && shows && level.is_string()) skill.level = level.get<std::string>();
    }
    skill.text = skill.level.empty()
                     ? skill.name
                     : words.text("completion.skill-level", {{"name", skill.name}, {"level", skill.level}});
    out.push_back(std::move(skill));
  }
  return out;
}

}  // namespace tessera::session
