// JSON-LD 1.1 expansion (context processing, term definitions, IRI and value expansion) in safe mode.
//
// Sections: errors · active contexts · the shipped-context cache · IRI expansion · context processing
// (create term definition) · expansion. toRdf lives in jsonld_rdf.cpp. Step names follow the JSON-LD 1.1
// Processing Algorithms and API Recommendation; deviations are errors in safe mode (see jsonld.hpp).
#include "credential/jsonld_internal.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "credential/jsonld_contexts.hpp"

namespace tessera::jsonld::detail {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------- keywords

bool is_keyword(std::string_view s) {
  if (s.empty() || s[0] != '@') return false;  // most calls: terms and IRIs, without hashing them
  static const std::unordered_set<std::string_view> keywords = {
      "@base",      "@container", "@context",  "@direction", "@graph", "@id",      "@import", "@included",
      "@index",     "@json",      "@language", "@list",      "@nest",  "@none",    "@prefix", "@propagate",
      "@protected", "@reverse",   "@set",      "@type",      "@value", "@version", "@vocab"};
  return keywords.count(s) != 0;
}

// "@" followed by letters only: reserved for future keywords, ignored by the algorithms.
bool looks_like_keyword(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

bool is_absolute_iri(std::string_view s) {
  if (s.empty() || std::isalpha(static_cast<unsigned char>(s[0])) == 0) return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return true;
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

std::string iri_problem(std::string_view iri) {
  if (iri.rfind("_:", 0) == 0) return iri.size() > 2 ? std::string{} : "an empty blank node identifier";
  if (!is_absolute_iri(iri)) return "\"" + std::string(iri) + "\" is not an absolute IRI (no scheme such as https:)";
  for (const char ch : iri) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || ch == '<' || ch == '>' || ch == '"' || ch == '{' || ch == '}' || ch == '|' ||
        ch == '\\' || ch == '^' || ch == '`') {
      return "\"" + std::string(iri) +
             "\" is not a valid IRI (it contains a space, control character or one of <>\"{}|\\^`)";
    }
  }
  return {};
}

// ----------------------------------------------------------------------------------------- the context cache

namespace {

struct ShippedDocument {
  std::string url;
  json context;  // the value of the document's @context
};

const std::vector<ShippedDocument>& shipped_documents() {
  static const std::vector<ShippedDocument> documents = [] {
    std::vector<ShippedDocument> out;
    for (const ShippedContext& c : shipped_contexts()) {
      json doc = json::parse(c.text);  // generated from the npm packages at build time: well-formed
      out.push_back({std::string(c.url), std::move(doc.at("@context"))});
    }
    return out;
  }();
  return documents;
}

const json* shipped_context(std::string_view url) {
  for (const ShippedDocument& d : shipped_documents()) {
    if (d.url == url) return &d.context;
  }
  return nullptr;
}

// Results of processing a shipped or scoped context on top of a cached active context, keyed by the
// addresses of both (stable: the cache keeps both alive). Documents with inline contexts bypass the cache.
struct CacheKey {
  const ActiveContext* active;
  const ActiveContext* original;
  const json* local;
  int flags;
  bool operator<(const CacheKey& o) const {
    return std::tie(active, original, local, flags) < std::tie(o.active, o.original, o.local, o.flags);
  }
};
// Entries hold the contexts their keys point at, so a key's address can never be reused by another context.
struct CacheEntry {
  ContextPtr result;
  ContextPtr active;
  ContextPtr original;
};
constexpr std::size_t max_cache_entries = 4096;

std::map<CacheKey, CacheEntry>& context_cache() {
  thread_local std::map<CacheKey, CacheEntry> cache;
  return cache;
}

}  // namespace

std::vector<std::string> shipped_urls() {
  std::vector<std::string> urls;
  for (const ShippedDocument& d : shipped_documents()) urls.push_back(d.url);
  return urls;
}

void trim_context_cache() {
  // Only between calls: during one, the processor relies on cached contexts staying alive.
  if (context_cache().size() >= max_cache_entries) context_cache().clear();
}

ContextPtr initial_context() {
  thread_local const ContextPtr initial = [] {
    auto ctx = std::make_shared<ActiveContext>();
    ctx->cacheable = true;
    return ContextPtr(ctx);
  }();
  return initial;
}

// ------------------------------------------------------------------------------------------ the processor

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const TermDefinition* find_term(const ActiveContext& ctx, const std::string& term) {
  const auto it = ctx.terms.find(term);
  return it == ctx.terms.end() ? nullptr : &it->second;
}

bool has_protected_terms(const ActiveContext& ctx) {
  return std::any_of(ctx.terms.begin(), ctx.terms.end(), [](const auto& t) { return t.second.is_protected; });
}

}  // namespace

class Processor::ContextBuilder {
 public:
  ContextBuilder(Processor& p, ActiveContext& result, const json& local, std::string pointer, bool override_protected)
      : p_(p), result_(result), local_(local), pointer_(std::move(pointer)), override_protected_(override_protected) {}

  void define_all() {
    const bool protected_default =
        local_.contains("@protected") && local_["@protected"].is_boolean() && local_["@protected"].get<bool>();
    for (const auto& item : local_.items()) {
      const std::string& key = item.key();
      if (key == "@base" || key == "@direction" || key == "@import" || key == "@language" || key == "@propagate" ||
          key == "@protected" || key == "@version" || key == "@vocab") {
        continue;
      }
      define(key, protected_default);
    }
  }

  // 4.2.2 Create Term Definition.
  void define(const std::string& term, bool protected_default) {
    const auto state = defined_.find(term);
    if (state != defined_.end()) {
      if (state->second) return;
      p_.fail(pointer_append(pointer_, term), "cyclic IRI mapping: term \"" + term + "\" is defined through itself");
    }
    const std::string where = pointer_append(pointer_, term);
    if (term.empty()) p_.fail(where, "a context defines the empty term", "remove the \"\" entry");
    defined_[term] = false;
    json value = local_.at(term);
    if (term == "@type") {
      const bool allowed = value.is_object() && !value.empty() &&
                           std::all_of(value.items().begin(), value.items().end(), [&](const auto& e) {
                             return (e.key() == "@container" && e.value() == "@set") || e.key() == "@protected";
                           });
      if (!allowed) p_.fail(where, "@type may only be redefined as {\"@container\": \"@set\", \"@protected\": …}");
    } else if (is_keyword(term)) {
      p_.fail(where, "a context redefines the keyword " + term);
    } else if (looks_like_keyword(term)) {
      defined_[term] = true;  // reserved for future keywords: ignored
      return;
    }
    std::optional<TermDefinition> previous;
    if (auto it = result_.terms.find(term); it != result_.terms.end()) {
      previous = std::move(it->second);
      result_.terms.erase(it);
    }
    bool simple_term = false;
    if (value.is_null()) {
      value = json{{"@id", nullptr}};
    } else if (value.is_string()) {
      value = json{{"@id", value}};
      simple_term = true;
    } else if (!value.is_object()) {
      p_.fail(where, "a term definition must be a string, an object or null");
    }
    TermDefinition def;
    def.is_protected = protected_default;
    if (value.contains("@protected")) {
      if (!value["@protected"].is_boolean()) p_.fail(where + "/@protected", "@protected must be true or false");
      def.is_protected = value["@protected"].get<bool>();
    }
    if (value.contains("@type")) {
      const json& type = value["@type"];
      if (!type.is_string()) p_.fail(where + "/@type", "the @type of a term definition must be a string");
      const auto expanded = p_.expand_iri(result_, type.get<std::string>(), false, true, this, where + "/@type");
      if (!expanded || (*expanded != "@id" && *expanded != "@vocab" && *expanded != "@json" && *expanded != "@none" &&
                        !is_absolute_iri(*expanded))) {
        p_.fail(where + "/@type", "invalid type mapping \"" + type.get<std::string>() + "\"");
      }
      def.type_mapping = *expanded;
    }
    if (value.contains("@reverse")) {
      p_.fail(where, "@reverse terms are not supported", "Tessera's JSON-LD processor supports what credentials use");
    }
    if (value.contains("@id") && !(value["@id"].is_string() && value["@id"].get<std::string>() == term)) {
      const json& id = value["@id"];
      if (id.is_null()) {
        def.iri.reset();
      } else {
        if (!id.is_string()) p_.fail(where + "/@id", "the @id of a term definition must be a string or null");
        const std::string id_text = id.get<std::string>();
        if (!is_keyword(id_text) && looks_like_keyword(id_text)) {
          defined_[term] = true;
          return;
        }
        const auto expanded = p_.expand_iri(result_, id_text, false, true, this, where + "/@id");
        if (!expanded || (!is_keyword(*expanded) && !iri_problem(*expanded).empty())) {
          p_.fail(where + "/@id", "term \"" + term + "\" maps to \"" + id_text + "\", which is not an IRI");
        }
        if (*expanded == "@context") p_.fail(where + "/@id", "a term may not be an alias of @context");
        def.iri = *expanded;
        const bool has_colon_or_slash = term.find_first_of(":/", 1) != std::string::npos;
        if (has_colon_or_slash) {
          defined_[term] = true;
          const auto as_iri = p_.expand_iri(result_, term, false, true, this, where);
          if (as_iri != def.iri) {
            p_.fail(where, "term \"" + term + "\" looks like an IRI but maps to a different IRI");
          }
          defined_[term] = false;
        }
        if (term.find_first_of(":/") == std::string::npos && simple_term && !def.iri->empty()) {
          const char last = def.iri->back();
          def.prefix = std::string_view(":/?#[]@").find(last) != std::string_view::npos || def.iri->rfind("_:", 0) == 0;
        }
      }
    } else if (const auto colon = term.find(':', 1); colon != std::string::npos) {
      const std::string prefix = term.substr(0, colon);
      const std::string suffix = term.substr(colon + 1);
      if (local_.contains(prefix)) define(prefix, protected_default);
      const TermDefinition* prefix_def = find_term(result_, prefix);
      if (prefix_def && prefix_def->iri) {
        def.iri = *prefix_def->iri + suffix;
      } else {
        def.iri = term;
      }
    } else if (term.find('/') != std::string::npos) {
      const auto expanded = p_.expand_iri(result_, term, false, true, this, where);
      if (!expanded || !is_absolute_iri(*expanded)) p_.fail(where, "term \"" + term + "\" is a relative IRI");
      def.iri = *expanded;
    } else if (term == "@type") {
      def.iri = "@type";
    } else if (result_.vocab) {
      def.iri = *result_.vocab + term;
    } else {
      p_.fail(where, "term \"" + term + "\" has no IRI and the context has no @vocab");
    }
    if (value.contains("@container")) {
      json container = value["@container"];
      if (!container.is_array()) container = json::array({container});
      for (const json& c : container) {
        if (!c.is_string()) p_.fail(where + "/@container", "@container values must be strings");
        const std::string name = c.get<std::string>();
        if (name != "@set" && name != "@list" && name != "@graph" && name != "@language") {
          if (name == "@index" || name == "@id" || name == "@type") {
            p_.fail(where + "/@container", "@container " + name + " is not supported",
                    "Tessera supports @set, @list, @graph and @language containers");
          }
          p_.fail(where + "/@container", "invalid container mapping " + name);
        }
        def.container.push_back(name);
      }
      std::sort(def.container.begin(), def.container.end());
    }
    if (value.contains("@index")) p_.fail(where + "/@index", "@index in a term definition is not supported");
    if (value.contains("@context")) def.context = std::make_shared<const json>(value["@context"]);
    if (value.contains("@language") && !value.contains("@type")) {
      const json& language = value["@language"];
      if (!language.is_null() && !language.is_string())
        p_.fail(where + "/@language", "@language must be a string or null");
      def.has_language = true;
      if (language.is_string()) def.language = lower(language.get<std::string>());
    }
    if (value.contains("@direction") && !value.contains("@type")) {
      const json& direction = value["@direction"];
      if (!direction.is_null() && direction != "ltr" && direction != "rtl") {
        p_.fail(where + "/@direction", "@direction must be \"ltr\", \"rtl\" or null");
      }
      def.has_direction = true;
      if (direction.is_string()) def.direction = direction.get<std::string>();
    }
    if (value.contains("@nest")) p_.fail(where + "/@nest", "@nest is not supported");
    if (value.contains("@prefix")) {
      if (!value["@prefix"].is_boolean() || term.find_first_of(":/") != std::string::npos) {
        p_.fail(where + "/@prefix", "@prefix must be a boolean, on a term without ':' or '/'");
      }
      def.prefix = value["@prefix"].get<bool>();
    }
    for (const auto& entry : value.items()) {
      static const std::unordered_set<std::string_view> allowed = {"@id",        "@reverse",   "@container", "@context",
                                                                   "@direction", "@index",     "@language",  "@nest",
                                                                   "@prefix",    "@protected", "@type"};
      if (allowed.count(entry.key()) == 0) {
        p_.fail(pointer_append(where, entry.key()), "unknown entry \"" + entry.key() + "\" in a term definition");
      }
    }
    if (!override_protected_ && previous && previous->is_protected) {
      if (!previous->same_definition(def)) {
        p_.fail(where, "protected term \"" + term + "\" is redefined",
                "a context loaded earlier protects this term; use another name, or put that context last");
      }
      def = std::move(*previous);
    }
    result_.terms[term] = std::move(def);
    defined_[term] = true;
  }

  [[nodiscard]] const json& local() const { return local_; }
  [[nodiscard]] bool is_defined_or_pending(const std::string& term) const { return defined_.count(term) != 0; }
  [[nodiscard]] bool is_defined(const std::string& term) const {
    const auto it = defined_.find(term);
    return it != defined_.end() && it->second;
  }

 private:
  Processor& p_;
  ActiveContext& result_;
  const json& local_;
  std::string pointer_;
  bool override_protected_;
  std::map<std::string, bool> defined_;
};

bool TermDefinition::same_definition(const TermDefinition& o) const {
  const bool same_context = (!context && !o.context) || (context && o.context && *context == *o.context);
  return iri == o.iri && prefix == o.prefix && type_mapping == o.type_mapping && container == o.container &&
         has_language == o.has_language && language == o.language && has_direction == o.has_direction &&
         direction == o.direction && same_context;
}

[[noreturn]] void Processor::fail(std::string where, std::string message, std::string hint) const {
  throw JsonLdError{error_at(std::move(where), std::move(message), std::move(hint))};
}

// 5.2.2 IRI Expansion. nullopt stands for null (a term mapped to null, or a reserved keyword-like word).
std::optional<std::string> Processor::expand_iri(const ActiveContext& ctx, const std::string& value,
                                                 bool document_relative, bool vocab, ContextBuilder* builder,
                                                 const std::string& where) {
  if (is_keyword(value)) return value;
  if (looks_like_keyword(value)) return std::nullopt;
  if (builder && builder->local().contains(value) && !builder->is_defined(value)) {
    builder->define(value, builder->local().contains("@protected") && builder->local()["@protected"] == true);
  }
  if (const TermDefinition* def = find_term(ctx, value)) {
    if (def->iri && is_keyword(*def->iri)) return def->iri;
    if (vocab) return def->iri;
  }
  if (const auto colon = value.find(':', 1); colon != std::string::npos) {
    const std::string prefix = value.substr(0, colon);
    const std::string_view suffix = std::string_view(value).substr(colon + 1);
    if (prefix == "_" || suffix.rfind("//", 0) == 0) return value;
    if (builder && builder->local().contains(prefix) && !builder->is_defined(prefix)) {
      builder->define(prefix, builder->local().contains("@protected") && builder->local()["@protected"] == true);
    }
    if (const TermDefinition* def = find_term(ctx, prefix); def && def->iri && def->prefix) {
      return *def->iri + std::string(suffix);
    }
    if (is_absolute_iri(value)) return value;
  }
  if (vocab && ctx.vocab) return *ctx.vocab + value;
  if (document_relative && ctx.base) {
    fail(where, "relative IRI \"" + value + "\" cannot be resolved", "use an absolute IRI");
  }
  return value;
}

// 4.1.2 Context Processing.
ContextPtr Processor::process_context(const ContextPtr& active, const json& local, const std::string& where,
                                      bool override_protected, bool propagate, bool stable, std::size_t depth) {
  if (depth > 16) fail(where, "contexts nest too deeply (more than 16 levels)");
  if (local.is_array()) {
    ContextPtr result = active;
    bool array_propagate = propagate;
    for (std::size_t i = 0; i < local.size(); ++i) {
      result = process_one(result, active, local[i], pointer_append(where, i), override_protected, array_propagate,
                           stable, depth);
    }
    return result;
  }
  return process_one(active, active, local, where, override_protected, propagate, stable, depth);
}

ContextPtr Processor::process_one(const ContextPtr& result_in, const ContextPtr& original, const json& context,
                                  const std::string& where, bool override_protected, bool propagate, bool stable,
                                  std::size_t depth) {
  if (++contexts_processed_ > options_.max_contexts) {
    fail(where, "the document applies more than " + std::to_string(options_.max_contexts) + " contexts",
         "list each context once; a credential needs a few");
  }
  // Cache lookup: shipped and scoped contexts processed on a cacheable context give the same result.
  const json* cache_local = nullptr;
  if (context.is_string()) {
    const std::string url = context.get<std::string>();
    cache_local = shipped_context(url);
    if (!cache_local) {
      const auto extra = options_.extra_contexts.find(url);
      if (extra == options_.extra_contexts.end()) {
        fail(
            where, "unknown context \"" + url + "\": Tessera never fetches contexts",
            "use one of the contexts the runtime ships: " + [] {
              std::string list;
              for (const std::string& u : shipped_urls()) list += (list.empty() ? "" : ", ") + u;
              return list;
            }());
      }
      if (!extra->second.is_object() || !extra->second.contains("@context")) {
        fail(where, "context document \"" + url + "\" has no @context");
      }
      return process_context(result_in, extra->second["@context"], where, false, true, false, depth + 1);
    }
  } else if (result_in->cacheable && stable) {
    cache_local = &context;
  }
  const int flags = (override_protected ? 1 : 0) | (propagate ? 2 : 0);
  const bool use_cache = cache_local && result_in->cacheable && original->cacheable;
  const CacheKey key{result_in.get(), original.get(), cache_local, flags};
  if (use_cache) {
    auto& cache = context_cache();
    if (const auto hit = cache.find(key); hit != cache.end()) return hit->second.result;
  }
  ContextPtr out = process_uncached(result_in, original, context.is_string() ? *cache_local : context, where,
                                    override_protected, propagate, depth, context.is_string());
  if (use_cache) {
    auto mutable_out = std::const_pointer_cast<ActiveContext>(out);
    mutable_out->cacheable = true;
    context_cache()[key] = CacheEntry{out, result_in, original};
  }
  return out;
}

ContextPtr Processor::process_uncached(const ContextPtr& result_in, const ContextPtr& original, const json& context,
                                       const std::string& where, bool override_protected, bool propagate,
                                       std::size_t depth, bool remote) {
  if (remote) return process_context(result_in, context, where, false, true, false, depth + 1);
  auto result = std::make_shared<ActiveContext>(*result_in);
  result->cacheable = false;
  if (context.is_object() && context.contains("@propagate")) {
    if (!context["@propagate"].is_boolean()) fail(where + "/@propagate", "@propagate must be true or false");
    propagate = context["@propagate"].get<bool>();
  }
  if (!propagate && !result->previous) result->previous = original;
  if (context.is_null()) {
    if (!override_protected && has_protected_terms(*result_in)) {
      fail(where, "a null context would clear protected terms", "remove the null from @context");
    }
    auto fresh = std::make_shared<ActiveContext>();
    if (!propagate) fresh->previous = result->previous;
    return fresh;
  }
  if (!context.is_object()) fail(where, "a context must be a URL, an object or null");
  if (context.contains("@version") && !(context["@version"].is_number() && context["@version"].get<double>() == 1.1)) {
    fail(where + "/@version", "@version must be 1.1");
  }
  if (context.contains("@import")) fail(where + "/@import", "@import is not supported");
  if (context.contains("@base")) {
    const json& base = context["@base"];
    if (base.is_null()) {
      result->base.reset();
    } else if (base.is_string() && iri_problem(base.get<std::string>()).empty() &&
               base.get<std::string>().rfind("_:", 0) != 0) {
      result->base = base.get<std::string>();
    } else {
      fail(where + "/@base", "@base must be an absolute IRI or null (relative bases are not supported)");
    }
  }
  if (context.contains("@vocab")) {
    const json& vocab = context["@vocab"];
    if (vocab.is_null()) {
      result->vocab.reset();
    } else if (vocab.is_string()) {
      const auto expanded = expand_iri(*result, vocab.get<std::string>(), true, true, nullptr, where + "/@vocab");
      if (!expanded || (!is_absolute_iri(*expanded) && expanded->rfind("_:", 0) != 0)) {
        fail(where + "/@vocab", "@vocab must be an absolute IRI or a blank node",
             "relative vocabularies are not supported");
      }
      result->vocab = *expanded;
    } else {
      fail(where + "/@vocab", "@vocab must be a string or null");
    }
  }
  if (context.contains("@language")) {
    const json& language = context["@language"];
    if (language.is_null()) {
      result->default_language.reset();
    } else if (language.is_string()) {
      result->default_language = lower(language.get<std::string>());
    } else {
      fail(where + "/@language", "@language must be a string or null");
    }
  }
  if (context.contains("@direction")) {
    const json& direction = context["@direction"];
    if (direction.is_null()) {
      result->default_direction.reset();
    } else if (direction == "ltr" || direction == "rtl") {
      result->default_direction = direction.get<std::string>();
    } else {
      fail(where + "/@direction", "@direction must be \"ltr\", \"rtl\" or null");
    }
  }
  ContextBuilder builder(*this, *result, context, where, override_protected);
  builder.define_all();
  return result;
}

}  // namespace tessera::jsonld::detail
