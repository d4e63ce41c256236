// The verifier core: every check of a completion proof or an Open Badges 3.0 credential, as a report.
//
// Sections: report · reading the input · shared checks (proof, issuer, validity, status) · completion proofs
// (evidence, package, course, rescore, completion, timing) · Open Badges credentials · entry points.
#include "tessera/verifier.hpp"

#include <algorithm>

#include "tessera/baked_badge.hpp"
#include "tessera/completion.hpp"
#include "tessera/crypto.hpp"
#include "tessera/datetime.hpp"
#include "tessera/jcs.hpp"
#include "tessera/json_text.hpp"
#include "tessera/jsonld.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/status_list.hpp"

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

}  // namespace

// ─── Report ───

std::string_view to_string(CheckStatus status) {
  return status == CheckStatus::pass ? "pass" : status == CheckStatus::fail ? "fail" : "warning";
}

bool Report::ok() const {
  return !checks.empty() &&
         std::none_of(checks.begin(), checks.end(), [](const Check& c) { return c.status == CheckStatus::fail; });
}

json Report::to_json() const {
  json out = {{"ok", ok()}, {"kind", kind}, {"checks", json::array()}};
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
  if (kind == "completion-proof") {
    out["withheld"] = withheld;
    out["withheldSummary"] = describe_withheld(withheld);
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
          {"issuer", facts.at("issuer").is_object() ? facts["issuer"].value("name", facts["issuer"].value("id", json()))
                                                    : facts["issuer"]},
          {"validFrom", facts.value("validFrom", json())},
          {"validUntil", facts.value("validUntil", facts.value("expirationDate", json()))}};
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
  Checker(Report& report, const VerifyOptions& options) : report_(report), options_(options) {}

  void add(std::string id, CheckStatus status, std::string sentence) {
    report_.checks.push_back({std::move(id), status, std::move(sentence)});
  }
  void pass(std::string id, std::string sentence) { add(std::move(id), CheckStatus::pass, std::move(sentence)); }
  void fail(std::string id, std::string sentence) { add(std::move(id), CheckStatus::fail, std::move(sentence)); }
  void warn(std::string id, std::string sentence) { add(std::move(id), CheckStatus::warning, std::move(sentence)); }
  void withheld(std::map<std::string, std::size_t> counts) { report_.withheld = std::move(counts); }

  static std::string describe(const Problem& p) {
    std::string out = p.message;
    if (!p.where.empty()) out += " (at " + p.where + ")";
    if (!p.hint.empty()) out += "; " + p.hint;
    return out;
  }

  static std::string issuer_id(const json& document) {
    const json issuer = document.value("issuer", json());
    if (issuer.is_string()) return issuer.get<std::string>();
    if (issuer.is_object() && issuer.value("id", json()).is_string()) return issuer["id"].get<std::string>();
    return {};
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
        pass("proof", label + " verifies: signed by " + proof.verification_method +
                          (proof.created.empty() ? std::string() : " on " + proof.created) +
                          "; the signature matches every byte it covers.");
      } else if (!proof.known_suite) {
        warn("proof", label +
                          " is in a suite Tessera does not verify; it was set aside, neither trusted nor held "
                          "against the credential.");
      } else {
        fail("proof", label + " does not verify: " + describe(proof.problems.at(0)) + ".");
      }
      for (const Problem& warning : proof.warnings) warn("proof", label + ": " + warning.message + ".");
    }
    const bool any_failed =
        std::any_of(proofs.begin(), proofs.end(), [](const ProofCheck& p) { return p.known_suite && !p.verified; });
    if (signers.empty()) {
      if (!any_failed) fail("proof", "No proof is in a suite Tessera verifies, so nothing here is signed.");
      fail("issuer", "Not checked: without a valid proof nothing binds the issuer to the document.");
      return false;
    }
    const std::string issuer = issuer_id(facts);
    if (issuer.empty()) {
      fail("issuer", "The document names no issuer.");
    } else if (std::find(signers.begin(), signers.end(), issuer) == signers.end()) {
      std::string by;
      for (const auto& signer : signers) by += (by.empty() ? "" : ", ") + signer;
      fail("issuer", "The issuer " + issuer + " made none of the proofs that verify (they were made by " + by +
                         "): the proofs were made by someone else or moved from another document.");
    } else {
      pass("issuer", "The issuer " + issuer + " controls the key of a proof that verifies.");
    }
    return true;
  }

  // "The proof (eddsa-rdfc-2022)" or "Proof 2 of 3 (Ed25519Signature2020, id urn:…)".
  static std::string proof_label(const ProofCheck& proof, std::size_t index, std::size_t count) {
    std::string label =
        count == 1 ? "The proof" : "Proof " + std::to_string(index + 1) + " of " + std::to_string(count);
    const std::string suite = proof.suite.empty() ? std::string("suite not named") : proof.suite;
    return label + " (" + suite + (proof.id.empty() ? std::string() : ", id " + proof.id) + ")";
  }

  // The latest start and the earliest end the signed facts state: VC 2.0 names them validFrom and
  // validUntil, VC 1.1 issuanceDate and expirationDate, and a document may state both.
  void validity(const json& facts) {
    if (options_.now.empty()) {
      warn("validity", "Not checked: no current time was supplied (pass now).");
      return;
    }
    const auto now = datetime::parse(options_.now);
    if (!now) {
      fail("validity", "The supplied current time '" + options_.now + "' is not a date-time with a time zone.");
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
      fail("validity", "validFrom, validUntil or the proof's expires is not a date-time with a time zone.");
    } else if (from && from->at > *now) {
      fail("validity", "Not valid yet: valid from " + from->text + ".");
    } else if (until && until->at < *now) {
      fail("validity", "Expired on " + until->text + ".");
    } else if (proof_expires && proof_expires->at < *now) {
      fail("validity", "The proof expired on " + proof_expires->text + ".");
    } else {
      pass("validity",
           "Valid at " + options_.now + (until ? " (until " + until->text + ")" : " (it does not expire)") + ".");
    }
  }

  void status(const json& facts) {
    if (!facts.contains("credentialStatus")) {
      pass("status", "The credential carries no credentialStatus: its issuer cannot revoke it.");
      return;
    }
    json entry = facts["credentialStatus"];
    if (entry.is_array() && entry.size() == 1) entry = entry[0];
    if (!options_.status_list) {
      warn("status", "Not checked: the credential has a status list entry, but no status list was supplied.");
      return;
    }
    const json& list = *options_.status_list;
    const ProofCheck list_proof = verify_proof(list, options_.keys, "assertionMethod", contexts());
    if (!list_proof.verified) {
      fail("status", "The status list's own proof does not verify: " + describe(list_proof.problems.at(0)) + ".");
      return;
    }
    const auto list_facts = signed_view(list, contexts());
    if (!list_facts) {
      fail("status", "The status list's signed statements cannot be read: " + describe(list_facts.problems()[0]) + ".");
      return;
    }
    if (issuer_id(list_facts.value()) != issuer_id(facts) || list_proof.controller != issuer_id(facts)) {
      fail("status", "The status list was not published by the credential's issuer.");
      return;
    }
    const auto revoked = status_of(entry, list_facts.value());
    if (!revoked) {
      fail("status", "The status cannot be read: " + describe(revoked.problems()[0]) + ".");
    } else if (revoked.value()) {
      fail("status", "Revoked: bit " + entry.value("statusListIndex", std::string("?")) + " of " +
                         entry.value("statusListCredential", std::string("the list")) + " is set.");
    } else {
      pass("status", "Not revoked (bit " + entry.value("statusListIndex", std::string("?")) +
                         " of the issuer's signed list is clear).");
    }
  }

  [[nodiscard]] const VerifyOptions& options() const { return options_; }
  [[nodiscard]] const jsonld::Options& contexts() const {
    static const jsonld::Options shipped_only;
    return options_.contexts ? *options_.contexts : shipped_only;
  }

 private:
  Report& report_;
  const VerifyOptions& options_;
};

bool has_type(const json& document, std::string_view type) {
  const json types = document.value("type", json());
  if (types.is_string()) return types == type;
  return types.is_array() && std::find(types.begin(), types.end(), type) != types.end();
}

// ─── Completion proofs ───

std::string result_line(const json& result) {
  return "score " + result.value("score", std::string("?")) + "/" + result.value("max", std::string("?")) +
         (result.value("passed", false) ? ", passed" : ", not passed");
}

void verify_completion(Checker& c, const json& document) {
  // type: the members everything below relies on
  const json subject = document.value("credentialSubject", json());
  const json course_claim = subject.is_object() ? subject.value("course", json()) : json();
  const json evidence = document.value("evidence", json());
  const bool shaped = document.value("@context", json()).is_array() && !document["@context"].empty() &&
                      document["@context"][0] == vc_context && has_type(document, "VerifiableCredential") &&
                      course_claim.is_object() && course_claim.value("id", json()).is_string() &&
                      course_claim.value("version", json()).is_string() &&
                      course_claim.value("manifestSha256", json()).is_string() &&
                      subject.value("result", json()).is_object() && evidence.is_array() && evidence.size() == 1 &&
                      evidence[0].is_object() && has_type(evidence[0], "TesseraEventChain");
  if (!shaped) {
    c.fail("type",
           "This is not a well-formed completion proof (VC 2.0 context, credentialSubject.course "
           "{id, version, manifestSha256}, result, one TesseraEventChain evidence).");
    return;
  }
  c.pass("type", "A Tessera completion proof for " + course_claim["id"].get<std::string>() + " " +
                     course_claim["version"].get<std::string>() + " (VC Data Model 2.0).");
  (void)c.proof_and_issuer(document, document);  // eddsa-jcs-2022: the JSON is what is signed
  if (subject.value("id", json()) != Checker::issuer_id(document)) {
    c.fail("issuer",
           "The learner (credentialSubject.id) is not the issuer: a completion proof is issued by the learner.");
  }

  // evidence
  const EvidenceRead read = read_evidence(evidence[0].value("events", json()));
  bool chain_ok = read.problems.empty();
  if (!chain_ok) {
    c.fail("evidence", "The event chain is broken: " + Checker::describe(read.problems[0]) + ".");
  } else if (evidence[0].value("head", json()) != read.head ||
             document.value("id", json()) != std::string(completion_id_prefix) + read.head) {
    chain_ok = false;
    c.fail("evidence",
           "The events do not end at the head the proof commits to (events were dropped or added at the end).");
  } else if (evidence[0].value("recordId", json()) != record::hash_hex(read.replay.front())) {
    chain_ok = false;
    c.fail("evidence", "The evidence's recordId is not the hash of its first event.");
  } else {
    const auto withheld = withheld_counts(read);
    c.withheld(withheld);
    c.pass("evidence",
           std::to_string(read.replay.size()) + " events form an unbroken hash chain from the first event to " +
               read.head.substr(0, 12) + "…" +
               (read.withheld.empty() ? std::string(".")
                                      : "; " + std::to_string(read.withheld.size()) +
                                            " withheld by the learner: " + describe_withheld(withheld) + "."));
  }

  // package and course
  const PackageInput* package = c.options().package;
  std::shared_ptr<const course::Course> course;
  if (!package) {
    c.warn("package", "Not checked: no package was supplied, so nothing shows which course content was played.");
    c.warn("course", "Not checked: no package was supplied.");
  } else {
    auto manifest = package::verify_manifest(package->manifest_text, package->expected_publisher);
    const std::string digest = crypto::to_hex(crypto::sha256(crypto::as_bytes(package->manifest_text)));
    if (!manifest) {
      c.fail("package", "Refused: " + package::refusal_message(manifest.problems()) + ".");
    } else if (!crypto::equal(crypto::as_bytes(digest),
                              crypto::as_bytes(course_claim["manifestSha256"].get<std::string>()))) {
      c.fail("package", "The proof is about another package: the supplied manifest.json has SHA-256 " +
                            digest.substr(0, 16) + "…, the proof claims " +
                            course_claim["manifestSha256"].get<std::string>().substr(0, 16) + "….");
    } else {
      std::vector<Problem> file_problems;
      if (package->complete) {
        file_problems = package::verify_package(package->manifest_text, package->files, package->expected_publisher);
      } else {
        for (const auto& [path, bytes] : package->files) {
          if (auto p = package::verify_file(manifest.value(), path, bytes)) file_problems.push_back(*p);
        }
      }
      if (has_errors(file_problems)) {
        c.fail("package", "Refused: " + package::refusal_message(file_problems) + ".");
      } else {
        const std::string which = "signed by " + manifest.value().publisher + ", SHA-256 " + digest.substr(0, 16) + "…";
        if (package->complete) {
          c.pass("package", "The package is the one the proof names (" + which + "), and every file matches.");
        } else {
          c.warn("package", "The manifest is the one the proof names (" + which + "); only " +
                                std::to_string(package->files.size()) + " of its files were supplied and checked.");
        }
        const auto course_file = package->files.find("course.json");
        if (course_file == package->files.end()) {
          c.fail("course", "The package has no course.json to replay the evidence with.");
        } else {
          course::LoadOptions load_options;
          auto loaded = course::load(course_file->second, load_options);
          if (!loaded.course) {
            c.fail("course",
                   "The package's course.json cannot be loaded: " + Checker::describe(loaded.problems.at(0)) + ".");
          } else if (loaded.course->id != course_claim["id"] || loaded.course->version != course_claim["version"] ||
                     manifest.value().course_id != loaded.course->id) {
            c.fail("course", "The package holds " + loaded.course->id + " " + loaded.course->version +
                                 ", not the claimed " + course_claim["id"].get<std::string>() + " " +
                                 course_claim["version"].get<std::string>() + ".");
          } else {
            c.pass("course",
                   "The package holds the claimed course, " + loaded.course->id + " " + loaded.course->version + ".");
            course = std::make_shared<const course::Course>(std::move(*loaded.course));
          }
        }
      }
    }
  }

  // rescore, completion, timing
  if (!course || !chain_ok) {
    const std::string why = !course ? "the course could not be established" : "the evidence chain is broken";
    c.warn("rescore", "Not run: " + why + ".");
    c.warn("completion", "Not run: " + why + ".");
    c.warn("timing", "Not run: " + why + ".");
    return;
  }
  const auto opened = session::Session::open(course, read.replay);
  if (const auto needed = check_withheld_answers(read, opened.session)) {
    c.fail("rescore", "The evidence withholds what re-scoring needs: " + Checker::describe(*needed) + ".");
    c.fail("completion", "Not established: the evidence cannot be re-scored.");
    return;
  }
  if (!opened.problems.empty()) {
    c.fail("rescore", "The evidence does not replay on this course: " + Checker::describe(opened.problems[0]) + ".");
    c.fail("completion", "Not established: the evidence does not replay.");
    return;
  }
  const json rescored = completion_result(opened.session);
  const json& claimed = subject["result"];
  const json time_claimed = subject.value("timeOnTaskSeconds", json());
  const json time_rescored = opened.session.summary()["timeOnTaskSeconds"];
  if (rescored != claimed) {
    std::string differs;
    for (auto it = rescored.begin(); it != rescored.end(); ++it) {
      if (!claimed.contains(it.key()) || claimed[it.key()] != it.value())
        differs += (differs.empty() ? "" : ", ") + it.key();
    }
    if (differs.empty()) differs = "extra members";
    c.fail("rescore", "The claimed result differs from the re-scored one in " + differs + " (claimed " +
                          result_line(claimed) + "; re-scored " + result_line(rescored) + ").");
  } else if (time_claimed != time_rescored) {
    c.fail("rescore", "The claimed time on task (" + time_claimed.dump() + " s) is not what the events give (" +
                          time_rescored.dump() + " s).");
  } else {
    c.pass("rescore", "Re-scored from the evidence: " + result_line(rescored) + ", exactly as claimed.");
  }
  if (opened.session.course_complete()) {
    c.pass("completion", "The replayed record meets the course's completion rules.");
  } else {
    c.fail("completion", "The replayed record does not meet the course's completion rules.");
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
        fast.push_back(block + " attempt " + std::to_string(e.payload.value("attempt", 0)) + ": " +
                       std::to_string(items) + " items in " + std::to_string((e.t - t0) / 1000) + " s");
      }
    }
  }
  const std::int64_t time_on_task = time_rescored.is_number() ? time_rescored.get<std::int64_t>() : 0;
  const std::int64_t estimate = static_cast<std::int64_t>(course->estimated_minutes) * 60;
  std::string sentence;
  if (!fast.empty()) {
    sentence = "Implausibly fast summative answers (floor " + std::to_string(floor_ms / 1000) + " s per item): ";
    for (std::size_t i = 0; i < fast.size(); ++i) sentence += (i ? "; " : "") + fast[i];
    sentence += ".";
  }
  if (estimate > 0 && time_on_task * 10 < estimate) {
    sentence += (sentence.empty() ? "" : " ") + std::string("Time on task ") + std::to_string(time_on_task / 60) +
                " min is under a tenth of the course's estimate (" + std::to_string(estimate / 60) + " min).";
  }
  if (sentence.empty()) {
    c.pass("timing", "Summative attempts took at least " + std::to_string(floor_ms / 1000) +
                         " s per item; time on task " + std::to_string(time_on_task / 60) + " min (estimate " +
                         std::to_string(estimate / 60) + " min).");
  } else {
    c.warn("timing", sentence);
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
    missing.push_back("@context [VC 2.0 or 1.1, OB 3.0.x] in that order");
  }
  if (const auto unknown = unknown_context(context, c.contexts())) {
    c.fail("context", "The @context names " + *unknown +
                          ", which Tessera does not ship; contexts are never fetched, so the credential cannot be "
                          "read as its issuer meant it.");
  }
  if (!has_type(facts, "VerifiableCredential") ||
      !(has_type(facts, "OpenBadgeCredential") || has_type(facts, "AchievementCredential"))) {
    missing.push_back("type VerifiableCredential + OpenBadgeCredential");
  }
  if (!facts.value("name", json()).is_string()) missing.push_back("name");
  if (!issuer.is_object() || !issuer.value("id", json()).is_string() || !has_type(issuer, "Profile")) {
    missing.push_back("issuer Profile with id");
  }
  if (!facts.value(vc1 ? "issuanceDate" : "validFrom", json()).is_string()) {
    missing.push_back(vc1 ? "issuanceDate (VC 1.1)" : "validFrom");
  }
  if (!subject.is_object() || !has_type(subject, "AchievementSubject"))
    missing.push_back("credentialSubject of type AchievementSubject");
  if (!achievement.is_object() || !achievement.value("id", json()).is_string() ||
      !has_type(achievement, "Achievement") || !achievement.value("name", json()).is_string() ||
      !achievement.value("description", json()).is_string() || !achievement.value("criteria", json()).is_object()) {
    missing.push_back("achievement with id, type Achievement, name, description, criteria");
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? "; " : "") + missing[i];
    c.fail("type", "Not a well-formed Open Badges 3.0 credential: missing or wrong " + list + ".");
  } else {
    c.pass("type", "An Open Badges 3.0 AchievementCredential for \"" + achievement["name"].get<std::string>() + "\"" +
                       (vc1 ? " (VC Data Model 1.1)." : "."));
    if (vc1) {
      c.warn("context", "Written to the older VC Data Model 1.1 (" + std::string(vc1_context) +
                            "): its dates were read as issuanceDate and expirationDate.");
    }
    if (older_ob3) {
      c.warn("context", "Written against an older Open Badges 3.0 context (" + context[1].get<std::string>() +
                            "); the current one is " + std::string(ob3_context) + ".");
    }
  }
  (void)c.proof_and_issuer(document, facts);
}

// ─── Reading the input ───

Report run(const json& document, const VerifyOptions& options) {
  Report report;
  report.document = document;
  Checker c(report, options);
  try {
    if (!document.is_object()) {
      c.fail("input", "The document is not a JSON object.");
      return report;
    }
    if (json_depth(document, max_document_depth + 1) > max_document_depth) {
      c.fail("input", "The document nests deeper than " + std::to_string(max_document_depth) + " levels.");
      return report;
    }
    auto signed_facts = signed_view(document, c.contexts());
    if (!signed_facts) {
      c.fail("input",
             "The document's signed statements cannot be read: " + Checker::describe(signed_facts.problems()[0]) + ".");
      return report;
    }
    report.facts = std::move(signed_facts.value());
    const json& facts = report.facts;
    c.pass("input", "Read as JSON within the size and depth limits.");
    if (has_type(facts, completion_proof_type)) {
      report.kind = "completion-proof";
      verify_completion(c, document);  // signed with eddsa-jcs-2022: the JSON is what is signed
    } else if (has_type(facts, "OpenBadgeCredential") || has_type(facts, "AchievementCredential")) {
      report.kind = "achievement-credential";
      verify_achievement(c, document, facts);
    } else {
      report.kind = "credential";
      c.warn("type",
             "Neither a completion proof nor an Open Badges credential: only its proof, dates and status are checked.");
      (void)c.proof_and_issuer(document, facts);
    }
    c.validity(facts);
    c.status(facts);
  } catch (const std::exception& error) {
    c.fail("input", std::string("The document could not be checked: ") + error.what() + ".");
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
  const std::string image = std::string(baking::to_string(*format)) + " image";
  auto unbaked = baking::unbake(bytes);
  if (!unbaked) {
    const Problem& problem = unbaked.problems().front();
    Report report;
    report.checks.push_back({"image", CheckStatus::fail,
                             "No credential could be read from this " + image + ": " + problem.message +
                                 (problem.where.empty() ? "" : " (at " + problem.where + ")") + "."});
    return report;
  }
  const bool jwt = unbaked.value().form == baking::CredentialForm::jwt;
  Report report = verify_text(unbaked.value().credential, options);
  const std::string carrier =
      *format == baking::ImageFormat::png ? "its iTXt chunk openbadgecredential" : "its openbadges:credential element";
  report.checks.insert(report.checks.begin(),
                       {"image", CheckStatus::pass,
                        "The credential was unbaked from a " + image + " (" + carrier + ", " +
                            (jwt ? "a compact JWT" : "JSON") + "); the checks below are of that credential."});
  return report;
}

}  // namespace tessera::credential
