// `tessera issue --renew OLD_CREDENTIAL PROOF`: finds the rule of the old credential's achievement (its course's
// package, or its pathway in the catalog), checks that the old credential is this issuer's and not revoked, and
// lets the runtime decide the renewal (tessera/renewal.hpp).
#include "renew_command.hpp"

#include <cstdio>

#include "credential_support.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/renewal.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

using nlohmann::json;

namespace {

constexpr std::string_view course_prefix = "urn:tessera:course:";
constexpr std::string_view pathway_prefix = "urn:tessera:pathway:";

// The achievement's definition: a supplied package's course, or a pathway of the catalog.
struct Achievement {
  std::optional<course::Course> course;
  const credential::PackageInput* package = nullptr;  // the course's, for its endorsements
  const catalog::Pathway* pathway = nullptr;
  [[nodiscard]] const course::CredentialDefinition* definition() const {
    return course ? &course->credential : pathway ? &pathway->credential : nullptr;
  }
};

Achievement find_achievement(const std::string& id, const RenewalInputs& inputs) {
  Achievement found;
  if (id.starts_with(course_prefix)) {
    for (const auto& package : *inputs.packages) {
      const auto file = package.files.find("course.json");
      if (file == package.files.end()) continue;
      auto loaded = course::load(file->second);
      if (loaded.course && id == credential::course_achievement_id(*loaded.course)) {
        found.course = std::move(loaded.course);
        found.package = &package;
        return found;
      }
    }
  } else if (id.starts_with(pathway_prefix) && inputs.catalog->has_value()) {
    for (const auto& pathway : (*inputs.catalog)->pathways) {
      if (id == std::string(pathway_prefix) + pathway.id) found.pathway = &pathway;
    }
  }
  return found;
}

// The ledger's word on the old credential: issued by this issuer and not revoked.
std::optional<Problem> ledger_refusal(const json& ledger, const std::string& id) {
  for (const auto& entry : ledger["issued"]) {
    if (entry.value("id", std::string()) != id) continue;
    if (!entry.value("revoked", false)) return std::nullopt;
    return error_at("/old/id", id + " was revoked; a revoked credential is not renewed",
                    "issue a new credential from a full completion proof instead");
  }
  return error_at("/old/id", "this issuer's ledger has no credential " + id,
                  "renew only credentials this issuer issued (see ledger.json)");
}

// What was decided, for the issuer's terminal: the method, and for recall each competency's retention.
void print_decision(const json& detail) {
  std::fprintf(stderr, "renewal by %s of %s\n", detail.value("method", std::string()).c_str(),
               utf8::printable(detail.value("old", std::string())).c_str());
  for (const auto& line : detail.value("competencies", json::array())) {
    std::fprintf(stderr, "  %s: predicted retention %.1f%% over %zu cards, %zu reviews in the window%s\n",
                 utf8::printable(line.value("competency", std::string())).c_str(), line.value("retention", 0.0) * 100,
                 line.value("cards", std::size_t{0}), line.value("reviewsInWindow", std::size_t{0}),
                 line.value("met", false) ? "" : " (not met)");
  }
}

}  // namespace

int renewed_credential(const std::string& old_path, const RenewalInputs& inputs, const credential::Issuance& issuance,
                       json& out, std::string& renews) {
  const JsonFile read = read_json_file(old_path, "issue");
  if (!read.value) return read.exit_code;
  credential::VerifyOptions options;
  options.now = inputs.now;
  const credential::Report old = credential::verify_document(*read.value, options);
  const json& facts = old.facts.is_object() ? old.facts : *read.value;
  const json achievement_id = facts.contains("credentialSubject") && facts["credentialSubject"].is_object()
                                  ? facts["credentialSubject"].value("achievement", json::object()).value("id", json())
                                  : json();
  const Achievement achievement =
      find_achievement(achievement_id.is_string() ? achievement_id.get<std::string>() : "", inputs);
  if (achievement.definition() == nullptr) {
    std::fprintf(stderr,
                 "tessera issue --renew: no package or pathway describes the achievement %s of %s (--package DIR of "
                 "its course, or --catalog FILE for a pathway)\n",
                 utf8::printable(achievement_id.dump()).c_str(), utf8::printable(old_path).c_str());
    return 2;
  }
  const credential::RenewalRequest request{&old,
                                           inputs.proof,
                                           achievement.definition(),
                                           achievement.course ? &*achievement.course : nullptr,
                                           achievement_id.get<std::string>(),
                                           inputs.issuer_id,
                                           inputs.now};
  json detail;
  std::vector<Problem> refused = credential::check_renewal(request, detail);
  renews = facts.contains("id") && facts["id"].is_string() ? facts["id"].get<std::string>() : std::string();
  if (auto problem = ledger_refusal(*inputs.ledger, renews)) refused.insert(refused.begin(), std::move(*problem));
  if (!refused.empty()) {
    print_problems(stderr, "tessera issue --renew: " + old_path + " is not renewed", refused);
    return 1;
  }
  print_decision(detail);
  // The renewed credential carries the course's endorsements as a new one would (checked again, at this time).
  credential::Issuance endorsed = issuance;
  if (achievement.package) {
    if (const int failed = course_endorsements(*achievement.package, *achievement.course, issuance.valid_from,
                                               endorsed.endorsements)) {
      return failed;
    }
  }
  auto made = credential::renewed_credential(request, endorsed);
  if (!made) {
    print_problems(stderr, "tessera issue --renew", made.problems());
    return 1;
  }
  out = std::move(made).value();
  return 0;
}

}  // namespace tessera::cli
