// Fuzz target jsonld: a JSON-LD document through expansion, toRdf and RDFC-1.0 (the shipped contexts only).
#include "tessera/jsonld.hpp"
#include "harness.hpp"

namespace tessera::fuzz {

void jsonld(std::string_view input) {
  const auto document = read_json(input, json_text::credential_document);
  if (!document) return;
  jsonld::Options options;
  options.canonicalize.max_work = 100000;  // a tenth of the default: many inputs per second
  expect_clear(no_throw("jsonld::expand", [&] { return jsonld::expand(*document, options); }), "jsonld::expand");
  expect_clear(no_throw("jsonld::canonical_nquads", [&] { return jsonld::canonical_nquads(*document, options); }),
               "jsonld::canonical_nquads");
}

}  // namespace tessera::fuzz
