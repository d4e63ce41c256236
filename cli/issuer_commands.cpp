// The issuer's commands: a profile and key, Open Badges 3.0 credentials from verified proofs, revocation and
// the published status list.
//   tessera issuer init DIR [--name NAME] [--url URL] [--base-url URL] [--seed HEX]
//   tessera issue PROOF... --issuer DIR [--package DIR]... [--pathway ID --catalog FILE] [--now ISO] [--out FILE]
//   tessera issue --renew OLD_CREDENTIAL PROOF --issuer DIR [--package DIR]... [--catalog FILE] (renew_command.cpp)
//   tessera revoke ID --issuer DIR
//   tessera status-list --issuer DIR [--now ISO] [--out FILE]
//
// The issuer folder: issuer.key (0600, the keygen format), issuer.json (profile, status list URL, policy),
// ledger.json (every credential issued: id, status index, subject, achievement, revoked), status/1.json
// (the signed status list, for the static host).
#include <sys/random.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "args.hpp"
#include "clock.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "key_file.hpp"
#include "output.hpp"
#include "renew_command.hpp"
#include "tessera/catalog.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/endorsement.hpp"
#include "tessera/issuer.hpp"
#include "tessera/json_text.hpp"
#include "tessera/status_list.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct IssuerFolder {
  fs::path dir;
  json profile;
  json ledger;
  LoadedKey key;
};

// The members of the issuer's files that the commands read with value("name", default), which throws on
// another type: checked once when the folder is opened, so a hand edit gets a message, never an abort.
struct MemberType {
  const char* pointer;
  bool (json::*is)() const noexcept;
  const char* type;
};
constexpr MemberType profile_members[] = {
    {"/id", &json::is_string, "a string"},
    {"/name", &json::is_string, "a string"},
    {"/url", &json::is_string, "a string"},
    {"/email", &json::is_string, "a string"},
    {"/statusList", &json::is_string, "a string"},
    {"/policy", &json::is_object, "an object"},
    {"/policy/requirePackage", &json::is_boolean, "true or false"},
    {"/policy/allowTimingWarnings", &json::is_boolean, "true or false"},
    {"/policy/requireAllCompetencies", &json::is_boolean, "true or false"},
    {"/policyLinks", &json::is_object, "an object"},
    {"/policyLinks/eligibility", &json::is_string, "a string (a URL)"},
    {"/policyLinks/verification", &json::is_string, "a string (a URL)"},
    {"/policyLinks/appeal", &json::is_string, "a string (a URL)"},
};
constexpr MemberType ledger_entry_members[] = {
    {"/id", &json::is_string, "a string"},
    {"/revoked", &json::is_boolean, "true or false"},
    {"/statusIndex", &json::is_number_unsigned, "a whole number from 0"},
};

// The first member of `value` (an object) present with the wrong type, as "POINTER must be TYPE"; "" if none.
template <std::size_t N>
std::string wrong_member_type(const json& value, const MemberType (&members)[N], const std::string& base) {
  if (!value.is_object()) return (base.empty() ? "/" : base) + " must be an object";
  for (const MemberType& member : members) {
    const json::json_pointer pointer(member.pointer);
    if (value.contains(pointer) && !(value.at(pointer).*member.is)()) {
      return base + member.pointer + " must be " + member.type;
    }
  }
  return {};
}

// The issuer folder's files have the member types the commands rely on; says which does not and returns false.
bool issuer_files_well_typed(const json& profile, const json& ledger, const char* command) {
  std::string wrong = wrong_member_type(profile, profile_members, "");
  const char* file = "issuer.json";
  if (wrong.empty() && ledger.contains("issued") && ledger["issued"].is_array()) {
    file = "ledger.json";
    for (std::size_t i = 0; i < ledger["issued"].size() && wrong.empty(); ++i) {
      wrong = wrong_member_type(ledger["issued"][i], ledger_entry_members, "/issued/" + std::to_string(i));
    }
  }
  if (wrong.empty()) return true;
  std::fprintf(stderr, "tessera %s: %s: %s\n", command, file, wrong.c_str());
  return false;
}

// Every status index must lie inside the one status list: a bit past its end is no bit (the types were
// checked by issuer_files_well_typed).
std::optional<Problem> ledger_problem(const json& ledger) {
  const json& issued = ledger["issued"];
  for (std::size_t i = 0; i < issued.size(); ++i) {
    const json index = issued[i].value("statusIndex", json());
    if (!index.is_number_unsigned() || index.get<std::uint64_t>() >= credential::min_status_list_bits) {
      return error_at(
          pointer_append("/issued", i) + "/statusIndex",
          "the status index is not a whole number below " + std::to_string(credential::min_status_list_bits),
          "restore ledger.json from your backup; the index must be the one the credential carries");
    }
  }
  return std::nullopt;
}

std::optional<IssuerFolder> open_issuer(const fs::path& dir, const char* command) {
  JsonFile profile_file = read_json_file(dir / "issuer.json", command);
  auto& profile = profile_file.value;
  if (!profile) {
    if (profile_file.exit_code == 2)
      std::fprintf(stderr, "    hint: make one with 'tessera issuer init %s'\n", dir.c_str());
    return std::nullopt;
  }
  auto ledger = read_json_file(dir / "ledger.json", command).value;
  if (!ledger) return std::nullopt;
  if (!issuer_files_well_typed(*profile, *ledger, command)) return std::nullopt;
  auto key = load_key(dir / "issuer.key");
  if (!key) return std::nullopt;
  if (profile->value("id", std::string()) != key->did) {
    std::fprintf(stderr, "tessera %s: issuer.json names %s but issuer.key is %s\n", command,
                 profile->value("id", std::string()).c_str(), key->did.c_str());
    return std::nullopt;
  }
  if (!(*ledger).contains("issued") || !(*ledger)["issued"].is_array()) {
    std::fprintf(stderr, "tessera %s: ledger.json has no \"issued\" list\n", command);
    return std::nullopt;
  }
  if (const auto problem = ledger_problem(*ledger)) {
    std::fprintf(stderr, "tessera %s: %s at %s: %s\n    hint: %s\n", command, (dir / "ledger.json").c_str(),
                 problem->where.c_str(), problem->message.c_str(), problem->hint.c_str());
    return std::nullopt;
  }
  return IssuerFolder{dir, std::move(*profile), std::move(*ledger), std::move(*key)};
}

bool save_ledger(const IssuerFolder& issuer, const char* command) {
  const std::string failure = write_file_atomically(issuer.dir / "ledger.json", issuer.ledger.dump(2) + "\n");
  if (!failure.empty()) std::fprintf(stderr, "tessera %s: %s\n", command, failure.c_str());
  return failure.empty();
}

bool random_bytes(void* out, std::size_t size) { return getrandom(out, size, 0) == static_cast<ssize_t>(size); }

std::string random_uuid() {
  std::array<std::uint8_t, 16> b{};
  if (!random_bytes(b.data(), b.size())) return {};
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string hex = crypto::to_hex(b);
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
         "-" + hex.substr(20);
}

// A random unused index: sequential indexes would tell a verifier how many credentials came before.
std::optional<std::size_t> new_status_index(const json& ledger) {
  std::set<std::size_t> used;
  for (const auto& entry : ledger["issued"]) used.insert(entry.value("statusIndex", std::size_t{0}));
  if (used.size() >= credential::min_status_list_bits / 2) return std::nullopt;  // time for a second list
  for (;;) {
    std::uint32_t value = 0;
    if (!random_bytes(&value, sizeof value)) return std::nullopt;
    const std::size_t index = value % credential::min_status_list_bits;
    if (!used.count(index)) return index;
  }
}

credential::IssuerProfile profile_of(const IssuerFolder& issuer) {
  credential::IssuerProfile profile{issuer.key.did, issuer.profile.value("name", std::string()),
                                    issuer.profile.value("url", std::string()),
                                    issuer.profile.value("email", std::string())};
  const json links = issuer.profile.value("policyLinks", json::object());  // its members' types were checked
  profile.eligibility_policy = links.value("eligibility", std::string());
  profile.verification_policy = links.value("verification", std::string());
  profile.appeal_policy = links.value("appeal", std::string());
  return profile;
}

}  // namespace

// ─── issuer init ───

int issuer_command(Args args) {
  static const CommandLine line{
      .command = "issuer",
      .usage =
          "tessera issuer init DIR [--name NAME] [--url URL] [--base-url URL] [--seed HEX]\n"
          "                            [--eligibility-policy URL] [--verification-policy URL] [--appeal-policy URL]",
      .positional = {"init", "DIR"},
      .options = {"--name", "--url", "--base-url", "--seed", "--eligibility-policy", "--verification-policy",
                  "--appeal-policy"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  if (parsed->positional[0] != "init") return usage_error(line, "the issuer's one command is init");
  for (const char* option : {"--eligibility-policy", "--verification-policy", "--appeal-policy"}) {
    if (parsed->has(option) && !parsed->get(option).starts_with("https://")) {
      return usage_error(line, std::string(option) + " takes an https:// URL (the policy's page)");
    }
  }
  const fs::path dir = parsed->positional[1];
  if (fs::exists(dir / "issuer.key") || fs::exists(dir / "issuer.json")) {
    std::fprintf(stderr, "tessera issuer init: %s already holds an issuer; an issuer key is never overwritten\n",
                 dir.c_str());
    return 1;
  }
  crypto::Seed seed{};
  if (parsed->has("--seed")) {
    const auto given = seed_from_hex(parsed->get("--seed"));
    if (!given) return usage_error(line, "--seed takes 64 hex digits (32 bytes)");
    seed = *given;
  } else if (!random_bytes(seed.data(), seed.size())) {
    std::fprintf(stderr, "tessera issuer init: the system gave no randomness (getrandom failed)\n");
    return 1;
  }
  const auto pair = crypto::keypair_from_seed(seed);
  const std::string did = crypto::did_key(pair.public_key);
  std::string base = parsed->get("--base-url", "https://issuer.example/");
  if (!base.ends_with("/")) base += "/";
  std::error_code error;
  fs::create_directories(dir / "status", error);
  std::string failure = write_key_file(dir / "issuer.key", seed, did);
  crypto::wipe(seed.data(), seed.size());
  json profile = {{"id", did},
                  {"name", parsed->get("--name", "Tessera issuer")},
                  {"url", parsed->get("--url", base)},
                  {"baseUrl", base},
                  {"statusList", base + "status/1.json"},
                  {"policy",
                   {{"requirePackage", true},
                    {"allowTimingWarnings", false},
                    {"requireAllCompetencies", false},
                    {"courses", json::array()}}}};
  for (const char* kind : {"eligibility", "verification", "appeal"}) {
    const std::string option = std::string("--") + kind + "-policy";
    if (parsed->has(option)) profile["policyLinks"][kind] = parsed->get(option);
  }
  if (failure.empty()) failure = write_file_atomically(dir / "issuer.json", profile.dump(2) + "\n");
  if (failure.empty())
    failure = write_file_atomically(dir / "ledger.json", json{{"issued", json::array()}}.dump(2) + "\n");
  if (!failure.empty()) {
    std::fprintf(stderr, "tessera issuer init: %s\n", failure.c_str());
    return 1;
  }
  std::printf(
      "issuer %s\n  key: %s (mode 0600 — never on the web server)\n  profile and policy: %s\n"
      "  publish the status list at %s (tessera status-list)\n",
      did.c_str(), (dir / "issuer.key").c_str(), (dir / "issuer.json").c_str(),
      profile["statusList"].get<std::string>().c_str());
  return 0;
}

// ─── issue ───

namespace {

// The packages the proofs are checked against, by their manifest's SHA-256 (hex): given with --package, or
// found through the catalog (its folder + each course's path), which --pathway needs.
struct IssueInputs {
  std::vector<credential::PackageInput> packages;
  std::map<std::string, const credential::PackageInput*> by_digest;  // into `packages`
  std::optional<catalog::Catalog> catalog;
};

// 0, or the exit code after saying why.
int read_issue_inputs(const ParsedArgs& parsed, IssueInputs& inputs) {
  std::vector<std::string> package_dirs = parsed.all("--package");
  if (parsed.has("--catalog")) {
    const auto text = read_input_file(parsed.get("--catalog"), "issue");
    if (!text) return 2;
    auto report = catalog::load(*text);
    if (!report.catalog) {
      print_problems(stderr, "tessera issue: " + parsed.get("--catalog"), report.problems);
      return 2;
    }
    inputs.catalog = std::move(*report.catalog);
    const fs::path root = fs::path(parsed.get("--catalog")).parent_path();
    for (const auto& entry : inputs.catalog->courses) {
      if (fs::exists(root / entry.path / "manifest.json")) package_dirs.push_back((root / entry.path).string());
    }
  }
  for (const auto& dir : package_dirs) {
    auto package = open_package(dir, "issue");
    if (!package) return 2;
    inputs.packages.push_back(std::move(*package));
  }
  for (const auto& package : inputs.packages) {
    inputs.by_digest[crypto::to_hex(crypto::sha256(crypto::as_bytes(package.manifest_text)))] = &package;
  }
  return 0;
}

// Every proof verified with its package, then held to the issuer's policy; 0 with every report, or the
// exit code after saying why (every refused proof is named).
int verify_proofs(const std::vector<std::string>& paths, const std::string& now, const IssueInputs& inputs,
                  const credential::IssuePolicy& policy, std::vector<credential::Report>& reports) {
  bool refused = false;
  for (const auto& path : paths) {
    const JsonFile read = read_json_file(path, "issue");
    if (!read.value) return read.exit_code;
    const auto& document = read.value;
    credential::VerifyOptions options;
    options.now = now;
    std::string claimed;
    try {
      claimed = document->at("credentialSubject").at("course").at("manifestSha256").get<std::string>();
    } catch (const std::exception&) {
    }
    const auto package = inputs.by_digest.find(claimed);
    if (package != inputs.by_digest.end()) options.package = package->second;
    auto report = credential::verify_document(*document, options);
    const auto problems = credential::apply_policy(report, policy);
    if (!problems.empty()) {
      refused = true;
      print_problems(stderr, "tessera issue: " + path + " is refused", problems);
    }
    reports.push_back(std::move(report));
  }
  return refused ? 1 : 0;
}

// The credential before its proof: a pathway certificate over every proof (--pathway), else the one proof's
// course achievement, described from its package. 0, or the exit code after saying why.
int unsigned_credential(const ParsedArgs& parsed, const IssueInputs& inputs,
                        const std::vector<credential::Report>& reports, const credential::Issuance& issuance,
                        json& out) {
  Result<json> made = Problem{};
  if (parsed.has("--pathway")) {
    const auto& pathways = inputs.catalog->pathways;
    const auto pathway = std::find_if(pathways.begin(), pathways.end(),
                                      [&](const catalog::Pathway& p) { return p.id == parsed.get("--pathway"); });
    if (pathway == pathways.end()) {
      std::fprintf(stderr, "tessera issue: the catalog has no pathway '%s'\n",
                   utf8::printable(parsed.get("--pathway")).c_str());
      return 2;
    }
    std::vector<const credential::Report*> proofs;
    proofs.reserve(reports.size());
    for (const auto& report : reports) proofs.push_back(&report);
    made = credential::pathway_credential(proofs, *pathway, issuance, inputs.catalog->default_language);
  } else {
    if (reports.size() != 1) {
      std::fprintf(stderr, "tessera issue: one proof per course credential (several only with --pathway)\n");
      return 2;
    }
    const auto package =
        inputs.by_digest.find(reports[0].document["credentialSubject"]["course"]["manifestSha256"].get<std::string>());
    if (package == inputs.by_digest.end() || !package->second->files.count("course.json")) {
      std::fprintf(stderr,
                   "tessera issue: the course's package is needed to describe the achievement (--package DIR)\n");
      return 2;
    }
    auto course = course::load(package->second->files.at("course.json"));
    if (!course.course) {
      std::fprintf(stderr, "tessera issue: the package's course.json does not load\n");
      return 1;
    }
    credential::Issuance endorsed = issuance;
    if (const int failed =
            course_endorsements(*package->second, *course.course, issuance.valid_from, endorsed.endorsements)) {
      return failed;
    }
    made = credential::course_credential(reports[0], *course.course, endorsed);
  }
  if (!made) {
    print_problems(stderr, "tessera issue", made.problems());
    return 1;
  }
  out = std::move(made).value();
  return 0;
}

}  // namespace

int issue_command(Args args) {
  static const CommandLine line{
      .command = "issue",
      .usage =
          "tessera issue PROOF... --issuer DIR [--package DIR]... [--pathway ID --catalog FILE] [--now ISO] "
          "[--out FILE]\n                     [--cryptosuite eddsa-rdfc-2022|eddsa-jcs-2022] [--renew OLD_CREDENTIAL]",
      .positional = {"PROOF"},
      .last_repeats = true,
      .options = {"--issuer", "--package", "--pathway", "--catalog", "--now", "--out", "--cryptosuite", "--renew"},
      .required = {"--issuer"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  // Open Badges 3.0 certification accepts eddsa-rdfc-2022 as the embedded proof suite: the default.
  credential::ProofOptions proof_options;
  const auto suite = cryptosuite_option(*parsed, line, credential::Cryptosuite::eddsa_rdfc_2022);
  if (!suite) return usage_exit_code;
  proof_options.cryptosuite = *suite;
  if (parsed->has("--renew") && (parsed->has("--pathway") || parsed->positional.size() != 1)) {
    return usage_error(line, "--renew takes the credential to renew and one proof (no --pathway)");
  }
  if (parsed->has("--pathway") != parsed->has("--catalog") && !parsed->has("--renew")) {
    return usage_error(line, "--pathway and --catalog go together: the catalog defines the pathway");
  }
  auto issuer = open_issuer(parsed->get("--issuer"), "issue");
  if (!issuer) return 2;
  const std::string now = parsed->get("--now", now_utc());
  IssueInputs inputs;
  if (const int failed = read_issue_inputs(*parsed, inputs)) return failed;
  const credential::IssuePolicy policy = credential::read_policy(issuer->profile.value("policy", json::object()));
  std::vector<credential::Report> reports;
  if (const int failed = verify_proofs(parsed->positional, now, inputs, policy, reports)) return failed;

  const auto index = new_status_index(issuer->ledger);
  const std::string id = random_uuid();
  if (!index || id.empty()) {
    std::fprintf(stderr, "tessera issue: no status list index or randomness left (start a second status list)\n");
    return 1;
  }
  const credential::Issuance issuance{
      id, now, credential::status_entry(issuer->profile.value("statusList", std::string()), *index),
      profile_of(*issuer)};
  json unsigned_json;
  std::string renews;
  if (parsed->has("--renew")) {
    const RenewalInputs renewal{&inputs.packages, &inputs.catalog, issuer->key.did, &issuer->ledger, &reports[0], now};
    if (const int failed = renewed_credential(parsed->get("--renew"), renewal, issuance, unsigned_json, renews))
      return failed;
  } else if (const int failed = unsigned_credential(*parsed, inputs, reports, issuance, unsigned_json)) {
    return failed;
  }
  auto signed_credential = credential::add_proof(unsigned_json, issuer->key.pair, proof_options);
  if (!signed_credential) {
    print_problems(stderr, "tessera issue: cannot sign the credential", signed_credential.problems());
    return 1;
  }
  const json& credential_json = signed_credential.value();
  issuer->ledger["issued"].push_back({{"id", id},
                                      {"statusIndex", *index},
                                      {"subject", credential_json["credentialSubject"]["id"]},
                                      {"achievement", credential_json["credentialSubject"]["achievement"]["id"]},
                                      {"validFrom", credential_json["validFrom"]},
                                      {"revoked", false}});
  if (!renews.empty()) issuer->ledger["issued"].back()["renews"] = renews;
  if (!save_ledger(*issuer, "issue")) return 1;
  if (!write_output(parsed->get("--out"), credential_json.dump(2) + "\n", "issue")) return 1;
  if (parsed->has("--out")) {
    std::fprintf(stderr, "issued %s (status index %zu) → %s\n", id.c_str(), *index,
                 utf8::printable(parsed->get("--out")).c_str());
  }
  return 0;
}

// ─── revoke ───

int revoke_command(Args args) {
  static const CommandLine line{.command = "revoke",
                                .usage = "tessera revoke ID --issuer DIR",
                                .positional = {"ID"},
                                .options = {"--issuer"},
                                .required = {"--issuer"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  auto issuer = open_issuer(parsed->get("--issuer"), "revoke");
  if (!issuer) return 2;
  for (auto& entry : issuer->ledger["issued"]) {
    if (entry.value("id", std::string()) != parsed->positional[0]) continue;
    if (entry.value("revoked", false)) {
      std::printf("%s was already revoked\n", parsed->positional[0].c_str());
      return 0;
    }
    entry["revoked"] = true;
    if (!save_ledger(*issuer, "revoke")) return 1;
    std::printf("revoked %s (status index %zu); run 'tessera status-list --issuer %s' and publish status/1.json\n",
                parsed->positional[0].c_str(), entry.value("statusIndex", std::size_t{0}),
                parsed->get("--issuer").c_str());
    return 0;
  }
  std::fprintf(stderr, "tessera revoke: this issuer never issued %s (see ledger.json)\n",
               parsed->positional[0].c_str());
  return 1;
}

// ─── status-list ───

int status_list_command(Args args) {
  static const CommandLine line{.command = "status-list",
                                .usage = "tessera status-list --issuer DIR [--now ISO] [--out FILE]",
                                .options = {"--issuer", "--now", "--out"},
                                .required = {"--issuer"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  auto issuer = open_issuer(parsed->get("--issuer"), "status-list");
  if (!issuer) return 2;
  credential::Bitstring bits;
  std::size_t revoked = 0;
  for (const auto& entry : issuer->ledger["issued"]) {
    if (!entry.value("revoked", false)) continue;
    if (!bits.set(entry["statusIndex"].get<std::size_t>(), true)) return 2;  // open_issuer checked the range
    ++revoked;
  }
  const std::string now = parsed->get("--now", now_utc());
  auto list = credential::add_proof(credential::status_list_credential(
                                        issuer->profile.value("statusList", std::string()), issuer->key.did, now, bits),
                                    issuer->key.pair);
  if (!list) return 1;
  const fs::path out = parsed->has("--out") ? fs::path(parsed->get("--out")) : issuer->dir / "status" / "1.json";
  std::error_code error;
  fs::create_directories(out.parent_path(), error);
  const std::string failure = write_file_atomically(out, list.value().dump(2) + "\n");
  if (!failure.empty()) {
    std::fprintf(stderr, "tessera status-list: %s\n", failure.c_str());
    return 1;
  }
  std::printf("status list %s: %zu entries, %zu revoked → %s\n",
              issuer->profile.value("statusList", std::string()).c_str(), bits.size(), revoked, out.c_str());
  return 0;
}

// ─── shared with other commands (credential_support.hpp) ───

// The endorsements the course declares (credential.endorsements: files of its verified package), each checked
// as a verifier will check it — its own proof, its endorser, the course's achievement — before it is attached.
// 0, or 1 after naming every endorsement that is refused.
int course_endorsements(const credential::PackageInput& package, const course::Course& course, const std::string& now,
                        json& out) {
  const std::string achievement = credential::course_achievement_id(course);
  credential::VerifyOptions options;
  options.now = now;
  bool refused = false;
  for (std::size_t i = 0; i < course.credential.endorsements.size(); ++i) {
    const std::string& path = course.credential.endorsements[i];
    const std::string where = "course.json /credential/endorsements/" + std::to_string(i) + " (" + path + ")";
    const auto file = package.files.find(path);
    if (file == package.files.end()) {
      std::fprintf(stderr, "tessera issue: %s: the package has no such file\n", utf8::printable(where).c_str());
      refused = true;
      continue;
    }
    auto read = json_text::read(file->second, json_text::credential_document, path);
    const credential::EndorsementCheck check =
        read ? credential::check_endorsement(read.value(), achievement, "", options) : credential::EndorsementCheck{};
    if (!read || !check.verified) {
      std::fprintf(stderr, "tessera issue: %s: the endorsement is refused: %s\n", utf8::printable(where).c_str(),
                   utf8::printable(read ? check.reason : read.problems()[0].message).c_str());
      refused = true;
      continue;
    }
    out.push_back(std::move(read).value());
  }
  if (refused) std::fprintf(stderr, "    hint: remove it from course.json or ask the endorser for a new one\n");
  return refused ? 1 : 0;
}

std::optional<IssuerIdentity> open_issuer_identity(const fs::path& dir, const char* command) {
  auto issuer = open_issuer(dir, command);
  if (!issuer) return std::nullopt;
  return IssuerIdentity{profile_of(*issuer), std::move(issuer->key)};
}

std::string new_credential_id() { return random_uuid(); }

}  // namespace tessera::cli
