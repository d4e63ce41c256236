// Baked badges (Open Badges 3.0 §5.3): PNG and SVG bake and unbake against images other programs made
// (tests/golden/baking: librsvg's PNG, a hand-written SVG, the specification's own examples), and every kind of
// bad input refused with its byte. Byte offsets below come from `pngcheck -v art.png` (chunk offsets of the type
// field: IHDR 0x0c, bKGD 0x25, IDAT 0x37 with 1163 bytes, IEND 0x4ce; 1238 bytes in all), by hand.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "support.hpp"
#include "tessera/baked_badge.hpp"
#include "tessera/verifier.hpp"

namespace baking = tessera::baking;
using tessera::test::read_golden;

namespace {

// Built when a test first asks, not before main (cert-err58-cpp: a throwing static initialiser).
const std::string& credential_json() {
  static const std::string text =
      "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],"
      "\"name\":\"Caf\xC3\xA9 ]]> test\"}\n";
  return text;
}
const std::string& jwt() {
  static const std::string text = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  return text;
}

std::string be32(std::uint32_t value) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFFu);
  return out;
}

// A PNG chunk written here with zlib's CRC-32, independently of the code under test.
std::string chunk(const std::string& type, const std::string& data) {
  const std::string body = type + data;
  const auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  return be32(static_cast<std::uint32_t>(data.size())) + body + be32(static_cast<std::uint32_t>(crc));
}

// art.png with `extra` inserted after its IHDR chunk (bytes 9–33).
std::string png_with(const std::string& extra) {
  const std::string art = read_golden("baking/art.png");
  return art.substr(0, 33) + extra + art.substr(33);
}

std::string compressed(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(text.data()),
                    static_cast<uLong>(text.size()), 9) == Z_OK);
  out.resize(size);
  return out;
}

tessera::Problem only_problem(const tessera::Result<baking::Unbaked>& result) {
  REQUIRE_FALSE(result.ok());
  return result.problems().front();
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a PNG bakes one uncompressed iTXt chunk right after IHDR, as the specification writes it") {
  const std::string art = read_golden("baking/art.png");
  const auto baked = baking::bake(art, credential_json());
  REQUIRE(baked.ok());
  // OB 3.0 §5.3.1.1: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated
  // keyword, NUL, the text as it is.
  const std::string expected_chunk =
      chunk("iTXt", std::string("openbadgecredential\0\0\0\0\0", 24) + credential_json());
  CHECK(baked.value() == png_with(expected_chunk));
  const auto unbaked = baking::unbake(baked.value());
  REQUIRE(unbaked.ok());
  CHECK(unbaked.value().format == baking::ImageFormat::png);
  CHECK(unbaked.value().form == baking::CredentialForm::json);
  CHECK(unbaked.value().credential == credential_json());
}

TEST_CASE("baking a PNG again replaces its credential instead of adding a second") {
  const auto once = baking::bake(read_golden("baking/art.png"), credential_json());
  REQUIRE(once.ok());
  const auto twice = baking::bake(once.value(), jwt());
  REQUIRE(twice.ok());
  CHECK(count(twice.value(), "openbadgecredential") == 1);
  CHECK(twice.value() == png_with(chunk("iTXt", std::string("openbadgecredential\0\0\0\0\0", 24) + jwt())));
  const auto unbaked = baking::unbake(twice.value());
  REQUIRE(unbaked.ok());
  CHECK(unbaked.value().form == baking::CredentialForm::jwt);
  CHECK(unbaked.value().credential == jwt());
}

TEST_CASE("a compressed openbadgecredential chunk is read, and its inflation stops at the credential limit") {
  const std::string header("openbadgecredential\0\1\0\0\0", 24);  // flag 1, method 0 (zlib)
  const auto unbaked = baking::unbake(png_with(chunk("iTXt", header + compressed(credential_json()))));
  REQUIRE(unbaked.ok());
  CHECK(unbaked.value().credential == credential_json());

  const std::string bomb = compressed(std::string(baking::max_credential_bytes + 1, ' '));
  const auto problem = only_problem(baking::unbake(png_with(chunk("iTXt", header + bomb))));
  CHECK(problem.message.find("inflates to more than 16777216 bytes") != std::string::npos);
  CHECK(problem.where == "byte 66");  // the chunk at byte 34: 8 bytes of length and type, 24 of header
}

TEST_CASE("a damaged or foreign PNG is refused at its byte") {
  const std::string art = read_golden("baking/art.png");
  SECTION("not an image at all") {
    const auto baked = baking::bake("GIF89a\x01\x00", credential_json());
    REQUIRE_FALSE(baked.ok());
    CHECK(baked.problems().front().where == "byte 1");
    CHECK(baked.problems().front().message == "this is neither a PNG nor an SVG image");
  }
  SECTION("a wrong CRC: IDAT's stored CRC is at byte 0x37 + 4 + 1163 + 1 = 1223") {
    std::string damaged = art;
    damaged[0x37 + 4 + 10] = static_cast<char>(damaged[0x37 + 4 + 10] ^ 0x01);
    const auto problem = only_problem(baking::unbake(damaged));
    CHECK(problem.where == "byte 1223");
    CHECK(problem.message.find("the IDAT chunk's CRC is wrong") == 0);
    CHECK_FALSE(baking::bake(damaged, credential_json()).ok());
  }
  SECTION("cut short inside IDAT, whose length field is at byte 0x37 - 4 + 1 = 52") {
    const auto problem = only_problem(baking::unbake(art.substr(0, 600)));
    CHECK(problem.where == "byte 52");
    CHECK(problem.message.find("cut short") != std::string::npos);
  }
  SECTION("cut short before IEND") {
    const auto problem = only_problem(baking::unbake(art.substr(0, 0x4ce - 4)));
    CHECK(problem.where == "byte 1227");
    CHECK(problem.message == "the PNG ends without its IEND chunk (it was cut short)");
  }
  SECTION("bytes after IEND") {
    const auto problem = only_problem(baking::unbake(art + "junk"));
    CHECK(problem.where == "byte 1239");
  }
  SECTION("no credential") {
    const auto problem = only_problem(baking::unbake(art));
    CHECK(problem.message.find("carries no credential") != std::string::npos);
  }
  SECTION("two credentials: the second chunk starts at byte 34 + 12 + 24 + 2 = 72") {
    const std::string one = chunk("iTXt", std::string("openbadgecredential\0\0\0\0\0", 24) + "{}");
    const auto problem = only_problem(baking::unbake(png_with(one + one)));
    CHECK(problem.where == "byte 72");
    CHECK(problem.message.find("two credentials") != std::string::npos);
  }
  SECTION("an image over the limit") {
    const std::string huge = art.substr(0, 8) + std::string(baking::max_image_bytes, '\0');
    CHECK(baking::unbake(huge).problems().front().message.find("more than the 33554432") != std::string::npos);
  }
}

TEST_CASE("only a JSON object or a compact JWT is baked") {
  const std::string art = read_golden("baking/art.png");
  CHECK(baking::bake(art, "hello").problems().front().message ==
        "the credential is neither a JSON object nor a compact JWT");
  CHECK_FALSE(baking::bake(art, "{\"a\":1,\"a\":2}").ok());    // the strict reader: a member twice
  CHECK_FALSE(baking::bake(art, "a.b").ok());                  // two parts are not a JWS
  const auto padded = baking::bake(art, "  " + jwt() + "\n");  // a JWT file's newline is not part of the JWT
  REQUIRE(padded.ok());
  CHECK(baking::unbake(padded.value()).value().credential == jwt());
}

TEST_CASE("an SVG bakes an openbadges:credential element right inside the root and keeps the artwork") {
  const std::string art = read_golden("baking/art.svg");
  const auto baked = baking::bake(art, credential_json());
  REQUIRE(baked.ok());
  // OB 3.0 §5.3.2.1: the namespace declared on <svg>, the element directly after the <svg> tag, the JSON in
  // CDATA; "]]>" inside the JSON is split across two sections.
  const std::string declaration = " xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"";
  const std::string element =
      "<openbadges:credential><![CDATA[{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
      "\"type\":[\"VerifiableCredential\"],\"name\":\"Caf\xC3\xA9 ]]]]><![CDATA[> test\"}\n]]></openbadges:credential>";
  std::string expected = art;
  const auto root = expected.find("<svg ") + 4;
  expected.insert(root, declaration);
  expected.insert(expected.find('>', root) + 1, element);
  CHECK(baked.value() == expected);
  const auto unbaked = baking::unbake(baked.value());
  REQUIRE(unbaked.ok());
  CHECK(unbaked.value().format == baking::ImageFormat::svg);
  CHECK(unbaked.value().credential == credential_json());

  const auto again = baking::bake(baked.value(), jwt());  // replaced, the declaration kept once
  REQUIRE(again.ok());
  CHECK(count(again.value(), "openbadges:credential") == 2);  // its start and end tag
  CHECK(count(again.value(), "xmlns:openbadges") == 1);
  CHECK(again.value().find("<openbadges:credential verify=\"" + jwt() + "\"></openbadges:credential>") !=
        std::string::npos);
  CHECK(baking::unbake(again.value()).value().form == baking::CredentialForm::jwt);
}

TEST_CASE("the specification's own SVG examples unbake") {
  // OB 3.0 §5.3.2.1, "SVG with JWS" and "SVG with JSON" (abridged), as printed.
  const std::string with_jws =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" viewBox=\"0 0 512 512\">\n"
      "  <openbadges:credential verify=\"header.payload.signature\"></openbadges:credential>\n"
      "  <!-- rest-of-image -->\n</svg>\n";
  const auto jws = baking::unbake(with_jws);
  REQUIRE(jws.ok());
  CHECK(jws.value().credential == "header.payload.signature");
  CHECK(jws.value().form == baking::CredentialForm::jwt);
  const std::string with_json =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
      "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" viewBox=\"0 0 512 512\">\n"
      "  <openbadges:credential>\n    <![CDATA[\n      { \"id\": \"http://example.edu/credentials/3732\" }\n"
      "    ]]>\n  </openbadges:credential>\n  <!-- rest-of-image -->\n</svg>\n";
  const auto json = baking::unbake(with_json);
  REQUIRE(json.ok());
  CHECK(json.value().credential == "\n    \n      { \"id\": \"http://example.edu/credentials/3732\" }\n    \n  ");
  CHECK(json.value().form == baking::CredentialForm::json);
}

TEST_CASE("an SVG credential is found by its namespace, not its prefix") {
  const std::string other_prefix =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><ob:credential xmlns:ob=\"https://purl.imsglobal.org/ob/v3p0\">"
      "{&quot;a&quot;: &#x31;}</ob:credential></svg>";
  const auto unbaked = baking::unbake(other_prefix);
  REQUIRE(unbaked.ok());
  CHECK(unbaked.value().credential == "{\"a\": 1}");
  // Open Badges 2.0's element, in its own namespace, is not a 3.0 credential; baking over its prefix is refused.
  const std::string ob2 =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"http://openbadges.org\">"
      "<openbadges:assertion verify=\"https://example.org/a.json\"/></svg>";
  CHECK(baking::unbake(ob2).problems().front().message.find("carries no credential") != std::string::npos);
  CHECK(baking::bake(ob2, credential_json()).problems().front().message.find("binds the prefix openbadges") !=
        std::string::npos);
}

TEST_CASE("an empty root <svg/> gets an end tag around the credential") {
  const auto baked = baking::bake("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", jwt());
  REQUIRE(baked.ok());
  CHECK(baked.value() ==
        "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" xmlns=\"http://www.w3.org/2000/svg\">"
        "<openbadges:credential verify=\"" +
            jwt() + "\"></openbadges:credential></svg>");
}

TEST_CASE("a malformed or unsafe SVG is refused at its byte") {
  const std::string open =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">";
  const std::string element = "<openbadges:credential>{}</openbadges:credential>";
  SECTION("two credentials: the second starts at byte 1 + open + element") {
    const auto problem = only_problem(baking::unbake(open + element + element + "</svg>"));
    CHECK(problem.where == "byte " + std::to_string(open.size() + element.size() + 1));
    CHECK(problem.message.find("two credentials") != std::string::npos);
  }
  SECTION("a DTD internal subset (entities that could expand) is never read") {
    const std::string laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n" + open +
        "<openbadges:credential>&b;</openbadges:credential></svg>";
    const auto problem = only_problem(baking::unbake(laughs));
    CHECK(problem.where == "byte 37");  // the '[' : 22 bytes of declaration and newline, then "<!DOCTYPE svg "
    CHECK(problem.message.find("internal subset") != std::string::npos);
  }
  SECTION("an entity XML does not define") {
    const auto& problem =
        only_problem(baking::unbake(open + "<openbadges:credential>&nbsp;</openbadges:credential></svg>"));
    CHECK(problem.where == "byte " + std::to_string(open.size() + 24));
  }
  SECTION("tags that do not match") {
    const auto problem = only_problem(baking::unbake(open + "<g></svg>"));
    CHECK(problem.where == "byte " + std::to_string(open.size() + 4));
    CHECK(problem.message.find("does not match <g>") != std::string::npos);
  }
  SECTION("cut short") {
    CHECK(only_problem(baking::unbake(open + "<g>")).message.find("cut short") != std::string::npos);
    CHECK(only_problem(baking::unbake("<svg width=\"3")).message.find("ends inside the attribute") !=
          std::string::npos);
  }
  SECTION("an element inside the credential") {
    CHECK(only_problem(baking::unbake(open + "<openbadges:credential><b/></openbadges:credential></svg>"))
              .message.find("holds an element") != std::string::npos);
  }
  SECTION("another encoding than UTF-8") {
    CHECK(only_problem(baking::unbake("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg/>"))
              .message.find("ISO-8859-1") != std::string::npos);
    CHECK(only_problem(baking::unbake("<svg>\xff</svg>")).where == "byte 6");
  }
  SECTION("a root that is not svg, an undeclared prefix, content after the root") {
    CHECK(only_problem(baking::unbake("<html/>")).message.find("not <svg>") != std::string::npos);
    CHECK(only_problem(baking::unbake("<svg><x:y/></svg>")).message.find("not declared") != std::string::npos);
    CHECK(only_problem(baking::unbake("<svg/><svg/>")).where == "byte 7");
  }
  SECTION("nesting past the limit") {
    std::string deep = "<svg>";
    for (std::size_t i = 0; i < baking::max_svg_depth; ++i) deep += "<g>";
    CHECK(only_problem(baking::unbake(deep)).message.find("nest more than 256 deep") != std::string::npos);
  }
  // Found by the large inputs of the unbake target: each attribute was checked against all before it, and each
  // element's namespace looked up through every declaration in scope, so 100,000 of them took minutes.
  SECTION("attributes on one element past the limit") {
    std::string many = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g";
    for (std::size_t i = 0; i < baking::max_svg_attributes; ++i) many += " a" + std::to_string(i) + "=\"1\"";
    CHECK(only_problem(baking::unbake(many + "/></svg>")).message.find("carries no credential") != std::string::npos);
    const tessera::Problem problem = only_problem(baking::unbake(many + " one-more=\"1\"/></svg>"));
    CHECK(problem.message == "<g> has more than 256 attributes");
    CHECK(problem.where == "byte " + std::to_string(many.size() + 11));  // the 257th's value, counting from 1
  }
  SECTION("namespace declarations in scope past the limit") {
    std::string inner;
    for (std::size_t i = 0; i < 200; ++i) inner += " xmlns:p" + std::to_string(i) + "=\"urn:p\"";
    const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"" + inner + "><g" + inner + "/></svg>";
    CHECK(only_problem(baking::unbake(svg)).message == "the SVG declares more than 256 namespaces in scope at once");
    // Declarations go out of scope with their element: siblings may each declare as many.
    const std::string siblings = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g" + inner + "/><g" + inner + "/></svg>";
    CHECK(only_problem(baking::unbake(siblings)).message.find("carries no credential") != std::string::npos);
  }
}

TEST_CASE("the verifier unbakes an image first and says so; an unreadable image is its failed first check") {
  const auto report = tessera::credential::verify_text_or_image(read_golden("baking/art.png"));
  REQUIRE_FALSE(report.checks.empty());
  CHECK(report.checks.front().id == "image");
  CHECK(report.checks.front().status == tessera::credential::CheckStatus::fail);
  CHECK(report.checks.front().sentence.find("No credential could be read from this PNG image") == 0);
  CHECK_FALSE(report.ok());
  const auto baked = baking::bake(read_golden("baking/art.svg"), "{\"not\":\"a credential\"}");
  REQUIRE(baked.ok());
  const auto unbaked_report = tessera::credential::verify_text_or_image(baked.value());
  CHECK(unbaked_report.checks.front().id == "image");
  CHECK(unbaked_report.checks.front().status == tessera::credential::CheckStatus::pass);
  CHECK_FALSE(unbaked_report.ok());  // the credential itself is no credential
}
