// The verifier core, shared by the verifier page (Wasm), `tessera verify` and `tessera issue`: takes a
// completion proof or an Open Badges 3.0 credential as untrusted text and reports every check with pass,
// fail or warning and one plain sentence. It never throws and never stops at the first failure unless later
// checks depend on it (then they are reported as not run, with why).
//
// Checks (ids are stable; docs/credentials.md explains each):
//   input          size, JSON, nesting depth
//   type           a completion proof or an OB 3.0 AchievementCredential, with the required members
//   proof          one per proof (a set or chain has several): suite, purpose, verification method, signature;
//                  a proof in a suite Tessera does not verify is a warning (set aside), never a pass
//   issuer         the issuer controls the key of a proof that verifies (and, for a completion proof, is the
//                  subject)
//   evidence       the event chain: seq order, every prev hash, the committed head, the proof's id
//   package        the package the host supplied: manifest signature, files, SHA-256 of manifest.json = claim
//   course         the claimed course id and version are the package's
//   rescore        the evidence replayed through Session gives exactly the claimed result and time on task
//   completion     the replayed record meets the course's completion rules
//   timing         summative attempts faster than a floor per item; time on task far below the estimate
//   validity       validFrom ≤ now ≤ validUntil (and the proof's own expires)
//   status         one per credentialStatus entry: a BitstringStatusListEntry ("revocation" or "suspension")
//                  against a supplied, signed status list credential, or the 1EdTech revocation list; a list
//                  not supplied is a warning ("could not be checked"), never "not revoked"
//   endorsement    one per endorsement an Open Badges credential carries: it verifies on its own and endorses
//                  what it is attached to (a refused one is a warning: the credential stands without it)
//
// Does NOT: fetch anything (packages, status lists and controller documents come from the host), or judge
// whether an issuer is trustworthy (the report names the issuer; the reader decides).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/course.hpp"
#include "tessera/data_integrity.hpp"

namespace tessera::credential {

enum class CheckStatus { pass, fail, warning };
[[nodiscard]] std::string_view to_string(CheckStatus status);

struct Check {
  std::string id;
  CheckStatus status = CheckStatus::pass;
  std::string sentence;
};

struct Report {
  std::string kind;  // "completion-proof", "achievement-credential", or "" when unreadable
  std::vector<Check> checks;
  nlohmann::json document;  // the parsed document (null when unreadable), for callers that go on (issue)
  nlohmann::json facts;     // what its signature covers, in the verifier's names (see signed_view); every
                            // fact the report states comes from here
  // A completion proof whose chain reads: event type → how many of its events the learner withheld private
  // text from (tessera/completion.hpp), e.g. {"reflection.saved": 1, "survey.submitted": 1}.
  std::map<std::string, std::size_t> withheld;
  // Each proof of the document, as checked (the "proof" checks say the same in sentences, one per proof).
  std::vector<ProofCheck> proofs;
  // Each endorsement an Open Badges credential carries, as tessera/endorsement.hpp checked it (to_json form).
  nlohmann::json endorsements = nlohmann::json::array();
  std::string language = "en";    // the strings catalogue the sentences came from (VerifyOptions::language)
  [[nodiscard]] bool ok() const;  // no check failed
  // The one verdict a person reads first: "not-verified" (a check failed), "could-not-check" (none failed, but a
  // check the verdict rests on was not run: status, rescore, completion or validity is a warning), else
  // "verified". The CLI's last line and the verifier page's banner both say it.
  [[nodiscard]] std::string_view verdict() const;
  // Positions in `checks` of the deciding checks that were not run (what "could-not-check" is about).
  [[nodiscard]] std::vector<std::size_t> undecided() const;
  // {"ok","verdict","undecided":[positions in
  // checks],"kind","checks":[{"id","status","sentence"}],"proofs":[{"where","id"?,"suite","verdict",
  // "verificationMethod"?,"controller"?,"created"?,"problem"?,"warnings"}],"withheld"?,"withheldSummary"?,
  // "subject"?,"endorsements"?}; verdict is "verified", "failed" or "set aside" (a suite Tessera does not verify);
  // completion proofs carry the counts and, for people, "1 reflection text, 1 survey's answers" ("" when none).
  [[nodiscard]] nlohmann::json to_json() const;
};

// The package the credential is about, as the host has it: manifest.json's text and the files (path → bytes,
// course.json at least). When `complete` is false only the supplied files are checked (a warning says so).
struct PackageInput {
  std::string manifest_text;
  std::map<std::string, std::string> files;
  bool complete = true;
  std::string expected_publisher;  // did:key the host expects, e.g. from the catalog; empty: any
};

// Zero values mean the default.
struct VerifyOptions {
  const KeyRing* keys = nullptr;          // controller documents beyond did:key
  const PackageInput* package = nullptr;  // none: package, course, rescore are warnings (not run)
  std::vector<const nlohmann::json*>
      status_lists;  // status list credentials credentialStatus names (revocation, suspension)
  std::vector<std::string> unreachable_lists;       // lists the host tried to download and could not (their URLs)
  const nlohmann::json* revocation_list = nullptr;  // the 1EdTech revocation list credentialStatus names (unsigned)
  const jsonld::Options* contexts = nullptr;        // context documents beyond the shipped ones, by URL (never fetched)
  std::string now;                                  // dateTimeStamp; empty: validity is a warning (not run)
  std::string language;                             // BCP 47 tag the sentences are written in; empty: English
  std::int64_t summative_floor_ms_per_item = 0;     // default 3000
  std::size_t max_bytes = 0;                        // default 16 MiB
};

[[nodiscard]] Report verify_text(std::string_view text, const VerifyOptions& options = {});
[[nodiscard]] Report verify_document(const nlohmann::json& document, const VerifyOptions& options = {});
// What a user hands over: a baked PNG or SVG badge image (tessera/baked_badge.hpp) is unbaked first, and the
// report's first check, "image", says so (or why nothing could be read from it); anything else is verify_text.
[[nodiscard]] Report verify_text_or_image(std::string_view bytes, const VerifyOptions& options = {});

// What a signed document's signature covers, as the JSON members the verifier reads. For eddsa-rdfc-2022
// (which signs RDF, not JSON) it is read from the JSON-LD expansion, so a member spelled as a full IRI, a
// compact IRI or an alias reads as its usual name: issuer, validFrom, validUntil, issuanceDate,
// expirationDate, credentialSubject, credentialStatus, name, description, achievement, criteria, the status
// entry's and list's members, and the proof's created and expires. A fact stated twice is a problem. Any
// other document is its own view: eddsa-jcs-2022 signs the JSON bytes themselves.
[[nodiscard]] Result<nlohmann::json> signed_view(const nlohmann::json& secured,
                                                 const jsonld::Options& jsonld_options = {});

// SHA-256 (lower-case hex) of a completion proof's canonical form: what an issued credential's evidence names.
[[nodiscard]] std::string proof_digest(const nlohmann::json& proof_document);

}  // namespace tessera::credential
