// Fuzz target rdfc: N-Quads text parsed, then canonicalised with RDFC-1.0; the canonical N-Quads must read
// back and canonicalise to themselves.
#include "tessera/rdfc.hpp"
#include "harness.hpp"

namespace tessera::fuzz {

void rdfc(std::string_view input) {
  const auto dataset = no_throw("rdf::parse_nquads", [&] { return rdf::parse_nquads(input); });
  expect_clear(dataset, "rdf::parse_nquads");
  if (!dataset) return;
  rdf::CanonicalizeOptions options;
  options.max_work = 100000;  // a tenth of the default: many inputs per second
  const auto canonical = no_throw("rdf::canonicalize", [&] { return rdf::canonicalize(dataset.value(), options); });
  expect_clear(canonical, "rdf::canonicalize");
  if (!canonical) return;
  const auto reread = rdf::parse_nquads(canonical.value().nquads);
  require(reread.ok(), "the canonical N-Quads do not parse: " + canonical.value().nquads);
  const auto again = rdf::canonicalize(reread.value(), options);
  require(again.ok() && again.value().nquads == canonical.value().nquads,
          "the canonical N-Quads do not canonicalise to themselves");
}

}  // namespace tessera::fuzz
