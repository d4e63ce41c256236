// The credential API for the web app and the verifier page, through embind: JSON strings in and out.
//
//   credentials.learnerKeyGenerate(entropyHex)            → {did, verificationMethod, seedHex}
//   credentials.learnerKeyExport(seedHex, passphrase, saltHex, nonceHex) → {ok, file} | {ok:false, problems}
//   credentials.learnerKeyImport(fileText, passphrase)    → {ok, did, verificationMethod, seedHex}
//                                                           | {ok:false, problems}
//   credentials.completionProof(courseJson, eventsJson, seedHex, manifestSha256, created, includePrivate)
//                                                         → {ok, proof} | {ok:false, problems}
//       includePrivate: the learner chose to put their reflections, survey answers and unscored answers in
//       (false: withheld, the default a host must offer)
//   credentials.signedFacts(documentText)                  → {ok, facts} | {ok:false, problems}: what the
//       document's signature covers, in the verifier's names (read it, not the JSON, for e.g. the status list URL)
//   credentials.verify(documentText, optionsJson)          → the verifier report {ok, kind, checks, withheld?,
//                                                            withheldSummary?, subject}
//       options: {now, language (the sentences' BCP 47 tag; English by default), statusList: {...},
//                 statusLists: [{...}] (more status list credentials), revocationList: {...} (1EdTech),
//                 didDocuments: [{...}], package: {manifest: text, files: {path: base64url bytes},
//                 complete: bool, publisher: did}}
//   credentials.checkEndorsement(documentText, subject, optionsJson) → {where, endorser, endorserName?, subject,
//       comment?, verified, reason?}: an Open Badges 3.0 EndorsementCredential checked on its own and against the
//       id it must endorse (tessera/endorsement.hpp); options: {now, language}
//   credentials.unbakeImage(imageBase64url)                → {ok, format: "PNG"|"SVG", form: "json"|"jwt",
//       credential: text} | {ok:false, problems}: the credential a baked badge image carries (tessera/baked_badge.hpp)
//   credentials.bakeImage(credentialText, imageBase64url)  → {ok, image: base64url} | {ok:false, problems}: the
//       badge image (PNG or SVG) with the credential baked in (tessera/baked_badge.hpp)
//   credentials.qrCode(text)                              → {ok, size, rows: ["0110…", …]} | {ok:false, problems}:
//       the QR code (qrcodegen, byte mode, error correction M or better) of a verification link, row by row,
//       1 for a dark module, without the quiet zone; refused when the text is too long for any version
// Entropy, salt and nonce come from crypto.getRandomValues in JS: the runtime has no random source. The
// seed is the host's to keep (wrapped, e.g. under a non-extractable WebCrypto key, in IndexedDB).
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>
#include <qrcodegen/qrcodegen.hpp>
#include <string>

#include "tessera/baked_badge.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/endorsement.hpp"
#include "tessera/json_text.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/record.hpp"
#include "tessera/session.hpp"
#include "tessera/verifier.hpp"

namespace {

using nlohmann::json;
namespace credential = tessera::credential;
namespace crypto = tessera::crypto;

using tessera::to_json;

std::string refuse(const std::string& where, const std::string& message) {
  const std::vector<tessera::Problem> problems{tessera::error_at(where, message)};
  return json{{"ok", false}, {"problems", to_json(problems)}}.dump();
}

template <std::size_t N>
bool from_hex_fixed(const std::string& hex, std::array<std::uint8_t, N>& out) {
  auto bytes = crypto::from_hex(hex);
  if (!bytes || bytes->size() != N) return false;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  crypto::wipe(bytes->data(), bytes->size());
  return true;
}

json key_json(const credential::LearnerKey& key) {
  return {{"did", key.did},
          {"verificationMethod", key.verification_method()},
          {"seedHex", crypto::to_hex(crypto::ByteView(key.pair.secret_key.bytes().data(), 32))}};
}

std::string learner_key_generate(const std::string& entropy_hex) {
  crypto::Seed seed{};
  if (!from_hex_fixed(entropy_hex, seed)) return refuse("entropy", "give 32 bytes of entropy as 64 hex digits");
  const auto key = credential::learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  json out = key_json(key);
  out["ok"] = true;
  return out.dump();
}

std::string learner_key_export(const std::string& seed_hex, const std::string& passphrase, const std::string& salt_hex,
                               const std::string& nonce_hex) {
  crypto::Seed seed{};
  crypto::PasswordSalt salt{};
  crypto::AeadNonce nonce{};
  if (!from_hex_fixed(seed_hex, seed)) return refuse("seed", "the seed must be 64 hex digits");
  if (!from_hex_fixed(salt_hex, salt)) return refuse("salt", "the salt must be 16 random bytes as 32 hex digits");
  if (!from_hex_fixed(nonce_hex, nonce)) return refuse("nonce", "the nonce must be 24 random bytes as 48 hex digits");
  const auto key = credential::learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  const auto file = credential::export_learner_key(key, passphrase, salt, nonce);
  if (!file) return json{{"ok", false}, {"problems", to_json(file.problems())}}.dump();
  return json{{"ok", true}, {"file", file.value()}}.dump();
}

std::string learner_key_import(const std::string& file_text, const std::string& passphrase) {
  const auto key = credential::import_learner_key(file_text, passphrase);
  if (!key) return json{{"ok", false}, {"problems", to_json(key.problems())}}.dump();
  json out = key_json(key.value());
  out["ok"] = true;
  return out.dump();
}

std::string completion_proof(const std::string& course_json, const std::string& events_json,
                             const std::string& seed_hex, const std::string& manifest_sha256,
                             const std::string& created, bool include_private) {
  auto loaded = tessera::course::load(course_json);
  if (!loaded.course) return json{{"ok", false}, {"problems", to_json(loaded.problems)}}.dump();
  const auto read = tessera::json_text::read(events_json, tessera::json_text::record_events, "the events");
  if (!read) return json{{"ok", false}, {"problems", to_json(read.problems())}}.dump();
  const json& events = read.value();
  if (!events.is_array()) return refuse("events", "the events must be a JSON array of event objects");
  std::vector<tessera::record::Event> list;
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto event = tessera::record::from_json(events[i], "/" + std::to_string(i));
    if (!event) return json{{"ok", false}, {"problems", to_json(event.problems())}}.dump();
    list.push_back(std::move(event.value()));
  }
  const auto opened = tessera::session::Session::open(
      std::make_shared<const tessera::course::Course>(std::move(*loaded.course)), std::move(list));
  if (!opened.problems.empty()) return json{{"ok", false}, {"problems", to_json(opened.problems)}}.dump();
  crypto::Seed seed{};
  if (!from_hex_fixed(seed_hex, seed)) return refuse("seed", "the seed must be 64 hex digits");
  const auto key = credential::learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  const auto proof = credential::create_completion_proof(
      opened.session, key, manifest_sha256, created,
      include_private ? credential::PrivateText::included : credential::PrivateText::withheld);
  if (!proof) return json{{"ok", false}, {"problems", to_json(proof.problems())}}.dump();
  return json{{"ok", true}, {"proof", proof.value()}}.dump();
}

std::string signed_facts(const std::string& document_text) {
  const auto document =
      tessera::json_text::read(document_text, tessera::json_text::credential_document, "the document");
  if (!document) return json{{"ok", false}, {"problems", to_json(document.problems())}}.dump();
  if (!document.value().is_object()) return refuse("", "the document is not a JSON object");
  const auto facts = credential::signed_view(document.value());
  if (!facts) return json{{"ok", false}, {"problems", to_json(facts.problems())}}.dump();
  return json{{"ok", true}, {"facts", facts.value()}}.dump();
}

std::string verify(const std::string& document_text, const std::string& options_json) {
  credential::VerifyOptions options;
  const auto read =
      tessera::json_text::parse(options_json, tessera::json_text::verifier_options, "The verifier's options");
  const json& given = read.value;
  credential::KeyRing ring;
  credential::PackageInput package;
  credential::Report unreadable;
  if (read.error) {
    unreadable.checks.push_back({"input", credential::CheckStatus::fail, read.error->sentence()});
    return unreadable.to_json().dump();
  }
  if (!given.is_object()) {
    unreadable.checks.push_back(
        {"input", credential::CheckStatus::fail, "The verifier's options are not a JSON object."});
    return unreadable.to_json().dump();
  }
  options.now = given.value("now", std::string());
  options.language = given.value("language", std::string());  // the page's language for the sentences
  if (given.contains("didDocuments") && given["didDocuments"].is_array()) {
    for (const auto& document : given["didDocuments"]) (void)credential::add_controller_document(ring, document);
  }
  options.keys = &ring;
  // A credential may name several lists (revocation and suspension) and a 1EdTech revocation list; each is
  // read where it lies in `given`, which outlives the verification.
  if (given.contains("statusLists") && given["statusLists"].is_array()) {
    for (const auto& list : given["statusLists"]) options.status_lists.push_back(&list);
  }
  if (given.contains("revocationList") && given["revocationList"].is_object()) {
    options.revocation_list = &given["revocationList"];
  }
  // The lists the page tried to download and could not: said as such, not as "not supplied".
  if (given.contains("unreachable") && given["unreachable"].is_array()) {
    for (const auto& url : given["unreachable"]) {
      if (url.is_string()) options.unreachable_lists.push_back(url.get<std::string>());
    }
  }
  if (given.contains("package") && given["package"].is_object()) {
    const json& p = given["package"];
    package.manifest_text = p.value("manifest", std::string());
    package.complete = p.value("complete", true);
    package.expected_publisher = p.value("publisher", std::string());
    if (p.contains("files") && p["files"].is_object()) {
      for (auto it = p["files"].begin(); it != p["files"].end(); ++it) {
        const auto bytes =
            it.value().is_string() ? crypto::base64url_decode(it.value().get<std::string>()) : std::nullopt;
        if (!bytes) {
          unreadable.checks.push_back(
              {"input", credential::CheckStatus::fail, "The package file " + it.key() + " is not base64url."});
          return unreadable.to_json().dump();
        }
        package.files[it.key()] = std::string(bytes->begin(), bytes->end());
      }
    }
    options.package = &package;
  }
  return credential::verify_text(document_text, options).to_json().dump();
}

std::string check_endorsement(const std::string& document_text, const std::string& subject,
                              const std::string& options_json) {
  credential::VerifyOptions options;
  const auto given = tessera::json_text::parse(options_json, tessera::json_text::verifier_options, "The options");
  if (!given.error && given.value.is_object()) {
    options.now = given.value.value("now", std::string());
    options.language = given.value.value("language", std::string());
  }
  const auto document =
      tessera::json_text::parse(document_text, tessera::json_text::credential_document, "The endorsement");
  if (document.error) {
    credential::EndorsementCheck unreadable;
    unreadable.reason = document.error->sentence();
    return credential::to_json(unreadable).dump();
  }
  return credential::to_json(credential::check_endorsement(document.value, subject, "", options)).dump();
}

std::string unbake_image(const std::string& image_base64url) {
  const auto bytes = crypto::base64url_decode(image_base64url);
  if (!bytes) return refuse("", "the image is not base64url");
  const auto unbaked =
      tessera::baking::unbake(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
  if (!unbaked) return json{{"ok", false}, {"problems", to_json(unbaked.problems())}}.dump();
  const auto& found = unbaked.value();
  return json{{"ok", true},
              {"format", tessera::baking::to_string(found.format)},
              {"form", found.form == tessera::baking::CredentialForm::jwt ? "jwt" : "json"},
              {"credential", found.credential}}
      .dump();
}

std::string bake_image(const std::string& credential_text, const std::string& image_base64url) {
  const auto bytes = crypto::base64url_decode(image_base64url);
  if (!bytes) return refuse("", "the image is not base64url");
  const auto baked = tessera::baking::bake(
      std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), credential_text);
  if (!baked) return json{{"ok", false}, {"problems", to_json(baked.problems())}}.dump();
  return json{{"ok", true}, {"image", crypto::base64url_encode(crypto::as_bytes(baked.value()))}}.dump();
}

std::string qr_code(const std::string& text) {
  std::vector<std::uint8_t> bytes(text.begin(), text.end());
  try {
    // Medium at the least: a printed code survives a fold or a smudge; qrcodegen raises it when it fits.
    const auto code = qrcodegen::QrCode::encodeBinary(bytes, qrcodegen::QrCode::Ecc::MEDIUM);
    json rows = json::array();
    for (int y = 0; y < code.getSize(); ++y) {
      std::string row(static_cast<std::size_t>(code.getSize()), '0');
      for (int x = 0; x < code.getSize(); ++x) {
        if (code.getModule(x, y)) row[static_cast<std::size_t>(x)] = '1';
      }
      rows.push_back(std::move(row));
    }
    return json{{"ok", true}, {"size", code.getSize()}, {"rows", std::move(rows)}}.dump();
  } catch (const qrcodegen::data_too_long&) {
    return refuse("", "the text is " + std::to_string(bytes.size()) +
                          " bytes, more than a QR code holds at error correction M (2,331); share the file instead");
  }
}

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_credentials) {
  emscripten::function("learnerKeyGenerate", &learner_key_generate);
  emscripten::function("learnerKeyExport", &learner_key_export);
  emscripten::function("learnerKeyImport", &learner_key_import);
  emscripten::function("completionProof", &completion_proof);
  emscripten::function("signedFacts", &signed_facts);
  emscripten::function("verifyCredential", &verify);
  emscripten::function("checkEndorsement", &check_endorsement);
  emscripten::function("unbakeImage", &unbake_image);
  emscripten::function("bakeImage", &bake_image);
  emscripten::function("qrCode", &qr_code);
}
