// The verifier core: every check of a completion proof or an Open Badges 3.0 credential, as a report.
//
// Sections: report · reading the input · shared checks (proof, issuer, validity, status) · completion proofs
// (evidence, package, course, rescore, completion, timing) · Open Badges credentials · entry points.
#include "tessera/verifier.hpp"

#include <algorithm>
#include <memory>

#include "bytes_memo.hpp"
#include "facts.hpp"
#include "status_check.hpp"
#include "tessera/baked_badge.hpp"
#include "tessera/completion.hpp"
#include "tessera/crypto.hpp"
#include "tessera/datetime.hpp"
#include "tessera/endorsement.hpp"
#include "tessera/jcs.hpp"
#include "tessera/json_text.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/strings.hpp"

namespace tessera::credential {

using nlohmann::json;

namespace {

constexpr std::string_view vc_context = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view vc1_context = "https://www.w3.org/2018/credentials/v1";
constexpr std::string_view ob3_context = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
// The Open Badges 3.0 contexts published before 3.0.3, still in the credentials the field holds.
constexpr std::string_view older_ob3_contexts[] = {
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
};
constexpr std::size_t default_max_bytes = 16u << 20;
constexpr std::int64_t default_floor_ms = 3000;

// A signed-view member that may hold one value or several, as a list.
json as_list(const json& value) {
  if (value.is_array()) return value;
  return value.is_null() ? json::array() : json::array({value});
}

using json_text::member;  // a reference, where json::value would copy (the evidence of 200 events, twice a proof)

// The competencies an Open Badges 3.0 subject's results align to (what this learner achieved), else the
// achievement's own alignment; each name once, in the document's order. Read from the signed view.
json achieved_competencies(const json& subject) {
  json aligned = json::array();
  for (const auto& result : as_list(member(subject, "result"))) {
    for (const auto& alignment : as_list(member(result, "alignment"))) aligned.push_back(alignment);
  }
  if (aligned.empty()) aligned = as_list(member(member(subject, "achievement"), "alignment"));
  json names = json::array();
  for (const auto& alignment : aligned) {
    const json name = member(alignment, "targetName");
    if (name.is_string() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

// The value of the subject's result that the achievement describes as its RawScore ("2/2"), or null.
json raw_score(const json& subject) {
  for (const auto& description : as_list(member(member(subject, "achievement"), "resultDescription"))) {
    if (member(description, "resultType") != "RawScore") continue;
    for (const auto& result : as_list(member(subject, "result"))) {
      if (member(result, "resultDescription") == member(description, "id")) return member(result, "value");
    }
  }
  return nullptr;
}

// The results an Open Badges 3.0 subject states against a description with a required level (how Tessera
// carries learning outcomes, and how any issuer states a criterion met): [{"name","met","level"}], where met is
// the achieved level being the required one — never an order of levels, which the RDF signature does not cover —
// and level is the achieved level's name. Read from the signed view.
json leveled_results(const json& subject) {
  json out = json::array();
  const json descriptions = as_list(member(member(subject, "achievement"), "resultDescription"));
  for (const auto& result : as_list(member(subject, "result"))) {
    const json& achieved = member(result, "achievedLevel");
    if (!achieved.is_string()) continue;
    for (const auto& description : descriptions) {
      if (member(description, "id") != member(result, "resultDescription") ||
          !member(description, "requiredLevel").is_string())
        continue;
      json level = achieved;
      for (const auto& entry : as_list(member(description, "rubricCriterionLevel"))) {
        if (member(entry, "id") == achieved && member(entry, "name").is_string()) level = member(entry, "name");
      }
      out.push_back({{"name", member(description, "name")},
                     {"met", achieved == member(description, "requiredLevel")},
                     {"level", level},
                     {"value", member(result, "value")}});
    }
  }
  return out;
}

// The issuer profile's policy links as the signed view reads them: {"eligibility", "verification", "appeal"}
// (each only when given as a string).
json policy_links(const json& issuer) {
  json links = json::object();
  for (const char* kind : {"eligibility", "verification", "appeal"}) {
    const json& link = member(issuer, (std::string(kind) + "Policy").c_str());
    if (link.is_string()) links[kind] = link;
  }
  return links;
}

// The credential a renewed one renews (docs/credentials.md, "Renewal"): its Evidence of genre "Renewal", with the
// digest a relatedResource of the same id gives; null when it renews none. Read from the signed view.
json renewed_from(const json& facts) {
  for (const auto& evidence : as_list(member(facts, "evidence"))) {
    if (member(evidence, "genre") != "Renewal" || !member(evidence, "id").is_string()) continue;
    json out = {{"id", member(evidence, "id")}};
    for (const auto& related : as_list(member(facts, "relatedResource"))) {
      if (member(related, "id") == out["id"]) out["digestMultibase"] = member(related, "digestMultibase");
    }
    return out;
  }
  return nullptr;
}

// A batch of proofs of one course (an employer checking a cohort) checks the publisher's manifest signature
// and compiles the course once, not once a proof (docs/performance.md).
using detail::BytesMemo;

struct LoadedCourse {
  std::shared_ptr<const course::Course> course;  // null when it does not load
  std::vector<Problem> problems;
};

const Result<package::Manifest>& verified_manifest(const std::string& manifest_text, const std::string& publisher) {
  thread_local BytesMemo<Result<package::Manifest>> memo;
  return memo.get(publisher + '\n' + manifest_text, [&] { return package::verify_manifest(manifest_text, publisher); });
}

const LoadedCourse& loaded_course(const std::string& course_text) {
  thread_local BytesMemo<LoadedCourse> memo;
  return memo.get(course_text, [&] {
    auto report = course::load(course_text, course::LoadOptions{});
    LoadedCourse out{nullptr, std::move(report.problems)};
    if (report.course) out.course = std::make_shared<const course::Course>(std::move(*report.course));
    return out;
  });
}

}  // namespace

// ─── Report ───

std::string_view to_string(CheckStatus status) {
  return status == CheckStatus::pass ? "pass" : status == CheckStatus::fail ? "fail" : "warning";
}

bool Report::ok() const {
  return !checks.empty() &&
         std::none_of(checks.begin(), checks.end(), [](const Check& c) { return c.status == CheckStatus::fail; });
}

std::vector<std::size_t> Report::undecided() const {
  // A warning from these means a fact the verdict rests on was not checked; other warnings (an older context, a
  // proof in another suite set aside, fast answers) are notes under a verdict.
  static constexpr std::string_view deciding[] = {"status", "rescore", "outcomes", "completion", "validity"};
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (checks[i].status == CheckStatus::warning &&
        std::find(std::begin(deciding), std::end(deciding), checks[i].id) != std::end(deciding)) {
      out.push_back(i);
    }
  }
  return out;
}

std::string_view Report::verdict() const {
  if (!ok()) return "not-verified";
  return undecided().empty() ? "verified" : "could-not-check";
}

json Report::to_json() const {
  json out = {
      {"ok", ok()}, {"verdict", verdict()}, {"undecided", undecided()}, {"kind", kind}, {"checks", json::array()}};
  for (const auto& c : checks)
    out["checks"].push_back({{"id", c.id}, {"status", to_string(c.status)}, {"sentence", c.sentence}});
  out["proofs"] = json::array();
  for (const auto& p : proofs) {
    json line = {{"where", p.where},
                 {"suite", p.suite},
                 {"verdict", p.verified      ? "verified"
                             : p.known_suite ? "failed"
                                             : "set aside"},
                 {"warnings", json::array()}};
    if (!p.id.empty()) line["id"] = p.id;
    if (!p.verification_method.empty()) line["verificationMethod"] = p.verification_method;
    if (!p.controller.empty()) line["controller"] = p.controller;
    if (!p.created.empty()) line["created"] = p.created;
    if (!p.verified && !p.problems.empty()) line["problem"] = tessera::to_json(p.problems[0]);
    for (const auto& w : p.warnings) line["warnings"].push_back(w.message);
    out["proofs"].push_back(std::move(line));
  }
  if (!endorsements.empty()) out["endorsements"] = endorsements;
  if (kind == "completion-proof") {
    out["withheld"] = withheld;
    out["withheldSummary"] = describe_withheld(withheld, strings::Catalogue::for_language(language));
  }
  try {
    if (kind == "completion-proof") {
      const json& subject = document.at("credentialSubject");
      out["subject"] = {{"learner", subject.value("id", json())},
                        {"course", subject.value("course", json())},
                        {"result", subject.value("result", json())},
                        {"timeOnTaskSeconds", subject.value("timeOnTaskSeconds", json())},
                        {"completedAt", subject.value("completedAt", json())}};
    } else if (kind == "achievement-credential") {
      const json& subject = facts.at("credentialSubject");
      out["subject"] = {
          {"recipient", subject.value("id", json())},
          {"achievement", subject.value("achievement", json()).value("name", json())},
          {"description", member(member(subject, "achievement"), "description")},
          {"issuer", facts.at("issuer").is_object() ? facts["issuer"].value("name", facts["issuer"].value("id", json()))
                                                    : facts["issuer"]},
          {"validFrom", facts.value("validFrom", json())},
          {"validUntil", facts.value("validUntil", facts.value("expirationDate", json()))},
          {"competencies", achieved_competencies(subject)},
          {"score", raw_score(subject)},
          {"outcomes", leveled_results(subject)},
          {"renewedFrom", renewed_from(facts)}};
      const json policies = policy_links(facts.at("issuer"));
      if (!policies.empty()) out["subject"]["policies"] = policies;
    } else if (kind == "endorsement-credential") {
      const json& subject = facts.at("credentialSubject");
      const json& issuer = facts.at("issuer");
      out["subject"] = {{"endorser", issuer.is_object() ? issuer.value("name", json()) : json()},
                        {"endorserId", issuer.is_object() ? issuer.value("id", json()) : issuer},
                        {"endorsed", subject.value("id", json())},
                        {"comment", subject.value("endorsementComment", json())},
                        {"validFrom", facts.value("validFrom", json())},
                        {"validUntil", facts.value("validUntil", json())}};
    }
  } catch (const std::exception&) {
    // A document odd enough to fail here has failed its checks already; the summary is only a convenience.
  }
  return out;
}

std::string proof_digest(const json& proof_document) {
  auto canonical = jcs::canonicalize(proof_document);
  if (!canonical) return {};
  return crypto::to_hex(crypto::sha256(crypto::as_bytes(canonical.value())));
}

namespace {

// ─── Shared checks ───

class Checker {
 public:
  Checker(Report& report, const VerifyOptions& options)
      : report_(report), options_(options), words_(strings::Catalogue::for_language(options.language)) {
    report_.language = words_.language();
  }

  // A sentence of the strings catalogue (the verify.* keys) in the report's language.
  [[nodiscard]] std::string say(std::string_view key, const strings::Args& args = {}) const {
    return words_.text(key, args);
  }
  [[nodiscard]] std::string number(std::int64_t n) const { return words_.integer(n); }

  void add(std::string id, CheckStatus status, std::string sentence) {
    report_.checks.push_back({std::move(id), status, std::move(sentence)});
  }
  void pass(std::string id, std::string_view key, const strings::Args& args = {}) {
    add(std::move(id), CheckStatus::pass, say(key, args));
  }
  void fail(std::string id, std::string_view key, const strings::Args& args = {}) {
    add(std::move(id), CheckStatus::fail, say(key, args));
  }
  void warn(std::string id, std::string_view key, const strings::Args& args = {}) {
    add(std::move(id), CheckStatus::warning, say(key, args));
  }
  void withheld(std::map<std::string, std::size_t> counts) { report_.withheld = std::move(counts); }

  static std::string describe(const Problem& p) {
    std::string out = p.message;
    if (!p.where.empty()) out += " (at " + p.where + ")";
    if (!p.hint.empty()) out += "; " + p.hint;
    return out;
  }

  // proof + issuer: every proof over `document` on its own line, then the issuer named by its signed `facts`.
  // The document is signed when a proof by the issuer verifies and no proof in a suite Tessera knows fails; a
  // proof in another suite is reported and set aside. Returns whether some proof verified.
  bool proof_and_issuer(const json& document, const json& facts) {
    report_.proofs = verify_proofs(document, options_.keys, "assertionMethod", contexts());
    const std::vector<ProofCheck>& proofs = report_.proofs;
    std::vector<std::string> signers;  // controllers of the proofs that verified
    for (std::size_t i = 0; i < proofs.size(); ++i) {
      const ProofCheck& proof = proofs[i];
      const std::string label = proof_label(proof, i, proofs.size());
      if (proof.verified) {
        signers.push_back(proof.controller);
        pass("proof", proof.created.empty() ? "verify.proof.verified" : "verify.proof.verified-on",
             {{"proof", label}, {"method", proof.verification_method}, {"created", proof.created}});
      } else if (!proof.known_suite) {
        warn("proof", "verify.proof.set-aside", {{"proof", label}});
      } else {
        fail("proof", "verify.proof.fails", {{"proof", label}, {"problem", describe(proof.problems.at(0))}});
      }
      for (const Problem& warning : proof.warnings) {
        warn("proof", "verify.proof.warning", {{"proof", label}, {"warning", warning.message}});
      }
    }
    const bool any_failed =
        std::any_of(proofs.begin(), proofs.end(), [](const ProofCheck& p) { return p.known_suite && !p.verified; });
    if (signers.empty()) {
      if (!any_failed) fail("proof", "verify.proof.none-known");
      fail("issuer", "verify.issuer.unbound");
      return false;
    }
    const std::string issuer = issuer_id(facts);
    if (issuer.empty()) {
      fail("issuer", "verify.issuer.none");
    } else if (std::find(signers.begin(), signers.end(), issuer) == signers.end()) {
      std::string by;
      for (const auto& signer : signers) by += (by.empty() ? "" : ", ") + signer;
      fail("issuer", "verify.issuer.not-signer", {{"issuer", issuer}, {"signers", by}});
    } else {
      pass("issuer", "verify.issuer.ok", {{"issuer", issuer}});
    }
    return true;
  }

  // "The proof (eddsa-rdfc-2022)" or "Proof 2 of 3 (Ed25519Signature2020, id urn:…)".
  [[nodiscard]] std::string proof_label(const ProofCheck& proof, std::size_t index, std::size_t count) const {
    const std::string suite = proof.suite.empty() ? say("verify.proof.no-suite") : proof.suite;
    const std::string key =
        std::string(count == 1 ? "verify.proof.the" : "verify.proof.nth") + (proof.id.empty() ? "" : "-with-id");
    return say(key, {{"n", number(static_cast<std::int64_t>(index + 1))},
                     {"count", number(static_cast<std::int64_t>(count))},
                     {"suite", suite},
                     {"id", proof.id}});
  }

  // The latest start and the earliest end the signed facts state: VC 2.0 names them validFrom and
  // validUntil, VC 1.1 issuanceDate and expirationDate, and a document may state both.
  void validity(const json& facts) {
    if (options_.now.empty()) {
      warn("validity", "verify.validity.no-now");
      return;
    }
    const auto now = datetime::parse(options_.now);
    if (!now) {
      fail("validity", "verify.validity.bad-now", {{"now", options_.now}});
      return;
    }
    struct Bound {
      std::string text;
      std::int64_t at = 0;
    };
    bool malformed = false;
    const auto read = [&](const json& holder, const char* name, std::optional<Bound>& bound, bool keep_latest) {
      if (!holder.is_object() || !holder.contains(name)) return;
      const json& value = holder[name];
      const auto parsed = value.is_string() ? datetime::parse(value.get<std::string>()) : std::nullopt;
      if (!parsed) {
        malformed = true;
      } else if (!bound || (keep_latest ? *parsed > bound->at : *parsed < bound->at)) {
        bound = Bound{value.get<std::string>(), *parsed};
      }
    };
    std::optional<Bound> from, until, proof_expires;
    read(facts, "validFrom", from, true);
    read(facts, "issuanceDate", from, true);
    read(facts, "validUntil", until, false);
    read(facts, "expirationDate", until, false);
    const json proofs = facts.value("proof", json::object());
    for (const json& proof : proofs.is_array() ? proofs : json::array({proofs})) {
      read(proof, "expires", proof_expires, false);
    }
    if (malformed) {
      fail("validity", "verify.validity.malformed");
    } else if (from && from->at > *now) {
      fail("validity", "verify.validity.not-yet", {{"from", from->text}});
    } else if (until && until->at < *now) {
      fail("validity", "verify.validity.expired", {{"until", until->text}});
    } else if (proof_expires && proof_expires->at < *now) {
      fail("validity", "verify.validity.proof-expired", {{"expires", proof_expires->text}});
    } else if (until) {
      pass("validity", "verify.validity.until", {{"now", options_.now}, {"until", until->text}});
    } else {
      pass("validity", "verify.validity.no-expiry", {{"now", options_.now}});
    }
  }

  // status: one line per credentialStatus entry (status_check.hpp decides; the sentences are said here).
  void status(const json& facts) {
    for (auto& found : check_status(facts, options_, contexts())) {
      if (found.problem) found.args["problem"] = describe(*found.problem);
      add("status", found.status, say(found.key, found.args));
    }
  }

  [[nodiscard]] const VerifyOptions& options() const { return options_; }
  [[nodiscard]] const strings::Catalogue& words() const { return words_; }
  [[nodiscard]] const jsonld::Options& contexts() const {
    static const jsonld::Options shipped_only;
    return options_.contexts ? *options_.contexts : shipped_only;
  }

 private:
  Report& report_;
  const VerifyOptions& options_;
  const strings::Catalogue& words_;
};

bool has_type(const json& document, std::string_view type) {
  const json types = document.value("type", json());
  if (types.is_string()) return types == type;
  return types.is_array() && std::find(types.begin(), types.end(), type) != types.end();
}

// ─── Completion proofs ───

std::string result_line(const Checker& c, const json& result) {
  return c.say(result.value("passed", false) ? "verify.result.passed" : "verify.result.not-passed",
               {{"score", result.value("score", std::string("?"))}, {"max", result.value("max", std::string("?"))}});
}

// What one claimed learning outcome gets wrong against the re-scored one, as a sentence; "" when they agree.
std::string outcome_mismatch(const Checker& c, const json& claimed, const json& rescored) {
  const strings::Args names = {{"outcome", rescored["id"].get<std::string>()},
                               {"statement", rescored["statement"].get<std::string>()}};
  if (!claimed.is_object()) return c.say("verify.outcomes.missing", names);
  const auto met_word = [&](bool met) { return c.say(met ? "verify.outcomes.met" : "verify.outcomes.not-met"); };
  if (claimed.value("met", json()) != rescored["met"]) {
    strings::Args args = names;
    args["claimed"] = met_word(claimed.value("met", json()) == true);
    args["rescored"] = met_word(rescored["met"] == true);
    args["score"] = rescored["score"].get<std::string>();
    args["max"] = rescored["max"].get<std::string>();
    args["threshold"] = rescored["threshold"].get<std::string>();
    return c.say("verify.outcomes.met-differs", args);
  }
  if (claimed == rescored) return {};
  std::string members;
  for (auto it = rescored.begin(); it != rescored.end(); ++it) {
    if (claimed.value(it.key(), json()) != it.value()) members += (members.empty() ? "" : ", ") + it.key();
  }
  strings::Args args = names;
  args["members"] = members.empty() ? c.say("verify.rescore.extra-members") : members;
  return c.say("verify.outcomes.differs", args);
}

// Each learning outcome's claim (met or not, its points, the course's words for it) against re-scoring: a
// mismatch fails, naming each outcome it concerns.
void check_outcomes(Checker& c, const json& claimed, const json& rescored) {
  std::string wrong;
  std::int64_t met = 0;
  for (const auto& outcome : rescored) {
    met += outcome["met"] == true ? 1 : 0;
    json found;
    for (const auto& entry : claimed.is_array() ? claimed : json::array()) {
      if (entry.is_object() && entry.value("id", json()) == outcome["id"]) found = entry;
    }
    const std::string sentence = outcome_mismatch(c, found, outcome);
    if (!sentence.empty()) wrong += (wrong.empty() ? "" : " ") + sentence;
  }
  if (wrong.empty() && claimed != rescored) wrong = c.say("verify.outcomes.extra");
  if (!wrong.empty()) {
    c.add("outcomes", CheckStatus::fail, wrong);
  } else {
    c.pass("outcomes", "verify.outcomes.ok",
           {{"met", c.number(met)}, {"count", c.number(static_cast<std::int64_t>(rescored.size()))}});
  }
}

void verify_completion(Checker& c, const json& document) {
  // type: the members everything below relies on
  const json& subject = member(document, "credentialSubject");
  const json& course_claim = member(subject, "course");
  const json& evidence = member(document, "evidence");
  const bool shaped = document.value("@context", json()).is_array() && !document["@context"].empty() &&
                      document["@context"][0] == vc_context && has_type(document, "VerifiableCredential") &&
                      course_claim.is_object() && course_claim.value("id", json()).is_string() &&
                      course_claim.value("version", json()).is_string() &&
                      course_claim.value("manifestSha256", json()).is_string() &&
                      subject.value("result", json()).is_object() && evidence.is_array() && evidence.size() == 1 &&
                      evidence[0].is_object() && has_type(evidence[0], "TesseraEventChain");
  if (!shaped) {
    c.fail("type", "verify.type.not-proof");
    return;
  }
  c.pass("type", "verify.type.proof",
         {{"course", course_claim["id"].get<std::string>()}, {"version", course_claim["version"].get<std::string>()}});
  (void)c.proof_and_issuer(document, document);  // eddsa-jcs-2022: the JSON is what is signed
  if (subject.value("id", json()) != credential::issuer_id(document)) {
    c.fail("issuer", "verify.issuer.not-learner");
  }

  // evidence
  const EvidenceRead read = read_evidence(member(evidence[0], "events"));
  bool chain_ok = read.problems.empty();
  if (!chain_ok) {
    c.fail("evidence", "verify.evidence.broken", {{"problem", Checker::describe(read.problems[0])}});
  } else if (evidence[0].value("head", json()) != read.head ||
             document.value("id", json()) != std::string(completion_id_prefix) + read.head) {
    chain_ok = false;
    c.fail("evidence", "verify.evidence.head");
  } else if (evidence[0].value("recordId", json()) != record::hash_hex(read.replay.front())) {
    chain_ok = false;
    c.fail("evidence", "verify.evidence.record-id");
  } else {
    const auto withheld = withheld_counts(read);
    c.withheld(withheld);
    c.pass("evidence", read.withheld.empty() ? "verify.evidence.chain" : "verify.evidence.chain-withheld",
           {{"count", c.number(static_cast<std::int64_t>(read.replay.size()))},
            {"head", read.head.substr(0, 12)},
            {"withheld", c.number(static_cast<std::int64_t>(read.withheld.size()))},
            {"what", describe_withheld(withheld, c.words())}});
  }

  // package and course
  const PackageInput* package = c.options().package;
  std::shared_ptr<const course::Course> course;
  if (!package) {
    c.warn("package", "verify.package.none");
    c.warn("course", "verify.course.no-package");
  } else {
    const auto& manifest = verified_manifest(package->manifest_text, package->expected_publisher);
    const std::string digest = crypto::to_hex(crypto::sha256(crypto::as_bytes(package->manifest_text)));
    if (!manifest) {
      c.fail("package", "verify.package.refused", {{"reason", package::refusal_message(manifest.problems())}});
    } else if (!crypto::equal(crypto::as_bytes(digest),
                              crypto::as_bytes(course_claim["manifestSha256"].get<std::string>()))) {
      c.fail("package", "verify.package.other",
             {{"digest", digest.substr(0, 16)},
              {"claimed", course_claim["manifestSha256"].get<std::string>().substr(0, 16)}});
    } else {
      std::vector<Problem> file_problems;
      if (package->complete) {
        file_problems = package::verify_files(manifest.value(), package->files);
      } else {
        for (const auto& [path, bytes] : package->files) {
          if (auto p = package::verify_file(manifest.value(), path, bytes)) file_problems.push_back(*p);
        }
      }
      if (has_errors(file_problems)) {
        c.fail("package", "verify.package.refused", {{"reason", package::refusal_message(file_problems)}});
      } else {
        const strings::Args which = {{"publisher", manifest.value().publisher},
                                     {"digest", digest.substr(0, 16)},
                                     {"count", c.number(static_cast<std::int64_t>(package->files.size()))}};
        if (package->complete) {
          c.pass("package", "verify.package.ok", which);
        } else {
          c.warn("package", "verify.package.partial", which);
        }
        const auto course_file = package->files.find("course.json");
        if (course_file == package->files.end()) {
          c.fail("course", "verify.course.no-course-json");
        } else {
          const LoadedCourse& loaded = loaded_course(course_file->second);
          if (!loaded.course) {
            c.fail("course", "verify.course.unloadable", {{"problem", Checker::describe(loaded.problems.at(0))}});
          } else if (loaded.course->id != course_claim["id"] || loaded.course->version != course_claim["version"] ||
                     manifest.value().course_id != loaded.course->id) {
            c.fail("course", "verify.course.other",
                   {{"course", loaded.course->id},
                    {"version", loaded.course->version},
                    {"claimed", course_claim["id"].get<std::string>()},
                    {"claimed-version", course_claim["version"].get<std::string>()}});
          } else {
            c.pass("course", "verify.course.ok", {{"course", loaded.course->id}, {"version", loaded.course->version}});
            course = loaded.course;
          }
        }
      }
    }
  }

  // rescore, completion, timing
  if (!course || !chain_ok) {
    const strings::Args why = {{"why", c.say(!course ? "verify.why.no-course" : "verify.why.broken-chain")}};
    c.warn("rescore", "verify.not-run", why);
    c.warn("outcomes", "verify.not-run", why);
    c.warn("completion", "verify.not-run", why);
    c.warn("timing", "verify.not-run", why);
    return;
  }
  const auto opened = session::Session::open(course, read.replay);
  if (const auto needed = check_withheld_answers(read, opened.session)) {
    c.fail("rescore", "verify.rescore.withheld", {{"problem", Checker::describe(*needed)}});
    c.fail("outcomes", "verify.completion.unscorable");
    c.fail("completion", "verify.completion.unscorable");
    return;
  }
  if (!opened.problems.empty()) {
    c.fail("rescore", "verify.rescore.no-replay", {{"problem", Checker::describe(opened.problems[0])}});
    c.fail("outcomes", "verify.completion.no-replay");
    c.fail("completion", "verify.completion.no-replay");
    return;
  }
  // A project's submission is the learner's own work: signed by the key that signs the proof.
  for (const auto& [block_id, progress] : opened.session.state().projects) {
    if (progress.submission && progress.submission->learner != credential::issuer_id(document)) {
      c.fail("issuer", "verify.project.not-learner", {{"block", block_id}, {"signer", progress.submission->learner}});
    }
  }
  // The outcomes have a check of their own, which names the outcome a claim gets wrong.
  json rescored = completion_result(opened.session);
  const json rescored_outcomes = rescored["outcomes"];
  rescored.erase("outcomes");
  json claimed = subject["result"];
  const json claimed_outcomes = claimed.value("outcomes", json());
  claimed.erase("outcomes");
  const json time_claimed = subject.value("timeOnTaskSeconds", json());
  const json time_rescored = opened.session.summary()["timeOnTaskSeconds"];
  if (rescored != claimed) {
    std::string differs;
    for (auto it = rescored.begin(); it != rescored.end(); ++it) {
      if (!claimed.contains(it.key()) || claimed[it.key()] != it.value())
        differs += (differs.empty() ? "" : ", ") + it.key();
    }
    if (differs.empty()) differs = c.say("verify.rescore.extra-members");
    c.fail("rescore", "verify.rescore.differs",
           {{"members", differs}, {"claimed", result_line(c, claimed)}, {"rescored", result_line(c, rescored)}});
  } else if (time_claimed != time_rescored) {
    c.fail("rescore", "verify.rescore.time", {{"claimed", time_claimed.dump()}, {"rescored", time_rescored.dump()}});
  } else {
    c.pass("rescore", "verify.rescore.ok", {{"result", result_line(c, rescored)}});
  }
  check_outcomes(c, claimed_outcomes, rescored_outcomes);
  if (opened.session.course_complete()) {
    c.pass("completion", "verify.completion.met");
  } else {
    c.fail("completion", "verify.completion.unmet");
  }

  // timing: summative attempts answered faster than a floor per item, and time on task against the estimate
  const std::int64_t floor_ms =
      c.options().summative_floor_ms_per_item > 0 ? c.options().summative_floor_ms_per_item : default_floor_ms;
  std::vector<std::string> fast;
  std::map<std::string, std::pair<std::int64_t, std::size_t>> started;  // block → (t, items)
  std::map<std::string, bool> summative;
  for (const auto& module : course->modules) {
    for (const auto& block : module.blocks) {
      const auto id = block.data.find("assessment");
      if (id == block.data.end() || !id->is_string()) continue;
      for (const auto& ref : course->assessments) {
        if (ref.id == id->get<std::string>()) summative[block.id] = ref.kind == course::AssessmentKind::summative;
      }
    }
  }
  for (const auto& e : read.replay) {
    const std::string block = e.payload.value("block", std::string());
    if (!summative[block]) continue;
    if (e.type == "attempt.started") {
      started[block] = {e.t, e.payload.value("items", json::array()).size()};
    } else if (e.type == "attempt.submitted" && started.count(block)) {
      const auto [t0, items] = started[block];
      if (items > 0 && e.t - t0 < floor_ms * static_cast<std::int64_t>(items)) {
        fast.push_back(c.say("verify.timing.fast-attempt", {{"block", block},
                                                            {"attempt", c.number(e.payload.value("attempt", 0))},
                                                            {"count", c.number(static_cast<std::int64_t>(items))},
                                                            {"seconds", c.number((e.t - t0) / 1000)}}));
      }
    }
  }
  const std::int64_t time_on_task = time_rescored.is_number() ? time_rescored.get<std::int64_t>() : 0;
  const std::int64_t estimate = static_cast<std::int64_t>(course->estimated_minutes) * 60;
  const strings::Args minutes = {{"floor", c.number(floor_ms / 1000)},
                                 {"minutes", c.number(time_on_task / 60)},
                                 {"estimate", c.number(estimate / 60)}};
  std::string sentence;
  if (!fast.empty()) {
    std::string list;
    for (std::size_t i = 0; i < fast.size(); ++i) list += (i ? "; " : "") + fast[i];
    sentence = c.say("verify.timing.fast", {{"floor", c.number(floor_ms / 1000)}, {"attempts", list}});
  }
  if (estimate > 0 && time_on_task * 10 < estimate) {
    sentence += (sentence.empty() ? "" : " ") + c.say("verify.timing.short", minutes);
  }
  if (sentence.empty()) {
    c.pass("timing", "verify.timing.ok", minutes);
  } else {
    c.add("timing", CheckStatus::warning, sentence);
  }
}

// ─── Open Badges credentials ───

// The first context URL in `context` the runtime does not ship, quoted; embedded context objects are the
// JSON-LD processor's to judge.
std::optional<std::string> unknown_context(const json& context, const jsonld::Options& supplied) {
  static const std::vector<std::string> shipped = jsonld::shipped_context_urls();
  for (const json& entry : context.is_array() ? context : json::array({context})) {
    if (entry.is_string() && std::find(shipped.begin(), shipped.end(), entry.get<std::string>()) == shipped.end() &&
        !supplied.extra_contexts.contains(entry.get<std::string>())) {
      return "\"" + entry.get<std::string>() + "\"";
    }
  }
  return std::nullopt;
}

// `facts` is what the signature covers (signed_view), `document` what was signed.
void verify_achievement(Checker& c, const json& document, const json& facts) {
  const json context = facts.value("@context", json());
  const json subject = facts.value("credentialSubject", json());
  const json achievement = subject.is_object() ? subject.value("achievement", json()) : json();
  const json issuer = facts.value("issuer", json());
  std::vector<std::string> missing;
  const bool vc1 = context.is_array() && !context.empty() && context[0] == vc1_context;
  const bool older_ob3 = context.is_array() && context.size() >= 2 &&
                         std::find(std::begin(older_ob3_contexts), std::end(older_ob3_contexts), context[1]) !=
                             std::end(older_ob3_contexts);
  if (!context.is_array() || context.size() < 2 || (context[0] != vc_context && !vc1) ||
      (context[1] != ob3_context && !older_ob3)) {
    missing.push_back(c.say("verify.missing.context"));
  }
  if (const auto unknown = unknown_context(context, c.contexts())) {
    c.fail("context", "verify.context.unknown", {{"context", *unknown}});
  }
  if (!has_type(facts, "VerifiableCredential") ||
      !(has_type(facts, "OpenBadgeCredential") || has_type(facts, "AchievementCredential"))) {
    missing.push_back(c.say("verify.missing.type"));
  }
  if (!facts.value("name", json()).is_string()) missing.push_back("name");
  if (!issuer.is_object() || !issuer.value("id", json()).is_string() || !has_type(issuer, "Profile")) {
    missing.push_back(c.say("verify.missing.issuer"));
  }
  if (!facts.value(vc1 ? "issuanceDate" : "validFrom", json()).is_string()) {
    missing.push_back(vc1 ? c.say("verify.missing.issuance-date") : "validFrom");
  }
  if (!subject.is_object() || !has_type(subject, "AchievementSubject"))
    missing.push_back(c.say("verify.missing.subject"));
  if (!achievement.is_object() || !achievement.value("id", json()).is_string() ||
      !has_type(achievement, "Achievement") || !achievement.value("name", json()).is_string() ||
      !achievement.value("description", json()).is_string() || !achievement.value("criteria", json()).is_object()) {
    missing.push_back(c.say("verify.missing.achievement"));
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
    c.fail("type", "verify.type.not-ob3", {{"missing", list}});
  } else {
    c.pass("type", vc1 ? "verify.type.ob3-vc1" : "verify.type.ob3", {{"name", achievement["name"].get<std::string>()}});
    if (vc1) c.warn("context", "verify.context.vc1", {{"context", std::string(vc1_context)}});
    if (older_ob3) {
      c.warn("context", "verify.context.older-ob3",
             {{"context", context[1].get<std::string>()}, {"current", std::string(ob3_context)}});
    }
  }
  (void)c.proof_and_issuer(document, facts);
  if (const json renewed = renewed_from(facts); renewed.is_object()) {
    c.pass("renewal", "verify.renewal.from", {{"id", renewed["id"].get<std::string>()}});
  }
}

// An EndorsementCredential (OB 3.0 §"EndorsementCredential"): the shape, then its proof and issuer.
void verify_endorsement_credential(Checker& c, const json& document, const json& facts) {
  const json context = facts.value("@context", json());
  const json subject = facts.value("credentialSubject", json());
  const json issuer = facts.value("issuer", json());
  std::vector<std::string> missing;
  if (!context.is_array() || context.size() < 2 || context[0] != vc_context || context[1] != ob3_context) {
    missing.push_back(c.say("verify.missing.context"));
  }
  if (const auto unknown = unknown_context(context, c.contexts())) {
    c.fail("context", "verify.context.unknown", {{"context", *unknown}});
  }
  if (!has_type(facts, "VerifiableCredential")) missing.push_back(c.say("verify.missing.type"));
  if (!facts.value("name", json()).is_string()) missing.push_back("name");
  if (!issuer.is_object() || !issuer.value("id", json()).is_string() || !has_type(issuer, "Profile")) {
    missing.push_back(c.say("verify.missing.issuer"));
  }
  if (!facts.value("validFrom", json()).is_string()) missing.push_back("validFrom");
  if (!subject.is_object() || !has_type(subject, "EndorsementSubject") || !subject.value("id", json()).is_string()) {
    missing.push_back("credentialSubject (EndorsementSubject, id)");
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
    c.fail("type", "verify.type.not-endorsement", {{"missing", list}});
  } else {
    c.pass("type", "verify.type.endorsement", {{"subject", subject["id"].get<std::string>()}});
  }
  (void)c.proof_and_issuer(document, facts);
}

// One line per endorsement the credential carries; a refused one warns (the credential stands without it).
void verify_endorsements(Checker& c, Report& report, const json& document, const json& facts) {
  for (const EndorsementCheck& e : check_endorsements(document, facts, c.options())) {
    const std::string who = e.endorser_name.empty() ? (e.endorser.empty() ? e.where : e.endorser)
                                                    : e.endorser_name + " (" + e.endorser + ")";
    if (e.verified) {
      c.pass("endorsement", e.comment.empty() ? "verify.endorsement.ok" : "verify.endorsement.ok-comment",
             {{"endorser", who}, {"comment", e.comment}});
    } else {
      c.warn("endorsement", "verify.endorsement.refused", {{"endorser", who}, {"reason", e.reason}});
    }
    report.endorsements.push_back(to_json(e));
  }
}

// ─── Reading the input ───

Report run(const json& document, const VerifyOptions& options) {
  Report report;
  report.document = document;
  Checker c(report, options);
  try {
    if (!document.is_object()) {
      c.fail("input", "verify.input.not-object");
      return report;
    }
    if (json_depth(document, max_document_depth + 1) > max_document_depth) {
      c.fail("input", "verify.input.too-deep", {{"depth", c.number(max_document_depth)}});
      return report;
    }
    auto signed_facts = signed_view(document, c.contexts());
    if (!signed_facts) {
      c.fail("input", "verify.input.unreadable", {{"problem", Checker::describe(signed_facts.problems()[0])}});
      return report;
    }
    report.facts = std::move(signed_facts.value());
    const json& facts = report.facts;
    c.pass("input", "verify.input.ok");
    if (has_type(facts, completion_proof_type)) {
      report.kind = "completion-proof";
      verify_completion(c, document);  // signed with eddsa-jcs-2022: the JSON is what is signed
    } else if (has_type(facts, "OpenBadgeCredential") || has_type(facts, "AchievementCredential")) {
      report.kind = "achievement-credential";
      verify_achievement(c, document, facts);
      verify_endorsements(c, report, document, facts);
    } else if (has_type(facts, "EndorsementCredential")) {
      report.kind = "endorsement-credential";
      verify_endorsement_credential(c, document, facts);
    } else {
      report.kind = "credential";
      c.warn("type", "verify.type.other");
      (void)c.proof_and_issuer(document, facts);
    }
    c.validity(facts);
    c.status(facts);
  } catch (const std::exception& error) {
    c.fail("input", "verify.input.failed", {{"problem", error.what()}});
  }
  return report;
}

}  // namespace

// ─── Entry points ───

Report verify_document(const json& document, const VerifyOptions& options) { return run(document, options); }

Report verify_text(std::string_view text, const VerifyOptions& options) {
  const std::size_t limit = options.max_bytes ? options.max_bytes : default_max_bytes;
  // The one strict reader: a document that other readers could read differently is refused here.
  json_text::Reading<json> read =
      json_text::parse(text, {limit, static_cast<std::size_t>(max_document_depth)}, "The document");
  if (read.error) {
    Report report;
    report.checks.push_back({"input", CheckStatus::fail, read.error->sentence()});
    return report;
  }
  return run(read.value, options);
}

Report verify_text_or_image(std::string_view bytes, const VerifyOptions& options) {
  const auto format = baking::image_format(bytes);
  if (!format) return verify_text(bytes, options);
  const strings::Catalogue& words = strings::Catalogue::for_language(options.language);
  const std::string kind(baking::to_string(*format));
  auto unbaked = baking::unbake(bytes);
  if (!unbaked) {
    const Problem& problem = unbaked.problems().front();
    Report report;
    report.language = words.language();
    report.checks.push_back(
        {"image", CheckStatus::fail,
         words.text("verify.image.unreadable",
                    {{"format", kind},
                     {"problem",
                      problem.message + (problem.where.empty() ? std::string() : " (at " + problem.where + ")")}})});
    return report;
  }
  const bool jwt = unbaked.value().form == baking::CredentialForm::jwt;
  Report report = verify_text(unbaked.value().credential, options);
  report.checks.insert(
      report.checks.begin(),
      {"image", CheckStatus::pass,
       words.text(*format == baking::ImageFormat::png ? "verify.image.unbaked-png" : "verify.image.unbaked-svg",
                  {{"form", words.text(jwt ? "verify.image.form-jwt" : "verify.image.form-json")}})});
  return report;
}

}  // namespace tessera::credential
