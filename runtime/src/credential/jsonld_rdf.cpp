// JSON-LD 1.1 Deserialize JSON-LD to RDF (8.1) over the expanded form, and the public entry points.
// The walk emits the same triples as node-map generation would (merging nodes by @id only groups triples
// that are emitted anyway); blank node labels differ, which canonicalization erases.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "credential/jsonld_internal.hpp"
#include "tessera/jcs.hpp"

namespace tessera::jsonld {
namespace {

using detail::json;

constexpr const char* rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* xsd_ns = "http://www.w3.org/2001/XMLSchema#";

// xsd:double canonical form as JSON-LD prescribes: JavaScript's toExponential(15) with the trailing zeros
// of the mantissa removed (one digit kept) and the exponent without '+' or leading zeros: 2.5 → "2.5E0".
std::string canonical_double(double value) {
  char buffer[64];
  // NOLINTNEXTLINE(cert-err33-c): 16 digits, a sign and a three-digit exponent fit the 64 bytes
  std::snprintf(buffer, sizeof buffer, "%.15E", value);
  const std::string text(buffer);
  const std::size_t e = text.find('E');
  std::string mantissa = text.substr(0, e);
  while (mantissa.size() > 1 && mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.') mantissa.pop_back();
  const long exponent = std::strtol(text.c_str() + e + 1, nullptr, 10);
  return mantissa + "E" + std::to_string(exponent);
}

class RdfWriter {
 public:
  rdf::Dataset quads;

  rdf::Term node(const json& node, const rdf::Term& graph) {
    rdf::Term subject = node.contains("@id") ? id_term(node["@id"].get<std::string>()) : fresh();
    for (const auto& entry : node.items()) {
      const std::string& key = entry.key();
      if (key == "@type") {
        for (const json& type : entry.value()) {
          quads.push_back(
              {subject, rdf::Term::iri(std::string(rdf_ns) + "type"), id_term(type.get<std::string>()), graph});
        }
        continue;
      }
      if (key.front() == '@') continue;
      const rdf::Term predicate = id_term(key);
      if (predicate.is_blank()) continue;  // no generalized RDF
      for (const json& value : entry.value()) {
        quads.push_back({subject, predicate, object(value, graph), graph});
      }
    }
    if (node.contains("@graph")) {
      for (const json& item : node["@graph"]) {
        if (!item.contains("@value") && !item.contains("@list")) this->node(item, subject);
      }
    }
    return subject;
  }

 private:
  rdf::Term fresh() { return rdf::Term::blank("b" + std::to_string(counter_++)); }

  rdf::Term id_term(const std::string& id) {
    if (id.rfind("_:", 0) != 0) return rdf::Term::iri(id);
    const auto found = labels_.find(id);
    if (found != labels_.end()) return rdf::Term::blank(found->second);
    rdf::Term term = fresh();
    labels_.emplace(id, term.value);
    return term;
  }

  rdf::Term object(const json& item, const rdf::Term& graph) {
    if (item.contains("@value")) return literal(item);
    if (item.contains("@list")) return list(item["@list"], graph);
    return node(item, graph);
  }

  rdf::Term list(const json& items, const rdf::Term& graph) {
    if (items.empty()) return rdf::Term::iri(std::string(rdf_ns) + "nil");
    std::vector<rdf::Term> cells;
    for (std::size_t i = 0; i < items.size(); ++i) cells.push_back(fresh());
    for (std::size_t i = 0; i < items.size(); ++i) {
      quads.push_back({cells[i], rdf::Term::iri(std::string(rdf_ns) + "first"), object(items[i], graph), graph});
      quads.push_back({cells[i], rdf::Term::iri(std::string(rdf_ns) + "rest"),
                       i + 1 < items.size() ? cells[i + 1] : rdf::Term::iri(std::string(rdf_ns) + "nil"), graph});
    }
    return cells.front();
  }

  rdf::Term literal(const json& item) {
    const json& value = item["@value"];
    const std::string type = item.contains("@type") ? item["@type"].get<std::string>() : std::string{};
    if (type == "@json") {
      auto canonical = jcs::canonicalize(value);
      if (!canonical.ok()) {
        json_error = canonical.problems();
        return rdf::Term::literal({}, std::string(rdf_ns) + "JSON");
      }
      return rdf::Term::literal(std::move(canonical.value()), std::string(rdf_ns) + "JSON");
    }
    if (value.is_boolean()) {
      return rdf::Term::literal(value.get<bool>() ? "true" : "false",
                                type.empty() ? std::string(xsd_ns) + "boolean" : type);
    }
    if (value.is_number()) {
      const double number = value.get<double>();
      const bool integral = value.is_number_integer() || (std::isfinite(number) && std::floor(number) == number);
      if (!integral || type == std::string(xsd_ns) + "double" || std::fabs(number) >= 1e21) {
        return rdf::Term::literal(canonical_double(number), type.empty() ? std::string(xsd_ns) + "double" : type);
      }
      std::string lexical;
      if (value.is_number_unsigned()) {
        lexical = std::to_string(value.get<std::uint64_t>());
      } else if (value.is_number_integer()) {
        lexical = std::to_string(value.get<std::int64_t>());
      } else {
        char buffer[40];
        // NOLINTNEXTLINE(cert-err33-c): below 1e21 (checked above), at most 22 characters
        std::snprintf(buffer, sizeof buffer, "%.0f", number);
        lexical = buffer;
        if (lexical == "-0") lexical = "0";
      }
      return rdf::Term::literal(std::move(lexical), type.empty() ? std::string(xsd_ns) + "integer" : type);
    }
    if (item.contains("@language")) {
      return rdf::Term::literal(value.get<std::string>(), std::string(rdf::rdf_lang_string),
                                item["@language"].get<std::string>());
    }
    return rdf::Term::literal(value.get<std::string>(), type.empty() ? std::string(rdf::xsd_string) : type);
  }

  std::size_t counter_ = 0;
  std::unordered_map<std::string, std::string> labels_;

 public:
  std::optional<std::vector<Problem>> json_error;
};

}  // namespace

std::vector<std::string> shipped_context_urls() { return detail::shipped_urls(); }

Result<json> expand(const json& document, const Options& options) {
  try {
    detail::Processor processor(options);
    return processor.expand_document(document);
  } catch (const detail::JsonLdError& e) {
    return e.problem;
  } catch (const json::exception& e) {
    return error_at("", std::string("JSON-LD processing failed: ") + e.what());
  }
}

Result<rdf::Dataset> to_rdf(const json& document, const Options& options) {
  auto expanded = expand(document, options);
  if (!expanded.ok()) return expanded.problems();
  RdfWriter writer;
  const rdf::Term default_graph;
  for (const json& node : expanded.value()) writer.node(node, default_graph);
  if (writer.json_error) return *writer.json_error;
  return std::move(writer.quads);
}

Result<std::string> canonical_nquads(const json& document, const Options& options) {
  auto dataset = to_rdf(document, options);
  if (!dataset.ok()) return dataset.problems();
  auto canonical = rdf::canonicalize(dataset.value(), options.canonicalize);
  if (!canonical.ok()) return canonical.problems();
  return std::move(canonical.value().nquads);
}

}  // namespace tessera::jsonld
