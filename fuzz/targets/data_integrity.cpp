// Fuzz target data_integrity: a secured document through verify_proof (both cryptosuites), signed_view and
// the Open Badges 3.0 checks.
#include "tessera/data_integrity.hpp"
#include "harness.hpp"
#include "tessera/ob3_check.hpp"
#include "tessera/verifier.hpp"

namespace tessera::fuzz {

void data_integrity(std::string_view input) {
  const auto document = read_json(input, json_text::credential_document);
  if (!document) return;
  const credential::ProofCheck check =
      no_throw("credential::verify_proof", [&] { return credential::verify_proof(*document); });
  expect_clear(check.problems, "credential::verify_proof");
  require(check.verified == check.problems.empty(), "verify_proof's verdict and its problems disagree");
  expect_clear(no_throw("credential::signed_view", [&] { return credential::signed_view(*document); }),
               "credential::signed_view");
  expect_clear(no_throw("ob3::check", [&] { return ob3::check(*document); }), "ob3::check");
  credential::KeyRing ring;
  expect_clear(no_throw("credential::add_controller_document",
                        [&] { return credential::add_controller_document(ring, *document); }),
               "credential::add_controller_document");
}

}  // namespace tessera::fuzz
