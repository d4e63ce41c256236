// Internals shared by the JSON-LD files: active contexts, term definitions and the expansion processor.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessera/jsonld.hpp"

namespace tessera::jsonld::detail {

using nlohmann::json;

struct TermDefinition {
  std::optional<std::string> iri;  // nullopt: the term is mapped to null
  bool prefix = false;
  bool is_protected = false;
  std::optional<std::string> type_mapping;
  std::vector<std::string> container;  // sorted
  bool has_language = false;
  std::optional<std::string> language;
  bool has_direction = false;
  std::optional<std::string> direction;
  std::shared_ptr<const json> context;  // scoped context

  [[nodiscard]] bool has_container(std::string_view name) const {
    for (const std::string& c : container) {
      if (c == name) return true;
    }
    return false;
  }
  // Equal apart from the protected flag (the test for redefining a protected term).
  [[nodiscard]] bool same_definition(const TermDefinition& other) const;
};

struct ActiveContext;
using ContextPtr = std::shared_ptr<const ActiveContext>;

struct ActiveContext {
  std::optional<std::string> base;
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  std::optional<std::string> default_direction;
  std::unordered_map<std::string, TermDefinition> terms;
  ContextPtr previous;     // for non-propagated (type-scoped) contexts
  bool cacheable = false;  // built only from shipped and scoped contexts (see the cache in jsonld.cpp)
};

struct JsonLdError {
  Problem problem;
};

bool is_keyword(std::string_view s);
bool looks_like_keyword(std::string_view s);
bool is_absolute_iri(std::string_view s);
// Empty when `iri` is an absolute IRI or blank node identifier N-Quads can carry; else what is wrong.
std::string iri_problem(std::string_view iri);
std::vector<std::string> shipped_urls();
ContextPtr initial_context();
void trim_context_cache();

class Processor {
 public:
  explicit Processor(const Options& options) : options_(options) {}

  json expand_document(const json& document);

  [[noreturn]] void fail(std::string where, std::string message, std::string hint = {}) const;

  class ContextBuilder;
  std::optional<std::string> expand_iri(const ActiveContext& ctx, const std::string& value, bool document_relative,
                                        bool vocab, ContextBuilder* builder, const std::string& where);
  // `stable`: `local` is a scoped context owned by a cacheable (so cached) context's term, which outlives any
  // cache entry keyed by its address; inline contexts in the document are not.
  ContextPtr process_context(const ContextPtr& active, const json& local, const std::string& where,
                             bool override_protected, bool propagate, bool stable, std::size_t depth = 0);

 private:
  ContextPtr process_one(const ContextPtr& result_in, const ContextPtr& original, const json& context,
                         const std::string& where, bool override_protected, bool propagate, bool stable,
                         std::size_t depth);
  ContextPtr process_uncached(const ContextPtr& result_in, const ContextPtr& original, const json& context,
                              const std::string& where, bool override_protected, bool propagate, std::size_t depth,
                              bool remote);

  json expand(ContextPtr active, const std::string* active_property, const json& element, const std::string& where,
              bool from_map, std::size_t depth);
  json expand_object(ContextPtr active, const std::string* active_property, const json& element,
                     const std::string& where, bool from_map, std::size_t depth);
  json expand_value(const ActiveContext& active, const std::string& active_property, const json& value,
                    const std::string& where);
  std::string checked_iri(const std::optional<std::string>& iri, const std::string& original, const std::string& where,
                          const char* what);

  const Options& options_;
  std::size_t contexts_processed_ = 0;  // against Options::max_contexts
};

}  // namespace tessera::jsonld::detail
