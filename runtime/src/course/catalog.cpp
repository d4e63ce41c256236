// Loads catalog.json (courses and pathways) as untrusted input, and decides pathway progress.
#include "tessera/catalog.hpp"

#include <algorithm>

#include "json_reader.hpp"

namespace tessera::catalog {

using course::detail::Need;
using course::detail::ObjectReader;

namespace {

std::vector<std::string> read_course_list(ObjectReader& in, std::string_view key, const std::set<std::string>& known) {
  std::vector<std::string> ids;
  const auto* list = in.array(key, Need::required);
  if (!list) return ids;
  if (list->empty()) in.error(in.at(key), "'" + std::string(key) + "' needs at least one course");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& id = (*list)[i];
    const std::string where = course::pointer_append(in.at(key), i);
    if (!id.is_string() || known.count(id.get<std::string>()) == 0) {
      in.error(where, "course " + id.dump() + " is not in this catalog's 'courses'", "add the course, or fix the id");
      continue;
    }
    if (std::find(ids.begin(), ids.end(), id.get<std::string>()) != ids.end()) {
      in.error(where, "course " + id.dump() + " is listed twice");
      continue;
    }
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

// A pathway has no assessments of its own: it is renewed by a course of the catalog (a recall course) or by
// recall of its courses' cards.
void check_pathway_renewal(const course::RenewalRule& rule, ObjectReader& c, const std::set<std::string>& known) {
  if (rule.method == course::RenewalMethod::assessment) {
    c.error(c.at("renewBy") + "/assessment", "a pathway has no assessments of its own to pass again",
            R"(renew it by a course of the catalog: {"course": "ID"})");
  }
  if (rule.method == course::RenewalMethod::recall) {
    c.error(c.at("renewBy") + "/recall", "renewal by recall is a course's rule; a pathway has no recall cards",
            R"(renew it by a course of the catalog: {"course": "ID"})");
  }
  if (rule.method == course::RenewalMethod::course && known.count(rule.course) == 0) {
    c.error(c.at("renewBy") + "/course", "course '" + rule.course + "' is not in this catalog's 'courses'",
            "add the renewal course to the catalog, or fix the id");
  }
}

}  // namespace

LoadReport load(std::string_view catalog_json, const course::Limits& requested_limits) {
  LoadReport report;
  const course::Limits limits = course::detail::with_defaults(requested_limits);
  const auto root = course::detail::parse_untrusted(catalog_json, limits, "catalog.json", report.problems);
  if (!root) return report;
  try {
    Catalog catalog;
    std::set<std::string> course_ids;
    {
      ObjectReader in(*root, "", report.problems, limits, "the catalog");
      if (!in.valid()) return report;
      if (auto format = in.integer("format", Need::required, 1, 1000); format && *format != 1) {
        in.error(in.at("format"), "catalog format " + std::to_string(*format) + " is not supported", "use format 1");
        return report;
      }
      catalog.default_language = in.string("defaultLanguage", Need::optional, 35).value_or("en");
      if (const auto* courses = in.array("courses", Need::required)) {
        for (std::size_t i = 0; i < courses->size(); ++i) {
          ObjectReader c((*courses)[i], course::pointer_append(in.at("courses"), i), report.problems, limits,
                         "a catalog course");
          CourseEntry entry;
          if (auto id = c.slug("id", Need::required)) {
            entry.id = *id;
            if (!course_ids.insert(*id).second) c.error(c.at("id"), "course '" + *id + "' is listed twice");
          }
          if (auto version = c.string("version", Need::required, 64)) entry.version = *version;
          if (auto path = c.file_path("path", Need::required)) entry.path = *path;
          // The course's card for lists (web/js/catalog-card.js): display only, so only its shape is checked.
          if (const auto* card = c.member("card", Need::optional); card != nullptr && !card->is_object()) {
            c.error(c.at("card"), "'card' is " + std::string(card->type_name()) + ", not an object",
                    "let the site's publishing step write it (scripts/lib/publish-courses.mjs), or remove it");
          }
          catalog.courses.push_back(std::move(entry));
        }
      }
      if (const auto* pathways = in.array("pathways", Need::optional)) {
        std::set<std::string> pathway_ids;
        for (std::size_t i = 0; i < pathways->size(); ++i) {
          ObjectReader p((*pathways)[i], course::pointer_append(in.at("pathways"), i), report.problems, limits,
                         "a pathway");
          if (!p.valid()) continue;
          Pathway pathway;
          if (auto id = p.slug("id", Need::required)) {
            pathway.id = *id;
            if (!pathway_ids.insert(*id).second) p.error(p.at("id"), "pathway '" + *id + "' is listed twice");
          }
          pathway.title = p.text("title", Need::required, catalog.default_language);
          pathway.description = p.text("description", Need::required, catalog.default_language);
          if (auto capstone = p.string("capstone", Need::optional, 64)) {
            if (course_ids.count(*capstone) == 0) {
              p.error(p.at("capstone"), "capstone course '" + *capstone + "' is not in this catalog's 'courses'");
            }
            pathway.capstone = *capstone;
          }
          if (const auto* rules = p.array("requirements", Need::required)) {
            if (rules->empty() && pathway.capstone.empty()) {
              p.error(p.at("requirements"), "a pathway needs at least one requirement or a capstone");
            }
            for (std::size_t r = 0; r < rules->size(); ++r) {
              ObjectReader rule_in((*rules)[r], course::pointer_append(p.at("requirements"), r), report.problems,
                                   limits, "a requirement");
              Rule rule;
              const auto kind = rule_in.string("kind", Need::required, 16);
              rule.courses = read_course_list(rule_in, "courses", course_ids);
              if (kind == "all-of") {
                rule.kind = Rule::Kind::all_of;
                rule.n = rule.courses.size();
              } else if (kind == "n-of") {
                rule.kind = Rule::Kind::n_of;
                if (auto n = rule_in.integer("n", Need::required, 1, 1000)) {
                  rule.n = static_cast<std::size_t>(*n);
                  if (rule.n > rule.courses.size()) {
                    rule_in.error(rule_in.at("n"),
                                  "n is " + std::to_string(rule.n) + " but the rule lists only " +
                                      std::to_string(rule.courses.size()) + " courses",
                                  "lower n or list more courses");
                  }
                }
              } else if (kind) {
                rule_in.error(rule_in.at("kind"), "requirement kind '" + *kind + "' is not one of all-of, n-of");
              }
              pathway.rules.push_back(std::move(rule));
            }
          }
          if (const auto* credential = p.member("credential", Need::required)) {
            ObjectReader c(*credential, p.at("credential"), report.problems, limits, "the pathway credential");
            pathway.credential = course::detail::read_credential_definition(c, catalog.default_language);
            check_pathway_renewal(pathway.credential.renew_by, c, course_ids);
          }
          catalog.pathways.push_back(std::move(pathway));
        }
      }
    }
    if (!has_errors(report.problems)) report.catalog = std::move(catalog);
  } catch (const std::exception& error) {
    report.problems.push_back(error_at("/", std::string("internal error while reading the catalog: ") + error.what(),
                                       "please report this with the catalog.json that caused it"));
  }
  return report;
}

nlohmann::json pathway_progress(const Pathway& pathway, const std::set<std::string>& completed_courses) {
  nlohmann::json rules = nlohmann::json::array();
  bool complete = true;
  for (const Rule& rule : pathway.rules) {
    nlohmann::json done = nlohmann::json::array();
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& id : rule.courses) (completed_courses.count(id) ? done : missing).push_back(id);
    const bool met = done.size() >= rule.n;
    complete = complete && met;
    rules.push_back({{"kind", rule.kind == Rule::Kind::all_of ? "all-of" : "n-of"},
                     {"needed", rule.n},
                     {"done", done},
                     {"missing", met ? nlohmann::json::array() : missing},
                     {"met", met}});
  }
  nlohmann::json progress = {{"pathway", pathway.id}, {"rules", rules}};
  if (!pathway.capstone.empty()) {
    const bool capstone_done = completed_courses.count(pathway.capstone) != 0;
    complete = complete && capstone_done;
    progress["capstone"] = {{"course", pathway.capstone}, {"done", capstone_done}};
  }
  progress["complete"] = complete;
  return progress;
}

}  // namespace tessera::catalog
