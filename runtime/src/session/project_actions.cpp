// Project blocks in a session (docs/projects.md): save a draft, check it against the rubric, submit the signed
// submission, import signed reviews; each an event whose signatures and trust are checked again on every replay,
// so a verifier re-decides the project from the record alone.
#include <algorithm>

#include "internal.hpp"
#include "tessera/session.hpp"

namespace tessera::session {

using namespace detail;  // NOLINT: this file is one of the session's parts

namespace {

const ProjectProgress& progress_of(const State& state, const std::string& block_id) {
  static const ProjectProgress none;
  const auto found = state.projects.find(block_id);
  return found == state.projects.end() ? none : found->second;
}

std::size_t accept_index(const course::Project& project, const course::RubricCriterion& criterion) {
  std::size_t index = 0;
  while (index < criterion.levels.size() && criterion.levels[index].id != project.accept_at_least) ++index;
  return index;
}

// Level indexes as level ids, for the view.
json level_ids(const course::Project& project, const std::map<std::string, std::size_t>& levels) {
  json out = json::object();
  for (const auto& criterion : project.rubric.criteria) {
    if (const auto found = levels.find(criterion.id); found != levels.end()) {
      out[criterion.id] = criterion.levels.at(found->second).id;
    }
  }
  return out;
}

std::optional<Problem> check_submission_event(const json& payload, const std::string& where,
                                              const course::Course& course, const course::Block& block,
                                              const ProjectProgress& progress, const std::string& prev, bool accepted,
                                              project::Submission& read) {
  auto submission = project::read_submission(payload.value("submission", json()), &course, &block);
  if (!submission) {
    const Problem& first = submission.problems().front();
    return error_at(where + "/submission" + first.where, first.message, first.hint);
  }
  const std::string event_where = where.empty() ? "/" : where;
  if (accepted) return error_at(event_where, "this project is already accepted");
  if (progress.submission && !project::decide(*block.project, progress.reviews).decided) {
    return error_at(event_where, "the submission is awaiting review", "import a review before submitting again");
  }
  if (submission.value().record_head != prev) {
    return error_at(where + "/submission/record/head", "the submission was made at another point of this record",
                    "make the submission again from the record as it is now");
  }
  if (submission.value().document["work"] != progress.draft) {
    return error_at(where + "/submission/work", "the submitted work is not the saved draft", "save the draft first");
  }
  if (progress.submission && progress.submission->learner != submission.value().learner) {
    return error_at(where + "/submission/learner", "the submission is signed by another learner than the first one");
  }
  read = std::move(submission).value();
  return std::nullopt;
}

}  // namespace

project::Decision Session::project_decision(const std::string& block_id) const {
  const auto found = compiled_->block_index.find(block_id);
  if (found == compiled_->block_index.end() || !found->second.block->project) return {};
  return project::decide(*found->second.block->project, progress_of(state_, block_id).reviews);
}

std::optional<Problem> Session::project_action(const std::string& name, const json& action, json& payload,
                                               std::string& event_type) const {
  if (name == "save-draft") {
    event_type = event_project_draft_saved;
    payload["work"] = action.value("work", json());
  } else if (name == "self-check") {
    event_type = event_project_self_checked;
    payload["levels"] = action.value("levels", json());
  } else if (name == "submit-project") {
    event_type = event_project_submitted;
    payload["submission"] = action.value("submission", json());
  } else {
    event_type = event_project_reviewed;
    payload["review"] = action.value("review", json());
  }
  return std::nullopt;
}

std::optional<Problem> Session::check_project_event(const record::Event& event, const std::string& where,
                                                    const course::Block& block, bool apply) {
  if (!block.project) return error_at(where, "block '" + block.id + "' is not a project");
  const course::Project& project = *block.project;
  const json& payload = event.payload;
  const ProjectProgress& progress = progress_of(state_, block.id);
  const std::string at = where == "/" ? "" : where;  // problems point into the event's payload
  const bool accepted = state_.blocks.count(block.id) != 0 && state_.blocks.at(block.id).completed;
  const auto only = [&](const char* member) -> std::optional<Problem> {
    for (const auto& item : payload.items()) {
      if (item.key() != "block" && item.key() != member) {
        return error_at(where, "event '" + event.type + "' has an unexpected field '" + item.key() + "'");
      }
    }
    return std::nullopt;
  };
  if (event.type == event_project_draft_saved) {
    if (auto problem = only("work")) return problem;
    if (accepted) return error_at(where, "this project is already accepted");
    if (auto problems = project::check_work(project, payload.value("work", json())); !problems.empty()) {
      return error_at(at + "/work" + problems.front().where, problems.front().message, problems.front().hint);
    }
    if (apply) state_.projects[block.id].draft = payload["work"];
  } else if (event.type == event_project_self_checked) {
    if (auto problem = only("levels")) return problem;
    auto levels = project::level_indexes(project.rubric, payload.value("levels", json()));
    if (!levels) return error_at(at + levels.problems().front().where, levels.problems().front().message);
    if (apply) state_.projects[block.id].self_check = payload["levels"].get<std::map<std::string, std::string>>();
  } else if (event.type == event_project_submitted) {
    if (auto problem = only("submission")) return problem;
    project::Submission read;
    if (auto problem = check_submission_event(payload, at, *course_, block, progress, event.prev, accepted, read)) {
      return problem;
    }
    if (apply) {
      auto& mine = state_.projects[block.id];
      mine.submission = std::move(read);
      mine.reviews.clear();
      ++mine.submissions;
    }
  } else if (event.type == event_project_reviewed) {
    if (auto problem = only("review")) return problem;
    if (!progress.submission)
      return error_at(where, "there is no submission to review yet", "submit the project first");
    if (accepted) return error_at(where, "this project is already accepted");
    auto review = project::read_review(payload.value("review", json()), *course_, block, *progress.submission);
    if (!review) {
      const Problem& first = review.problems().front();
      return error_at(at + "/review" + first.where, first.message, first.hint);
    }
    if (apply) {
      auto& mine = state_.projects[block.id];
      mine.reviews.push_back(std::move(review).value());
      if (project::decide(project, mine.reviews).accepted) state_.blocks[block.id].completed = true;
    }
  } else {
    return error_at(where, "event type '" + event.type + "' is not one this course allows");
  }
  return std::nullopt;
}

json Session::project_view(const course::Block& block, const std::string& language,
                           const strings::Catalogue& words) const {
  (void)language;
  const course::Project& project = *block.project;
  const ProjectProgress& progress = progress_of(state_, block.id);
  const project::Decision decision = project::decide(project, progress.reviews);
  const std::string status = !progress.submission ? "drafting"
                             : !decision.decided  ? "awaiting-review"
                             : decision.accepted  ? "accepted"
                                                  : "not-accepted";
  json out = {
      {"status", status},        {"statusText", words.text("project.status." + status)},
      {"draft", progress.draft}, {"selfCheck", nullptr},
      {"submission", nullptr},   {"reviews", json::array()},
      {"decision", nullptr},     {"peers", {{"needed", project.reviewers.peers}, {"reviewed", decision.peer_reviews}}}};
  if (!progress.self_check.empty()) {
    bool meets = true;
    for (const auto& criterion : project.rubric.criteria) {
      const auto& chosen = progress.self_check.at(criterion.id);
      std::size_t index = 0;
      while (criterion.levels[index].id != chosen) ++index;
      meets = meets && index >= accept_index(project, criterion);
    }
    out["selfCheck"] = {{"levels", progress.self_check},
                        {"meets", meets},
                        {"text", words.text(meets ? "project.self-check.meets" : "project.self-check.short")}};
  }
  if (progress.submission) {
    out["submission"] = {{"digest", progress.submission->digest},
                         {"learner", progress.submission->learner},
                         {"count", progress.submissions}};
  }
  for (const auto& review : progress.reviews) {
    out["reviews"].push_back({{"reviewer", review.reviewer},
                              {"role", review.role},
                              {"levels", level_ids(project, review.levels)},
                              {"comment", review.document.value("comment", "")}});
  }
  if (decision.decided) {
    out["decision"] = {
        {"by", decision.by}, {"levels", level_ids(project, decision.levels)}, {"accepted", decision.accepted}};
  }
  return out;
}

void Session::add_project_actions(const course::Block& block, const strings::Catalogue& words, view::View& v) const {
  const ProjectProgress& progress = progress_of(state_, block.id);
  const project::Decision decision = project::decide(*block.project, progress.reviews);
  auto send = [&](const char* type) { return json{{"type", type}, {"block", block.id}}; };
  const bool awaiting = progress.submission && !decision.decided;
  if (awaiting || (progress.submission && decision.decided && !decision.accepted)) {
    v.actions.push_back(action(send("import-review"), words.text("action.import-review"), awaiting));
  }
  if (awaiting || decision.accepted) return;
  v.actions.push_back(action(send("save-draft"), words.text("action.save-draft")));
  v.actions.push_back(action(send("self-check"), words.text("action.self-check")));
  view::Action submit = action(send("submit-project"), words.text("action.submit-project"), true);
  if (project::is_empty_work(progress.draft)) {
    submit.enabled = false;
    submit.reason = words.text("project.reason.no-draft");
  }
  v.actions.push_back(std::move(submit));
}

}  // namespace tessera::session
