// `tessera endorse TARGET --issuer DIR [--comment TEXT] --out FILE`: a partner organisation (an issuer folder
// of its own) signs an Open Badges 3.0 EndorsementCredential for a course's achievement or for an issuer.
//
// TARGET is what is endorsed: a course folder or course.json (its achievement, urn:tessera:course:ID:VERSION),
// an issuer folder or its issuer.json (the issuer's profile), an issued Open Badges credential (its
// achievement), or an id itself (urn:…, did:…, https://…).
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "clock.hpp"
#include "commands.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/endorsement.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Target {
  std::string id;
  std::string name;
};

std::optional<Target> course_target(const fs::path& course_json) {
  const auto text = read_input_file(course_json, "endorse");
  if (!text) return std::nullopt;
  auto loaded = course::load(*text);
  if (!loaded.course) {
    print_problems(stderr, "tessera endorse: " + course_json.string(), loaded.problems);
    return std::nullopt;
  }
  const course::Course& course = *loaded.course;
  const std::string& lang = course.default_language;
  const std::string name = course.credential.name.in(lang, lang);
  return Target{credential::course_achievement_id(course), name.empty() ? course.title.in(lang, lang) : name};
}

// What a JSON file names: an issuer profile (issuer.json) or an issued credential's achievement.
std::optional<Target> json_target(const json& value, const fs::path& path) {
  const auto text = [](const json& object, const char* key) {
    return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
                                                                                 : std::string();
  };
  if (value.is_object() && value.contains("credentialSubject")) {
    const json achievement =
        value["credentialSubject"].is_object() ? value["credentialSubject"].value("achievement", json()) : json();
    if (!text(achievement, "id").empty()) return Target{text(achievement, "id"), text(achievement, "name")};
  } else if (value.is_object() && text(value, "id").starts_with("did:") && value.contains("statusList")) {
    return Target{text(value, "id"), text(value, "name")};
  }
  std::fprintf(stderr,
               "tessera endorse: %s is neither an issuer's issuer.json nor an Open Badges credential with an "
               "achievement id\n    hint: name a course folder, an issuer folder, a credential, or an id\n",
               utf8::printable(path.string()).c_str());
  return std::nullopt;
}

std::optional<Target> resolve_target(const std::string& given) {
  const fs::path path(given);
  std::error_code error;
  if (fs::is_directory(path, error)) {
    if (fs::exists(path / "course.json")) return course_target(path / "course.json");
    if (fs::exists(path / "issuer.json")) return resolve_target((path / "issuer.json").string());
    std::fprintf(stderr, "tessera endorse: %s holds no course.json and no issuer.json\n",
                 utf8::printable(given).c_str());
    return std::nullopt;
  }
  if (fs::exists(path, error)) {
    if (path.filename() == "course.json") return course_target(path);
    const JsonFile file = read_json_file(path, "endorse");
    if (!file.value) return std::nullopt;
    return json_target(*file.value, path);
  }
  // Not a file: an id itself, when it is an absolute URI.
  const auto colon = given.find(':');
  if (colon != std::string::npos && colon > 0 && given.find_first_of(" \t\n") == std::string::npos) {
    return Target{given, ""};
  }
  std::fprintf(stderr, "tessera endorse: %s is not a file, a folder or an id (urn:…, did:…, https://…)\n",
               utf8::printable(given).c_str());
  return std::nullopt;
}

}  // namespace

int endorse_command(Args args) {
  static const CommandLine line{
      .command = "endorse",
      .usage =
          "tessera endorse TARGET --issuer DIR [--comment TEXT] [--now ISO] [--valid-until ISO] --out FILE\n"
          "                       [--cryptosuite eddsa-rdfc-2022|eddsa-jcs-2022]",
      .positional = {"TARGET"},
      .options = {"--issuer", "--comment", "--now", "--valid-until", "--out", "--cryptosuite"},
      .required = {"--issuer", "--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto suite = cryptosuite_option(*parsed, line, credential::Cryptosuite::eddsa_rdfc_2022);
  if (!suite) return usage_exit_code;
  const auto target = resolve_target(parsed->positional[0]);
  if (!target) return 2;
  auto endorser = open_issuer_identity(parsed->get("--issuer"), "endorse");
  if (!endorser) return 2;
  credential::EndorsementRequest request;
  request.id = new_credential_id();
  request.valid_from = parsed->get("--now", now_utc());
  if (parsed->has("--valid-until")) request.valid_until = parsed->get("--valid-until");
  request.endorser = endorser->profile;
  request.subject = target->id;
  request.subject_name = target->name;
  request.comment = parsed->get("--comment");
  if (request.id.empty()) {
    std::fprintf(stderr, "tessera endorse: the system gave no randomness for the endorsement's id\n");
    return 1;
  }
  auto made = credential::endorsement_credential(request);
  if (!made) {
    print_problems(stderr, "tessera endorse", made.problems());
    return 1;
  }
  credential::ProofOptions proof_options;
  proof_options.cryptosuite = *suite;
  proof_options.created = request.valid_from;
  auto signed_endorsement = credential::add_proof(made.value(), endorser->key.pair, proof_options);
  if (!signed_endorsement) {
    print_problems(stderr, "tessera endorse: cannot sign the endorsement", signed_endorsement.problems());
    return 1;
  }
  if (!write_output(parsed->get("--out"), signed_endorsement.value().dump(2) + "\n", "endorse")) return 1;
  std::fprintf(stderr, "endorsed %s by %s → %s\n", utf8::printable(target->id).c_str(), endorser->profile.id.c_str(),
               utf8::printable(parsed->get("--out")).c_str());
  return 0;
}

}  // namespace tessera::cli
