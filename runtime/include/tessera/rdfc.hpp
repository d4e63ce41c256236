// RDF datasets, N-Quads, and RDF Dataset Canonicalization RDFC-1.0 (W3C Recommendation, SHA-256).
//
// canonicalize() labels blank nodes with the hash-first-degree / hash-N-degree-quads algorithm and returns
// the sorted canonical N-Quads. A work limit bounds the hash-N-degree search, so a "poison" graph (many
// blank nodes that look alike, e.g. a clique) fails with a clear error in bounded time and memory instead
// of running for years. Does NOT: parse Turtle/TriG, support SHA-384, or produce generalized RDF.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::rdf {

inline constexpr std::string_view xsd_string = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view rdf_lang_string = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

enum class TermKind { iri, blank_node, literal, default_graph };

struct Term {
  TermKind kind = TermKind::default_graph;
  std::string value;     // IRI, blank node label (without "_:"), or literal lexical form
  std::string datatype;  // literals only: datatype IRI (xsd:string when empty)
  std::string language;  // literals only: language tag (then datatype is rdf:langString)

  [[nodiscard]] static Term iri(std::string v) { return {TermKind::iri, std::move(v), {}, {}}; }
  [[nodiscard]] static Term blank(std::string v) { return {TermKind::blank_node, std::move(v), {}, {}}; }
  [[nodiscard]] static Term literal(std::string v, std::string datatype, std::string language = {}) {
    return {TermKind::literal, std::move(v), std::move(datatype), std::move(language)};
  }
  [[nodiscard]] bool is_blank() const { return kind == TermKind::blank_node; }
  friend bool operator==(const Term&, const Term&) = default;
};

struct Quad {
  Term subject;
  Term predicate;
  Term object;
  Term graph;  // TermKind::default_graph for the default graph
};

using Dataset = std::vector<Quad>;

// One N-Quads line, with its final " .\n" (canonical N-Quads escaping, as RDFC-1.0 prescribes).
[[nodiscard]] std::string to_nquad(const Quad& quad);
// The label a blank node is written with in place of its own (RDFC-1.0's relabelling, without copying quads).
using BlankLabel = std::function<std::string_view(const std::string& label)>;
// to_nquad appended to `out`; with `label`, each blank node is written as "_:" + label(its label).
void append_nquad(std::string& out, const Quad& quad, const BlankLabel& label = {});
// All quads, one line each, in the given order.
[[nodiscard]] std::string to_nquads(const Dataset& dataset);

// Parses N-Quads (W3C RDF 1.1 N-Quads; comments and blank lines allowed). Errors name "line N".
[[nodiscard]] Result<Dataset> parse_nquads(std::string_view text);

struct CanonicalizeOptions {
  // Units of work allowed in the hash-N-degree-quads search before giving up: one per quad it examines, and
  // per permutation tried its length plus the identifiers copied with it — the search's cost, so the limit
  // bounds time and memory, not just calls. Real credentials need none: their blank nodes all differ at the
  // first degree. Zero means the default (about a second of work here).
  std::size_t max_work = 0;
};
inline constexpr std::size_t default_max_work = 1000000;

struct Canonical {
  std::string nquads;                                       // sorted canonical N-Quads
  std::vector<std::pair<std::string, std::string>> issued;  // input label → canonical label, issue order
};

// RDFC-1.0 over `dataset` (duplicate quads count once). Fails only when the work limit is exceeded.
[[nodiscard]] Result<Canonical> canonicalize(const Dataset& dataset, const CanonicalizeOptions& options = {});

}  // namespace tessera::rdf
