// Fuzz target verifier: a completion proof or credential as text through the verifier core.
#include "tessera/verifier.hpp"
#include "harness.hpp"

namespace tessera::fuzz {

void verifier(std::string_view input) {
  credential::VerifyOptions options;
  options.now = "2026-01-01T00:00:00Z";
  const credential::Report report =
      no_throw("credential::verify_text", [&] { return credential::verify_text(input, options); });
  require(!report.checks.empty(), "the verifier reported no check");
  for (const credential::Check& check : report.checks) {
    require(!check.id.empty() && !check.sentence.empty(), "the verifier reported a check without id or sentence");
  }
  try {
    (void)report.to_json().dump();
  } catch (const std::exception& e) {
    throw Violation(std::string("the verifier's report cannot be printed as JSON: ") + e.what());
  }
}

}  // namespace tessera::fuzz
