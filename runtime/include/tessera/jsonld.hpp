// JSON-LD 1.1 expansion and deserialization to RDF (toRdf) for credentials, with no I/O: the only
// remote contexts are the ones compiled into the runtime (shipped_context_urls()), plus any the caller
// passes in Options::extra_contexts. Safe mode throughout: a term no context defines, a relative or
// malformed IRI, or an unknown context URL is an error with the JSON pointer of the offending value —
// never silently dropped, since a verifier that drops data would accept unsigned data.
//
// Supported: protected terms, type- and property-scoped contexts (@propagate), @vocab, @id/@vocab/@json/
// datatype coercion, @container @set/@list/@graph/@language, @language/@direction, @version 1.1, and the
// canonical lexical forms of native numbers and booleans in toRdf (2.5 → "2.5E0", 3.0 → "3").
// Does NOT support (errors, never silent): @import, @reverse, @nest, @included, index/id/type maps.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/problem.hpp"
#include "tessera/rdfc.hpp"

namespace tessera::jsonld {

struct Options {
  // Extra context documents by URL (e.g. a test vector's example context); shipped ones win on clashes.
  std::map<std::string, nlohmann::json> extra_contexts;
  // Limits for untrusted input.
  std::size_t max_depth = 64;
  // Contexts processed for one document (each entry of every @context array, each scoped context applied):
  // a credential needs a few dozen; a @context array of a million entries would otherwise copy the active
  // context a million times.
  std::size_t max_contexts = 1000;
  rdf::CanonicalizeOptions canonicalize;
};

// The context URLs compiled into the runtime.
[[nodiscard]] std::vector<std::string> shipped_context_urls();

// JSON-LD 1.1 expansion: an array of expanded node objects.
[[nodiscard]] Result<nlohmann::json> expand(const nlohmann::json& document, const Options& options = {});

// Expansion then JSON-LD 1.1 Deserialize-to-RDF (no generalized RDF; rdfDirection unset).
[[nodiscard]] Result<rdf::Dataset> to_rdf(const nlohmann::json& document, const Options& options = {});

// to_rdf, then RDFC-1.0: the canonical N-Quads of the document.
[[nodiscard]] Result<std::string> canonical_nquads(const nlohmann::json& document, const Options& options = {});

}  // namespace tessera::jsonld
