// Issuer policy and Open Badges 3.0 AchievementCredentials for courses and pathways.
#include "tessera/issuer.hpp"

#include <algorithm>
#include <set>

#include "tessera/assess.hpp"
#include "tessera/completion.hpp"
#include "tessera/datetime.hpp"

namespace tessera::credential {

using nlohmann::json;

IssuePolicy read_policy(const json& policy) {
  IssuePolicy out;
  if (!policy.is_object()) return out;
  out.require_package = policy.value("requirePackage", true);
  out.allow_timing_warnings = policy.value("allowTimingWarnings", false);
  out.require_all_competencies = policy.value("requireAllCompetencies", false);
  if (policy.contains("courses") && policy["courses"].is_array()) {
    for (const auto& id : policy["courses"]) {
      if (id.is_string()) out.courses.push_back(id.get<std::string>());
    }
  }
  return out;
}

std::vector<Problem> apply_policy(const Report& report, const IssuePolicy& policy) {
  std::vector<Problem> problems;
  if (report.kind != "completion-proof") return {error_at("", "this is not a completion proof")};
  for (const auto& check : report.checks) {
    if (check.status == CheckStatus::fail) {
      problems.push_back(error_at(check.id, "the proof fails its " + check.id + " check: " + check.sentence));
    } else if (check.status == CheckStatus::warning) {
      const bool needs_package = check.id == "package" || check.id == "course" || check.id == "rescore" ||
                                 check.id == "outcomes" || check.id == "completion";
      if ((needs_package && policy.require_package) || (check.id == "timing" && !policy.allow_timing_warnings)) {
        problems.push_back(error_at(
            check.id, "the issuer's policy refuses a proof whose " + check.id + " check warns: " + check.sentence,
            check.id == "timing" ? "set policy.allowTimingWarnings to accept it"
                                 : "supply the package (--package DIR)"));
      }
    }
  }
  const json& subject = report.document["credentialSubject"];
  const std::string course_id = subject["course"].value("id", std::string());
  if (!policy.courses.empty() &&
      std::find(policy.courses.begin(), policy.courses.end(), course_id) == policy.courses.end()) {
    problems.push_back(
        error_at("/credentialSubject/course/id", "this issuer does not certify course '" + course_id + "'"));
  }
  if (!subject["result"].value("passed", false)) {
    problems.push_back(error_at("/credentialSubject/result/passed", "the proof does not claim a pass"));
  }
  if (policy.require_all_competencies) {
    for (const auto& competency : subject["result"].value("competencies", json::array())) {
      if (!competency.value("mastered", false)) {
        problems.push_back(error_at("/credentialSubject/result/competencies",
                                    "competency '" + competency.value("id", std::string()) + "' is not mastered"));
      }
    }
  }
  return problems;
}

json policy_context() {
  constexpr std::string_view vocabulary = "https://www.w3.org/ns/credentials/issuer-dependent#";
  json context = json::object();
  for (const char* term : {"eligibilityPolicy", "verificationPolicy", "appealPolicy"}) {
    context[term] = {{"@id", std::string(vocabulary) + term}, {"@type", "@id"}};
  }
  return context;
}

namespace {

bool has_policy_links(const IssuerProfile& issuer) {
  return !issuer.eligibility_policy.empty() || !issuer.verification_policy.empty() || !issuer.appeal_policy.empty();
}

json issuer_profile(const IssuerProfile& issuer) {
  json profile = {{"id", issuer.id}, {"type", {"Profile"}}, {"name", issuer.name}};
  if (!issuer.url.empty()) profile["url"] = issuer.url;
  if (!issuer.email.empty()) profile["email"] = issuer.email;
  if (!issuer.eligibility_policy.empty()) profile["eligibilityPolicy"] = issuer.eligibility_policy;
  if (!issuer.verification_policy.empty()) profile["verificationPolicy"] = issuer.verification_policy;
  if (!issuer.appeal_policy.empty()) profile["appealPolicy"] = issuer.appeal_policy;
  return profile;
}

json alignment_of(const course::Course& course, const course::Competency& competency) {
  std::string framework_name;
  std::string framework_url;
  for (const auto& f : course.frameworks) {
    if (f.id == competency.framework) {
      framework_name = f.name;
      framework_url = f.url;
    }
  }
  json alignment = {{"type", {"Alignment"}},
                    {"targetName", competency.name.in(course.default_language, course.default_language)},
                    {"targetUrl", !competency.url.empty()  ? competency.url
                                  : !framework_url.empty() ? framework_url + "#" + competency.code
                                                           : "urn:tessera:competency:" + competency.id}};
  if (!competency.code.empty()) alignment["targetCode"] = competency.code;
  if (!framework_name.empty()) alignment["targetFramework"] = framework_name;
  alignment["targetType"] = "ceterms:Competency";
  return alignment;
}

std::string achievement_id(const std::string& kind, const std::string& id, const std::string& version) {
  return "urn:tessera:" + kind + ":" + id + (version.empty() ? "" : ":" + version);
}

// The share of an outcome's points the learner earned, score / max as an exact fraction ("11/16"; "0" when no
// item was aligned to it): the value its Result states against the description's requiredValue.
std::string points_share(const json& outcome) {
  const auto score = assess::Fraction::parse(outcome.value("score", json()));
  const auto max = assess::Fraction::parse(outcome.value("max", json()));
  if (!score || !max || !(assess::Fraction::of(0) < *max)) return "0";
  return (*score / *max).to_string();
}

// A learning outcome as the achievement describes it (docs/credentials.md, "Learning outcomes"): a
// ResultDescription of resultType RubricCriterionLevel with two levels, "Not met" and "Met" (described by the
// author's condition and criterion), the "Met" level required, the rule's share of the points as requiredValue
// (what a Result's value is compared with), aligned to the outcome's competencies. Kept short: a credential
// must still fit a certificate's QR code.
json outcome_description(const course::Course& course, const course::Outcome& outcome, const std::string& achievement) {
  const std::string& lang = course.default_language;
  const std::string id = achievement + "#outcome-" + outcome.id;
  const std::string condition = outcome.condition.in(lang, lang);
  const std::string criterion = outcome.criterion.in(lang, lang);
  json met = {{"id", id + "-met"}, {"type", {"RubricCriterionLevel"}}, {"name", "Met"}};
  if (!criterion.empty()) met["description"] = (condition.empty() ? "" : condition + ": ") + criterion + ".";
  json alignment = json::array();
  for (const auto& competency : course.competencies) {
    if (std::find(outcome.competencies.begin(), outcome.competencies.end(), competency.id) !=
        outcome.competencies.end())
      alignment.push_back(alignment_of(course, competency));
  }
  json description = {
      {"id", id},
      {"type", {"ResultDescription"}},
      {"name", outcome.statement.in(lang, lang)},
      {"resultType", "RubricCriterionLevel"},
      {"rubricCriterionLevel",
       {{{"id", id + "-not-met"}, {"type", {"RubricCriterionLevel"}}, {"name", "Not met"}}, std::move(met)}},
      {"requiredLevel", id + "-met"},
      {"requiredValue",
       std::to_string(outcome_threshold_numerator) + "/" + std::to_string(outcome_threshold_denominator)}};
  if (!alignment.empty()) description["alignment"] = std::move(alignment);
  return description;
}

// A project's rubric as the achievement describes it (docs/projects.md): per criterion a ResultDescription of
// resultType RubricCriterionLevel whose rubricCriterionLevels are the criterion's levels (with their points), the
// course's acceptance level required.
json project_descriptions(const course::Course& course, const course::Block& block, const std::string& achievement) {
  const std::string& lang = course.default_language;
  const course::Project& project = *block.project;
  json out = json::array();
  for (const auto& criterion : project.rubric.criteria) {
    const std::string id = achievement + "#project-" + block.id + "-" + criterion.id;
    json levels = json::array();
    for (const auto& level : criterion.levels) {
      levels.push_back({{"id", id + "-" + level.id},
                        {"type", {"RubricCriterionLevel"}},
                        {"name", level.name.in(lang, lang)},
                        {"description", level.description.in(lang, lang)},
                        {"points", std::to_string(level.points)}});
    }
    out.push_back({{"id", id},
                   {"type", {"ResultDescription"}},
                   {"name", criterion.name.in(lang, lang)},
                   {"resultType", "RubricCriterionLevel"},
                   {"rubricCriterionLevel", std::move(levels)},
                   {"requiredLevel", id + "-" + project.accept_at_least}});
  }
  return out;
}

const course::Block* project_block(const course::Course& course, const std::string& block_id) {
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      if (block.id == block_id && block.project) return &block;
    }
  }
  return nullptr;
}

// The learner's level per criterion of each project the verified proof states, and the evidence naming the project:
// its submission's digest, and who reviewed it.
void add_project_results(const course::Course& course, const json& result, const std::string& achievement,
                         json& results, json& evidence) {
  const std::string& lang = course.default_language;
  for (const auto& claimed : result.value("projects", json::array())) {
    const course::Block* block = project_block(course, claimed.value("block", std::string()));
    if (!block || !claimed.value("accepted", false)) continue;
    const json levels = claimed.value("levels", json::object());  // items() must not outlive what it iterates
    for (const auto& [criterion, level] : levels.items()) {
      const std::string id = achievement + "#project-" + block->id + "-" + criterion;
      results.push_back(
          {{"type", {"Result"}}, {"resultDescription", id}, {"achievedLevel", id + "-" + level.get<std::string>()}});
    }
    std::string reviewers;
    for (const auto& reviewer : claimed.value("reviewers", json::array())) {
      reviewers += (reviewers.empty() ? "" : ", ") + reviewer.value("id", std::string()) + " (" +
                   reviewer.value("role", std::string()) + ")";
    }
    const auto title = block->data.find("title");
    const std::string name = title != block->data.end() && title->is_string() ? title->get<std::string>() : block->id;
    evidence.push_back(
        {{"id", "urn:sha256:" + claimed.value("submission", std::string())},
         {"type", {"Evidence"}},
         {"name", "Project: " + name},
         {"genre", "Project"},
         {"description", "The learner's signed submission to project '" + block->id +
                             "' (the SHA-256 of its RFC 8785 form), reviewed against rubric version " +
                             claimed.value("rubric", std::string()) + " by " + reviewers + "; decided by " +
                             (claimed.value("decidedBy", std::string()) == "peers"
                                  ? std::string("the peers' median (peers are learners' own keys, "
                                                "vouched for by no one)")
                                  : std::string("a facilitator the course trusts")) +
                             "."},
         {"narrative", block->project->brief.in(lang, lang)}});
  }
}

}  // namespace

// validUntil = validFrom + months (none: the credential does not expire).
void set_validity(json& credential, const std::string& valid_from, const std::optional<int>& months) {
  credential["validFrom"] = valid_from;
  if (!months) return;
  const auto from = datetime::parse(valid_from);
  if (from) credential["validUntil"] = datetime::format(datetime::add_months(*from, *months));
}

json proof_evidence(const Report& proof) {
  const json& subject = proof.document["credentialSubject"];
  return {{"id", "urn:sha256:" + proof_digest(proof.document)},
          {"type", {"Evidence"}},
          {"name", "Completion proof for " + subject["course"].value("id", std::string()) + " " +
                       subject["course"].value("version", std::string())},
          {"description",
           "The learner's signed completion proof (eddsa-jcs-2022), verified and re-scored from its "
           "hash-chained evidence before issuing; this is the SHA-256 of its RFC 8785 form."},
          {"narrative", "Completed " + subject.value("completedAt", std::string()) + " after " +
                            std::to_string(subject.value("timeOnTaskSeconds", 0) / 60) + " minutes on task."}};
}

namespace {

json base_credential(const Issuance& issuance, const std::string& name, const std::string& learner) {
  json credential = {{"@context", {"https://www.w3.org/ns/credentials/v2", ob3_context_url}},
                     {"id", issuance.id},
                     {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                     {"issuer", issuer_profile(issuance.issuer)},
                     {"name", name},
                     {"credentialSubject", {{"id", learner}, {"type", {"AchievementSubject"}}}}};
  if (has_policy_links(issuance.issuer)) credential["@context"].push_back(policy_context());
  return credential;
}

}  // namespace

std::string course_achievement_id(const course::Course& course) {
  return achievement_id("course", course.id, course.version);
}

Result<json> course_credential(const Report& proof, const course::Course& course, const Issuance& issuance) {
  if (!proof.ok() || proof.kind != "completion-proof")
    return error_at("", "only a verified completion proof can be certified");
  const json& subject = proof.document["credentialSubject"];
  if (subject["course"].value("id", std::string()) != course.id) {
    return error_at("/credentialSubject/course/id", "the proof is for another course than the one given");
  }
  const std::string lang = course.default_language;
  const std::string name = course.credential.name.in(lang, lang).empty() ? course.title.in(lang, lang)
                                                                         : course.credential.name.in(lang, lang);
  json credential = base_credential(issuance, name, subject.value("id", std::string()));
  json alignments = json::array();
  for (const auto& competency : course.competencies) alignments.push_back(alignment_of(course, competency));
  const std::string achievement = course_achievement_id(course);
  json achievement_object = {{"id", achievement},
                             {"type", {"Achievement"}},
                             {"achievementType", "Certificate"},
                             {"name", name},
                             {"description", course.credential.description.in(lang, lang).empty()
                                                 ? course.summary.in(lang, lang)
                                                 : course.credential.description.in(lang, lang)},
                             {"criteria", {{"narrative", course.credential.criteria.in(lang, lang)}}},
                             {"alignment", alignments},
                             {"resultDescription",
                              {{{"id", achievement + "#score"},
                                {"type", {"ResultDescription"}},
                                {"name", "Summative score"},
                                {"resultType", "RawScore"}},
                               {{"id", achievement + "#mastery"},
                                {"type", {"ResultDescription"}},
                                {"name", "Competency mastery"},
                                {"resultType", "Status"}}}},
                             {"version", course.version}};
  for (const auto& outcome : course.outcomes) {
    achievement_object["resultDescription"].push_back(outcome_description(course, outcome, achievement));
  }
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      if (!block.project) continue;
      for (auto& d : project_descriptions(course, block, achievement))
        achievement_object["resultDescription"].push_back(d);
    }
  }
  if (!issuance.endorsements.empty()) achievement_object["endorsement"] = issuance.endorsements;
  // OB 3.0 has no course-level field; a tag carries it (docs/credentials.md).
  if (!course.level.empty()) achievement_object["tag"] = {"level:" + course.level};
  if (!course.credential.criteria.in(lang, lang).empty() && course.publisher_url.size()) {
    achievement_object["criteria"]["id"] = course.publisher_url;
  }
  const json& result = subject["result"];
  json results = json::array();
  results.push_back({{"type", {"Result"}},
                     {"resultDescription", achievement + "#score"},
                     {"value", result.value("score", std::string()) + "/" + result.value("max", std::string())},
                     {"status", "Completed"}});
  for (const auto& competency : result.value("competencies", json::array())) {
    for (const auto& c : course.competencies) {
      if (c.id != competency.value("id", std::string())) continue;
      results.push_back({{"type", {"Result"}},
                         {"resultDescription", achievement + "#mastery"},
                         {"alignment", json::array({alignment_of(course, c)})},
                         {"status", competency.value("mastered", false) ? "Completed" : "InProgress"}});
    }
  }
  // Each outcome the verified proof states, met or not: the level it reached, and the share of its points.
  for (const auto& outcome : result.value("outcomes", json::array())) {
    const std::string id = achievement + "#outcome-" + outcome.value("id", std::string());
    results.push_back({{"type", {"Result"}},
                       {"resultDescription", id},
                       {"achievedLevel", id + (outcome.value("met", false) ? "-met" : "-not-met")},
                       {"value", points_share(outcome)}});
  }
  json evidence = json::array({proof_evidence(proof)});
  add_project_results(course, result, achievement, results, evidence);
  credential["credentialSubject"]["achievement"] = std::move(achievement_object);
  credential["credentialSubject"]["result"] = std::move(results);
  set_validity(credential, issuance.valid_from, course.credential.validity_months);
  credential["evidence"] = std::move(evidence);
  if (!issuance.status.is_null()) credential["credentialStatus"] = issuance.status;
  return credential;
}

Result<json> pathway_credential(const std::vector<const Report*>& proofs, const catalog::Pathway& pathway,
                                const Issuance& issuance, const std::string& default_language) {
  std::set<std::string> completed;
  std::string learner;
  for (const Report* proof : proofs) {
    if (!proof->ok() || proof->kind != "completion-proof")
      return error_at("", "only verified completion proofs count towards a pathway");
    const json& subject = proof->document["credentialSubject"];
    const std::string who = subject.value("id", std::string());
    if (!learner.empty() && who != learner) {
      return error_at("/credentialSubject/id",
                      "the proofs belong to different learners (" + learner + ", " + who + ")");
    }
    learner = who;
    if (subject["result"].value("passed", false)) completed.insert(subject["course"].value("id", std::string()));
  }
  const json progress = catalog::pathway_progress(pathway, completed);
  if (!progress.value("complete", false)) {
    return error_at("/pathways/" + pathway.id, "the pathway's rules do not hold yet: " + progress.dump(),
                    "supply proofs for the missing courses");
  }
  const std::string& lang = default_language;
  const std::string name = pathway.credential.name.in(lang, lang).empty() ? pathway.title.in(lang, lang)
                                                                          : pathway.credential.name.in(lang, lang);
  json credential = base_credential(issuance, name, learner);
  const std::string achievement = achievement_id("pathway", pathway.id, "");
  json results = json::array();
  json evidence = json::array();
  for (const Report* proof : proofs) {
    const json& course = proof->document["credentialSubject"]["course"];
    results.push_back({{"type", {"Result"}},
                       {"resultDescription", achievement + "#courses"},
                       {"value", course.value("id", std::string()) + " " + course.value("version", std::string())},
                       {"status", "Completed"}});
    evidence.push_back(proof_evidence(*proof));
  }
  credential["credentialSubject"]["achievement"] = {
      {"id", achievement},
      {"type", {"Achievement"}},
      {"achievementType", "Certificate"},
      {"name", name},
      {"description", pathway.credential.description.in(lang, lang).empty()
                          ? pathway.description.in(lang, lang)
                          : pathway.credential.description.in(lang, lang)},
      {"criteria", {{"narrative", pathway.credential.criteria.in(lang, lang)}}},
      {"resultDescription",
       {{{"id", achievement + "#courses"},
         {"type", {"ResultDescription"}},
         {"name", "Courses completed"},
         {"resultType", "Status"}}}}};
  credential["credentialSubject"]["result"] = std::move(results);
  set_validity(credential, issuance.valid_from, pathway.credential.validity_months);
  credential["evidence"] = std::move(evidence);
  if (!issuance.status.is_null()) credential["credentialStatus"] = issuance.status;
  return credential;
}

}  // namespace tessera::credential
