// Tests of signed packages: a golden manifest from a fixed key, and every kind of tampering named.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/package.hpp"

namespace {

tessera::crypto::KeyPair test_key(std::uint8_t fill) {
  tessera::crypto::Seed seed{};
  seed.fill(fill);
  return tessera::crypto::keypair_from_seed(seed);
}

const std::map<std::string, std::string> files = {
    {"course.json", R"({"format": 1, "id": "golden-course"})"},
    {"media/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
    {"media/walkthrough.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"},
};

std::vector<std::string> describe(const std::vector<tessera::Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.where + ": " + p.message);
  return out;
}

}  // namespace

TEST_CASE("a manifest signed with a fixed key is byte for byte the golden one", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest = tessera::package::sign_manifest("golden-course", "1.0.0", files, test_key(7));
  CHECK(manifest == tessera::test::read_golden("package/manifest.json"));
  CHECK(tessera::package::verify_package(manifest, files).empty());
}

TEST_CASE("a tampered, missing or extra file is refused by name", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest = tessera::package::sign_manifest("golden-course", "1.0.0", files, test_key(7));
  auto changed = files;
  changed["media/diagram.svg"][5] = 'S';                 // same size, different bytes
  changed["media/walkthrough.vtt"].pop_back();           // cut short
  changed.erase("course.json");                          // missing
  changed["media/extra.js"] = "alert(1)";                // smuggled in
  CHECK(describe(tessera::package::verify_package(manifest, changed)) ==
        std::vector<std::string>{
            "course.json: the file is listed in the manifest but missing from the package",
            "media/diagram.svg: the file's SHA-256 does not match the signed manifest",
            "media/walkthrough.vtt: the file has 38 bytes; the manifest says 39",
            "media/extra.js: the file is not listed in the signed manifest",
        });
}

TEST_CASE("a changed manifest or the wrong publisher is refused", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest = tessera::package::sign_manifest("golden-course", "1.0.0", files, test_key(7));
  auto document = nlohmann::json::parse(manifest);

  SECTION("a digest edited to match a changed file") {
    document["files"][1]["sha256"] = std::string(64, 'a');
    const auto problems = tessera::package::verify_package(document.dump(), files);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "manifest.json");
    CHECK(problems[0].message == "the manifest's signature does not match: the manifest was changed after it was signed");
  }
  SECTION("another key re-signs it under the original publisher's name") {
    const auto forged = nlohmann::json::parse(
        tessera::package::sign_manifest("golden-course", "1.0.0", files, test_key(9)));
    document["signature"] = forged["signature"];
    const auto problems = tessera::package::verify_package(document.dump(), files);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "the signature's verification method is not the publisher's key");
  }
  SECTION("an unsigned member rides along") {
    document["note"] = "trust me";
    CHECK(describe(tessera::package::verify_package(document.dump(), files)) ==
          std::vector<std::string>{"manifest.json: the manifest has members outside the signed fields"});
  }
  SECTION("signed by someone other than the expected publisher") {
    const std::string other = tessera::crypto::did_key(test_key(9).public_key);
    const auto problems = tessera::package::verify_package(manifest, files, other);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("not by the expected publisher") != std::string::npos);
  }
  SECTION("not JSON at all") {
    const auto cut = tessera::package::verify_package("{", files);
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].where == "manifest.json line 1, column 2");
    CHECK(cut[0].message.starts_with("manifest.json ends before its JSON value does"));
    CHECK(describe(tessera::package::verify_package("[]", files)) ==
          std::vector<std::string>{"manifest.json: the manifest is not a JSON object"});
  }
  SECTION("a member written twice, the first one what a person reads") {
    // A reader that keeps the last "files" would check the signed list; a person reads the empty one.
    std::string twice = manifest;
    twice.insert(twice.find('{') + 1, "\n  \"files\": [],");
    const auto problems = tessera::package::verify_package(twice, files);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "manifest.json/files");
    CHECK(problems[0].message.starts_with("manifest.json has the member \"files\" twice in one object (line "));
  }
  SECTION("a NUL byte after the manifest, hiding what follows from some readers") {
    const std::string hidden = manifest + std::string(1, '\0') + R"({"files":[]})";
    const auto problems = tessera::package::verify_package(hidden, files);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "manifest.json has a NUL byte (byte offset " + std::to_string(manifest.size()) + ")");
  }
}
