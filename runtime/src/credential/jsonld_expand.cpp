// JSON-LD 1.1 Expansion Algorithm (5.1.2) and Value Expansion (5.3.2), safe mode: anything the
// Recommendation would drop silently (undefined terms, relative IRIs, bare values) is an error here.
#include <algorithm>
#include <cctype>

#include "credential/jsonld_internal.hpp"

namespace tessera::jsonld::detail {
namespace {

// NOLINTNEXTLINE(cert-err58-cpp): six characters fit std::string's own buffer: nothing is allocated, nothing thrown
const std::string graph_keyword = "@graph";

const TermDefinition* find_term(const ActiveContext& ctx, const std::string* term) {
  if (!term) return nullptr;
  const auto it = ctx.terms.find(*term);
  return it == ctx.terms.end() ? nullptr : &it->second;
}

json as_array(json value) {
  if (value.is_array()) return value;
  return json::array({std::move(value)});
}

void append_values(json& target, json values) {
  if (!target.is_array()) target = json::array();
  if (values.is_array()) {
    for (json& v : values) target.push_back(std::move(v));
  } else {
    target.push_back(std::move(values));
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::string Processor::checked_iri(const std::optional<std::string>& iri, const std::string& original,
                                   const std::string& where, const char* what) {
  if (!iri) fail(where, std::string(what) + " \"" + original + "\" is mapped to null by the context");
  if (is_keyword(*iri)) {
    if (std::string_view(what) == "@type" && *iri == "@json") return *iri;
    fail(where, std::string(what) + " may not be the keyword " + *iri);
  }
  const std::string problem = iri_problem(*iri);
  if (!problem.empty()) {
    fail(where, "malformed IRI in " + std::string(what) + ": " + problem,
         "use an absolute IRI such as https://example.org/x or urn:uuid:…, or a blank node id _:x");
  }
  return *iri;
}

json Processor::expand_document(const json& document) {
  trim_context_cache();
  json result = expand(initial_context(), nullptr, document, "", false, 0);
  if (result.is_object() && result.size() == 1 && result.contains("@graph")) result = result["@graph"];
  if (result.is_null()) return json::array();
  return as_array(std::move(result));
}

json Processor::expand(ContextPtr active, const std::string* active_property, const json& element,
                       const std::string& where, bool from_map, std::size_t depth) {
  if (depth > options_.max_depth) {
    fail(where, "the document nests deeper than " + std::to_string(options_.max_depth) + " levels");
  }
  if (element.is_null()) return nullptr;
  const TermDefinition* property_def = find_term(*active, active_property);
  if (element.is_array()) {
    json result = json::array();
    for (std::size_t i = 0; i < element.size(); ++i) {
      json item = expand(active, active_property, element[i], pointer_append(where, i), from_map, depth + 1);
      if (property_def && property_def->has_container("@list") && item.is_array()) {
        item = json{{"@list", std::move(item)}};
      }
      if (item.is_array()) {
        for (json& v : item) result.push_back(std::move(v));
      } else if (!item.is_null()) {
        result.push_back(std::move(item));
      }
    }
    return result;
  }
  if (!element.is_object()) {
    if (!active_property || *active_property == "@graph") {
      fail(where, "a bare value here is not part of any statement and would be dropped",
           "put it under a property of a node");
    }
    ContextPtr ctx = active;
    if (property_def && property_def->context) {
      ctx = process_context(active, *property_def->context, where, true, true, active->cacheable);
    }
    return expand_value(*ctx, *active_property, element, where);
  }
  return expand_object(std::move(active), active_property, element, where, from_map, depth);
}

json Processor::expand_object(ContextPtr active, const std::string* active_property, const json& element,
                              const std::string& where, bool from_map, std::size_t depth) {
  const TermDefinition* property_def = find_term(*active, active_property);
  std::shared_ptr<const json> property_scoped = property_def ? property_def->context : nullptr;
  const bool property_scoped_stable = active->cacheable;
  // Step 7: type-scoped contexts do not propagate into nested nodes.
  if (active->previous && !from_map) {
    bool keep = false;
    for (const auto& item : element.items()) {
      const auto expanded = expand_iri(*active, item.key(), false, true, nullptr, where);
      if (expanded == "@value" || (element.size() == 1 && expanded == "@id")) keep = true;
    }
    if (!keep) active = active->previous;
  }
  if (property_scoped) active = process_context(active, *property_scoped, where, true, true, property_scoped_stable);
  if (element.contains("@context"))
    active = process_context(active, element["@context"], where + "/@context", false, true, false);
  const ContextPtr type_scoped = active;
  std::optional<std::string> input_type;
  for (const auto& item : element.items()) {  // nlohmann::json keeps keys sorted, as the algorithm wants
    if (expand_iri(*active, item.key(), false, true, nullptr, where) != "@type") continue;
    std::vector<std::string> types;
    for (const json& t : as_array(item.value())) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
    std::sort(types.begin(), types.end());
    for (const std::string& t : types) {
      if (const TermDefinition* def = find_term(*type_scoped, &t); def && def->context) {
        active = process_context(active, *def->context, pointer_append(where, item.key()), false, false,
                                 type_scoped->cacheable);
      }
    }
    if (!types.empty()) {
      const json last = as_array(item.value()).back();  // a copy: as_array returns a temporary
      if (last.is_string()) input_type = expand_iri(*type_scoped, last.get<std::string>(), true, true, nullptr, where);
    }
  }

  json result = json::object();
  for (const auto& item : element.items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (key == "@context") continue;
    const std::string key_where = pointer_append(where, key);
    const auto expanded_property = expand_iri(*active, key, false, true, nullptr, key_where);
    if (!expanded_property) {
      fail(key_where, "term \"" + key + "\" is mapped to null by the context, so its value would be dropped",
           "remove the entry or use a term the context defines");
    }
    if (!is_keyword(*expanded_property) && expanded_property->find(':') == std::string::npos) {
      fail(key_where, "undefined term \"" + key + "\": no context defines it and there is no @vocab",
           "define it in a context, use an absolute IRI, or remove it");
    }
    const std::string& property = *expanded_property;
    if (is_keyword(property)) {
      if (result.contains(property) && property != "@type") {
        fail(key_where, "colliding keywords: two entries expand to " + property);
      }
      json expanded_value;
      if (property == "@id") {
        if (!value.is_string()) fail(key_where, "@id must be a string");
        const std::string id = value.get<std::string>();
        expanded_value = checked_iri(expand_iri(*active, id, true, false, nullptr, key_where), id, key_where, "@id");
      } else if (property == "@type") {
        expanded_value = result.contains("@type") ? result["@type"] : json::array();
        const json values = as_array(value);
        for (std::size_t i = 0; i < values.size(); ++i) {
          const std::string type_where = value.is_array() ? pointer_append(key_where, i) : key_where;
          if (!values[i].is_string()) fail(type_where, "@type values must be strings");
          const std::string t = values[i].get<std::string>();
          expanded_value.push_back(
              checked_iri(expand_iri(*type_scoped, t, true, true, nullptr, type_where), t, type_where, "@type"));
        }
      } else if (property == "@graph") {
        expanded_value = as_array(expand(active, &graph_keyword, value, key_where, false, depth + 1));
      } else if (property == "@value") {
        if (input_type != "@json" && !(value.is_null() || value.is_primitive())) {
          fail(key_where, "@value must be a string, number, boolean or null",
               "use \"@type\": \"@json\" for JSON values");
        }
        result["@value"] = value;
        continue;
      } else if (property == "@language") {
        if (!value.is_string()) fail(key_where, "@language must be a string");
        expanded_value = lower(value.get<std::string>());
      } else if (property == "@direction") {
        if (value != "ltr" && value != "rtl") fail(key_where, "@direction must be \"ltr\" or \"rtl\"");
        expanded_value = value;
      } else if (property == "@index") {
        if (!value.is_string()) fail(key_where, "@index must be a string");
        expanded_value = value;
      } else if (property == "@list") {
        if (!active_property || *active_property == "@graph") {
          fail(key_where, "a list at the top level or directly in @graph is not part of any statement");
        }
        expanded_value = as_array(expand(active, active_property, value, key_where, false, depth + 1));
      } else if (property == "@set") {
        expanded_value = expand(active, active_property, value, key_where, false, depth + 1);
      } else if (property == "@reverse" || property == "@nest" || property == "@included") {
        fail(key_where, property + " is not supported", "Tessera's JSON-LD processor supports what credentials use");
      } else {
        continue;  // other keywords (e.g. @protected) carry no data here
      }
      result[property] = std::move(expanded_value);
      continue;
    }

    const TermDefinition* key_def = find_term(*active, &key);
    json expanded_value;
    if (key_def && key_def->type_mapping == "@json") {
      expanded_value = json{{"@value", value}, {"@type", "@json"}};
    } else if (key_def && key_def->has_container("@language") && value.is_object()) {
      expanded_value = json::array();
      for (const auto& entry : value.items()) {
        const json items = as_array(entry.value());
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (items[i].is_null()) continue;
          if (!items[i].is_string())
            fail(pointer_append(key_where, entry.key()), "language map values must be strings");
          json v = {{"@value", items[i]}};
          if (entry.key() != "@none" && expand_iri(*active, entry.key(), false, true, nullptr, key_where) != "@none") {
            v["@language"] = lower(entry.key());
          }
          expanded_value.push_back(std::move(v));
        }
      }
    } else {
      expanded_value = expand(active, &key, value, key_where, false, depth + 1);
    }
    if (expanded_value.is_null()) continue;
    if (key_def && key_def->has_container("@list") &&
        !(expanded_value.is_object() && expanded_value.contains("@list"))) {
      expanded_value = json{{"@list", as_array(std::move(expanded_value))}};
    }
    if (key_def && key_def->has_container("@graph")) {
      json graphs = json::array();
      for (json& v : as_array(std::move(expanded_value))) graphs.push_back(json{{"@graph", as_array(std::move(v))}});
      expanded_value = std::move(graphs);
    }
    append_values(result[property], std::move(expanded_value));
  }

  if (result.contains("@value")) {
    for (const auto& entry : result.items()) {
      if (entry.key() != "@value" && entry.key() != "@language" && entry.key() != "@type" && entry.key() != "@index" &&
          entry.key() != "@direction") {
        fail(where, "a value object (with @value) may not also have " + entry.key());
      }
    }
    if (result.contains("@type")) {
      if (result["@type"].size() != 1) fail(where, "a value object has exactly one @type");
      result["@type"] = result["@type"][0];
      if (result.contains("@language")) fail(where, "a value object may not have both @type and @language");
    }
    const bool is_json = result.contains("@type") && result["@type"] == "@json";
    if (!is_json) {
      if (result["@value"].is_null()) return nullptr;
      if (!result["@value"].is_string() && result.contains("@language")) {
        fail(where, "only strings may have a @language");
      }
    }
  } else if (result.contains("@set") || result.contains("@list")) {
    if (result.size() > (result.contains("@index") ? 2U : 1U)) {
      fail(where, "an object with @set or @list may have no other entries than @index");
    }
    if (result.contains("@set")) {
      json set = std::move(result["@set"]);
      result = std::move(set);
    }
  }
  if (result.is_object() && result.size() == 1 && result.contains("@language")) return nullptr;
  if ((!active_property || *active_property == "@graph") && result.is_object()) {
    if (result.contains("@value") || result.contains("@list")) {
      fail(where, "a value or list at the top level or in @graph is not part of any statement");
    }
    if (result.empty() || (result.size() == 1 && result.contains("@id"))) return nullptr;
  }
  return result;
}

json Processor::expand_value(const ActiveContext& active, const std::string& active_property, const json& value,
                             const std::string& where) {
  const auto it = active.terms.find(active_property);
  const TermDefinition* def = it == active.terms.end() ? nullptr : &it->second;
  if (def && value.is_string() && (def->type_mapping == "@id" || def->type_mapping == "@vocab")) {
    const std::string text = value.get<std::string>();
    const bool vocab = def->type_mapping == "@vocab";
    return json{{"@id", checked_iri(expand_iri(active, text, true, vocab, nullptr, where), text, where, "@id")}};
  }
  json result = {{"@value", value}};
  if (def && def->type_mapping && *def->type_mapping != "@id" && *def->type_mapping != "@vocab" &&
      *def->type_mapping != "@none") {
    result["@type"] = *def->type_mapping;
  } else if (value.is_string()) {
    const std::optional<std::string>& language = def && def->has_language ? def->language : active.default_language;
    if (language) result["@language"] = *language;
    const std::optional<std::string>& direction = def && def->has_direction ? def->direction : active.default_direction;
    if (direction) result["@direction"] = *direction;
  }
  return result;
}

}  // namespace tessera::jsonld::detail
