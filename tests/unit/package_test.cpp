// Tests of signed packages: a golden manifest from a fixed key, every kind of tampering named, and the
// package path grammar (a hand-written table) enforced by the signer and the manifest reader.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"
#include "tessera/package.hpp"
#include "tessera/utf8.hpp"

namespace {

tessera::crypto::KeyPair test_key(std::uint8_t fill) {
  tessera::crypto::Seed seed{};
  seed.fill(fill);
  return tessera::crypto::keypair_from_seed(seed);
}

// A function, so the map is built when a test asks, not before main.
const std::map<std::string, std::string>& golden_files() {
  static const std::map<std::string, std::string> files = {
      {"course.json", R"({"format": 1, "id": "golden-course"})"},
      {"media/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
      {"media/walkthrough.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"},
  };
  return files;
}

std::vector<std::string> describe(const std::vector<tessera::Problem>& problems) {
  std::vector<std::string> out;
  out.reserve(problems.size());
  for (const auto& p : problems) out.push_back(p.where + ": " + p.message);
  return out;
}

}  // namespace

TEST_CASE("a manifest signed with a fixed key is byte for byte the golden one", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  CHECK(manifest == tessera::test::read_golden("package/manifest.json"));
  CHECK(tessera::package::verify_package(manifest, golden_files()).empty());
}

TEST_CASE("a tampered, missing or extra file is refused by name", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  auto changed = golden_files();
  changed["media/diagram.svg"][5] = 'S';        // same size, different bytes
  changed["media/walkthrough.vtt"].pop_back();  // cut short
  changed.erase("course.json");                 // missing
  changed["media/extra.js"] = "alert(1)";       // smuggled in
  CHECK(describe(tessera::package::verify_package(manifest, changed)) ==
        std::vector<std::string>{
            "course.json: the file is listed in the manifest but missing from the package",
            "media/diagram.svg: the file's SHA-256 does not match the signed manifest",
            "media/walkthrough.vtt: the file has 38 bytes; the manifest says 39",
            "media/extra.js: the file is not listed in the signed manifest",
        });
}

TEST_CASE("every host's refusal names the first file that does not match, and counts the rest", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  CHECK(tessera::package::refusal_message(tessera::package::verify_package(manifest, golden_files())).empty());
  auto edited = golden_files();
  edited["course.json"][2] = 'F';  // "Format": same size, other bytes
  CHECK(tessera::package::refusal_message(tessera::package::verify_package(manifest, edited)) ==
        "the package does not match its signed manifest: course.json: the file's SHA-256 does not match the signed "
        "manifest");
  edited.erase("media/diagram.svg");
  edited["media/extra.js"] = "alert(1)";
  CHECK(tessera::package::refusal_message(tessera::package::verify_package(manifest, edited)) ==
        "the package does not match its signed manifest: course.json: the file's SHA-256 does not match the signed "
        "manifest (and 2 more problems)");
  const auto other =
      tessera::package::verify_package(manifest, golden_files(), tessera::crypto::did_key(test_key(8).public_key));
  CHECK(tessera::package::refusal_message(other).starts_with(
      "the package's signed manifest is refused: manifest.json: the package is signed by did:key:"));
  // A warning alone refuses nothing.
  CHECK(tessera::package::refusal_message({tessera::warning_at("course.json", "a note")}).empty());
}

TEST_CASE("a player's check of the files it has: the same problems, missing files not looked for", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  const std::map<std::string, std::string> media = {{"media/diagram.svg", "<svg/>"}};
  const auto checked = tessera::package::check_files(manifest, media);
  REQUIRE(checked.manifest);
  CHECK(checked.manifest->course_id == "golden-course");
  CHECK(describe(checked.problems) ==
        std::vector<std::string>{"media/diagram.svg: the file has 6 bytes; the manifest says 41"});
  CHECK(tessera::package::check_files(manifest, {{"course.json", golden_files().at("course.json")}}).problems.empty());
  const auto other = tessera::package::check_files(manifest, {}, tessera::crypto::did_key(test_key(8).public_key));
  CHECK_FALSE(other.manifest);
  REQUIRE(other.problems.size() == 1);
  CHECK(other.problems[0].where == "manifest.json");
}

TEST_CASE("a changed manifest or the wrong publisher is refused", "[package]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  auto document = nlohmann::json::parse(manifest);

  SECTION("a digest edited to match a changed file") {
    document["files"][1]["sha256"] = std::string(64, 'a');
    const auto problems = tessera::package::verify_package(document.dump(), golden_files());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "manifest.json");
    CHECK(problems[0].message ==
          "the manifest's signature does not match: the manifest was changed after it was signed");
  }
  SECTION("another key re-signs it under the original publisher's name") {
    const auto forged = nlohmann::json::parse(
        tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(9)).value());
    document["signature"] = forged["signature"];
    const auto problems = tessera::package::verify_package(document.dump(), golden_files());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "the signature's verification method is not the publisher's key");
  }
  SECTION("an unsigned member rides along") {
    document["note"] = "trust me";
    CHECK(describe(tessera::package::verify_package(document.dump(), golden_files())) ==
          std::vector<std::string>{"manifest.json: the manifest has members outside the signed fields"});
  }
  SECTION("signed by someone other than the expected publisher") {
    const std::string other = tessera::crypto::did_key(test_key(9).public_key);
    const auto problems = tessera::package::verify_package(manifest, golden_files(), other);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("not by the expected publisher") != std::string::npos);
  }
  SECTION("not JSON at all") {
    const auto cut = tessera::package::verify_package("{", golden_files());
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].where == "manifest.json line 1, column 2");
    CHECK(cut[0].message.starts_with("manifest.json ends before its JSON value does"));
    CHECK(describe(tessera::package::verify_package("[]", golden_files())) ==
          std::vector<std::string>{"manifest.json: the manifest is not a JSON object"});
  }
  SECTION("a member written twice, the first one what a person reads") {
    // A reader that keeps the last "files" would check the signed list; a person reads the empty one.
    std::string twice = manifest;
    twice.insert(twice.find('{') + 1, "\n  \"files\": [],");
    const auto problems = tessera::package::verify_package(twice, golden_files());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "manifest.json/files");
    CHECK(problems[0].message.starts_with("manifest.json has the member \"files\" twice in one object (line "));
  }
  SECTION("a NUL byte after the manifest, hiding what follows from some readers") {
    const std::string hidden = manifest + std::string(1, '\0') + R"({"files":[]})";
    const auto problems = tessera::package::verify_package(hidden, golden_files());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "manifest.json has a NUL byte (byte offset " + std::to_string(manifest.size()) + ")");
  }
}

// ─── Package paths ───

namespace {

// A manifest the way a forger would sign it by hand: any paths, signed over JCS with `key`, bypassing
// sign_manifest's own refusal.
std::string hand_signed_manifest(const std::vector<std::string>& paths, const tessera::crypto::KeyPair& key) {
  const std::string did = tessera::crypto::did_key(key.public_key);
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& path : paths) listed.push_back({{"path", path}, {"size", 1}, {"sha256", std::string(64, '0')}});
  nlohmann::json document = {{"format", 1},
                             {"course", {{"id", "golden-course"}, {"version", "1.0.0"}}},
                             {"publisher", did},
                             {"files", listed}};
  const auto canonical = tessera::jcs::canonicalize(document);
  const auto signature = tessera::crypto::sign(tessera::crypto::as_bytes(canonical.value()), key.secret_key);
  document["signature"] = {{"type", "Ed25519-JCS"},
                           {"verificationMethod", did + "#" + did.substr(8)},
                           {"signatureValue", tessera::crypto::multibase_base58btc(signature)}};
  return document.dump();
}

}  // namespace

TEST_CASE("package paths: the portable grammar, accepted and refused with the reason", "[package][paths]") {
  // Written by hand from docs/package-format.md, "Package paths".
  const std::vector<std::string> accepted = {
      "course.json",
      "media/intro.png",
      "media/sub/deep/walk.through.v2.vtt",
      "médias/café.png",  // UTF-8 beyond ASCII
      "media/日本語.png",
      "media/a+b_c-d (1).png",       // inner spaces and URL-harmless punctuation
      ".htaccess",                   // a hidden name is a valid name (pack leaves hidden files out)
      "con-tact.png",                // not a device: the stem is "con-tact"
      "COM10.txt",                   // devices are COM1–COM9 only
      "a/" + std::string(255, 'n'),  // the longest name
      std::string(255, 'x') + "/" + std::string(254, 'y') + "/z",  // 512 bytes: the longest path
  };
  for (const auto& path : accepted) {
    INFO(path);
    CHECK_FALSE(tessera::package::path_problem(path).has_value());
  }

  const std::vector<std::pair<std::string, std::string>> refused = {
      {"", "it is empty"},
      {std::string(255, 'x') + "/" + std::string(255, 'y') + "/z", "it is longer than 512 bytes"},
      {"a/" + std::string(256, 'n'), "a name in it is longer than 255 bytes"},
      {"/etc/passwd", "it is absolute (starts with '/')"},
      {"../x", "it has a '..' segment"},
      {"media/../../x", "it has a '..' segment"},
      {"media/..", "it has a '..' segment"},
      {"./course.json", "it has a '.' segment"},
      {"media//a.png", "it has an empty segment ('//', or '/' at the end)"},
      {"media/", "it has an empty segment ('//', or '/' at the end)"},
      {"media\\a.png", "it has a backslash; package paths separate folders with '/'"},
      {"..\\x", "it has a backslash; package paths separate folders with '/'"},
      {"C:/x", "it has ':', which file systems or URLs read specially"},
      {"https://example.org/a.png", "it has ':', which file systems or URLs read specially"},
      {"a#b.png", "it has '#', which file systems or URLs read specially"},
      {"%2e%2e/x", "it has '%', which file systems or URLs read specially"},
      {"a?b", "it has '?', which file systems or URLs read specially"},
      {"a*b", "it has '*', which file systems or URLs read specially"},
      {"a<b>", "it has '<', which file systems or URLs read specially"},
      {"a|b", "it has '|', which file systems or URLs read specially"},
      {"say \"hi\"", "it has '\"', which file systems or URLs read specially"},
      {"\x1b[2K\r0 errors", "it has the control character U+001B"},
      {"a\rb", "it has the control character U+000D"},
      {"a\nb", "it has the control character U+000A"},
      {std::string("a\0b", 3), "it has the control character U+0000"},
      {"a\x7f", "it has the control character U+007F"},
      {"a\xc2\x9b[2K", "it has the control character U+009B"},  // C1 CSI as UTF-8
      {"a\xff.png", "it is not valid UTF-8 (byte 2)"},
      {"a\xc0\xaf", "it is not valid UTF-8 (byte 2)"},       // overlong '/'
      {"ab\xed\xa0\x80", "it is not valid UTF-8 (byte 3)"},  // a UTF-16 surrogate
      {"a\xe6\x97", "it is not valid UTF-8 (byte 2)"},       // cut short
      {"notes.", "a name in it ends with '.', which Windows drops"},
      {"media/...", "a name in it ends with '.', which Windows drops"},
      {"notes /a", "a name in it ends with ' ', which Windows drops"},
      {"nul", "'nul' names a device on Windows"},
      {"media/CON.txt", "'CON.txt' names a device on Windows"},
      {"lpt1.png", "'lpt1.png' names a device on Windows"},
  };
  for (const auto& [path, why] : refused) {
    INFO(tessera::utf8::printable(path));
    CHECK(tessera::package::path_problem(path).value_or("accepted") == why);
  }
}

TEST_CASE("a signed manifest listing a path outside the package is refused, naming it", "[package][paths]") {
  REQUIRE(tessera::crypto::init());
  const auto key = test_key(7);
  SECTION("'..' segments") {
    const auto read = tessera::package::verify_manifest(hand_signed_manifest({"course.json", "../x"}, key));
    REQUIRE_FALSE(read.ok());
    CHECK(read.problems()[0].where == "manifest.json");
    CHECK(read.problems()[0].message ==
          "the manifest lists '../x' (files/1/path), which is not a package path: it has a '..' segment");
  }
  SECTION("an absolute path") {
    const auto problems = tessera::package::verify_package(hand_signed_manifest({"/etc/passwd"}, key), golden_files());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "the manifest lists '/etc/passwd' (files/0/path), which is not a package path: it is absolute (starts with "
          "'/')");
  }
  SECTION("a terminal escape, quoted escaped") {
    const auto read = tessera::package::verify_manifest(hand_signed_manifest({"\x1b[2K\r0 errors"}, key));
    REQUIRE_FALSE(read.ok());
    CHECK(read.problems()[0].message ==
          "the manifest lists '\\x1b[2K\\x0d0 errors' (files/0/path), which is not a "
          "package path: it has the control character U+001B");
  }
  SECTION("the same manifest with good paths verifies: the refusal is the path, not the forgery") {
    CHECK(tessera::package::verify_manifest(hand_signed_manifest({"course.json", "media/x.png"}, key)).ok());
  }
}

TEST_CASE("sign_manifest never signs a path outside the grammar", "[package][paths]") {
  REQUIRE(tessera::crypto::init());
  auto with_bad = golden_files();
  with_bad["media/../../etc/passwd"] = "x";
  const auto signed_manifest = tessera::package::sign_manifest("golden-course", "1.0.0", with_bad, test_key(7));
  REQUIRE_FALSE(signed_manifest.ok());
  CHECK(signed_manifest.problems()[0].where == "media/../../etc/passwd");
  CHECK(signed_manifest.problems()[0].message == "the file name is not a package path: it has a '..' segment");
}

TEST_CASE("a host's unlisted file with control characters in its name is named escaped", "[package][paths]") {
  REQUIRE(tessera::crypto::init());
  const std::string manifest =
      tessera::package::sign_manifest("golden-course", "1.0.0", golden_files(), test_key(7)).value();
  auto with_extra = golden_files();
  with_extra["\x1b[2K\r0 errors\xff"] = "";
  CHECK(describe(tessera::package::verify_package(manifest, with_extra)) ==
        std::vector<std::string>{"\\x1b[2K\\x0d0 errors\\xff: the file is not listed in the signed manifest"});
}
