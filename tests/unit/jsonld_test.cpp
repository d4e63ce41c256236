// JSON-LD expansion and toRdf: the shipped contexts, coercions, containers, canonical number forms, and
// the safe-mode errors (unknown context, undefined term, malformed IRI, protected terms, poison graphs).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/jsonld.hpp"

namespace jsonld = tessera::jsonld;
using nlohmann::json;

namespace {

std::string canon(const json& doc) {
  const auto result = jsonld::canonical_nquads(doc);
  INFO((result.ok() ? std::string() : result.problems().front().where + ": " + result.problems().front().message));
  REQUIRE(result.ok());
  return result.value();
}

tessera::Problem refused(const json& doc) {
  const auto result = jsonld::canonical_nquads(doc);
  REQUIRE_FALSE(result.ok());
  return result.problems().front();
}

constexpr const char* v2 = "https://www.w3.org/ns/credentials/v2";  // a json here would be built before main

}  // namespace

TEST_CASE("JSON-LD: the runtime ships the credential contexts") {
  const auto urls = jsonld::shipped_context_urls();
  for (const char* url :
       {"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", "https://w3id.org/security/data-integrity/v2"}) {
    CHECK(std::find(urls.begin(), urls.end(), url) != urls.end());
  }
}

TEST_CASE("JSON-LD: a verifiable credential expands through type-scoped and protected contexts") {
  const json credential = {{"@context", {v2}},
                           {"id", "urn:uuid:1"},
                           {"type", {"VerifiableCredential"}},
                           {"issuer", "did:example:issuer"},
                           {"validFrom", "2024-01-01T00:00:00Z"},
                           {"credentialSubject", {{"id", "did:example:subject"}, {"name", "Ada"}}}};
  CHECK(canon(credential) ==
        "<did:example:subject> <https://schema.org/name> \"Ada\" .\n"
        "<urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://www.w3.org/2018/credentials#VerifiableCredential> .\n"
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:subject> .\n"
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <did:example:issuer> .\n"
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#validFrom> "
        "\"2024-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n");
}

TEST_CASE("JSON-LD: numbers, booleans, @json, lists, language maps and graphs become the right RDF") {
  const json doc = {{"@context",
                     {{{"@version", 1.1},
                       {"ex", "https://example.org/"},
                       {"f", {{"@id", "ex:f"}, {"@type", "http://www.w3.org/2001/XMLSchema#float"}}},
                       {"n", "ex:n"},
                       {"flag", "ex:flag"},
                       {"data", {{"@id", "ex:data"}, {"@type", "@json"}}},
                       {"steps", {{"@id", "ex:steps"}, {"@container", "@list"}}},
                       {"label", {{"@id", "ex:label"}, {"@container", "@language"}}},
                       {"claim", {{"@id", "ex:claim"}, {"@container", "@graph"}}},
                       {"link", {{"@id", "ex:link"}, {"@type", "@id"}}}}}},
                    {"@id", "https://example.org/thing"},
                    {"f", {3.0, 2.5}},
                    {"n", {7, 0.1, -12.0}},
                    {"flag", true},
                    {"data", {{"b", 1}, {"a", {1, "x"}}}},
                    {"steps", {"one", "two"}},
                    {"label", {{"EN", "Hello"}, {"fr", "Bonjour"}}},
                    {"link", "https://example.org/other"},
                    {"claim", {{"@id", "https://example.org/inner"}, {"n", 1}}}};
  const std::string nquads = canon(doc);
  const std::string s = "<https://example.org/thing> ";
  const auto has = [&](const std::string& line) {
    INFO(nquads);
    CHECK(nquads.find(line) != std::string::npos);
  };
  has(s + "<https://example.org/f> \"3\"^^<http://www.w3.org/2001/XMLSchema#float> .\n");
  has(s + "<https://example.org/f> \"2.5E0\"^^<http://www.w3.org/2001/XMLSchema#float> .\n");
  has(s + "<https://example.org/n> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
  has(s + "<https://example.org/n> \"1.0E-1\"^^<http://www.w3.org/2001/XMLSchema#double> .\n");
  has(s + "<https://example.org/n> \"-12\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
  has(s + "<https://example.org/flag> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n");
  has(s +
      "<https://example.org/data> "
      "\"{\\\"a\\\":[1,\\\"x\\\"],\\\"b\\\":1}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n");
  has(s + "<https://example.org/label> \"Hello\"@en .\n");
  has(s + "<https://example.org/label> \"Bonjour\"@fr .\n");
  has(s + "<https://example.org/link> <https://example.org/other> .\n");
  has(s + "<https://example.org/claim> _:c14n");
  has("<https://example.org/inner> <https://example.org/n> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:c14n");
  has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"one\" .\n");
  has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n");
}

TEST_CASE("JSON-LD: an unknown context URL is refused, never fetched") {
  const auto problem =
      refused({{"@context", {v2, "https://example.org/my-context.json"}}, {"type", "VerifiableCredential"}});
  CHECK(problem.where == "/@context/1");
  CHECK(problem.message.find("unknown context \"https://example.org/my-context.json\"") != std::string::npos);
  CHECK(problem.hint.find("https://www.w3.org/ns/credentials/v2") != std::string::npos);
}

TEST_CASE("JSON-LD: an undefined term is an error, not dropped") {
  // The Data Integrity context alone has no @vocab, so "colour" means nothing.
  const auto problem = refused({{"@context", "https://w3id.org/security/data-integrity/v2"},
                                {"id", "https://example.org/x"},
                                {"nested", {{"colour", "red"}}}});
  CHECK(problem.where == "/nested");
  CHECK(problem.message.find("undefined term \"nested\"") != std::string::npos);
  // The VC 2.0 context has no @vocab either: an unknown claim inside the subject is refused.
  const auto claim = refused({{"@context", {v2}},
                              {"type", {"VerifiableCredential"}},
                              {"issuer", "did:example:i"},
                              {"credentialSubject", {{"id", "did:example:s"}, {"colour", "red"}}}});
  CHECK(claim.where == "/credentialSubject/colour");
  CHECK(claim.message.find("undefined term \"colour\"") != std::string::npos);
  // In the VC 1.1 context inside a credential subject.
  const auto deep = refused({{"@context", "https://www.w3.org/2018/credentials/v1"},
                             {"id", "https://example.org/c"},
                             {"type", "VerifiableCredential"},
                             {"credentialSubject", {{"id", "did:example:s"}, {"degree", "BSc"}}}});
  CHECK(deep.where == "/credentialSubject/degree");
}

TEST_CASE("JSON-LD: malformed and relative IRIs are refused with their pointer") {
  const json base = {{"@context", {v2}}, {"type", {"VerifiableCredential"}}, {"issuer", "did:example:i"}};
  json relative = base;
  relative["id"] = "credentials/1";
  auto problem = refused(relative);
  CHECK(problem.where == "/id");
  CHECK(problem.message.find("not an absolute IRI") != std::string::npos);

  json spaced = base;
  spaced["credentialSubject"] = {{"id", "https://example.org/a b"}};
  problem = refused(spaced);
  CHECK(problem.where == "/credentialSubject/id");
  CHECK(problem.message.find("malformed IRI") != std::string::npos);

  json coerced = base;
  coerced["issuer"] = "not an iri";
  problem = refused(coerced);
  CHECK(problem.where == "/issuer");
}

TEST_CASE("JSON-LD: protected terms cannot be redefined") {
  const auto problem = refused({{"@context", {v2, {{"name", "https://example.org/myName"}}}},
                                {"type", {"VerifiableCredential"}},
                                {"name", "n"}});
  CHECK(problem.where == "/@context/1/name");
  CHECK(problem.message.find("protected term \"name\"") != std::string::npos);
  // Redefining with the identical definition is allowed.
  CHECK_FALSE(canon({{"@context", {v2, {{"id", "@id"}}}}, {"id", "urn:x:1"}, {"name", "n"}}).empty());
}

TEST_CASE("JSON-LD: a document whose blank nodes form a clique hits the work limit") {
  json nodes = json::array();
  for (int i = 0; i < 10; ++i) {
    json knows = json::array();
    for (int j = 0; j < 10; ++j) {
      if (i != j) knows.push_back({{"@id", "_:n" + std::to_string(j)}});
    }
    nodes.push_back({{"@id", "_:n" + std::to_string(i)}, {"https://example.org/knows", knows}});
  }
  const auto problem = refused({{"@graph", nodes}});
  CHECK(problem.message.find("poison graph") != std::string::npos);
}

TEST_CASE("JSON-LD: a long @context array is refused at the limit, not processed entry by entry") {
  json contexts = json::array();
  for (int i = 0; i < 100000; ++i) contexts.push_back(v2);
  const auto problem = refused({{"@context", contexts}, {"id", "urn:x:1"}});
  CHECK(problem.message == "the document applies more than 1000 contexts");
  // It stops within the first thousand entries (a shipped context counts with the one it loads), and says where.
  REQUIRE(problem.where.starts_with("/@context/"));
  CHECK(std::stoul(problem.where.substr(10)) < 1000);
  // A handful is fine.
  CHECK_FALSE(canon({{"@context", {v2, v2, v2}}, {"id", "urn:x:1"}, {"name", "n"}}).empty());
}

TEST_CASE("JSON-LD: bare values and lists at the top level are errors") {
  CHECK(refused({{"@context", {v2}}, {"@graph", {"loose string"}}}).where == "/@graph/0");
  CHECK(refused({{"@context", {v2}}, {"@id", "urn:x:1"}, {"@type", 5}}).where == "/@type");
}
