// Benchmarks of the credential core: verifying completion proofs of about 200 evidence events (every check:
// proof, chain, package digest, replay and re-scoring) against the floor of raw libsodium Ed25519
// verification in the same run, RFC 8785 canonicalisation throughput, and how fast a status list gzip bomb
// is refused. Ratios: docs/credentials.md.
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "harness.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/gzip.hpp"
#include "tessera/jcs.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/status_list.hpp"
#include "tessera/verifier.hpp"

namespace {

using nlohmann::json;

constexpr int proofs_per_run = 100;  // ×5 runs: 500 proofs per benchmark (scripts/bench; Release build)

// One module of 100 text blocks: opening and completing each gives 200 evidence events.
std::string make_course() {
  json blocks = json::array();
  for (int b = 0; b < 100; ++b) {
    blocks.push_back(
        {{"id", "b" + std::to_string(b)}, {"type", "text"}, {"markdown", "Paragraph " + std::to_string(b) + "."}});
  }
  return json{{"format", 1},
              {"id", "bench-credential"},
              {"version", "1.0.0"},
              {"defaultLanguage", "en"},
              {"languages", {"en"}},
              {"title", "Benchmark course"},
              {"summary", "For credentials."},
              {"level", "introductory"},
              {"estimatedMinutes", 30},
              {"audience", "Benchmarks"},
              {"publisher", {{"name", "Tessera"}}},
              {"governance", {{"maintainer", "Bench"}, {"reviewBy", "2030-01-01"}}},
              {"frameworks", {{{"id", "own"}, {"name", "Own"}, {"url", "https://example.org"}}}},
              {"competencies", {{{"id", "c1"}, {"framework", "own"}, {"code", "C1"}, {"name", "Competency"}}}},
              {"outcomes",
               {{{"id", "o1"},
                 {"statement", "Do it."},
                 {"verb", "do"},
                 {"condition", "Given a task"},
                 {"criterion", "correctly"},
                 {"competencies", {"c1"}}}}},
              {"credential",
               {{"name", "Bench"},
                {"description", "Bench"},
                {"criteria", "Bench"},
                {"validityMonths", 12},
                {"renewal", "Retake it."}}},
              {"modules", {{{"id", "m"}, {"title", "Module"}, {"estimatedMinutes", 30}, {"blocks", blocks}}}},
              {"assessments",
               {{{"id", "final"},
                 {"kind", "summative"},
                 {"passMark", 0.5},
                 {"items",
                  {{{"id", "q1"},
                    {"type", "true-false"},
                    {"prompt", "True?"},
                    {"correct", true},
                    {"outcomes", {"o1"}},
                    {"competencies", {"c1"}}}}}}}}}
      .dump();
}

std::string proof_text;
tessera::credential::PackageInput package;
tessera::crypto::KeyPair raw_key;
tessera::crypto::Signature raw_signature{};
std::string jcs_input;

void prepare_proof() {
  if (!proof_text.empty()) return;
  (void)tessera::crypto::init();
  const std::string course_text = make_course();
  auto report = tessera::course::load(course_text);
  if (!report.course)
    throw std::runtime_error("the benchmark course does not load: " + report.problems.at(0).where + " " +
                             report.problems.at(0).message);
  auto course = std::make_shared<const tessera::course::Course>(std::move(*report.course));
  auto session = tessera::session::Session::open(course, {}).session;
  std::int64_t t = 1'800'000'000'000;
  for (const auto& block : course->modules[0].blocks) {
    for (const char* type : {"open", "complete"}) {
      if (!session.act({{"type", type}, {"block", block.id}, {"t", t += 20'000}}).ok())
        throw std::runtime_error("refused");
    }
  }
  package.files["course.json"] = course_text;
  tessera::crypto::Seed seed{};
  seed.fill(7);
  package.manifest_text = tessera::package::sign_manifest(course->id, course->version, package.files,
                                                          tessera::crypto::keypair_from_seed(seed))
                              .value();
  seed.fill(9);
  const auto learner = tessera::credential::learner_key_from_entropy(seed);
  auto proof = tessera::credential::create_completion_proof(
      session, learner,
      tessera::crypto::to_hex(tessera::crypto::sha256(tessera::crypto::as_bytes(package.manifest_text))));
  if (!proof) throw std::runtime_error("no proof: " + proof.problems().at(0).message);
  proof_text = proof.value().dump();
  tessera::credential::VerifyOptions options;
  options.package = &package;
  options.now = "2028-01-01T00:00:00Z";
  const auto check = tessera::credential::verify_text(proof_text, options);
  if (!check.ok()) throw std::runtime_error("the proof does not verify: " + check.to_json().dump());
}

void prepare_raw() {
  (void)tessera::crypto::init();
  tessera::crypto::Seed seed{};
  seed.fill(3);
  raw_key = tessera::crypto::keypair_from_seed(seed);
  const std::string message(64, 'x');  // eddsa-jcs-2022 signs 64 bytes: two SHA-256 digests
  raw_signature = tessera::crypto::sign(tessera::crypto::as_bytes(message), raw_key.secret_key);
}

// A JSON document of about 1 MB shaped like credentials: nested objects, strings, numbers, unicode.
void prepare_jcs() {
  if (!jcs_input.empty()) return;
  json events = json::array();
  for (int i = 0; jcs_input.size() < (1u << 20); ++i) {
    events.push_back({{"seq", i + 1},
                      {"type", "answer.submitted"},
                      {"t", 1'800'000'000'000 + std::int64_t{i} * 1000},
                      {"payload",
                       {{"block", "final"},
                        {"item", "q" + std::to_string(i % 40)},
                        {"score", i * 0.125},
                        {"response", {{"answer", {"a", "b", "c"}}, {"note", "réponse « écrite » ✓"}}}}},
                      {"prev", std::string(64, 'f')}});
    if (i % 500 == 499) jcs_input = events.dump();
  }
}

// 100 proofs of one course checked against its package, as a batch (the package's signature and the course are
// checked once: docs/performance.md); the floor is 100 raw Ed25519 verifications.
TESSERA_BENCH({.name = "credential/verify-100-completion-proofs-200-events",
               .repeats = 5,
               .setup = prepare_proof,
               .run =
                   [] {
                     tessera::credential::VerifyOptions options;
                     options.package = &package;
                     options.now = "2028-01-01T00:00:00Z";
                     for (int i = 0; i < proofs_per_run; ++i) {
                       const auto report = tessera::credential::verify_text(proof_text, options);
                       if (!report.ok()) throw std::runtime_error("a proof failed");
                     }
                   },
               .baseline = "credential/ed25519-verify-100-floor"});

TESSERA_BENCH({.name = "credential/ed25519-verify-100-floor", .repeats = 5, .setup = prepare_raw, .run = [] {
                 const std::string message(64, 'x');
                 for (int i = 0; i < proofs_per_run; ++i) {
                   if (!tessera::crypto::verify(raw_signature, tessera::crypto::as_bytes(message),
                                                raw_key.public_key)) {
                     throw std::runtime_error("raw verify failed");
                   }
                 }
               }});

TESSERA_BENCH({.name = "credential/jcs-canonicalize-1MB", .repeats = 9, .setup = prepare_jcs, .run = [] {
                 auto canonical = tessera::jcs::canonicalize_text(jcs_input);
                 if (!canonical) throw std::runtime_error("jcs failed");
                 tessera::bench::keep(canonical.value().data());
               }});

std::string bomb_list;  // "u" + base64url of the gzip of 256 MiB of zeros (about 256 KB)

void prepare_bomb() {
  const auto bomb = tessera::gzip::compress(std::vector<std::uint8_t>(256u << 20, 0));
  bomb_list = "u" + tessera::crypto::base64url_encode(tessera::crypto::ByteView(bomb.data(), bomb.size()));
}

// The refusal costs inflating up to the 16 MiB bound, not the 256 MiB the list would make.
TESSERA_BENCH({.name = "credential/status-list-bomb-256MiB-refused", .repeats = 9, .setup = prepare_bomb, .run = [] {
                 if (tessera::credential::decode_status_list(bomb_list).ok()) throw std::runtime_error("bomb accepted");
               }});

}  // namespace
