// Helpers shared by the tests that sign and verify completion proofs: a course as a signed package, its
// learner, a proof of a session, verify options with the package, and a proof re-signed by its own learner.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/completion.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/learner_key.hpp"
#include "tessera/package.hpp"
#include "tessera/session.hpp"
#include "tessera/verifier.hpp"
#include "verifier_support.hpp"

namespace tessera::test {

// A course signed by the test publisher (seed 22…) and played by the test learner (seed 11…).
struct SignedCourse {
  std::shared_ptr<const course::Course> course;
  credential::PackageInput package;
  std::string manifest_sha256;
  credential::LearnerKey learner = credential::learner_key_from_entropy(seed_of(0x11));
  crypto::KeyPair publisher = crypto::keypair_from_seed(seed_of(0x22));
};

// `course_json` as course.json, with the golden course's media files (files.txt) as small stand-in bytes when
// `with_golden_media`: the manifest lists them, so the package check reads each.
inline SignedCourse signed_course(const std::string& course_json, bool with_golden_media) {
  SignedCourse f;
  auto loaded = course::load(course_json);
  REQUIRE(loaded.course.has_value());
  f.course = std::make_shared<const course::Course>(std::move(*loaded.course));
  f.package.files = {{"course.json", course_json}};
  if (with_golden_media) {
    for (const auto& name : non_empty_lines(read_golden("course/valid/files.txt"))) {
      if (name.starts_with("media/")) f.package.files[name] = "bytes of " + name + "\n";
    }
  }
  f.package.manifest_text =
      package::sign_manifest(f.course->id, f.course->version, f.package.files, f.publisher).value();
  f.manifest_sha256 = crypto::to_hex(crypto::sha256(crypto::as_bytes(f.package.manifest_text)));
  return f;
}

// Acts and requires the action to be accepted.
inline void act(session::Session& s, const nlohmann::json& action) {
  const auto outcome = s.act(action);
  INFO(action.dump());
  REQUIRE(outcome.ok());
}

// The learner's signed completion proof of `s`, made at `created`.
inline nlohmann::json make_proof(const SignedCourse& f, const session::Session& s,
                                 credential::PrivateText private_text = credential::PrivateText::withheld,
                                 const std::string& created = "2027-01-01T10:00:00Z") {
  auto proof = credential::create_completion_proof(s, f.learner, f.manifest_sha256, created, private_text);
  REQUIRE(proof.ok());
  return proof.value();
}

// Verify options that re-score against the package, at `now`.
inline credential::VerifyOptions with_package(const SignedCourse& f, const std::string& now = "2027-01-02T00:00:00Z") {
  credential::VerifyOptions options;
  options.package = &f.package;
  options.now = now;
  return options;
}

// A changed proof signed again with the learner's own key: what a learner forging their own claim can do.
inline nlohmann::json resign(const SignedCourse& f, nlohmann::json proof) {
  proof.erase("proof");
  credential::ProofOptions options;
  options.verification_method = f.learner.verification_method();
  auto signed_again = credential::add_proof(proof, f.learner.pair, options);
  REQUIRE(signed_again.ok());
  return signed_again.value();
}

}  // namespace tessera::test
