// Reads a project block's brief, hand-in, rubric, reviewers and acceptance rule (docs/projects.md) as untrusted
// input: every problem with its JSON pointer and what to write instead.
#include <set>

#include "json_reader.hpp"
#include "tessera/crypto.hpp"

namespace tessera::course::detail {

namespace {

constexpr std::string_view projects_doc = "docs/projects.md";
constexpr std::int64_t max_hand_in_bytes = std::int64_t{50} << 20;  // a file the learner signs and sends by hand
constexpr std::size_t max_criteria = 20;
constexpr std::size_t max_levels = 10;
constexpr std::size_t max_reviewer_keys = 100;

RubricLevel read_level(ObjectReader& l, const std::string& language) {
  RubricLevel level;
  level.id = l.slug("id", Need::required).value_or("");
  level.name = l.text("name", Need::required, language);
  level.description = l.text("description", Need::required, language);
  level.points = static_cast<int>(l.integer("points", Need::required, 0, 1000).value_or(0));
  return level;
}

// One criterion: its levels lowest first, ids unique, points strictly rising (so "at least" and the peers'
// median have one order).
RubricCriterion read_criterion(ObjectReader& c, const std::string& language) {
  RubricCriterion criterion;
  criterion.id = c.slug("id", Need::required).value_or("");
  criterion.name = c.text("name", Need::required, language);
  criterion.description = c.text("description", Need::optional, language);
  const auto* levels = c.array("levels", Need::required);
  if (!levels) return criterion;
  if (levels->size() < 2 || levels->size() > max_levels) {
    c.error(c.at("levels"), "a criterion needs 2 to " + std::to_string(max_levels) + " levels, found " +
                                std::to_string(levels->size()));
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < levels->size() && i < max_levels; ++i) {
    ObjectReader l((*levels)[i], pointer_append(c.at("levels"), i), c.problems(), c.limits(), "a rubric level",
                   projects_doc);
    if (!l.valid()) continue;
    RubricLevel level = read_level(l, language);
    if (!level.id.empty() && !ids.insert(level.id).second) {
      l.error(l.at("id"), "level '" + level.id + "' appears twice in criterion '" + criterion.id + "'");
    }
    if (!criterion.levels.empty() && level.points <= criterion.levels.back().points) {
      l.error(
          l.at("points"),
          "level '" + level.id + "' has " + std::to_string(level.points) + " points, not more than the level before",
          "list levels from lowest to highest, each worth more points than the one before");
    }
    criterion.levels.push_back(std::move(level));
  }
  return criterion;
}

Rubric read_rubric(ObjectReader& b, const std::string& language) {
  Rubric rubric;
  const auto* value = b.member("rubric", Need::required);
  if (!value) return rubric;
  ObjectReader r(*value, b.at("rubric"), b.problems(), b.limits(), "the rubric", projects_doc);
  rubric.version = r.string("version", Need::required, 64).value_or("");
  const auto* criteria = r.array("criteria", Need::required);
  if (!criteria) return rubric;
  if (criteria->empty() || criteria->size() > max_criteria) {
    r.error(r.at("criteria"), "a rubric needs 1 to " + std::to_string(max_criteria) + " criteria, found " +
                                  std::to_string(criteria->size()));
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < criteria->size() && i < max_criteria; ++i) {
    ObjectReader c((*criteria)[i], pointer_append(r.at("criteria"), i), b.problems(), b.limits(), "a rubric criterion",
                   projects_doc);
    if (!c.valid()) continue;
    RubricCriterion criterion = read_criterion(c, language);
    if (!criterion.id.empty() && !ids.insert(criterion.id).second) {
      c.error(c.at("id"), "criterion '" + criterion.id + "' appears twice in the rubric");
    }
    rubric.criteria.push_back(std::move(criterion));
  }
  return rubric;
}

HandInFile read_hand_in_file(ObjectReader& f, const std::string& language) {
  HandInFile file;
  file.id = f.slug("id", Need::required).value_or("");
  file.label = f.text("label", Need::required, language);
  file.max_bytes = f.integer("maxBytes", Need::required, 1, max_hand_in_bytes).value_or(0);
  file.required = f.boolean("required", Need::optional).value_or(false);
  const auto* types = f.array("types", Need::required);
  if (!types) return file;
  if (types->empty()) f.error(f.at("types"), "a file needs at least one media type", "e.g. [\"application/pdf\"]");
  for (std::size_t i = 0; i < types->size(); ++i) {
    const auto& type = (*types)[i];
    const bool media_type = type.is_string() && type.get_ref<const std::string&>().find('/') != std::string::npos &&
                            type.get_ref<const std::string&>().size() <= 127;
    if (!media_type) {
      f.error(pointer_append(f.at("types"), i), "media type " + type.dump() + " is not of the form type/subtype",
              "e.g. \"application/pdf\", \"image/png\"");
      continue;
    }
    file.types.push_back(type.get<std::string>());
  }
  return file;
}

HandIn read_hand_in(ObjectReader& b, const std::string& language) {
  HandIn hand_in;
  const auto* value = b.member("handIn", Need::required);
  if (!value) return hand_in;
  ObjectReader h(*value, b.at("handIn"), b.problems(), b.limits(), "the hand-in", projects_doc);
  if (const auto* text = h.member("text", Need::optional)) {
    ObjectReader t(*text, h.at("text"), b.problems(), b.limits(), "the written answer", projects_doc);
    hand_in.text = t.valid();
    hand_in.text_prompt = t.text("prompt", Need::required, language);
    hand_in.max_chars = t.integer("maxChars", Need::required, 1, 100000).value_or(0);
  }
  if (const auto* files = h.array("files", Need::optional)) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < files->size() && i < 10; ++i) {
      ObjectReader f((*files)[i], pointer_append(h.at("files"), i), b.problems(), b.limits(), "a hand-in file",
                     projects_doc);
      if (!f.valid()) continue;
      HandInFile file = read_hand_in_file(f, language);
      if (!file.id.empty() && !ids.insert(file.id).second) f.error(f.at("id"), "file '" + file.id + "' appears twice");
      hand_in.files.push_back(std::move(file));
    }
    if (files->size() > 10) h.error(h.at("files"), "a project takes at most 10 files");
  }
  if (const auto* links = h.member("links", Need::optional)) {
    ObjectReader l(*links, h.at("links"), b.problems(), b.limits(), "the links", projects_doc);
    hand_in.max_links = static_cast<int>(l.integer("max", Need::required, 1, 20).value_or(0));
  }
  if (!hand_in.text && hand_in.files.empty() && hand_in.max_links == 0 && h.valid()) {
    h.error(h.pointer(), "the hand-in asks for nothing", "add \"text\", \"files\" or \"links\"");
  }
  return hand_in;
}

std::vector<std::string> read_keys(ObjectReader& r, std::string_view key) {
  std::vector<std::string> keys;
  const auto* list = r.array(key, Need::optional);
  if (!list) return keys;
  for (std::size_t i = 0; i < list->size() && i < max_reviewer_keys; ++i) {
    const auto& did = (*list)[i];
    const bool ok = did.is_string() && did.get_ref<const std::string&>().find('#') == std::string::npos &&
                    crypto::public_key_from_did_key(did.get_ref<const std::string&>()).has_value();
    if (!ok) {
      r.error(pointer_append(r.at(key), i), did.dump() + " is not an Ed25519 did:key",
              "write the reviewer's did:key (\"did:key:z6Mk…\"), as `tessera keygen --reviewer` prints it");
      continue;
    }
    keys.push_back(did.get<std::string>());
  }
  if (list->size() > max_reviewer_keys) r.error(r.at(key), "at most 100 keys");
  return keys;
}

Reviewers read_reviewers(ObjectReader& b) {
  Reviewers reviewers;
  const auto* value = b.member("reviewers", Need::required);
  if (!value) return reviewers;
  ObjectReader r(*value, b.at("reviewers"), b.problems(), b.limits(), "the reviewers", projects_doc);
  reviewers.facilitators = read_keys(r, "facilitators");
  reviewers.vouched_by = read_keys(r, "vouchedBy");
  if (const auto* peers = r.member("peers", Need::optional)) {
    ObjectReader p(*peers, r.at("peers"), b.problems(), b.limits(), "the peer reviews", projects_doc);
    reviewers.peers = static_cast<int>(p.integer("k", Need::required, 1, 9).value_or(0));
  }
  if (r.valid() && reviewers.facilitators.empty() && reviewers.vouched_by.empty() && reviewers.peers == 0) {
    r.error(r.pointer(), "nobody may review this project",
            "add \"facilitators\": [did:key…], \"vouchedBy\": [issuer did:key…] or \"peers\": {\"k\": 3}");
  }
  return reviewers;
}

}  // namespace

std::optional<Project> read_project(ObjectReader& b, const std::string& language) {
  Project project;
  project.brief = b.text("brief", Need::required, language);
  project.hand_in = read_hand_in(b, language);
  project.rubric = read_rubric(b, language);
  project.reviewers = read_reviewers(b);
  const auto* accept = b.member("accept", Need::required);
  if (!accept) return project;
  ObjectReader a(*accept, b.at("accept"), b.problems(), b.limits(), "the acceptance rule", projects_doc);
  project.accept_at_least = a.slug("atLeast", Need::required).value_or("");
  if (project.accept_at_least.empty()) return project;
  for (const RubricCriterion& criterion : project.rubric.criteria) {
    bool found = false;
    for (const RubricLevel& level : criterion.levels) found = found || level.id == project.accept_at_least;
    if (!found) {
      a.error(a.at("atLeast"), "criterion '" + criterion.id + "' has no level '" + project.accept_at_least + "'",
              "give every criterion a level with this id, or name a level they all have");
    }
  }
  return project;
}

}  // namespace tessera::course::detail
