// Fuzz target jcs: any text through RFC 8785 canonicalisation, which must be idempotent.
#include "tessera/jcs.hpp"
#include "harness.hpp"

namespace tessera::fuzz {

void jcs(std::string_view input) {
  const auto canonical = no_throw("jcs::canonicalize_text", [&] { return jcs::canonicalize_text(input); });
  expect_clear(canonical, "jcs::canonicalize_text");
  if (!canonical) return;
  const auto again = no_throw("jcs::canonicalize_text", [&] { return jcs::canonicalize_text(canonical.value()); });
  require(again.ok() && again.value() == canonical.value(), "the canonical form does not canonicalise to itself");
}

}  // namespace tessera::fuzz
